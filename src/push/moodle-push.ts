// tp grade --push moodle: from a gradebook to a Moodle assignment's grades and
// feedback comments. First the plan (who gets what, what Moodle holds now),
// which tp shows; then, only when the trainer said --yes, the grades that
// differ are saved, a few students per call.
import { TpError } from '../core/errors.js';
import { makeLimit } from '../core/limit.js';
import { cleanDeep } from '../core/clean-text.js';
import type { Gradebook, MoodleIdentifier } from '../grade/types.js';
import { identifierOf } from '../grade/moodle-identifier.js';
import { currentGrade, findAssignment, FORMAT_MARKDOWN, saveGrades, usersByField, type MoodleUser } from './moodle-api.js';
import { MoodleError, type MoodleCallOptions, type MoodleSite } from './moodle-rest.js';
import { matchUsers, notSendable, planEntry, type PushEntry, type PushPlan } from './moodle-plan.js';

export interface MoodlePushOptions extends MoodleCallOptions {
  site: MoodleSite;
  cmid: number;
  field: MoodleIdentifier;
  /** Students whose current grade is read at once. */
  concurrency: number;
}

/** Students per mod_assign_save_grades call: a few feedbacks per request, far under PHP's post and input limits. */
export const GRADES_PER_CALL = 20;

export const planMoodlePush = async (dirty: Gradebook, options: MoodlePushOptions): Promise<PushPlan> => {
  // Feedback is made from the gradebook as every output is: its strings cleaned.
  const gradebook = cleanDeep(dirty);
  const { site, field } = options;
  const assignment = await findAssignment(site, options.cmid, options);
  if (assignment.grade <= 0) {
    throw new TpError('MOODLE', `the Moodle assignment "${assignment.name}" is graded ${assignment.grade < 0 ? 'with a scale' : 'with no grade'}, not in points`, 'Set its grade type to Point (Edit settings → Grade), with the maximum you want; tp scales the lab\'s score to it.');
  }
  if (!assignment.feedbackComments) {
    throw new TpError('MOODLE', `the Moodle assignment "${assignment.name}" has no feedback comments: Moodle would drop the feedback tp sends`, 'Enable "Feedback comments" in its settings (Edit settings → Feedback types), then run tp again.');
  }
  const sendable = gradebook.students.filter((result) => notSendable(result, field) === undefined);
  const values = [...new Set(sendable.map((result) => identifierOf(result.student, field) as string))];
  const users = matchUsers(values, await usersByField(site, field, values, options), field);
  const limit = makeLimit(options.concurrency);
  const entries = await Promise.all(
    gradebook.students.map(async (result): Promise<PushEntry> => {
      const reason = notSendable(result, field);
      if (reason !== undefined) return { action: 'skip', result, reason };
      const user = users.get(identifierOf(result.student, field) as string) as MoodleUser | string;
      if (typeof user === 'string') return { action: 'skip', result, reason: user };
      const current = await limit(() => currentGrade(site, assignment.id, user.id, options));
      return planEntry(result, user, current, assignment, gradebook);
    }),
  );
  return { assignment, field, entries };
};

export interface PushOutcome {
  sent: number;
}

/** Saves what the plan says differs; throws at the first call Moodle refuses, saying how many were saved before it. */
export const sendMoodlePush = async (plan: PushPlan, options: MoodlePushOptions): Promise<PushOutcome> => {
  const toSend = plan.entries.flatMap((entry) => (entry.action === 'send' ? [entry] : []));
  let sent = 0;
  for (let start = 0; start < toSend.length; start += GRADES_PER_CALL) {
    const batch = toSend.slice(start, start + GRADES_PER_CALL);
    try {
      await saveGrades(options.site, plan.assignment.id, batch.map((entry) => ({ userid: entry.user.id, grade: entry.grade, feedback: { text: entry.feedback, format: FORMAT_MARKDOWN } })), options);
    } catch (error) {
      if (!(error instanceof MoodleError)) throw error;
      throw new MoodleError(error.wsfunction, error.errorcode, `${error.message} — ${sent} of ${toSend.length} student(s) were saved before it; run the same command again to send the rest`, error.advice);
    }
    sent += batch.length;
  }
  return { sent };
};
