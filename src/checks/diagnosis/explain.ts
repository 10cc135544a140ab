// A diagnosis in words, for a check's message: its text in both languages
// (placed in the check's `{diagnosis}` or `{why}`), and its ids and facts for
// tools (the JSON report's `details`).
import { interpolate, pick, type Lang, type Text, type TextData } from '../../core/text.js';
import { DIAGNOSIS_MESSAGES } from './messages.js';
import type { Diagnosis } from './types.js';

const render = (diagnosis: Diagnosis, lang: Lang): string => {
  const words = Object.fromEntries(Object.entries(diagnosis.words ?? {}).map(([name, text]) => [name, pick(text, lang)]));
  const cause = diagnosis.cause ? { cause: render(diagnosis.cause, lang) } : {};
  const said = interpolate(pick(DIAGNOSIS_MESSAGES[diagnosis.id], lang), { ...diagnosis.data, ...words, ...cause });
  // Events that say more than the state itself, after any pod's diagnosis but the one made of them.
  const events = diagnosis.id !== 'events' ? diagnosis.words?.events : undefined;
  if (!events) return said;
  return lang === 'fr' ? `${said} ; événements : ${pick(events, lang)}` : `${said}; events: ${pick(events, lang)}`;
};

/** The diagnosis in both languages. */
export const explain = (diagnosis: Diagnosis): Text => ({ fr: render(diagnosis, 'fr'), en: render(diagnosis, 'en') });

/** `text` after a separator, to end a sentence with (`: …` in English, ` : …` in French); nothing when absent. */
export const appended = (text: Text | undefined, separator: Text = { fr: ' : ', en: ': ' }): Text =>
  text ? { fr: `${separator.fr}${text.fr}`, en: `${separator.en}${text.en}` } : { fr: '', en: '' };

/**
 * For tools: `diagnosis` is the path of ids (`pods-not-ready/image-not-found`), then the facts of
 * every level (an outer level's facts kept when an inner one has the same name).
 */
export const diagnosisDetails = (diagnosis: Diagnosis): TextData => {
  const ids: string[] = [];
  const facts: Record<string, string | number> = {};
  for (let level: Diagnosis | undefined = diagnosis; level; level = level.cause) {
    ids.push(level.id);
    for (const [name, value] of Object.entries(level.data)) if (!Object.hasOwn(facts, name)) facts[name] = value;
  }
  return { diagnosis: ids.join('/'), ...facts };
};

/** How many items a diagnosis names before "and N more". */
const FEW = 3;

/** A few items, then how many more, in both languages: what a message can show of a list. */
export const fewOf = (items: readonly string[]): Text => {
  const shown = items.slice(0, FEW).join(', ');
  const rest = items.length - Math.min(items.length, FEW);
  if (rest === 0) return { fr: shown, en: shown };
  return { fr: `${shown} et ${rest} autre${rest > 1 ? 's' : ''}`, en: `${shown} and ${rest} more` };
};
