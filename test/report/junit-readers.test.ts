// tp's JUnit report of a TP4 state, read the way each CI reader really reads it
// (test/report/junit-readers/): what a user sees in Jenkins, GitLab,
// dorny/test-reporter and mikepenz/action-junit-report — counts, the failure's
// message, the skipped reason, times, file.
import { describe, expect, it } from 'vitest';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import type { HttpProbe } from '../../src/cluster/http-types.js';
import type { CheckResult, Report } from '../../src/engine/types.js';
import { formatJunit } from '../../src/report/junit.js';
import { editObject, noLogs, solvedAnswers, solvedSnapshot } from '../engine/fixture.js';
import { parseXml } from './xml-tree.js';
import { readAsJenkins } from './junit-readers/jenkins.js';
import { readAsGitlab } from './junit-readers/gitlab.js';
import { readAsDorny } from './junit-readers/dorny.js';
import { readAsMikepenz } from './junit-readers/mikepenz.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);

// The app answers `/config` right; `/` cannot be reached because the pods run on simulated nodes (a skip).
const http: HttpProbe = {
  via: 'nodeport',
  get: async (request) =>
    request.path === '/config'
      ? { reached: true, via: 'nodeport', url: `http://127.0.0.1:${request.nodePort}/config`, status: 200, body: 'Hello from ConfigMap' }
      : { reached: false, via: 'none', failure: { code: 'simulated' }, evaluable: false },
};

/**
 * A TP4 student: cm3 with a wrong label (a fail), Answer8 wrong with a line made to look like a
 * Java stack frame (a fail on the answers file), and Secrets unreadable (errors), the rest solved.
 */
const tp4State = async (): Promise<Report> => {
  const snapshot = editObject(solvedSnapshot(), 'configmaps', 'cm3', (o) => { o.metadata.labels = { version: '1.1', country: 'fr' }; });
  snapshot.kinds.secrets = { ok: false, failure: { reason: 'forbidden', message: 'secrets is forbidden: User "student" cannot list resource "secrets"' } };
  const answers = solvedAnswers(snapshot, { Answer8: 'Deployment\n\tat labs.tp4.Lab(lab.yaml:1)' });
  const report = await evaluateLab({ lab, snapshot, answers, variables: { registry: 'registry.example.org' }, http, logs: noLogs, lang: 'en', target: { context: 'kind-kind', namespace: snapshot.namespace, answers: 'answers/answers_tp4' } });
  // As `tp check` gives it when the lab file lies in the checkout.
  return { ...report, labFile: 'labs/tp4/lab.yaml', snapshotMs: 42 };
};

const report = await tp4State();
const checks = report.exercises.flatMap((exercise) => exercise.checks);
const withStatus = (status: CheckResult['status']) => checks.filter((check) => check.status === status);
const check = (id: string): CheckResult => {
  const found = checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};
const root = parseXml(formatJunit(report));

describe('the TP4 state read', () => {
  it('has a check in every status a reader must show', () => {
    expect(withStatus('pass').length).toBeGreaterThan(20);
    expect(withStatus('fail').map((c) => c.id)).toEqual(expect.arrayContaining(['cm3-labels', 'answer8-replicaset']));
    expect(withStatus('error').length).toBeGreaterThan(0);
    expect(withStatus('skip').map((c) => c.id)).toContain('http-hello');
  });
});

describe('Jenkins (junit plugin)', () => {
  const jenkins = readAsJenkins(root);
  const byName = (id: string) => jenkins.suites.flatMap((s) => s.cases).find((c) => c.name.startsWith(`${id}: `));

  it('counts every check; errors as failures, skips as skipped', () => {
    expect(jenkins).toMatchObject({
      total: checks.length,
      failed: withStatus('fail').length + withStatus('error').length,
      skipped: withStatus('skip').length + withStatus('manual').length,
      passed: withStatus('pass').length,
    });
    expect(jenkins.suites.map((s) => s.name)).toEqual(report.exercises.map((e) => `${e.id}: ${e.title}`));
  });

  it('files each check under the lab (package) and its exercise (class)', () => {
    expect(byName('cm3-labels')).toMatchObject({ packageName: 'tp4', simpleName: 'labels', status: 'FAILED' });
  });

  it('shows the failure message as the error message, with the hint under it', () => {
    const failed = byName('cm3-labels');
    expect(failed?.errorDetails).toBe(check('cm3-labels').message);
    expect(failed?.errorStackTrace).toContain(check('cm3-labels').message);
    expect(failed?.errorStackTrace).toContain(`Hint: ${check('cm3-labels').hint}`);
    const error = withStatus('error')[0];
    expect(byName(error?.id ?? '')?.errorDetails).toBe(error?.message);
  });

  it('shows why a check was skipped', () => {
    expect(byName('http-hello')).toMatchObject({ status: 'SKIPPED', skippedMessage: check('http-hello').message });
    expect(check('http-hello').message).toContain('simulated');
  });

  it('shows each check\'s measured time and the target as properties', () => {
    expect(byName('cm3-labels')?.duration).toBeCloseTo((check('cm3-labels').durationMs ?? -1) / 1000, 3);
    expect(jenkins.suites[0]?.properties).toMatchObject({ lab: 'tp4', context: 'kind-kind', namespace: report.target.namespace, answers: 'answers/answers_tp4' });
  });
});

describe('GitLab (unit test reports)', () => {
  const gitlab = readAsGitlab(root);
  const byName = (id: string) => gitlab.cases.find((c) => typeof c.name === 'string' && c.name.startsWith(`${id}: `));

  it('counts failed, error and skipped apart', () => {
    expect(gitlab.counts).toEqual({
      total: checks.length,
      success: withStatus('pass').length,
      failed: withStatus('fail').length,
      error: withStatus('error').length,
      skipped: withStatus('skip').length + withStatus('manual').length,
    });
  });

  it('shows the failure message and hint as the test\'s output', () => {
    expect(byName('cm3-labels')?.systemOutput).toBe(`${check('cm3-labels').message}\nHint: ${check('cm3-labels').hint}`);
    const error = withStatus('error')[0];
    expect(String(byName(error?.id ?? '')?.systemOutput)).toContain(error?.message);
  });

  it('shows the reason of a skipped check as text (not the element\'s attributes)', () => {
    expect(byName('http-hello')?.systemOutput).toBe(check('http-hello').message);
  });

  it('links answer checks to the answers file and the others to the lab file; times are numbers', () => {
    expect(byName('answer8-replicaset')?.file).toBe('answers/answers_tp4');
    expect(byName('cm3-labels')?.file).toBe('labs/tp4/lab.yaml');
    for (const testcase of gitlab.cases) expect(Number.isFinite(testcase.executionTime)).toBe(true);
    expect(byName('cm3-labels')?.executionTime).toBeCloseTo((check('cm3-labels').durationMs ?? -1) / 1000, 3);
    expect(new Set(gitlab.cases.map((c) => c.suiteName))).toEqual(new Set(report.exercises.map((e) => `${e.id}: ${e.title}`)));
  });
});

describe('dorny/test-reporter (java-junit)', () => {
  const dorny = readAsDorny(root);
  const tests = dorny.suites.flatMap((s) => s.groups.flatMap((g) => g.tests));
  const byName = (id: string) => tests.find((t) => t.name.startsWith(`${id}: `));

  it('counts passed, failed (errors included) and skipped', () => {
    expect(dorny).toMatchObject({
      passed: withStatus('pass').length,
      failed: withStatus('fail').length + withStatus('error').length,
      skipped: withStatus('skip').length + withStatus('manual').length,
    });
  });

  it('shows a time for the run, every suite and every test (never "NaN ms")', () => {
    expect(dorny.timeMs).toBeGreaterThanOrEqual(42);
    for (const suite of dorny.suites) expect(Number.isFinite(suite.timeMs)).toBe(true);
    for (const test of tests) expect(Number.isFinite(test.timeMs)).toBe(true);
  });

  it('shows the failure message, and the details with the hint', () => {
    expect(byName('cm3-labels')?.error).toMatchObject({ message: check('cm3-labels').message, details: expect.stringContaining(check('cm3-labels').hint ?? '?') });
    expect(dorny.suites.flatMap((s) => s.groups.map((g) => g.name))).toContain('tp4.labels');
  });

  it('is never led by a student\'s answer to annotate a file of the checkout', () => {
    expect(check('answer8-replicaset').message).toContain('labs.tp4.Lab(lab.yaml:1)');
    expect(tests.filter((t) => t.error?.annotatesFile)).toEqual([]);
  });
});

describe('mikepenz/action-junit-report', () => {
  const mikepenz = readAsMikepenz(root);
  const annotation = (id: string) => mikepenz.annotations.find((a) => a.title.endsWith(`.${id}: ${check(id).title}`));

  it('counts failed (errors included), skipped and passed', () => {
    expect(mikepenz).toMatchObject({
      total: checks.length,
      failed: withStatus('fail').length + withStatus('error').length,
      skipped: withStatus('skip').length + withStatus('manual').length,
      passed: withStatus('pass').length,
    });
  });

  it('annotates an answer check on its AnswerN line of the answers file, the others on the lab file', () => {
    expect(annotation('answer8-replicaset')).toMatchObject({ path: 'answers/answers_tp4', line: check('answer8-replicaset').answer?.line, message: check('answer8-replicaset').message });
    expect(annotation('answer8-replicaset')?.line).toBeGreaterThan(1);
    expect(annotation('cm3-labels')).toMatchObject({ path: 'labs/tp4/lab.yaml', line: 1, message: check('cm3-labels').message });
    // Never a glob of the classname's last word, which would annotate whatever file matches.
    expect(mikepenz.annotations.filter((a) => a.path.startsWith('**/'))).toEqual([]);
  });
});
