// A submission replays what the student's tp read and was answered: the engine,
// unchanged, grades it as it graded the cluster; what the file does not hold is
// said so (an error, never an empty namespace); the file is read within bounds.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadLabFile, labFromText } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { labDigest } from '../../src/lab/digest.js';
import { decodeSubmission, encodeSubmission, SUBMISSION_MAX_JSON_BYTES } from '../../src/submission/file.js';
import { gradeSubmission } from '../../src/submission/grade.js';
import { makeSubmission, emptyIo } from '../../src/submission/make.js';
import { recordReaders } from '../../src/submission/recorded-io.js';
import type { Submission } from '../../src/submission/types.js';
import { answersFileText } from '../support/tp4-solution.js';
import { appServing, noLogs, solvedSnapshot } from '../engine/fixture.js';
import { readFileSync } from 'node:fs';
import { tp4AnswersFor } from '../support/tp4-solution.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);
const variables = { registry: 'registry.example.org' };
const app = appServing({ '/': 'Hello Kubernetes!\n', '/config': 'Hello from ConfigMap' });

/** What tp submit makes: the checks run on the snapshot, their HTTP answers recorded. */
const submitted = async (): Promise<Submission> => {
  const snapshot = solvedSnapshot();
  const io = emptyIo();
  const readers = recordReaders({ http: app, logs: noLogs }, io);
  const answersBytes = Buffer.from(answersFileText(tp4AnswersFor(snapshot.facts)));
  const { parseAnswers } = await import('../../src/answers/read.js');
  await evaluateLab({ lab, snapshot, answers: parseAnswers(answersBytes, 'answers/answers_tp4').answers, variables, http: readers.http, logs: readers.logs, lang: 'en', target: { context: 'c', namespace: snapshot.namespace, answers: 'a' } });
  return makeSubmission({ lab, checked: { snapshot, answersBytes }, io, answersFile: 'answers/answers_tp4', hintLevels: { 'cm1-labels': 2 }, variables: {}, tpVersion: 'test', now: new Date('2030-01-01T00:00:00Z') });
};

const checksOf = (report: { exercises: Array<{ checks: Array<{ id: string; status: string; message: string }> }> }) => report.exercises.flatMap((e) => e.checks);

describe('grading a submission', () => {
  it('gives the report the live check gave, from the recorded answers, with the hints the student saw', async () => {
    const submission = decodeSubmission(encodeSubmission(await submitted()), 'sub.json.gz');
    expect(submission.io.http.map((entry) => entry.request.path)).toEqual(['/', '/config']);
    const { report, hints } = await gradeSubmission(submission, { lab, variables, lang: 'en', source: 'sub.json.gz' });
    expect(report.score).toBe(34);
    expect(report.checkedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(hints).toEqual({ used: 2, levels: { 'cm1-labels': 2 } });
  });

  it('says "not in the submission" for what the student\'s tp never read or asked', async () => {
    const submission = await submitted();
    submission.io.http = submission.io.http.filter((entry) => entry.request.path === '/');
    delete submission.snapshot.kinds['endpointslices.discovery.k8s.io'];
    const { report } = await gradeSubmission(submission, { lab, variables, lang: 'en', source: 's' });
    const checks = checksOf(report);
    expect(checks.find((c) => c.id === 'http-config')).toMatchObject({ status: 'error', message: expect.stringContaining('not in the submission') });
    expect(checks.find((c) => c.id === 'scale-endpoints')).toMatchObject({ status: 'error', message: expect.stringContaining('not in the submission') });
    expect(checks.find((c) => c.id === 'http-hello')?.status).toBe('pass');
  });

  it('refuses a submission of another lab', async () => {
    const submission = await submitted();
    submission.lab.id = 'pods';
    await expect(gradeSubmission(submission, { lab, variables, lang: 'en', source: 'alice.json.gz' })).rejects.toThrow('alice.json.gz: a submission of lab pods, not of tp4');
  });
});

describe('the lab digest', () => {
  const text = readFileSync('labs/tp4/lab.yaml', 'utf8');
  const digestOf = (changed: string) => labDigest(labFromText(changed, 'labs/tp4/lab.yaml', checkKinds));
  it('stays when words change, and changes with what decides a grade', () => {
    expect(digestOf(text)).toBe(labDigest(lab));
    expect(digestOf(text.replace('Contextes du kubeconfig', 'Les contextes'))).toBe(labDigest(lab));
    expect(digestOf(text.replace('points: 2', 'points: 3'))).not.toBe(labDigest(lab));
  });
});

describe('the submission file', () => {
  it('refuses what is not one, saying why', () => {
    expect(() => decodeSubmission(Buffer.from('hello'), 'x.json.gz')).toThrow('x.json.gz: not a submission: neither gzip-compressed JSON nor JSON');
    expect(() => decodeSubmission(gzipSync('{"format":"tp-submission"}'), 'y.json.gz')).toThrow(/y.json.gz: not a submission tp can read: \(the file\) must have required property/);
  });

  it('stops decompressing a gzip bomb at the bound', () => {
    const bomb = gzipSync(Buffer.alloc(SUBMISSION_MAX_JSON_BYTES + 1024, 0x20));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => decodeSubmission(bomb, 'bomb.json.gz')).toThrow('bomb.json.gz: decompresses to more than 32.0 MiB: not a submission tp wrote');
  });
});

describe('logs in a submission', () => {
  const request = { namespace: 'alice', pod: 'web', container: 'app', previous: false, limitBytes: 4096 };

  it('replays the log a logs check read, and says "not in the submission" for one it never read', async () => {
    const { replayReaders } = await import('../../src/submission/recorded-io.js');
    const io = emptyIo();
    const recording = recordReaders({ http: app, logs: { read: async () => ({ ok: true, text: 'Listening on :8080\n', truncated: false }) } }, io);
    await recording.logs.read(request);
    const decoded = decodeSubmission(encodeSubmission({ ...(await submitted()), io }), 'sub.json.gz');
    const replay = replayReaders(decoded.io);
    expect(await replay.logs.read(request)).toEqual({ ok: true, text: 'Listening on :8080\n', truncated: false });
    const other = await replay.logs.read({ ...request, previous: true });
    expect(other).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(other.ok === false && other.message).toMatch(/not in the submission/);
  });
});
