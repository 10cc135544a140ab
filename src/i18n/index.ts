// The lookup of UI texts, and the choice of language from the environment.
import { interpolate, type Lang, type TextData } from '../core/text.js';
import { en } from './en.js';
import { fr, type UiMessageId } from './fr.js';

export type { UiMessageId } from './fr.js';

export const catalogues: Readonly<Record<Lang, Readonly<Record<UiMessageId, string>>>> = { fr, en };

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
