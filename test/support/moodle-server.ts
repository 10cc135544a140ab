// A stand-in of a Moodle site's REST web services, on 127.0.0.1, for the tests
// of `tp grade --push moodle` (no Moodle can run here). It implements the four
// functions tp calls with the parameters and answers Moodle's source declares
// (read in moodle/moodle: mod/assign/externallib.php at da545523 and 787573a0,
// user/externallib.php, webservice/rest/locallib.php; docs/moodle.md says which
// versions), validated as Moodle validates them (moodle-external.ts), and its
// REST server's ways: a POST of wstoken, wsfunction, moodlewsrestformat=json and
// PHP-style parameters; errors as HTTP 200 with {exception, errorcode, message,
// debuginfo}. What it keeps (grades, feedback comments, notifications sent) is
// there for tests to look at.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkReturn, decodePhpForm, InvalidParameter, multiple, single, validateParameters, value, type Desc } from './moodle-external.js';

export interface FakeMoodleUser {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  idnumber: string;
}

export interface FakeAssignment {
  id: number;
  cmid: number;
  course: number;
  name: string;
  /** Points (> 0), a scale (< 0), none (0). */
  grade: number;
  feedbackComments: boolean;
  markingworkflow?: boolean;
}

export interface FakeGrade {
  grade: number;
  text?: string;
  format?: number;
  timemodified: number;
}

export interface FakeMoodleOptions {
  token: string;
  users: FakeMoodleUser[];
  assignment: FakeAssignment;
  /** Functions the token's service allows (all four when not given). */
  functions?: string[];
  /** The site in a subfolder (`/moodle`). */
  prefix?: string;
  /** Grades already in Moodle, by user id. */
  grades?: Record<number, FakeGrade>;
}

export interface FakeMoodle {
  /** The site's root URL. */
  url: string;
  grades: Map<number, FakeGrade>;
  /** Every call, in order: function and the parameters as validated. */
  calls: Array<{ wsfunction: string; params: Record<string, unknown> }>;
  /** The notifications Moodle would send students ("your grade was updated"), one per grade saved. */
  notifications: number[];
  /** Every raw request body, to assert where the token went. */
  bodies: string[];
  urls: string[];
  close(): Promise<void>;
}

const warnings = (): Desc =>
  multiple(single({ item: value('TEXT', { optional: true }), itemid: value('INT', { optional: true }), warningcode: value('ALPHANUMEXT'), message: value('RAW') }), { optional: true });

const ASSIGNMENT_INTS = ['id', 'cmid', 'course', 'nosubmissions', 'submissiondrafts', 'sendnotifications', 'sendlatenotifications', 'sendstudentnotifications', 'duedate', 'allowsubmissionsfromdate', 'grade', 'timemodified', 'completionsubmit', 'cutoffdate', 'gradingduedate', 'teamsubmission', 'requireallteammemberssubmit', 'teamsubmissiongroupingid', 'blindmarking', 'hidegrader', 'revealidentities', 'maxattempts', 'markingworkflow', 'markingallocation', 'requiresubmissionstatement'];

const ASSIGNMENT: Desc = single({
  ...Object.fromEntries(ASSIGNMENT_INTS.map((key) => [key, value('INT')])),
  name: value('RAW'),
  attemptreopenmethod: value('TEXT'),
  preventsubmissionnotingroup: value('INT', { optional: true }),
  configs: multiple(single({ id: value('INT', { optional: true }), assignment: value('INT', { optional: true }), plugin: value('TEXT'), subtype: value('TEXT'), name: value('TEXT'), value: value('TEXT') })),
  intro: value('RAW', { optional: true }),
  introformat: value('INT', { optional: true }),
  timelimit: value('INT', { optional: true }),
  submissionattachments: value('INT', { optional: true }),
});

const GRADE: Desc = single({
  id: value('INT'), assignment: value('INT', { optional: true }), userid: value('INT'), attemptnumber: value('INT'), timecreated: value('INT'),
  timemodified: value('INT'), grader: value('INT'), grade: value('TEXT'), gradefordisplay: value('RAW', { optional: true }),
}, { optional: true });

const PLUGIN: Desc = single({
  type: value('TEXT'), name: value('TEXT'),
  editorfields: multiple(single({ name: value('TEXT'), description: value('RAW'), text: value('RAW'), format: value('INT') }), { optional: true }),
});

interface Declared {
  parameters: Desc;
  returns: Desc | null;
}

const DECLARED: Record<string, Declared> = {
  mod_assign_get_assignments: {
    parameters: single({ courseids: multiple(value('INT'), { default: [] }), capabilities: multiple(value('TEXT'), { default: [] }), includenotenrolledcourses: value('BOOL', { default: false }) }),
    returns: single({ courses: multiple(single({ id: value('INT'), fullname: value('RAW'), shortname: value('RAW'), timemodified: value('INT'), assignments: multiple(ASSIGNMENT) })), warnings: warnings() }),
  },
  core_user_get_users_by_field: {
    parameters: single({ field: value('ALPHA'), values: multiple(value('RAW')) }),
    returns: multiple(single({ id: value('INT'), username: value('RAW', { optional: true }), firstname: value('TEXT', { optional: true }), lastname: value('TEXT', { optional: true }), fullname: value('TEXT'), email: value('TEXT', { optional: true }), idnumber: value('RAW', { optional: true }) })),
  },
  mod_assign_get_submission_status: {
    parameters: single({ assignid: value('INT'), userid: value('INT', { default: 0 }), groupid: value('INT', { default: 0 }) }),
    returns: single({ feedback: single({ grade: GRADE, gradefordisplay: value('RAW'), gradeddate: value('INT'), plugins: multiple(PLUGIN, { optional: true }) }, { optional: true }), warnings: warnings() }),
  },
};

/** save_grades' parameters depend on the feedback plugins visible on the site: comments here. */
const saveGradesDeclared = (): Declared => ({
  parameters: single({
    assignmentid: value('INT'),
    applytoall: value('BOOL'),
    grades: multiple(single({
      userid: value('INT'), grade: value('FLOAT'), attemptnumber: value('INT'), addattempt: value('BOOL'), workflowstate: value('ALPHA'),
      plugindata: single({ assignfeedbackcomments_editor: single({ text: value('RAW'), format: value('INT') }, { optional: true }) }, { default: [] }),
      advancedgradingdata: single({}, { default: [] }),
    })),
  }),
  returns: null,
});

class MoodleException extends Error {
  constructor(readonly exception: string, readonly errorcode: string, message: string, readonly debuginfo?: string) {
    super(message);
  }
}

const ALL_FUNCTIONS = ['mod_assign_get_assignments', 'core_user_get_users_by_field', 'mod_assign_get_submission_status', 'mod_assign_save_grades'];

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

export const startFakeMoodle = async (options: FakeMoodleOptions): Promise<FakeMoodle> => {
  const { assignment } = options;
  const grades = new Map<number, FakeGrade>(Object.entries(options.grades ?? {}).map(([id, grade]) => [Number(id), grade]));
  const calls: FakeMoodle['calls'] = [];
  const notifications: number[] = [];
  const bodies: string[] = [];
  const urls: string[] = [];
  const functions = options.functions ?? ALL_FUNCTIONS;
  const prefix = options.prefix ?? '';
  let clock = 1_800_000_000;

  const assignmentJson = () => ({
    ...Object.fromEntries(ASSIGNMENT_INTS.map((key) => [key, 0])),
    id: assignment.id, cmid: assignment.cmid, course: assignment.course, name: assignment.name, grade: assignment.grade,
    attemptreopenmethod: 'none', markingworkflow: assignment.markingworkflow ? 1 : 0, sendstudentnotifications: 1,
    configs: [
      { plugin: 'file', subtype: 'assignsubmission', name: 'enabled', value: '1' },
      ...(assignment.feedbackComments ? [{ plugin: 'comments', subtype: 'assignfeedback', name: 'enabled', value: '1' }] : []),
    ],
  });

  const execute = (wsfunction: string, params: Record<string, unknown>, settings: Record<string, string>): unknown => {
    if (wsfunction === 'mod_assign_get_assignments') {
      return { courses: [{ id: assignment.course, fullname: 'Kubernetes', shortname: 'K8S', timemodified: 0, assignments: [assignmentJson()] }], warnings: [] };
    }
    if (wsfunction === 'core_user_get_users_by_field') {
      const field = params['field'] as string;
      if (!['id', 'idnumber', 'username', 'email'].includes(field)) {
        throw new MoodleException('coding_exception', 'codingerror', 'Coding error detected, it must be fixed by a programmer: invalid field parameter', `The search field '${field}' is not supported, look at the web service documentation`);
      }
      const values = (params['values'] as string[]).map(String);
      return options.users
        .filter((user) => values.includes(String(user[field as keyof FakeMoodleUser])))
        .map((user) => ({ id: user.id, username: user.username, firstname: user.firstname, lastname: user.lastname, fullname: `${user.firstname} ${user.lastname}`, email: user.email, idnumber: user.idnumber }));
    }
    if (wsfunction === 'mod_assign_get_submission_status') {
      if (params['assignid'] !== assignment.id) throw new MoodleException('dml_missing_record_exception', 'invalidrecord', 'Can\'t find data record in database table course_modules.');
      const userid = params['userid'] as number;
      if (!options.users.some((user) => user.id === userid)) throw new MoodleException('dml_missing_record_exception', 'invalidrecord', 'Can\'t find data record in database table user.');
      const grade = grades.get(userid);
      if (grade === undefined) return { warnings: [] };
      // external_format_text: formatted for display unless the client asks for raw texts.
      const raw = settings['moodlewssettingraw'] === '1' || settings['moodlewssettingraw'] === 'true';
      const shown = (text: string) => (raw ? text : `<div class="text_to_html">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</div>`);
      return {
        feedback: {
          grade: { id: userid, assignment: assignment.id, userid, attemptnumber: 0, timecreated: grade.timemodified, timemodified: grade.timemodified, grader: 2, grade: grade.grade.toFixed(5) },
          gradefordisplay: `${grade.grade.toFixed(2)}&nbsp;/&nbsp;${assignment.grade.toFixed(2)}`,
          gradeddate: grade.timemodified,
          ...(assignment.feedbackComments
            ? { plugins: [{ type: 'comments', name: 'Feedback comments', editorfields: [{ name: 'comments', description: 'Feedback comments', text: shown(grade.text ?? ''), format: raw ? (grade.format ?? 1) : 1 }] }] }
            : {}),
        },
        warnings: [],
      };
    }
    // mod_assign_save_grades, as assign::save_grade → apply_grade_to_user: the feedback is kept only by an enabled plugin.
    if (params['assignmentid'] !== assignment.id) throw new MoodleException('dml_missing_record_exception', 'invalidrecord', 'Can\'t find data record in database table course_modules.');
    for (const entry of params['grades'] as Array<Record<string, unknown>>) {
      const userid = entry['userid'] as number;
      const editor = (entry['plugindata'] as Record<string, Record<string, unknown> | undefined>)['assignfeedbackcomments_editor'];
      const before = grades.get(userid);
      clock += 1;
      grades.set(userid, {
        grade: entry['grade'] as number,
        timemodified: clock,
        ...(assignment.feedbackComments && editor ? { text: editor['text'] as string, format: editor['format'] as number } : before?.text === undefined ? {} : { text: before.text, format: before.format ?? 1 }),
      });
      // "the default if not provided for this option is true (e.g. webservices)": every save notifies the student.
      notifications.push(userid);
    }
    return null;
  };

  const answer = (response: ServerResponse, body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://moodle');
    urls.push(request.url ?? '');
    if (url.pathname !== `${prefix}/webservice/rest/server.php`) {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<html><body>Not found</body></html>');
      return;
    }
    const body = await readBody(request);
    bodies.push(body);
    const form = new URLSearchParams(body);
    const all = [...url.searchParams.entries(), ...form.entries()];
    const settings = Object.fromEntries(all.filter(([name]) => name.startsWith('moodlewssetting')));
    const special = new Set(['wstoken', 'wsfunction', 'moodlewsrestformat']);
    const pick = (name: string) => all.find(([key]) => key === name)?.[1];
    try {
      if (pick('wstoken') !== options.token) throw new MoodleException('moodle_exception', 'invalidtoken', 'Invalid token - token not found');
      const wsfunction = pick('wsfunction') ?? '';
      if (!functions.includes(wsfunction)) throw new MoodleException('webservice_access_exception', 'accessexception', 'Access control exception', `Access to the function ${wsfunction}() is not allowed.`);
      const declared = wsfunction === 'mod_assign_save_grades' ? saveGradesDeclared() : (DECLARED[wsfunction] as Declared);
      const raw = decodePhpForm(all.filter(([name]) => !special.has(name) && !name.startsWith('moodlewssetting')));
      let params: Record<string, unknown>;
      try {
        params = validateParameters(declared.parameters, raw) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof InvalidParameter) throw new MoodleException('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', error.message);
        throw error;
      }
      calls.push({ wsfunction, params });
      const result = execute(wsfunction, params, settings);
      checkReturn(declared.returns, result);
      answer(response, result);
    } catch (error) {
      if (!(error instanceof MoodleException)) throw error;
      answer(response, { exception: error.exception, errorcode: error.errorcode, message: error.message, ...(error.debuginfo === undefined ? {} : { debuginfo: error.debuginfo }) });
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    grades,
    calls,
    notifications,
    bodies,
    urls,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
};
