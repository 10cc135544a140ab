// The lookup of UI texts, and the choice of language from the environment.
import type { Lang } from '../lab/types.js';
import { en } from './en.js';
import { fr, type UiMessageId } from './fr.js';

export type { Lang } from '../lab/types.js';
export type { UiMessageId } from './fr.js';

/** Values put into a text: `{name}` → `data.name`. */
/** Values for `{name}` placeholders; an undefined one leaves its placeholder visible. */
export type TextData = Readonly<Record<string, string | number | undefined>>;

export const catalogues: Readonly<Record<Lang, Readonly<Record<UiMessageId, string>>>> = { fr, en };

export const langs: readonly Lang[] = ['fr', 'en'];

export const isLang = (value: string): value is Lang => (langs as readonly string[]).includes(value);

/** Replaces `{name}` by `data.name`; an unknown name is left as is so the gap shows. */
export const interpolate = (template: string, data: TextData = {}): string =>
  template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    return value === undefined ? placeholder : String(value);
  });

export const translate = (lang: Lang, id: UiMessageId, data?: TextData): string =>
  interpolate(catalogues[lang][id], data);

/**
 * French when the locale that POSIX says governs messages starts with `fr`:
 * the first non-empty of LC_ALL, LC_MESSAGES, LANG (so LC_ALL=C beats LANG=fr_FR).
 */
export const detectLang = (env: Readonly<Record<string, string | undefined>>): Lang => {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
  return locale !== undefined && /^fr(?:[_.@-]|$)/i.test(locale) ? 'fr' : 'en';
};
