// tp lab hash <answer>: the stored form of an accepted literal answer.
import { hashAnswer } from '../../checks/answer-hash.js';
import { normaliseAnswer } from '../../answers/normalise.js';
import type { CliIo } from '../io.js';

export const runLabHash = async (answer: string, options: { caseSensitive?: boolean }, io: CliIo): Promise<number> => {
  const normalised = normaliseAnswer(answer, { caseSensitive: options.caseSensitive ?? false, collapseSpaces: true });
  io.stdout.write(`${await hashAnswer(normalised)}\n`);
  return 0;
};
