// tp init <lab>: creates or completes the answers file, never overwriting an answer.
import { resolve } from 'node:path';
import { initAnswersFile } from '../../answers/init.js';
import { translate } from '../../i18n/index.js';
import { chooseLang, type CliIo } from '../io.js';
import { loadLab } from '../load-lab.js';

export const runInit = async (labRef: string, options: { answers?: string; lang?: string }, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const lab = await loadLab(labRef, io.cwd);
  const file = options.answers ?? `answers/answers_${lab.id}`;
  const result = await initAnswersFile(resolve(io.cwd, file), lab.answers.map((a) => a.key));
  const message = result.created
    ? translate(lang, 'init.created', { file })
    : result.added.length > 0
      ? translate(lang, 'init.added', { file, count: result.added.length })
      : translate(lang, 'init.upToDate', { file });
  io.stdout.write(`${message}\n`);
  return 0;
};
