// grades.json: the cohort summary and every student's full JSON report (the
// one of SPEC, as `tp check --format json` writes it), and read back for
// `tp grade merge`. The students' reports are read with the report reader,
// so a gradebook and a report can never disagree on what a report is.
import { TpError } from '../core/errors.js';
import { parseJsonReport, reportJson } from './json.js';
import type { Gradebook, StudentResult } from '../grade/types.js';
import { parseOutline, parseStudentIdentity, ShapeError, objectAt, arrayAt } from './gradebook-shape.js';
import { summarize } from '../grade/summary.js';

export const GRADEBOOK_FORMAT = 'tp-gradebook/1';

const studentJson = (result: StudentResult) => ({
  ...result.student,
  status: result.status,
  ...(result.reason === undefined ? {} : { reason: result.reason }),
  ...(result.hints === undefined ? {} : { hintsUsed: result.hints.used, hintLevels: result.hints.levels }),
  ...(result.report === undefined ? {} : { report: reportJson(result.report) }),
});

/** `hintsUsed` and `hintLevels` read back: whole numbers only, else none (a grades.json of an older tp). */
const hintsOf = (json: Record<string, unknown>): StudentResult['hints'] => {
  const used = json['hintsUsed'];
  const levels = json['hintLevels'];
  if (!Number.isInteger(used) || typeof levels !== 'object' || levels === null || Array.isArray(levels)) return undefined;
  const whole = Object.entries(levels).filter((e): e is [string, number] => Number.isInteger(e[1]) && (e[1] as number) >= 1);
  return { used: used as number, levels: Object.fromEntries(whole) };
};

// What JSON.stringify({ students: [student] }, null, 2) writes around the student, indented.
const STUDENT_START = '{\n  "students": [\n';
const STUDENT_END = '\n  ]\n}';

/**
 * grades.json in pieces: the cohort's part, then one student at a time, each indented as
 * JSON.stringify(gradebook, null, 2) would (the same bytes, never the whole text at once).
 */
export function* gradebookJsonPieces(gradebook: Gradebook): Generator<string> {
  const { outline } = gradebook;
  const json = {
    format: GRADEBOOK_FORMAT,
    lab: outline.id,
    labTitle: outline.title,
    maxScore: outline.maxScore,
    lang: gradebook.lang,
    complete: gradebook.complete,
    generatedAt: gradebook.generatedAt,
    cohortSize: gradebook.cohortSize,
    ...(gradebook.shard === undefined ? {} : { shard: gradebook.shard }),
    ...(gradebook.mergedShards === undefined ? {} : { mergedShards: gradebook.mergedShards }),
    summary: gradebook.summary,
    run: gradebook.run,
    exercises: outline.exercises,
    ...(gradebook.progress === undefined ? {} : { progress: gradebook.progress }),
    // Last, so that the students are written after everything else, one at a time.
    students: [],
  };
  const head = JSON.stringify(json, null, 2);
  if (gradebook.students.length === 0) {
    yield `${head}\n`;
    return;
  }
  // `"students": []\n}` ends the head: the array is opened there and filled below.
  yield `${head.slice(0, -'[]\n}'.length)}[\n`;
  for (const [i, result] of gradebook.students.entries()) {
    // Stringified where it lies in the whole (an item of "students"), so indented as there; the wrapper is cut off.
    const alone = JSON.stringify({ students: [studentJson(result)] }, null, 2);
    if (i > 0) yield ',\n';
    yield alone.slice(STUDENT_START.length, -STUDENT_END.length);
  }
  yield '\n  ]\n}\n';
}

export const formatGradebookJson = (gradebook: Gradebook): string => [...gradebookJsonPieces(gradebook)].join('');

const parseStudent = (value: unknown, path: string, source: string): StudentResult => {
  const json = objectAt(value, path);
  const status = json['status'];
  if (status !== 'graded' && status !== 'error' && status !== 'pending') throw new ShapeError(`${path}.status must be graded, error or pending`);
  const reason = typeof json['reason'] === 'string' ? json['reason'] : undefined;
  const report = json['report'] === undefined ? undefined : parseJsonReport(JSON.stringify(json['report']), `${source} ${path}.report`);
  if (status === 'graded' && report === undefined) throw new ShapeError(`${path} is graded but has no report`);
  const hints = hintsOf(json);
  return {
    student: parseStudentIdentity(json, path),
    status,
    ...(reason === undefined ? {} : { reason }),
    ...(report === undefined ? {} : { report }),
    ...(hints === undefined ? {} : { hints }),
  };
};

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** Reads a grades.json written by formatGradebookJson; `source` names the file in errors. */
export const parseGradebookJson = (text: string, source: string): Gradebook => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TpError('IO', `${source}: not valid JSON (${(error as Error).message})`);
  }
  try {
    const json = objectAt(value, 'gradebook');
    if (json['format'] !== GRADEBOOK_FORMAT) throw new ShapeError(`format must be "${GRADEBOOK_FORMAT}"`);
    const outline = parseOutline(json);
    const students = arrayAt(json['students'], 'students').map((student, i) => parseStudent(student, `students[${i}]`, source));
    const shard = json['shard'] as Gradebook['shard'] | undefined;
    const run = (json['run'] ?? {}) as Partial<Gradebook['run']>;
    return {
      outline,
      lang: json['lang'] === 'fr' ? 'fr' : 'en',
      complete: json['complete'] === true,
      generatedAt: typeof json['generatedAt'] === 'string' ? json['generatedAt'] : '',
      cohortSize: numberOr(json['cohortSize'], students.length),
      ...(shard && typeof shard.index === 'number' && typeof shard.count === 'number' ? { shard: { index: shard.index, count: shard.count } } : {}),
      students,
      summary: summarize(outline, students),
      run: { apiRequests: numberOr(run.apiRequests, 0), clusters: numberOr(run.clusters, 0), durationMs: numberOr(run.durationMs, 0) },
    };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new TpError('IO', `${source}: not a tp gradebook: ${error.message}`, 'Give the grades.json (or its directory) written by `tp grade`.');
  }
};
