// tp grade merge <shard outputs…>: combines the gradebooks the pods of an
// Indexed Job wrote (one per `--shard i/n`) into one, in the cohort's order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TpError } from '../../core/errors.js';
import { mergeGradebooks } from '../../grade/merge.js';
import { translate } from '../../i18n/index.js';
import { chooseLang, type CliIo } from '../io.js';
import { gradeExitCode, parseFormats } from './grade-options.js';
import { writeGradebook } from '../write-gradebook.js';
import { gradebookFormatters } from '../../report/index.js';
import { parseGradebookJson } from '../../report/gradebook-json.js';

export interface GradeMergeOptions {
  output: string;
  format?: string[];
  lang?: string;
  exitZeroWithErrors?: boolean;
}

const isFile = async (path: string): Promise<boolean> => (await stat(path).catch(() => undefined))?.isFile() === true;

/**
 * A shard's grades.json, its output directory, or a directory of shard directories (what the pods of
 * an Indexed Job write side by side: a glob needs a shell, which tp's image has none of).
 */
const gradesFilesOf = async (input: string): Promise<string[]> => {
  const GRADES = gradebookFormatters.json.file;
  const info = await stat(input).catch(() => undefined);
  if (info === undefined) throw new TpError('IO', `${input}: no such file or directory`, 'Give the --output directories of the shards (each holds a grades.json).');
  if (!info.isDirectory()) return [input];
  if (await isFile(join(input, GRADES))) return [join(input, GRADES)];
  const entries = (await readdir(input, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const shards = [];
  for (const name of entries) if (await isFile(join(input, name, GRADES))) shards.push(join(input, name, GRADES));
  if (shards.length === 0) throw new TpError('IO', `${input} holds no ${GRADES}, nor any directory holding one`, 'Give the --output directories of the shards (each holds a grades.json), or the directory that holds them.');
  return shards;
};

export const runGradeMerge = async (inputs: string[], options: GradeMergeOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const formats = parseFormats(options.format);
  const files = (await Promise.all(inputs.map((input) => gradesFilesOf(resolve(io.cwd, input))))).flat();
  const parts = await Promise.all(
    files.map(async (file) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new TpError('IO', `cannot read ${file}: ${(error as Error).message}`, 'Was this shard written completely? grades.json is written last.');
      }
      return parseGradebookJson(text, file);
    }),
  );
  const { gradebook, warnings } = mergeGradebooks(parts, files, io.now().toISOString());
  for (const warning of warnings) io.stderr.write(`tp: warning: ${warning}\n`);
  await writeGradebook(resolve(io.cwd, options.output), gradebook, formats);
  io.stderr.write(`${translate(lang, 'grade.merged', { shards: parts.length, dir: options.output })}\n`);
  return gradeExitCode(gradebook, options.exitZeroWithErrors);
};
