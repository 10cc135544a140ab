// The four Moodle web service functions tp uses, with the parameters and the
// answers Moodle's source declares (mod/assign/externallib.php,
// user/externallib.php; docs/moodle.md names the versions read): find the
// assignment, find users, read a student's grade and feedback, save grades
// with their feedback comments. Answers are checked for the fields tp reads.
import { isPlainObject, type PlainObject } from '../core/json-shape.js';
import type { MoodleIdentifier } from '../grade/types.js';
import { callMoodle, MoodleError, type MoodleCallOptions, type MoodleSite } from './moodle-rest.js';

export interface MoodleAssignment {
  /** The assign instance id (what mod_assign_* functions take). */
  id: number;
  /** The course module id (`view.php?id=`). */
  cmid: number;
  course: number;
  name: string;
  /** > 0: points out of this maximum; < 0: a scale; 0: no grade. */
  grade: number;
  markingWorkflow: boolean;
  /** The "Feedback comments" plugin is enabled for this assignment: without it Moodle drops the feedback saved. */
  feedbackComments: boolean;
}

export interface MoodleUser {
  id: number;
  fullname: string;
  email?: string;
  idnumber?: string;
  username?: string;
}

export interface MoodleGrade {
  userid: number;
  grade: number;
  feedback: { text: string; format: number };
}

/** What Moodle holds for one student: undefined grade when not graded. */
export interface MoodleCurrent {
  grade?: number;
  feedback?: { text: string; format: number };
}

/** Moodle's FORMAT_MARKDOWN: tp's feedback is the Markdown of feedback/<id>.md. */
export const FORMAT_MARKDOWN = 4;

const malformed = (wsfunction: string, what: string): MoodleError =>
  new MoodleError(wsfunction, 'malformed', `Moodle's answer to ${wsfunction} is not as its source declares it: ${what}`);

const list = (value: unknown): PlainObject[] => (Array.isArray(value) ? value.filter(isPlainObject) : []);

const integer = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const assignmentOf = (raw: PlainObject): MoodleAssignment | undefined => {
  const id = integer(raw['id']);
  const cmid = integer(raw['cmid']);
  const course = integer(raw['course']);
  const grade = integer(raw['grade']);
  const name = text(raw['name']);
  if (id === undefined || cmid === undefined || course === undefined || grade === undefined || name === undefined) return undefined;
  const enabled = list(raw['configs']).some((config) => config['plugin'] === 'comments' && config['subtype'] === 'assignfeedback' && config['name'] === 'enabled' && config['value'] === '1');
  return { id, cmid, course, name, grade, markingWorkflow: raw['markingworkflow'] === 1, feedbackComments: enabled };
};

/** mod_assign_get_assignments, over the courses of the token's user: the assignment of course module `cmid`. */
export const findAssignment = async (site: MoodleSite, cmid: number, options: MoodleCallOptions): Promise<MoodleAssignment> => {
  const wsfunction = 'mod_assign_get_assignments';
  const answer = await callMoodle(site, wsfunction, {}, options);
  if (!isPlainObject(answer) || !Array.isArray(answer['courses'])) throw malformed(wsfunction, 'no courses');
  const raw = list(answer['courses']).flatMap((course) => list(course['assignments'])).find((assignment) => assignment['cmid'] === cmid);
  if (raw === undefined) {
    throw new MoodleError(wsfunction, 'notfound', `no assignment with id=${cmid} in the courses of the token's user`, 'Give the address of the assignment page (…/mod/assign/view.php?id=N), with a token of a teacher of its course.');
  }
  const assignment = assignmentOf(raw);
  if (assignment === undefined) throw malformed(wsfunction, `assignment ${cmid} lacks id, course, name or grade`);
  return assignment;
};

/** Values per call: a GET-sized request, far under PHP's max_input_vars. */
const USERS_PER_CALL = 100;

/** core_user_get_users_by_field: the users whose `field` is one of `values` (and that the token's user may see). */
export const usersByField = async (site: MoodleSite, field: MoodleIdentifier, values: readonly string[], options: MoodleCallOptions): Promise<MoodleUser[]> => {
  const wsfunction = 'core_user_get_users_by_field';
  const users: MoodleUser[] = [];
  for (let start = 0; start < values.length; start += USERS_PER_CALL) {
    const answer = await callMoodle(site, wsfunction, { field, values: values.slice(start, start + USERS_PER_CALL) }, options);
    if (!Array.isArray(answer)) throw malformed(wsfunction, 'not a list of users');
    for (const raw of list(answer)) {
      const id = integer(raw['id']);
      const fullname = text(raw['fullname']);
      if (id === undefined || fullname === undefined) throw malformed(wsfunction, 'a user without id or fullname');
      const optional = (key: 'email' | 'idnumber' | 'username') => (text(raw[key]) === undefined ? {} : { [key]: text(raw[key]) });
      users.push({ id, fullname, ...optional('email'), ...optional('idnumber'), ...optional('username') });
    }
  }
  return users;
};

const gradeOf = (feedback: PlainObject): number | undefined => {
  const grade = isPlainObject(feedback['grade']) ? Number(feedback['grade']['grade']) : Number.NaN;
  // Moodle stores -1 for "no grade yet".
  return Number.isFinite(grade) && grade >= 0 ? grade : undefined;
};

const commentsOf = (feedback: PlainObject): MoodleCurrent['feedback'] => {
  const comments = list(feedback['plugins']).find((plugin) => plugin['type'] === 'comments');
  const field = list(comments?.['editorfields']).find((editor) => editor['name'] === 'comments');
  const value = text(field?.['text']);
  return value === undefined ? undefined : { text: value, format: integer(field?.['format']) ?? 1 };
};

/** mod_assign_get_submission_status: the grade and feedback comments a student has now, as stored (raw). */
export const currentGrade = async (site: MoodleSite, assignment: number, userid: number, options: MoodleCallOptions): Promise<MoodleCurrent> => {
  const wsfunction = 'mod_assign_get_submission_status';
  const answer = await callMoodle(site, wsfunction, { assignid: assignment, userid }, { ...options, settings: { moodlewssettingraw: '1' } });
  if (!isPlainObject(answer)) throw malformed(wsfunction, 'not an object');
  const feedback = answer['feedback'];
  if (!isPlainObject(feedback)) return {};
  const grade = gradeOf(feedback);
  const comments = commentsOf(feedback);
  return { ...(grade === undefined ? {} : { grade }), ...(comments === undefined ? {} : { feedback: comments }) };
};

/** mod_assign_save_grades: each grade with its feedback comments; Moodle answers null. */
export const saveGrades = async (site: MoodleSite, assignment: number, grades: readonly MoodleGrade[], options: MoodleCallOptions): Promise<void> => {
  const wsfunction = 'mod_assign_save_grades';
  const answer = await callMoodle(site, wsfunction, {
    assignmentid: assignment,
    applytoall: false,
    grades: grades.map((grade) => ({
      userid: grade.userid,
      grade: grade.grade,
      // The latest attempt, no new attempt, the marking workflow state left as it is.
      attemptnumber: -1,
      addattempt: false,
      workflowstate: '',
      plugindata: { assignfeedbackcomments_editor: { text: grade.feedback.text, format: grade.feedback.format } },
    })),
  }, options);
  if (answer !== null) throw malformed(wsfunction, 'an answer where Moodle returns none');
};
