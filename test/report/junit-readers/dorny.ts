// What dorny/test-reporter shows of a JUnit file, following its java-junit parser
// (src/parsers/java-junit/java-junit-parser.ts, reading the file with xml2js): suite
// and case names trimmed; times are parseFloat(time) * 1000 ms (NaN when missing);
// cases grouped by classname (none when it equals the suite's name); <failure> and
// <error> are both "failed", <skipped> "skipped"; the error shown is the first
// <failure> (else <error>): its `message` (after `type: ` when a type is given) and
// its text as details. A detail line like `at pkg.Class(File.java:12)` would make it
// annotate a file of the checkout.
import { childNamed, childrenNamed, type XmlElement } from '../xml-tree.js';

export type DornyResult = 'success' | 'failed' | 'skipped';

export interface DornyCase {
  name: string;
  result: DornyResult;
  timeMs: number;
  error?: { message?: string; details?: string; annotatesFile: boolean };
}

export interface DornySuite {
  name: string;
  timeMs: number;
  groups: Array<{ name: string; tests: DornyCase[] }>;
}

export interface DornyView {
  suites: DornySuite[];
  timeMs: number | undefined;
  passed: number;
  failed: number;
  skipped: number;
}

const STACK_FRAME = /^\s*at (\S+\/\S*\/)?(.*)\((.*):(\d+)\)$/;

const errorOf = (testcase: XmlElement): DornyCase['error'] => {
  const element = childNamed(testcase, 'failure') ?? childNamed(testcase, 'error');
  if (!element) return undefined;
  // xml2js: an element with no attributes is its text alone, with no message.
  const hasAttributes = Object.keys(element.attributes).length > 0;
  const type = element.attributes['type'];
  const message = hasAttributes ? (type ? `${type}: ${element.attributes['message']}` : element.attributes['message']) : undefined;
  const details = element.text === '' ? undefined : element.text;
  return { ...(message === undefined ? {} : { message }), ...(details === undefined ? {} : { details }), annotatesFile: (details ?? '').split(/\r?\n/).some((line) => STACK_FRAME.test(line)) };
};

const caseOf = (testcase: XmlElement): DornyCase => {
  const result: DornyResult = childNamed(testcase, 'failure') || childNamed(testcase, 'error') ? 'failed' : childNamed(testcase, 'skipped') ? 'skipped' : 'success';
  const error = errorOf(testcase);
  return { name: (testcase.attributes['name'] ?? '').trim(), result, timeMs: Number.parseFloat(testcase.attributes['time'] ?? '') * 1000, ...(error ? { error } : {}) };
};

const suiteOf = (suite: XmlElement): DornySuite => {
  const name = (suite.attributes['name'] ?? '').trim();
  const groups: DornySuite['groups'] = [];
  for (const testcase of childrenNamed(suite, 'testcase')) {
    const classname = testcase.attributes['classname'] === suite.attributes['name'] ? '' : (testcase.attributes['classname'] ?? '');
    let group = groups.find((g) => g.name === classname);
    if (!group) groups.push((group = { name: classname, tests: [] }));
    group.tests.push(caseOf(testcase));
  }
  return { name, timeMs: Number.parseFloat(suite.attributes['time'] ?? '') * 1000, groups };
};

export const readAsDorny = (root: XmlElement): DornyView => {
  // A lone <testsuite> root is read as if it were inside <testsuites>.
  const suites = (root.name === 'testsuites' ? childrenNamed(root, 'testsuite') : [root]).map(suiteOf);
  const seconds = Number.parseFloat(root.name === 'testsuites' ? (root.attributes['time'] ?? '') : (root.attributes['time'] ?? ''));
  const tests = suites.flatMap((suite) => suite.groups.flatMap((group) => group.tests));
  const count = (result: DornyResult) => tests.filter((t) => t.result === result).length;
  return { suites, timeMs: Number.isNaN(seconds) ? undefined : seconds * 1000, passed: count('success'), failed: count('failed'), skipped: count('skipped') };
};
