// The done-when of issue 11 for outputs: hostile strings in every field a
// student controls (answers values, every string of the objects in their
// namespace, HTTP bodies, API error messages, kubeconfig names, cohort ids and
// names) leave every output free of control characters — each format of
// tp check, each file of tp grade — and no GitHub workflow command but tp's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLab } from '../../src/engine/evaluate.js';
import { loadLabFile } from '../../src/lab/load.js';
import { checkKinds } from '../../src/checks/index.js';
import type { Snapshot } from '../../src/cluster/types.js';
import type { AnswerValue } from '../../src/answers/types.js';
import { GRADEBOOK_FORMATS, formatNames, gradebookFileText, gradebookFormatters, loadFormatter, loadGradebookFiles } from '../../src/report/index.js';
import { buildGradebook } from '../../src/grade/gradebook.js';
import { labOutline } from '../../src/grade/outline.js';
import { cleanText, isCleanText } from '../../src/core/clean-text.js';
import { appServing, noLogs, solvedAnswers, solvedSnapshot } from '../engine/fixture.js';

const lab = await loadLabFile('labs/tp4/lab.yaml', checkKinds);

// What an attacker writes: terminal escapes (CSI, OSC, 8-bit CSI/OSC), CR tricks,
// bidi overrides, NUL, DEL, lone surrogates, workflow commands, formula starts, markup.
const HOSTILE = [
  '\u001b[2J\u001b[H', '\u001b]0;owned\u0007', '\u001b]8;;http://127.0.0.1/x\u001b\\link\u001b]8;;\u001b\\', '\u009b31m', '\u009d0;t\u009c',
  'ok\rFAKE', '\r\n::error file=/etc/passwd::pwned', '\n::add-mask::x\n', '\n::stop-commands::t\n', '%0A::warning::x', '\u202eevil\u202c', '\u2066iso\u2069',
  '\u0000', '\u007f', '\u0007', '\u0008\u0008', '\uD800', '\uDFFF', '\uFEFF', '=cmd|"/c calc"!A1', '+1', '-1', '@SUM(1)', '<script>alert(1)</script>', '](javascript:x)', '`rm -rf`',
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE, 'a', ' ', 'é', '日本'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Every string of a plain value, with `taint` deciding where hostile text goes. */
const taintDeep = (value: unknown, taint: (text: string) => string): unknown => {
  if (typeof value === 'string') return taint(value);
  if (Array.isArray(value)) return value.map((item) => taintDeep(item, taint));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [taint(key), taintDeep(item, taint)]));
  }
  return value;
};

const SGR_OF_TP = /\u001b\[\d+(;\d+)*m/g;

/** Every string inside parsed JSON. */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsOf) : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]) : [];

const unescapeProperty = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/**
 * The commands the runner would obey in a log (actions/runner ActionCommand.TryParseV2:
 * `::name k=v,k=v::data`, nothing between `::stop-commands::T` and `::T::`), each as
 * "name" plus " FOREIGN" when its properties are not the ones tp writes (title, file = the answers file, line).
 */
const workflowCommands = (log: string, answersFile: string): string[] => {
  const found: string[] = [];
  let stoppedBy: string | undefined;
  for (const line of log.split('\n')) {
    const trimmed = line.trimStart();
    if (stoppedBy !== undefined) {
      if (trimmed === `::${stoppedBy}::`) stoppedBy = undefined;
      continue;
    }
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::/.exec(trimmed);
    if (match === null) continue;
    const [, name = '', rawProperties = ''] = match;
    if (name === 'stop-commands') {
      stoppedBy = trimmed.slice('::stop-commands::'.length);
      continue;
    }
    const properties = rawProperties.split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), unescapeProperty(pair.slice(pair.indexOf('=') + 1))] as const);
    const foreign = properties.some(([key, value]) => !['title', 'file', 'line'].includes(key) || (key === 'file' && value !== answersFile) || (key === 'line' && !/^\d+$/.test(value)));
    found.push(foreign ? `${name} FOREIGN` : name);
  }
  return found;
};

interface Scenario {
  seeds: string[];
  every: number;
  answer: string;
  body: string;
  apiError: string;
  context: string;
  studentId: string;
  studentName: string;
}

const scenario = fc.record({
  seeds: fc.array(hostile, { minLength: 1, maxLength: 5 }),
  every: fc.integer({ min: 1, max: 4 }),
  answer: hostile,
  body: hostile,
  apiError: hostile,
  context: hostile,
  studentId: hostile,
  studentName: hostile,
});

const hostileReport = async (s: Scenario) => {
  let n = 0;
  // Every `every`-th string of the namespace (names, labels, annotations, images, data keys…) gets a hostile suffix.
  const taint = (text: string): string => (n++ % s.every === 0 ? `${text}${s.seeds[n % s.seeds.length] ?? ''}` : text);
  const solved = solvedSnapshot();
  const kinds = Object.fromEntries(
    Object.entries(solved.kinds).map(([kind, read]) => [kind, read?.ok ? { ok: true, items: taintDeep(read.items, taint) } : read]),
  ) as Snapshot['kinds'];
  const snapshot: Snapshot = { ...solved, kinds };
  // An API error message on one kind.
  snapshot.kinds['endpointslices.discovery.k8s.io'] = { ok: false, failure: { reason: 'forbidden', message: s.apiError } };
  snapshot.facts = { ...snapshot.facts, context: s.context, server: `https://${s.context}:6443` };
  const answers = new Map<string, AnswerValue>([...solvedAnswers(solved)].map(([key, value], i) => [key, i % 2 === 0 ? { state: 'answered', value: s.answer, line: value.line } : value]));
  const http = appServing({ '/': s.body, '/version': s.body, '/config': s.body });
  return evaluateLab({ lab, snapshot, answers, variables: { registry: 'registry.example.org' }, http, logs: noLogs, lang: 'en', target: { context: s.context, namespace: `ns${s.seeds[0] ?? ''}`, answers: `answers/answers_tp4${s.answer}` } });
};

describe('every output, whatever students put in', () => {
  it('tp check: no format prints a control character, and github runs no command but its own', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const report = await hostileReport(s);
        // The fuzz is real: hostile text reached the report.
        expect(JSON.stringify(report), 'hostile text reached the report').toMatch(/\\u00|\\u20|\\ud|\\r|::|[=+@]/i);
        for (const name of formatNames) {
          const format = await loadFormatter(name);
          for (const color of [false, true]) {
            const text = format?.(report, { color }) ?? '';
            const plain = text.replace(SGR_OF_TP, '');
            if (!isCleanText(plain)) expect.fail(`${name} color=${color} printed ${JSON.stringify([...plain].filter((c) => cleanText(c) !== c).slice(0, 5))}`);
          }
        }
        const json = (await loadFormatter('json'))?.(report, { color: false }) ?? '';
        for (const value of stringsOf(JSON.parse(json))) expect(isCleanText(value), `json ${JSON.stringify(value)}`).toBe(true);
        const github = (await loadFormatter('github'))?.(report, { color: false }) ?? '';
        expect(workflowCommands(github, cleanText(report.target.answers)).filter((command) => !/^(error|warning|notice)$/.test(command))).toEqual([]);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  }, 120_000);

  it("tp grade: no file of the gradebook holds a control character, and CSV cells start no formula", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const report = await hostileReport(s);
        const gradebook = buildGradebook({
          outline: labOutline(lab, 'en'),
          lang: 'en',
          results: [
            { student: { index: 0, id: 'alice', name: s.studentName, email: `${s.studentName}@x`, idNumber: s.answer, username: s.context }, status: 'graded', report },
            { student: { index: 1, id: 'bob', name: s.studentId }, status: 'error', reason: `cluster: ${s.apiError}` },
          ],
          complete: true,
          generatedAt: '2026-12-02T00:00:00.000Z',
          cohortSize: 2,
          run: { apiRequests: 1, clusters: 1, durationMs: 1 },
        });
        // Each format alone, and all of them together as tp grade writes them (cleaned once for all).
        const alone = await Promise.all(GRADEBOOK_FORMATS.map(async (format) => (await gradebookFormatters[format].load())(gradebook)));
        const together = (await loadGradebookFiles(GRADEBOOK_FORMATS))(gradebook);
        expect(together.flat().map((file) => file.path)).toEqual(alone.flat().map((file) => file.path));
        for (const files of [...alone, ...together]) {
          for (const file of files) {
            // RFC 4180 ends CSV records with CRLF: tp's own, the only CR allowed.
            const whole = gradebookFileText(file);
            const text = file.path.endsWith('.csv') ? whole.replace(/\r\n/g, '\n') : whole;
            expect(isCleanText(text), file.path).toBe(true);
            if (file.path.endsWith('.csv')) {
              for (const cell of whole.split(/,|\r\n/)) expect(cell.replace(/^"/, ''), file.path).not.toMatch(/^[=+\-@]/);
            }
          }
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);

  it('cleanText removes what a terminal would obey and keeps what a reader reads', () => {
    expect(cleanText('a\u001b[31mb\u001b]0;t\u0007c\r\nd\re\u202ef\u009b1mg\uD800h')).toBe('a[31mb]0;tc\nde f1mgh'.replace(' ', ''));
    expect(cleanText('tab\tand\nline, é 日本 ✔')).toBe('tab\tand\nline, é 日本 ✔');
  });
});
