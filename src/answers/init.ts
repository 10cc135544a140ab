// `tp init`: create the answers file, or complete it with the keys it lacks. A value the
// student wrote is never changed, and the file is replaced atomically or not at all.
import { stat } from 'node:fs/promises';
import { AnswersError } from '../core/errors.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { parseAnswers, parseAnswersWithLayout } from './read.js';
import { readAnswersBytes } from './read-bytes.js';
import { answersTemplate, insertKeys } from './insert-keys.js';
import type { AnswersFile } from './types.js';

export interface InitResult {
  /** The file did not exist and was written from the template. */
  created: boolean;
  /** Keys added with `<fix me>`, in the order given. */
  added: string[];
  /** Keys the file already had, in file order, values untouched. */
  kept: string[];
}

const readExisting = async (path: string): Promise<Buffer | undefined> => {
  // A link to nowhere is a file to create too, as before; anything else is read as tp check reads it.
  const exists = await stat(path).then(() => true, (error: unknown) => !(error instanceof Error && 'code' in error && error.code === 'ENOENT'));
  return exists ? readAnswersBytes(path) : undefined;
};

const parsedOrUndefined = (text: string, path: string): AnswersFile | undefined => {
  try {
    return parseAnswers(text, path);
  } catch {
    return undefined;
  }
};

/** Proof, before writing, that the completed file keeps every answer exactly. */
const keepsAnswers = (before: AnswersFile, after: AnswersFile | undefined, added: readonly string[]): boolean =>
  after !== undefined &&
  [...before.answers].every(([key, answer]) => {
    const now = after.answers.get(key);
    return now?.state === answer.state && (answer.state !== 'answered' || (now.state === 'answered' && now.value === answer.value));
  }) && added.every((key) => after.answers.get(key)?.state === 'placeholder');

export const initAnswersFile = async (path: string, keys: readonly string[]): Promise<InitResult> => {
  const wanted = [...new Set(keys)];
  const existing = await readExisting(path);
  if (existing === undefined) {
    await writeFileAtomic(path, answersTemplate(wanted));
    return { created: true, added: wanted, kept: [] };
  }
  // An unreadable file throws here: it is the student's work, never overwritten.
  const { answers, layout } = parseAnswersWithLayout(existing, path);
  const kept = [...answers.answers.keys()];
  const added = wanted.filter((key) => !answers.answers.has(key));
  if (added.length === 0) return { created: false, added, kept };

  const completed = layout.text.trim() === '' ? answersTemplate(added) : `${layout.bom ? '\uFEFF' : ''}${insertKeys(layout, added)}`;
  if (!keepsAnswers(answers, parsedOrUndefined(completed, path), added)) {
    throw new AnswersError(path, 0, `could not add ${added.join(', ')} without touching your answers: add them by hand`);
  }
  await writeFileAtomic(path, completed);
  return { created: false, added, kept };
};
