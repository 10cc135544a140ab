// tp submit <lab>: checks the target as tp check does, prints the report, and
// writes the submission file the student hands in (answers/submission_<lab>.json.gz,
// or --output): what the checks read and were answered, to be graded offline.
// Nothing is written when the check could not be made (exit 2).
import { resolve } from 'node:path';
import { checkTarget } from '../../engine/check-target.js';
import { hintCountsOf } from '../../engine/hint-levels.js';
import { hintStatePath, readHintState } from '../../answers/hint-file.js';
import { encodeSubmission } from '../../submission/file.js';
import { emptyIo, makeSubmission } from '../../submission/make.js';
import { recordReaders } from '../../submission/recorded-io.js';
import { evidenceKinds } from '../../submission/evidence.js';
import { parseSetOptions } from '../../engine/variables.js';
import { writeFileAtomic } from '../../core/write-atomic.js';
import { TpError } from '../../core/errors.js';
import { translate } from '../../i18n/index.js';
import type { CliIo } from '../io.js';
import { VERSION } from '../version.js';
import { prepareCheck, showReport, submissionFileOf, type CheckOptions } from './check.js';

export type SubmitOptions = Omit<CheckOptions, 'watch' | 'submission'>;

export const runSubmit = async (labRef: string, options: SubmitOptions, io: CliIo): Promise<number> => {
  // --output names the submission file here; the report goes to the terminal.
  const prepared = await prepareCheck(labRef, { ...options, output: undefined }, io);
  const { lab, lang } = prepared;
  const output = options.output ?? submissionFileOf(lab.id);
  if (/\.(json|xml|txt|md)$/i.test(output) && !output.endsWith('.json.gz')) {
    throw new TpError('USAGE', `--output ${output}: tp submit writes a gzip-compressed file`, `Name it …json.gz (default ${submissionFileOf(lab.id)})`);
  }
  const target = prepared.liveTarget();
  const recorded = emptyIo();
  const checked = await checkTarget({ ...target, wrapReaders: (readers) => recordReaders(readers, recorded), extraKinds: evidenceKinds });
  const report = await prepared.hints.look(checked.report);
  // The hints seen, as the state beside the answers file now says (after this run's climb).
  const hints = await readHintState(hintStatePath(target.answersFile, lab.id), hintCountsOf(lab));
  const submission = makeSubmission({
    lab,
    checked,
    io: recorded,
    answersFile: prepared.answersFile,
    hintLevels: hints.state.levels,
    variables: parseSetOptions(options.set),
    tpVersion: VERSION,
    now: io.now(),
  });
  // Written before the report is shown: a submission that cannot be written is an error (exit 2), not a grade.
  const bytes = encodeSubmission(submission);
  await writeFileAtomic(resolve(io.cwd, output), bytes);
  const code = await showReport(prepared, { ...report, target: { ...report.target, answers: prepared.answersFile } }, {}, io);
  io.stderr.write(`${translate(lang, 'submit.written', { file: output, size: Math.max(1, Math.round(bytes.length / 1024)) })}\n`);
  return code;
};
