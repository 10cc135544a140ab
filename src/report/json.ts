// The JSON report of SPEC.md, for scripts and for merging into a gradebook.
// Besides SPEC's keys it keeps what a report needs to be read back whole:
// each check's `messageId` (tools match on it), `lang`, and the optional
// `labTitle`, `section` and `checkedAt`.
import { TpError } from '../core/errors.js';
import { ShapeError, arrayAt, isPlainObject, numberAt, objectAt, optionalStringAt, stringAt } from '../core/json-shape.js';
import type { CheckResult, ExerciseResult, Report } from '../engine/types.js';
import { CHECK_STATUSES, type CheckStatus } from '../core/check-status.js';
import type { TextData } from '../core/text.js';
import { INTEGRITY_CHECKS, type IntegrityCheck, type IntegrityFlag } from '../core/integrity.js';

// Keys are written in a fixed order (SPEC's first) so diffs of reports stay small.
const checkJson = (check: CheckResult) => ({
  id: check.id,
  title: check.title,
  status: check.status,
  points: check.points,
  earned: check.earned,
  message: check.message,
  messageId: check.messageId,
  ...(check.details === undefined ? {} : { details: check.details }),
  ...(check.hint === undefined ? {} : { hint: check.hint }),
  ...(check.hintLevel === undefined ? {} : { hintLevel: check.hintLevel, hintCount: check.hintCount }),
});

const exerciseJson = (exercise: ExerciseResult) => ({
  id: exercise.id,
  title: exercise.title,
  ...(exercise.section === undefined ? {} : { section: exercise.section }),
  score: exercise.score,
  maxScore: exercise.maxScore,
  passed: exercise.passed,
  checks: exercise.checks.map(checkJson),
});

/** The report as SPEC's JSON value (what formatJson writes, and grades.json holds for each student). */
export const reportJson = (report: Report) => {
  const { context, namespace, answers, server } = report.target;
  return {
    lab: report.lab,
    ...(report.labTitle === undefined ? {} : { labTitle: report.labTitle }),
    lang: report.lang,
    target: { context, namespace, answers, ...(server === undefined ? {} : { server }) },
    score: report.score,
    maxScore: report.maxScore,
    exercises: report.exercises.map(exerciseJson),
    warnings: report.warnings,
    ...(report.checkedAt === undefined ? {} : { checkedAt: report.checkedAt }),
    ...(report.flags === undefined ? {} : { flags: report.flags }),
  };
};

export const formatJson = (report: Report): string => `${JSON.stringify(reportJson(report), null, 2)}\n`;

// ---- Reading a report back (gradebook merges). Checked just enough to trust the types.

// The details tools read (exact path, pattern, value found): strings and numbers only.
const detailsAt = (value: unknown): TextData | undefined => {
  if (!isPlainObject(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return Object.fromEntries(entries);
};

const parseCheck = (value: unknown, path: string): CheckResult => {
  const json = objectAt(value, path);
  const status = stringAt(json, 'status', path);
  if (!(CHECK_STATUSES as readonly string[]).includes(status)) {
    throw new ShapeError(`${path}.status must be one of ${CHECK_STATUSES.join(', ')}`);
  }
  const hint = optionalStringAt(json, 'hint', path);
  // Levels of hints that climb: whole numbers, or left out (a report of an older tp has none).
  const level = (key: string) => (Number.isInteger(json[key]) && (json[key] as number) >= 1 ? (json[key] as number) : undefined);
  const hintLevel = level('hintLevel');
  const hintCount = level('hintCount');
  const details = detailsAt(json['details']);
  return {
    id: stringAt(json, 'id', path),
    title: stringAt(json, 'title', path),
    status: status as CheckStatus,
    points: numberAt(json, 'points', path),
    earned: numberAt(json, 'earned', path),
    message: stringAt(json, 'message', path),
    // Reports written by other tools may lack it; an empty id matches nothing.
    messageId: optionalStringAt(json, 'messageId', path) ?? '',
    ...(details === undefined ? {} : { details }),
    ...(hint === undefined ? {} : { hint }),
    ...(hintLevel === undefined || hintCount === undefined ? {} : { hintLevel, hintCount }),
  };
};

const parseExercise = (value: unknown, path: string): ExerciseResult => {
  const json = objectAt(value, path);
  if (typeof json['passed'] !== 'boolean') throw new ShapeError(`${path}.passed must be true or false`);
  const section = optionalStringAt(json, 'section', path);
  return {
    id: stringAt(json, 'id', path),
    title: stringAt(json, 'title', path),
    ...(section === undefined ? {} : { section }),
    score: numberAt(json, 'score', path),
    maxScore: numberAt(json, 'maxScore', path),
    passed: json['passed'],
    checks: arrayAt(json['checks'], `${path}.checks`).map((check, i) => parseCheck(check, `${path}.checks[${i}]`)),
  };
};

const parseReport = (value: unknown): Report => {
  const json = objectAt(value, 'report');
  const target = objectAt(json['target'], 'target');
  const server = optionalStringAt(target, 'server', 'target');
  const lang = json['lang'] ?? 'en';
  if (lang !== 'fr' && lang !== 'en') throw new ShapeError('lang must be "fr" or "en"');
  const warnings = arrayAt(json['warnings'] ?? [], 'warnings');
  if (!warnings.every((warning) => typeof warning === 'string')) throw new ShapeError('warnings must be strings');
  const labTitle = optionalStringAt(json, 'labTitle', 'report');
  const checkedAt = optionalStringAt(json, 'checkedAt', 'report');
  const flags = json['flags'] === undefined ? undefined : parseFlags(json['flags']);
  return {
    lab: stringAt(json, 'lab', 'report'),
    ...(labTitle === undefined ? {} : { labTitle }),
    lang,
    target: {
      context: stringAt(target, 'context', 'target'),
      ...(server === undefined ? {} : { server }),
      namespace: stringAt(target, 'namespace', 'target'),
      answers: stringAt(target, 'answers', 'target'),
    },
    score: numberAt(json, 'score', 'report'),
    maxScore: numberAt(json, 'maxScore', 'report'),
    exercises: arrayAt(json['exercises'], 'exercises').map((exercise, i) => parseExercise(exercise, `exercises[${i}]`)),
    warnings: warnings as string[],
    ...(checkedAt === undefined ? {} : { checkedAt }),
    ...(flags === undefined ? {} : { flags }),
  };
};

// A report's flags, read back whole: a merge must not lose that a submission looked edited.
const parseFlags = (value: unknown): IntegrityFlag[] =>
  arrayAt(value, 'flags').map((flag, i) => {
    const json = objectAt(flag, `flags[${i}]`);
    const check = stringAt(json, 'check', `flags[${i}]`);
    if (!(INTEGRITY_CHECKS as readonly string[]).includes(check)) throw new ShapeError(`flags[${i}].check must be one of ${INTEGRITY_CHECKS.join(', ')}`);
    return { check: check as IntegrityCheck, reason: stringAt(json, 'reason', `flags[${i}]`) };
  });

/** Reads a report written by formatJson; `source` names the file in the error. */
export const parseJsonReport = (text: string, source = 'JSON report'): Report => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TpError('IO', `${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseReport(value);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new TpError('IO', `${source}: not a tp report: ${error.message}`, 'Give a file written by `tp check --format json`.');
  }
};
