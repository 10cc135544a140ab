// The words every room shares: the two course languages, a text written in
// both, and how `{name}` placeholders are filled — in check messages, engine
// messages and UI words alike.

export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];

export const isLang = (value: string): value is Lang => (LANGS as readonly string[]).includes(value);

/** A text in both course languages. */
export interface Text {
  fr: string;
  en: string;
}

/** The text in `lang`, else whichever language the author wrote. */
export const pick = (text: Text, lang: Lang): string => text[lang] || text.fr || text.en;

/** Values for `{name}` placeholders; an undefined one leaves its placeholder visible. */
export type TextData = Readonly<Record<string, string | number | undefined>>;

const MESSAGE_PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Replaces each placeholder (`{name}` unless another pattern is given, whose
 * first group is the name) by `data.name`; an unknown name is left as is so the gap shows.
 */
export const interpolate = (template: string, data: TextData = {}, placeholder: RegExp = MESSAGE_PLACEHOLDER): string =>
  template.replace(placeholder, (whole, name: string) => {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    return value === undefined ? whole : String(value);
  });
