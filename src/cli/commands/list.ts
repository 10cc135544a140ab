// tp list: the labs available.
import { defaultLabsDir, listLabFiles } from '../../lab/find.js';
import { loadLabAt } from '../load-lab.js';
import { maxScore } from '../../lab/types.js';
import { translate } from '../../i18n/index.js';
import { chooseLang, type CliIo } from '../io.js';
import { pick } from '../../core/text.js';

export const runList = async (options: { lang?: string; json?: boolean }, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const labs = await Promise.all(listLabFiles(defaultLabsDir()).map(loadLabAt));
  const rows = labs.map((lab) => ({ id: lab.id, title: pick(lab.title, lang), exercises: lab.exercises.length, maxScore: maxScore(lab) }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header = [translate(lang, 'list.id'), translate(lang, 'list.exercises'), translate(lang, 'list.maxScore'), translate(lang, 'list.title')];
  const table = [header, ...rows.map((r) => [r.id, String(r.exercises), String(r.maxScore), r.title])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  for (const row of table) {
    io.stdout.write(`${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')}\n`);
  }
  return 0;
};
