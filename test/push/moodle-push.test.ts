// tp's grades and feedback reach a Moodle assignment through its web services:
// against a stand-in that takes exactly the parameters Moodle's functions
// declare, answers as they do, and refuses as they do (HTTP 200, an exception).
import { afterEach, describe, expect, it } from 'vitest';
import { planMoodlePush, sendMoodlePush, type MoodlePushOptions } from '../../src/push/moodle-push.js';
import { parseAssignmentUrl } from '../../src/push/assignment-url.js';
import { MoodleError } from '../../src/push/moodle-rest.js';
import type { PushEntry } from '../../src/push/moodle-plan.js';
import { startFakeMoodle, type FakeMoodle, type FakeMoodleOptions } from '../support/moodle-server.js';
import { sampleGradebook, sampleResults } from '../report/sample-gradebook.js';
import type { Gradebook } from '../../src/grade/types.js';

const TOKEN = 'c0ffee0123456789abcdef0123456789';
const users = [
  { id: 11, username: 'amartin', firstname: 'Alice', lastname: 'Martin', email: 'alice@example.org', idnumber: '2024001' },
  { id: 12, username: 'bdurand', firstname: 'Bob', lastname: 'Durand', email: 'bob@example.org', idnumber: '' },
];
const assignment = { id: 7, cmid: 42, course: 3, name: 'TP4 Kubernetes', grade: 20, feedbackComments: true };

let moodle: FakeMoodle | undefined;
afterEach(async () => {
  await moodle?.close();
  moodle = undefined;
});

const start = async (overrides: Partial<FakeMoodleOptions> = {}): Promise<MoodlePushOptions> => {
  moodle = await startFakeMoodle({ token: TOKEN, users, assignment, ...overrides });
  return { site: { url: moodle.url, token: TOKEN }, cmid: 42, field: 'email', timeoutMs: 5000, concurrency: 2 };
};

const summary = (entries: PushEntry[]) => entries.map((entry) => [entry.result.student.id, entry.action, entry.action === 'send' ? entry.changes : entry.action === 'skip' ? entry.reason : entry.grade]);

const callsOf = (name: string) => (moodle?.calls ?? []).filter((call) => call.wsfunction === name);

describe('tp grade --push moodle', () => {
  it('shows what it would change and sends nothing until told to', async () => {
    const options = await start();
    const plan = await planMoodlePush(sampleGradebook(), options);
    expect(plan.assignment).toMatchObject({ id: 7, cmid: 42, grade: 20, feedbackComments: true });
    expect(summary(plan.entries)).toEqual([
      ['alice', 'send', ['grade', 'feedback']],
      ['bob', 'send', ['grade', 'feedback']],
      ['carol', 'skip', 'not graded: cluster (context "kind-carol"): cannot reach https://127.0.0.1:1 (ECONNREFUSED)'],
    ]);
    // The lab's 3 of 8 points, on the assignment's 20.
    expect(plan.entries[0]).toMatchObject({ grade: 7.5, user: { id: 11 } });
    expect(callsOf('mod_assign_save_grades')).toEqual([]);
    expect(moodle?.grades.size).toBe(0);
  });

  it('saves grades with their feedback comments, where the student reads them, and a second run sends nothing', async () => {
    const options = await start();
    const gradebook = sampleGradebook();
    expect(await sendMoodlePush(await planMoodlePush(gradebook, options), options)).toEqual({ sent: 2 });
    const [save] = callsOf('mod_assign_save_grades');
    expect(save?.params).toMatchObject({ assignmentid: 7, applytoall: false, grades: [{ userid: 11, grade: 7.5, attemptnumber: -1, addattempt: false, workflowstate: '' }, { userid: 12, grade: 7.5 }] });
    const alice = moodle?.grades.get(11);
    expect(alice?.grade).toBe(7.5);
    expect(alice?.format).toBe(4);
    expect(alice?.text).toMatch(/^# Objets Kubernetes — retour pour Alice Martin \(alice\)\n\n\*\*3\/8 points/);
    expect(moodle?.notifications).toEqual([11, 12]);

    const again = await planMoodlePush(gradebook, options);
    expect(summary(again.entries).map(([id, action]) => [id, action])).toEqual([['alice', 'unchanged'], ['bob', 'unchanged'], ['carol', 'skip']]);
    expect(await sendMoodlePush(again, options)).toEqual({ sent: 0 });
    expect(callsOf('mod_assign_save_grades')).toHaveLength(1);
    // No student told twice that their grade changed.
    expect(moodle?.notifications).toEqual([11, 12]);
  });

  it('sends only the student whose grade changed', async () => {
    const options = await start();
    await sendMoodlePush(await planMoodlePush(sampleGradebook(), options), options);
    const results = sampleResults();
    const bob = results[1];
    if (bob?.report) bob.report = { ...bob.report, score: 8 };
    const plan = await planMoodlePush(sampleGradebook({ students: results } as Partial<Gradebook>), options);
    expect(summary(plan.entries).map(([id, action]) => [id, action])).toEqual([['alice', 'unchanged'], ['bob', 'send'], ['carol', 'skip']]);
    await sendMoodlePush(plan, options);
    expect(moodle?.grades.get(12)?.grade).toBe(20);
    expect(moodle?.notifications).toEqual([11, 12, 12]);
  });

  it('leaves out a student Moodle does not know and a flagged submission, saying why', async () => {
    const options = await start({ users: [users[0]!] });
    const results = sampleResults();
    results.push({ student: { index: 3, id: 'dave', email: 'alice@example.org' }, status: 'graded', report: { ...results[0]!.report!, flags: [{ check: 'lab-version', reason: 'made with another version of the lab' }] } });
    const plan = await planMoodlePush(sampleGradebook({ students: results } as Partial<Gradebook>), options);
    expect(summary(plan.entries).slice(1)).toEqual([
      ['bob', 'skip', "no Moodle user with email bob@example.org (or the token's user may not see it)"],
      ['carol', 'skip', expect.stringMatching(/^not graded/)],
      ['dave', 'skip', 'flagged, to review first: made with another version of the lab'],
    ]);
  });

  it('reads Moodle\'s refusals (HTTP 200 with an exception) as errors, with what to do, never showing the token', async () => {
    const options = await start();
    const wrongToken = planMoodlePush(sampleGradebook(), { ...options, site: { ...options.site, token: 'not-the-token' } });
    await expect(wrongToken).rejects.toThrow(MoodleError);
    await expect(wrongToken).rejects.toMatchObject({ errorcode: 'invalidtoken', message: 'Moodle refused mod_assign_get_assignments: Invalid token - token not found [invalidtoken]', advice: expect.stringContaining('TP_MOODLE_TOKEN') });

    await moodle?.close();
    const limited = await start({ functions: ['mod_assign_get_assignments', 'core_user_get_users_by_field', 'mod_assign_get_submission_status'] });
    const plan = await planMoodlePush(sampleGradebook(), limited);
    await expect(sendMoodlePush(plan, limited)).rejects.toMatchObject({
      errorcode: 'accessexception',
      message: expect.stringMatching(/^Moodle refused mod_assign_save_grades: Access control exception \[accessexception\].* — 0 of 2 student\(s\) were saved before it; run the same command again to send the rest$/),
    });
    for (const url of moodle?.urls ?? []) expect(url).not.toContain(TOKEN);
    expect(moodle?.bodies.every((body) => body.includes(`wstoken=${TOKEN}`))).toBe(true);
  });

  it('refuses an assignment graded with a scale, and one that would drop the feedback', async () => {
    const scale = await start({ assignment: { ...assignment, grade: -3 } });
    await expect(planMoodlePush(sampleGradebook(), scale)).rejects.toThrow('the Moodle assignment "TP4 Kubernetes" is graded with a scale, not in points');
    await moodle?.close();
    const noComments = await start({ assignment: { ...assignment, feedbackComments: false } });
    await expect(planMoodlePush(sampleGradebook(), noComments)).rejects.toThrow('has no feedback comments: Moodle would drop the feedback tp sends');
    expect(callsOf('mod_assign_save_grades')).toEqual([]);
  });

  it('says so when the address is not Moodle\'s REST server', async () => {
    const options = await start({ prefix: '/moodle' });
    await expect(planMoodlePush(sampleGradebook(), { ...options, site: { ...options.site, url: options.site.url.replace('/moodle', '') } })).rejects.toThrow(/did not answer mod_assign_get_assignments in JSON \(HTTP 404\)/);
    expect((await planMoodlePush(sampleGradebook(), options)).entries).toHaveLength(3);
  });
});

describe('--moodle-assignment', () => {
  it('reads the site and the course module from the assignment page, in a subfolder too', () => {
    expect(parseAssignmentUrl('https://moodle.example.org/mod/assign/view.php?id=42')).toEqual({ site: 'https://moodle.example.org', cmid: 42 });
    expect(parseAssignmentUrl('https://example.org/moodle/mod/assign/view.php?id=7&action=grading')).toEqual({ site: 'https://example.org/moodle', cmid: 7 });
  });

  it('refuses an address that would send the token in clear, or is not an assignment', () => {
    expect(() => parseAssignmentUrl('http://moodle.example.org/mod/assign/view.php?id=42')).toThrow('not an https address (the token would travel in clear)');
    expect(parseAssignmentUrl('http://127.0.0.1:8080/mod/assign/view.php?id=42').site).toBe('http://127.0.0.1:8080');
    expect(() => parseAssignmentUrl('https://moodle.example.org/course/view.php?id=3')).toThrow('not the page of an assignment');
    expect(() => parseAssignmentUrl('https://moodle.example.org/mod/assign/view.php')).toThrow('no assignment id');
  });
});

describe('the stand-in Moodle', () => {
  it('refuses what Moodle refuses: an undeclared key, a missing one, a boolean written true', async () => {
    const { callMoodle } = await import('../../src/push/moodle-rest.js');
    const options = await start();
    const call = (params: Record<string, string | number | boolean | object>) => callMoodle(options.site, 'mod_assign_save_grades', params as never, { timeoutMs: 5000 });
    const grade = { userid: 11, grade: 1, attemptnumber: -1, addattempt: false, workflowstate: '' };
    await expect(call({ assignmentid: 7, applytoall: false, grades: [{ ...grade, sendstudentnotifications: false }] })).rejects.toThrow('Moodle refused mod_assign_save_grades: Invalid parameter value detected [invalidparameter] (grades => Unexpected keys (sendstudentnotifications) detected in parameter array.)');
    await expect(call({ assignmentid: 7, grades: [grade] })).rejects.toThrow('(Missing required key in single structure: applytoall)');
    await expect(call({ assignmentid: 7, applytoall: 'true', grades: [grade] })).rejects.toThrow('(applytoall => Invalid external api parameter)');
    expect(await call({ assignmentid: 7, applytoall: false, grades: [grade] })).toBeNull();
  });
});
