// What mikepenz/action-junit-report shows of a JUnit file, following its parser
// (src/testParser.ts, reading the file with xml-js): a case fails with <failure> or
// <error> unless it is <skipped>; each failure becomes an annotation on `file` at
// `line` when both are given (else the classname's last word, searched in the
// checkout), titled `<file>.<name>`, with the `message` attribute (else the text,
// else the case's name) and the text as raw details; passed = total - failed - skipped.
import { childNamed, childrenNamed, type XmlElement } from '../xml-tree.js';

export interface MikepenzAnnotation {
  path: string;
  line: number;
  title: string;
  message: string;
  rawDetails: string;
}

export interface MikepenzView {
  total: number;
  failed: number;
  skipped: number;
  passed: number;
  annotations: MikepenzAnnotation[];
}

const casesIn = (element: XmlElement): XmlElement[] => [
  ...childrenNamed(element, 'testcase'),
  ...childrenNamed(element, 'testsuite').flatMap(casesIn),
];

const annotationOf = (testcase: XmlElement, issue: XmlElement): MikepenzAnnotation => {
  const name = testcase.attributes['name'] ?? '';
  const stackTrace = issue.text.trim();
  const message = (issue.attributes['message'] || stackTrace || name).trim();
  const line = Number.parseInt(testcase.attributes['line'] ?? issue.attributes['line'] ?? '', 10);
  const file = testcase.attributes['file'] ?? issue.attributes['file'];
  // Without file and line, the classname's last word is looked for in the checkout: what tp must avoid.
  const path = file !== undefined && !Number.isNaN(line) ? file : `**/${(testcase.attributes['classname'] ?? name).split('.').at(-1)}.*`;
  return { path, line: Number.isNaN(line) ? 1 : line, title: path !== name ? `${path}.${name}` : name, message, rawDetails: stackTrace };
};

export const readAsMikepenz = (root: XmlElement): MikepenzView => {
  let failed = 0;
  let skipped = 0;
  const annotations: MikepenzAnnotation[] = [];
  const cases = casesIn(root);
  for (const testcase of cases) {
    const issues = [...childrenNamed(testcase, 'failure'), ...childrenNamed(testcase, 'error')];
    const skip = childNamed(testcase, 'skipped') !== undefined || ['disabled', 'ignored'].includes(testcase.attributes['status'] ?? '');
    if (skip) skipped += 1;
    if (issues.length > 0 && !skip) {
      failed += 1;
      annotations.push(...issues.map((issue) => annotationOf(testcase, issue)));
    }
  }
  return { total: cases.length, failed, skipped, passed: cases.length - failed - skipped, annotations };
};
