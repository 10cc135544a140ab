// Reads `answers/answers_<lab>` (SPEC, "Answers files"). One lenient grammar reads every
// file: on valid JSON it finds what JSON.parse finds and warns of nothing (a property test
// holds it to that); otherwise each tolerated defect is a warning naming its line.
import { readAnswersBytes, type AnswersReadOptions } from './read-bytes.js';
import { decodeAnswersText } from './decode.js';
import { lexAnswers } from './lex.js';
import { readGrammar, type AnswerEntry } from './grammar.js';
import { formatWarnings, type LineWarning } from './warnings.js';
import { PLACEHOLDER, type AnswerValue, type AnswersFile } from './types.js';

/** Where things are in the file, so `tp init` can add keys without touching the rest. */
export interface AnswersLayout {
  /** The text without its byte order mark. */
  text: string;
  bom: boolean;
  lastEntry: AnswerEntry | undefined;
  closingBrace: number | undefined;
}

const isJsonObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

const toAnswer = (entry: AnswerEntry): AnswerValue =>
  entry.value === null || entry.value.trim().toLowerCase() === PLACEHOLDER
    ? { state: 'placeholder', line: entry.line }
    : { state: 'answered', value: entry.value, line: entry.line };

const collect = (entries: readonly AnswerEntry[], warnings: LineWarning[]): Map<string, AnswerValue> => {
  const answers = new Map<string, AnswerValue>();
  for (const entry of entries) {
    const earlier = answers.get(entry.key);
    if (earlier !== undefined) {
      warnings.push({ line: entry.line, message: `"${entry.key}" is given again (first on line ${earlier.line}), the last one is used` });
    }
    if (entry.value === null) warnings.push({ line: entry.line, message: `null read as "${PLACEHOLDER}" (not answered)` });
    answers.set(entry.key, toAnswer(entry));
  }
  return answers;
};

/** Like parseAnswers, with the layout `tp init` needs to complete the file in place. */
export const parseAnswersWithLayout = (
  input: string | Uint8Array,
  file: string,
): { answers: AnswersFile; layout: AnswersLayout } => {
  const { text, bom, warnings } = decodeAnswersText(input, file);
  const strictJson = isJsonObject(text);
  const crlf = text.indexOf('\r\n');
  // CRLF is JSON whitespace: a defect worth a word only in a file that is not JSON anyway.
  if (!strictJson && crlf !== -1) {
    warnings.push({ line: text.slice(0, crlf).split('\n').length, message: 'Windows line endings (CRLF)' });
  }
  const grammar = readGrammar(lexAnswers(text, file, warnings), file, warnings);
  const answers = collect(grammar.entries, warnings);
  return {
    answers: { file, answers, warnings: formatWarnings(warnings) },
    layout: { text, bom, lastEntry: grammar.entries.at(-1), closingBrace: grammar.closingBrace },
  };
};

/** The answers in `text`; throws AnswersError (with the line) when it cannot be understood. */
export const parseAnswers = (text: string | Buffer, file: string): AnswersFile =>
  parseAnswersWithLayout(text, file).answers;

export { unreadableReason } from './unreadable.js';

/** Reads (bounded: see read-bytes.ts) and parses an answers file; every failure is an AnswersError naming the path. */
export const readAnswersFile = async (path: string, options: AnswersReadOptions = {}): Promise<AnswersFile> =>
  parseAnswers(await readAnswersBytes(path, options), path);
