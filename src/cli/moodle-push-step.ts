// `tp grade --push moodle`: checked before any student is graded (the token,
// the assignment's address, the identifier Moodle finds students by), run after
// the gradebook is written. It shows the plan, and sends only with --yes.
import { TpError } from '../core/errors.js';
import type { Lang } from '../core/text.js';
import type { Gradebook, MoodleIdentifier } from '../grade/types.js';
import { cohortFieldName, judgeIdentifier, type Identity } from '../grade/moodle-identifier.js';
import { translate } from '../i18n/index.js';
import { parseAssignmentUrl } from '../push/assignment-url.js';
import { planMoodlePush, sendMoodlePush } from '../push/moodle-push.js';
import type { PushEntry, PushPlan } from '../push/moodle-plan.js';
import type { CliIo } from './io.js';

export interface PushOptions {
  push?: string;
  moodleAssignment?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/** The environment variable that holds the token: never an option (shell history, ps) nor a file. */
export const TOKEN_VARIABLE = 'TP_MOODLE_TOKEN';

/** A Moodle call may wait on a busy site far longer than the API server of a cluster. */
const MOODLE_TIMEOUT_MS = 60_000;

export type PushStep = (gradebook: Gradebook) => Promise<void>;

const grade = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));

const entryLine = (entry: PushEntry, max: string, lang: Lang): string => {
  const id = entry.result.student.id;
  if (entry.action === 'skip') return translate(lang, 'push.skip', { id, reason: entry.reason });
  if (entry.action === 'unchanged') return translate(lang, 'push.unchanged', { id, user: entry.user.fullname, grade: grade(entry.grade), max });
  const feedback = !entry.changes.includes('feedback') ? '' : translate(lang, entry.current.feedback === undefined ? 'push.feedbackNew' : 'push.feedbackChanged');
  return translate(lang, 'push.send', { id, user: entry.user.fullname, userid: entry.user.id, from: grade(entry.current.grade), to: grade(entry.grade), max, feedback });
};

const planLines = (plan: PushPlan, gradebook: Gradebook, site: string, lang: Lang): string[] => {
  const { assignment } = plan;
  const max = grade(assignment.grade);
  const labMax = gradebook.outline.maxScore;
  const scaled = labMax === assignment.grade ? '' : translate(lang, 'push.scaled', { labMax, max });
  const count = (action: PushEntry['action']) => plan.entries.filter((entry) => entry.action === action).length;
  return [
    translate(lang, 'push.header', { assignment: assignment.name, site, cmid: assignment.cmid, max, scaled, field: cohortFieldName(plan.field) }),
    ...plan.entries.map((entry) => `  ${entryLine(entry, max, lang)}`),
    translate(lang, 'push.summary', { send: count('send'), unchanged: count('unchanged'), skipped: count('skip') }),
    ...(assignment.markingWorkflow ? [translate(lang, 'push.markingWorkflow')] : []),
  ];
};

/**
 * Undefined without --push. Refuses (exit 2, nothing graded yet) a push that
 * cannot work: no token, no assignment address, no identifier for the students.
 */
export const preparePush = (options: PushOptions, students: readonly Identity[], chosen: MoodleIdentifier | undefined, lang: Lang, io: CliIo): PushStep | undefined => {
  if (options.push === undefined) {
    if (options.yes || options.moodleAssignment !== undefined) throw new TpError('USAGE', '--yes and --moodle-assignment go with --push moodle');
    return undefined;
  }
  if (options.push !== 'moodle') throw new TpError('USAGE', `--push ${options.push}: expected moodle`);
  if (options.yes && options.dryRun) throw new TpError('USAGE', '--yes and --dry-run together: choose one (--dry-run, showing what would change, is the default)');
  const token = io.env[TOKEN_VARIABLE] ?? '';
  if (token.trim() === '') {
    throw new TpError('USAGE', `--push moodle needs the Moodle web service token in ${TOKEN_VARIABLE}`, `export ${TOKEN_VARIABLE}=… (a token of your own for the "Moodle web services", Site administration → Server → Web services → Manage tokens; never in a file of the course)`);
  }
  if (options.moodleAssignment === undefined) throw new TpError('USAGE', '--push moodle needs --moodle-assignment <address of the assignment page>', 'e.g. --moodle-assignment https://moodle.example.org/mod/assign/view.php?id=42');
  const address = parseAssignmentUrl(options.moodleAssignment);
  const judged = judgeIdentifier(students, chosen);
  if (judged.verdict !== 'ok') {
    throw new TpError('USAGE', '--push moodle: no field Moodle can find every student by (email, idNumber or username)', 'Give each student of the cohort file the same identifier field, and choose it with moodleIdentifier: or --moodle-id (docs/moodle.md).');
  }
  const pushOptions = { site: { url: address.site, token: token.trim() }, cmid: address.cmid, field: judged.field, timeoutMs: MOODLE_TIMEOUT_MS, concurrency: 4 };
  return async (gradebook) => {
    const plan = await planMoodlePush(gradebook, pushOptions);
    io.stdout.write(`${planLines(plan, gradebook, address.site, lang).join('\n')}\n`);
    if (!options.yes) {
      io.stdout.write(`${translate(lang, 'push.dryRun')}\n`);
      return;
    }
    const { sent } = await sendMoodlePush(plan, pushOptions);
    io.stdout.write(`${translate(lang, sent === 0 ? 'push.nothingToSend' : 'push.sent', { sent })}\n`);
  };
};
