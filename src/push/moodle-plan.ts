// What `tp grade --push moodle` would change in a Moodle assignment, student by
// student, before anything is sent: the grade (the lab's score scaled to the
// assignment's maximum) and the feedback comments (the student's feedback/<id>.md),
// compared with what Moodle holds. Only what differs is sent, so a second run
// sends nothing (and notifies no student again).
import type { Gradebook, MoodleIdentifier, StudentResult } from '../grade/types.js';
import { identifierOf } from '../grade/moodle-identifier.js';
import { formatFeedback } from '../report/feedback.js';
import { FORMAT_MARKDOWN, type MoodleAssignment, type MoodleCurrent, type MoodleUser } from './moodle-api.js';

/** A feedback longer than this is cut: Moodle shows it on the student's page. */
export const FEEDBACK_MAX_CHARACTERS = 60_000;

export type PushEntry =
  | { action: 'send'; result: StudentResult; user: MoodleUser; grade: number; feedback: string; current: MoodleCurrent; changes: Array<'grade' | 'feedback'> }
  | { action: 'unchanged'; result: StudentResult; user: MoodleUser; grade: number }
  | { action: 'skip'; result: StudentResult; reason: string };

export interface PushPlan {
  assignment: MoodleAssignment;
  field: MoodleIdentifier;
  entries: PushEntry[];
}

/** The grade Moodle gets: the score scaled to the assignment's maximum, to 2 decimals as Moodle shows them. */
export const scaledGrade = (score: number, maxScore: number, assignmentMax: number): number =>
  maxScore === 0 ? 0 : Math.round((score / maxScore) * assignmentMax * 100) / 100;

const sameGrade = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) < 0.005;

/** Moodle may keep a text with its trailing line ends trimmed: compared without them. */
const sameFeedback = (current: MoodleCurrent['feedback'], text: string): boolean =>
  current !== undefined && current.format === FORMAT_MARKDOWN && current.text.trimEnd() === text.trimEnd();

const cut = (text: string): string => {
  const characters = [...text];
  return characters.length <= FEEDBACK_MAX_CHARACTERS ? text : `${characters.slice(0, FEEDBACK_MAX_CHARACTERS - 1).join('')}…`;
};

/** Why a student is not sent at all, before Moodle is asked anything about them. */
export const notSendable = (result: StudentResult, field: MoodleIdentifier): string | undefined => {
  if (result.status === 'error') return `not graded: ${result.reason ?? 'error'}`;
  if (result.status === 'pending') return 'not graded (the run was interrupted)';
  const flags = result.report?.flags ?? [];
  if (flags.length > 0) return `flagged, to review first: ${flags.map((flag) => flag.reason).join('; ')}`;
  if (identifierOf(result.student, field) === undefined) return `no ${field}: Moodle cannot find this student`;
  return undefined;
};

/** The Moodle user of each value of `field`, or why there is none to send to. */
export const matchUsers = (values: readonly string[], users: readonly MoodleUser[], field: MoodleIdentifier): Map<string, MoodleUser | string> => {
  // Emails are compared as Moodle's default database collations do: without case.
  const key = (value: string) => (field === 'email' ? value.toLowerCase() : value);
  const byValue = new Map<string, MoodleUser[]>();
  for (const user of users) {
    const value = field === 'email' ? user.email : field === 'idnumber' ? user.idnumber : user.username;
    if (value !== undefined) byValue.set(key(value), [...(byValue.get(key(value)) ?? []), user]);
  }
  return new Map(values.map((value): [string, MoodleUser | string] => {
    const found = byValue.get(key(value)) ?? [];
    if (found.length === 1) return [value, found[0] as MoodleUser];
    return [value, found.length === 0 ? `no Moodle user with ${field} ${value} (or the token's user may not see it)` : `${found.length} Moodle users have ${field} ${value}: which one is not sure`];
  }));
};

export const planEntry = (
  result: StudentResult,
  user: MoodleUser,
  current: MoodleCurrent,
  assignment: MoodleAssignment,
  gradebook: Gradebook,
): PushEntry => {
  const report = result.report;
  if (report === undefined) return { action: 'skip', result, reason: 'no report' };
  const grade = scaledGrade(report.score, report.maxScore, assignment.grade);
  const feedback = cut(formatFeedback(result, gradebook.outline.title, gradebook.lang));
  const changes: Array<'grade' | 'feedback'> = [];
  if (!sameGrade(current.grade, grade)) changes.push('grade');
  if (!sameFeedback(current.feedback, feedback)) changes.push('feedback');
  return changes.length === 0 ? { action: 'unchanged', result, user, grade } : { action: 'send', result, user, grade, feedback, current, changes };
};
