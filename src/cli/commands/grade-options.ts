// Option parsers of `tp grade` and `tp grade merge`.
import { TpError } from '../../core/errors.js';
import type { Gradebook } from '../../grade/types.js';
import { EXIT } from '../exit.js';
import { GRADEBOOK_FORMATS, isGradebookFormat, type GradebookFormat } from '../../report/index.js';

export const parsePositiveInteger =
  (option: string) =>
  (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new TpError('USAGE', `${option} ${value}: expected a whole number >= 1`);
    return number;
  };

/** `--format csv,html` (repeatable) → the set of outputs to write; all of them when not given. */
export const parseFormats = (values: readonly string[] | undefined): Set<GradebookFormat> => {
  const names = (values ?? []).flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) return new Set(GRADEBOOK_FORMATS);
  const formats = new Set<GradebookFormat>();
  for (const name of names) {
    if (!isGradebookFormat(name)) throw new TpError('USAGE', `--format ${name}: expected ${GRADEBOOK_FORMATS.join(', ')} (comma-separated)`);
    formats.add(name);
  }
  return formats;
};

/**
 * 0 when every student was graded, whatever their scores (a low grade is not a failure of the command); else 2.
 * `errorsAreData` (--exit-zero-with-errors): students in error are part of a whole gradebook, as a Job
 * pod wants it (a failed pod is retried, and re-grading would not reach an unreachable student's cluster).
 */
export const gradeExitCode = (gradebook: Gradebook, errorsAreData = false): number =>
  gradebook.complete && (errorsAreData || gradebook.summary.errors === 0) ? EXIT.passed : EXIT.cannotCheck;
