// tp grade merge <shard outputs…>: combines the gradebooks the pods of an
// Indexed Job wrote (one per `--shard i/n`) into one, in the cohort's order.
import { readFile, stat } from 'node:fs/promises';
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
}

/** A shard's output directory or its grades.json. */
const gradesFileOf = async (input: string): Promise<string> => {
  try {
    return (await stat(input)).isDirectory() ? join(input, gradebookFormatters.json.file) : input;
  } catch {
    throw new TpError('IO', `${input}: no such file or directory`, 'Give the --output directories of the shards (each holds a grades.json).');
  }
};

export const runGradeMerge = async (inputs: string[], options: GradeMergeOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const formats = parseFormats(options.format);
  const files = await Promise.all(inputs.map((input) => gradesFileOf(resolve(io.cwd, input))));
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
  const { gradebook, warnings } = mergeGradebooks(parts, inputs, io.now().toISOString());
  for (const warning of warnings) io.stderr.write(`tp: warning: ${warning}\n`);
  await writeGradebook(resolve(io.cwd, options.output), gradebook, formats);
  io.stderr.write(`${translate(lang, 'grade.merged', { shards: parts.length, dir: options.output })}\n`);
  return gradeExitCode(gradebook);
};
