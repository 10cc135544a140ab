import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { englishReport, frenchReport, hostileMessage } from './sample-report.js';
import type { CheckStatus } from '../../src/core/check-status.js';
import { parseXml } from './xml-tree.js';

const statusCounts = (jsonText: string): Record<CheckStatus, number> => {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, error: 0, skip: 0, manual: 0 };
  const json = JSON.parse(jsonText) as { exercises: { checks: { status: CheckStatus }[] }[] };
  for (const check of json.exercises.flatMap((exercise) => exercise.checks)) counts[check.status] += 1;
  return counts;
};

describe('the test XML reader', () => {
  it('rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="<"/>')).toThrow();
    expect(() => parseXml('<a>fish & chips</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>\u0007</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(parseXml('<a x="&lt;&amp;">t&gt;</a>')).toMatchObject({ attributes: { x: '<&' }, text: 't>' });
  });
});

describe('formatJunit', () => {
  const xml = formatJunit(frenchReport());
  const suites = parseXml(xml);
  const cases = suites.children.flatMap((suite) => suite.children.filter((child) => child.name === 'testcase'));

  it('is well-formed XML 1.0, declared as UTF-8', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(suites.name).toBe('testsuites');
  });

  it('counts tests, failures, errors and skipped as the JSON report does', () => {
    const counts = statusCounts(formatJson(frenchReport()));
    expect(suites.attributes).toEqual({
      name: 'tp4',
      time: expect.stringMatching(/^\d+\.\d{3}$/),
      tests: String(counts.pass + counts.fail + counts.error + counts.skip + counts.manual),
      failures: String(counts.fail),
      errors: String(counts.error),
      skipped: String(counts.skip + counts.manual),
    });
    expect(suites.attributes).toMatchObject({ tests: '7', failures: '2', errors: '1', skipped: '2' });
  });

  it('has one testsuite per exercise, with its own counts', () => {
    expect(suites.children.map((suite) => suite.attributes)).toEqual([
      { name: 'contexts: Contextes du kubeconfig', tests: '3', failures: '0', errors: '0', skipped: '1', time: expect.any(String) },
      { name: 'labels: Étiquettes', tests: '4', failures: '2', errors: '1', skipped: '1', time: expect.any(String) },
    ]);
  });

  it('names each testcase after the lab, the exercise and the check', () => {
    expect(cases.map((testcase) => testcase.attributes)).toContainEqual(expect.objectContaining({
      classname: 'tp4.labels',
      name: 'answer4-selector: Sélecteur country=fr',
    }));
    expect(cases.filter((testcase) => testcase.children.length === 0)).toHaveLength(2);
  });

  it('keeps the message of a failure intact, minus what XML cannot hold', () => {
    const failure = cases.find((testcase) => testcase.attributes['name']?.startsWith('answer4'))?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes['message']).toBe(hostileMessage.replace('\u0007', ''));
    expect(failure?.text).toBe(`${hostileMessage.replace('\u0007', '')}\nIndice : Essayez kubectl get cm -l country=fr`);
  });

  it('reports errors as errors, and skipped and manual checks as skipped', () => {
    const child = (id: string) => cases.find((testcase) => testcase.attributes['name']?.startsWith(id))?.children[0];
    expect(child('cm1-labels')).toMatchObject({ name: 'error', attributes: { message: 'lecture interdite (403)' } });
    expect(child('cm5-optional')).toMatchObject({ name: 'skipped', attributes: { message: 'sans objet sur ce cluster' } });
    expect(child('contexts-review')).toMatchObject({ name: 'skipped' });
    const english = parseXml(formatJunit(englishReport())).children.flatMap((suite) => suite.children.filter((c) => c.name === 'testcase'));
    const manual = english.find((testcase) => testcase.attributes['name']?.startsWith('contexts-review'));
    expect(manual?.children[0]?.attributes).toEqual({ message: 'manual review' });
  });

  it('survives titles with quotes, ampersands and stray controls', () => {
    const report = englishReport();
    const exercise = report.exercises[0];
    if (exercise) exercise.title = `"A" & 'B' <C>\u0000\u001b\uFFFE\uD800`;
    const parsed = parseXml(formatJunit(report));
    expect(parsed.children[0]?.attributes['name']).toBe(`contexts: "A" & 'B' <C>`);
  });
});

describe('a report from a flagged submission in JUnit', () => {
  it('fails a test per flag, in a suite of its own, counted in the totals', async () => {
    const { formatJunit } = await import('../../src/report/junit.js');
    const { englishReport } = await import('./sample-report.js');
    const xml = formatJunit({ ...englishReport(), flags: [{ check: 'replicas', reason: 'Deployment web counts 2 readyReplicas in its status, its ReplicaSets 1' }] });
    expect(xml).toContain('<testsuite name="Submission to review: it looks edited by hand, this grade does not stand as it is" tests="1" failures="1"');
    expect(xml).toContain('<failure message="Deployment web counts 2 readyReplicas in its status, its ReplicaSets 1">');
    expect(xml).toMatch(/<testsuites name="tp4" tests="8" failures="3"/);
  });
});
