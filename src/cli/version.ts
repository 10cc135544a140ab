// The version printed by `tp --version`; the bundle replaces it from package.json.
declare const TP_VERSION: string | undefined;

export const VERSION: string = typeof TP_VERSION === 'string' ? TP_VERSION : '0.0.0-dev';
