// What Jenkins' junit plugin shows of a JUnit file, following its reader
// (hudson.tasks.junit.SuiteResult.parseSuite, CaseResult, TimeToFloat): suites are
// found at any depth and kept when they hold a testcase; a case's class is its
// `classname` (else the suite's name), split at the last dot into package and class;
// "Error Message" is the `message` of <error>, else of <failure>; "Stacktrace" the
// text of that element; a <skipped> makes it skipped, with its `message` or else its
// text; counts are computed from the cases, never read from the attributes.
import { childNamed, childrenNamed, type XmlElement } from '../xml-tree.js';

export type JenkinsStatus = 'PASSED' | 'FAILED' | 'SKIPPED';

export interface JenkinsCase {
  packageName: string;
  simpleName: string;
  name: string;
  /** Seconds, clamped to [0, a year] as CaseResult.clampDuration does. */
  duration: number;
  status: JenkinsStatus;
  errorDetails?: string;
  errorStackTrace?: string;
  skippedMessage?: string;
}

export interface JenkinsSuite {
  name: string;
  duration?: number;
  properties: Record<string, string>;
  cases: JenkinsCase[];
}

export interface JenkinsView {
  suites: JenkinsSuite[];
  total: number;
  failed: number;
  skipped: number;
  passed: number;
}

// TimeToFloat: commas dropped, a float, else 0.
const timeToFloat = (time: string | undefined): number => {
  if (time === undefined) return 0;
  const value = Number.parseFloat(time.replace(/,/g, ''));
  return Number.isNaN(value) ? 0 : value;
};
const clamp = (seconds: number): number => Math.min(365 * 24 * 60 * 60, Math.max(0, seconds));

const caseOf = (suite: XmlElement, element: XmlElement): JenkinsCase => {
  const className = element.attributes['classname'] ?? suite.attributes['name'] ?? '';
  const dot = className.lastIndexOf('.');
  const problem = childNamed(element, 'error') ?? childNamed(element, 'failure');
  const skipped = childNamed(element, 'skipped');
  const errorDetails = problem?.attributes['message'];
  const errorStackTrace = problem?.text;
  const passed = skipped === undefined && errorDetails === undefined && errorStackTrace === undefined;
  return {
    packageName: dot < 0 ? '(root)' : className.slice(0, dot),
    simpleName: className.slice(dot + 1),
    name: element.attributes['name'] ?? '',
    duration: clamp(timeToFloat(element.attributes['time'])),
    status: skipped !== undefined ? 'SKIPPED' : passed ? 'PASSED' : 'FAILED',
    ...(errorDetails === undefined ? {} : { errorDetails }),
    ...(errorStackTrace === undefined ? {} : { errorStackTrace }),
    ...(skipped === undefined ? {} : { skippedMessage: skipped.attributes['message'] ?? skipped.text }),
  };
};

// Properties are kept only with the step's keepProperties option; shown here as they would be then.
const propertiesOf = (suite: XmlElement): Record<string, string> => {
  const block = childNamed(suite, 'properties');
  const entries = (block ? childrenNamed(block, 'property') : []).flatMap((property) => {
    const name = property.attributes['name'];
    return name === undefined ? [] : [[name, property.attributes['value'] ?? property.text] as const];
  });
  return Object.fromEntries(entries);
};

const suitesIn = (root: XmlElement): JenkinsSuite[] => {
  const nested = childrenNamed(root, 'testsuite').flatMap(suitesIn);
  if (childNamed(root, 'testcase') === undefined && childNamed(root, 'error') === undefined) return nested;
  const time = root.attributes['time'];
  return [
    ...nested,
    {
      name: root.attributes['name'] ?? '(file)',
      ...(time === undefined ? {} : { duration: clamp(timeToFloat(time)) }),
      properties: propertiesOf(root),
      cases: childrenNamed(root, 'testcase').map((testcase) => caseOf(root, testcase)),
    },
  ];
};

export const readAsJenkins = (root: XmlElement): JenkinsView => {
  const suites = suitesIn(root);
  const cases = suites.flatMap((suite) => suite.cases);
  const count = (status: JenkinsStatus) => cases.filter((c) => c.status === status).length;
  return { suites, total: cases.length, failed: count('FAILED'), skipped: count('SKIPPED'), passed: count('PASSED') };
};
