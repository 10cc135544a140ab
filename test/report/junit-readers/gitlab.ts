// What GitLab shows of a JUnit file, following its parser
// (lib/gitlab/ci/parsers/test/junit.rb) and the Hash.from_xml it reads the file
// with (ActiveSupport::XMLConverter): an element becomes a hash of its attributes
// and children, and an element with text becomes that text alone — its attributes
// are dropped (`become_content?`). A case is failed with <failure>, error with
// <error>, skipped with <skipped>; what GitLab shows as its output ("System output"
// in the test's details) is that element as Hash.from_xml made it. `file` links to the
// repository; `time` is read with Ruby's to_f.
import type { XmlElement } from '../xml-tree.js';

type FromXml = string | null | FromXmlHash | FromXml[];
interface FromXmlHash {
  [key: string]: FromXml;
}

const fromXml = (element: XmlElement): FromXml => {
  const hash: FromXmlHash = { ...element.attributes };
  for (const child of element.children) {
    const value = fromXml(child);
    const earlier = hash[child.name];
    // Repeated children become an array.
    hash[child.name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  const content = element.text;
  const keys = Object.keys(hash).length;
  // become_content?: text present (not only blanks), or text alone.
  if (content.trim() !== '' || (keys === 0 && content !== '')) return content;
  return keys === 0 ? null : hash;
};

// Ruby's String#to_f: the leading number, else 0.
const toF = (value: FromXml | undefined): number => {
  const match = typeof value === 'string' ? /^\s*[+-]?(\d[\d_]*)?(\.\d+)?([eE][+-]?\d+)?/.exec(value) : null;
  const number = match ? Number.parseFloat(match[0].replace(/_/g, '')) : Number.NaN;
  return Number.isNaN(number) ? 0 : number;
};

export type GitlabStatus = 'success' | 'failed' | 'error' | 'skipped';

export interface GitlabCase {
  suiteName: string;
  classname: FromXml | undefined;
  name: FromXml | undefined;
  file: FromXml | undefined;
  executionTime: number;
  status: GitlabStatus;
  systemOutput: FromXml | undefined;
}

export interface GitlabView {
  cases: GitlabCase[];
  counts: Record<GitlabStatus, number> & { total: number };
}

const list = (value: FromXml | undefined): FromXmlHash[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (item): item is FromXmlHash => typeof item === 'object' && item !== null && !Array.isArray(item),
  );

const caseOf = (data: FromXmlHash, suiteName: string): GitlabCase => {
  const [status, output]: [GitlabStatus, FromXml | undefined] =
    'failure' in data ? ['failed', data['failure']] : 'error' in data ? ['error', data['error']] : 'skipped' in data ? ['skipped', data['skipped']] : ['success', undefined];
  return { suiteName, classname: data['classname'], name: data['name'], file: data['file'], executionTime: toF(data['time']), status, systemOutput: output };
};

// all_cases: one top-level `testsuites`, then testsuites nested at any depth, each one's testcases.
const casesIn = (node: FromXmlHash, underRoot: boolean): GitlabCase[] => {
  const here = underRoot ? list(node['testcase']).map((data) => caseOf(data, String(node['name'] ?? ''))) : [];
  const fromSuites = underRoot ? [] : list(node['testsuites']).flatMap((suites) => casesIn(suites, true));
  return [...fromSuites, ...here, ...list(node['testsuite']).flatMap((suite) => casesIn(suite, true))];
};

export const readAsGitlab = (root: XmlElement): GitlabView => {
  const document: FromXmlHash = { [root.name]: fromXml(root) };
  const cases = casesIn(document, false);
  const count = (status: GitlabStatus) => cases.filter((c) => c.status === status).length;
  return { cases, counts: { total: cases.length, success: count('success'), failed: count('failed'), error: count('error'), skipped: count('skipped') } };
};
