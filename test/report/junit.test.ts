import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatJunit } from '../../src/report/junit.js';
import { englishReport, frenchReport, hostileMessage } from './sample-report.js';
import type { CheckStatus } from '../../src/core/check-status.js';

// A minimal XML 1.0 reader, enough to prove the output well-formed without a dependency:
// legal characters only, tags nested and closed, attributes quoted and unique,
// every `&` an entity, a single root.
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (raw: string): string => {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bare & in ${raw}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : (entities[ref] ?? ''),
  );
};

const parseXml = (xml: string): XmlElement => {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const match = token.exec(body);
    if (match === null) throw new Error(`not XML at ${at}: ${body.slice(at, at + 30)}`);
    const [, closing, name, rawAttributes, selfClosing, text] = match;
    const parent = stack.at(-1);
    if (parent === undefined) throw new Error('content after the root');
    if (text !== undefined) {
      if (parent === root && text.trim() !== '') throw new Error('text outside the root');
      parent.text += decode(text);
    } else if (closing === '/') {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key = '', value = ''] of (rawAttributes ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
        if (key in attributes) throw new Error(`duplicate attribute ${key}`);
        attributes[key] = decode(value);
      }
      if (parent === root && root.children.length > 0) throw new Error('two roots');
      const element: XmlElement = { name: name ?? '', attributes, children: [], text: '' };
      parent.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  const [document] = stack;
  if (stack.length !== 1 || document?.children.length !== 1) throw new Error('unclosed tags or no root');
  const [top] = document.children;
  if (top === undefined) throw new Error('no root');
  return top;
};

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
