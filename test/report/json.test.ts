import { describe, expect, it } from 'vitest';
import { TpError } from '../../src/core/errors.js';
import { formatJson, parseJsonReport } from '../../src/report/json.js';
import { englishReport, frenchReport, hostileMessage } from './sample-report.js';

describe('formatJson', () => {
  const text = formatJson(frenchReport());
  const json = JSON.parse(text) as Record<string, unknown>;

  it("has SPEC.md's keys in SPEC's order, plus what reading it back needs", () => {
    expect(Object.keys(json)).toEqual(['lab', 'labTitle', 'lang', 'target', 'score', 'maxScore', 'exercises', 'warnings', 'checkedAt']);
    expect(Object.keys(json['target'] as object)).toEqual(['context', 'namespace', 'answers', 'server']);
    expect(json).toMatchObject({
      lab: 'tp4',
      target: { context: 'kind-kind', namespace: 'alice', answers: 'answers/answers_tp4', server: 'https://127.0.0.1:6443' },
      score: 3,
      maxScore: 8,
      warnings: ['answers/answers_tp4:3 : virgule finale tolérée'],
    });
    const exercises = json['exercises'] as Record<string, unknown>[];
    expect(Object.keys(exercises[0] ?? {})).toEqual(['id', 'title', 'section', 'score', 'maxScore', 'passed', 'checks']);
    const checks = exercises[1]?.['checks'] as Record<string, unknown>[];
    expect(Object.keys(checks[0] ?? {})).toEqual(['id', 'title', 'status', 'points', 'earned', 'message', 'messageId', 'hint']);
    expect(checks[0]).toMatchObject({ status: 'fail', message: hostileMessage, messageId: 'selector.wrong' });
  });

  it('leaves out the optional keys that are not set', () => {
    const report = englishReport();
    delete report.target.server;
    const exercises = (JSON.parse(formatJson(report)) as { exercises: { checks: Record<string, unknown>[] }[] }).exercises;
    expect(JSON.parse(formatJson(report))).not.toHaveProperty('target.server');
    expect(exercises[0]?.checks[1]).not.toHaveProperty('hint');
  });

  it('is indented with two spaces and ends with a newline', () => {
    expect(text.startsWith('{\n  "lab": "tp4",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('parseJsonReport', () => {
  it('reads back what formatJson wrote, whole', () => {
    expect(parseJsonReport(formatJson(frenchReport()))).toEqual(frenchReport());
    const english = englishReport();
    delete english.target.server;
    delete english.checkedAt;
    expect(parseJsonReport(formatJson(english))).toEqual(english);
  });

  it('refuses what is not JSON, with an IO error naming the file', () => {
    expect(() => parseJsonReport('{', 'grades/alice.json')).toThrowError(/grades\/alice\.json: not valid JSON/);
    expect(() => parseJsonReport('{')).toThrowError(TpError);
  });

  it('refuses a report of the wrong shape, saying where', () => {
    const json = JSON.parse(formatJson(frenchReport())) as { exercises: { checks: { status: string }[] }[] };
    const firstCheck = json.exercises[1]?.checks[0];
    if (firstCheck) firstCheck.status = 'ok';
    const parse = () => parseJsonReport(JSON.stringify(json), 'r.json');
    expect(parse).toThrowError(/r\.json: not a tp report: exercises\[1\]\.checks\[0\]\.status must be one of pass, fail/);
    expect(parse).toThrowError(expect.objectContaining({ name: 'TpError', code: 'IO' }));
    expect(() => parseJsonReport('[]')).toThrowError(/report must be an object/);
    expect(() => parseJsonReport('{"lab":"tp4"}')).toThrowError(/target must be an object/);
  });
});
