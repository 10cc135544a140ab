import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_LEVEL, formatGithub } from '../../src/report/github.js';
import { formatPretty } from '../../src/report/pretty.js';
import { englishReport } from './sample-report.js';
import type { CheckResult, Report } from '../../src/engine/types.js';

// How the runner reads a log line (actions/runner's ActionCommand.TryParseV2):
// `::name props::data`, props split on `,` then `=`, with the toolkit's
// unescaping; between `::stop-commands::T` and `::T::` nothing is a command.
interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
}

const unescape = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

const commandsOf = (log: string): WorkflowCommand[] => {
  const found: WorkflowCommand[] = [];
  let stoppedUntil: string | undefined;
  for (const line of log.split(/\r?\n/)) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.trimStart());
    if (stoppedUntil !== undefined) {
      if (line.trimStart() === `::${stoppedUntil}::`) stoppedUntil = undefined;
      continue;
    }
    if (match === null) continue;
    const [, name = '', rawProperties = '', data = ''] = match;
    if (name === 'stop-commands') {
      stoppedUntil = data;
      continue;
    }
    const properties = Object.fromEntries(
      rawProperties
        .split(',')
        .filter((pair) => pair.includes('='))
        .map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1))]),
    );
    found.push({ name, properties, data: unescape(data) });
  }
  return found;
};

const withChecks = (checks: CheckResult[]): Report => {
  const report = englishReport();
  return { ...report, exercises: [{ id: 'many', title: 'Many', score: 0, maxScore: 99, passed: false, checks }] };
};

const failing = (n: number, points: number, status: CheckResult['status'] = 'fail'): CheckResult => ({
  id: `check-${n}`,
  title: `Check ${n}`,
  status,
  points,
  earned: 0,
  message: `failed ${n}`,
  messageId: 'resource.missing',
});

describe('formatGithub', () => {
  const output = formatGithub(englishReport());
  const commands = commandsOf(output);

  it('annotates failures and errors as errors, with the hint, the error first', () => {
    const errors = commands.filter((command) => command.name === 'error');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toEqual({ name: 'error', properties: { title: 'tp4 cm1-labels' }, data: 'lecture interdite (403)\nHint: Vérifiez vos droits' });
  });

  it('keeps each annotation on one line: %, CR and LF are escaped, controls dropped', () => {
    expect(output).toContain(`::expected <none> & "fr" or 'uk', got 100%25%0Asecond line%0AHint: Essayez kubectl get cm -l country=fr`);
    const report = englishReport();
    const check = report.exercises[1]?.checks[0];
    if (check) check.message = 'a\r\nb\rc';
    expect(formatGithub(report)).toContain('::a%0Abc%0AHint:');
  });

  it('escapes : and , in properties', () => {
    const report = englishReport();
    report.lab = 'tp4:v2,final';
    expect(formatGithub(report)).toContain('::error title=tp4%3Av2%2Cfinal cm1-labels::');
  });

  it('attaches answer checks to the answers file, at the line of their AnswerN', () => {
    const report = englishReport();
    const check = report.exercises[1]?.checks[0];
    if (check) check.answer = { key: 'Answer4', line: 7 };
    const selector = commandsOf(formatGithub(report)).find((command) => command.properties['title'] === 'tp4 answer4-selector');
    expect(selector?.properties).toEqual({ title: 'tp4 answer4-selector', file: 'answers/answers_tp4', line: '7' });
  });

  it('writes at most 10 error annotations, the most useful first, and says how many more', () => {
    const checks = [...Array.from({ length: 14 }, (_, n) => failing(n, n % 3)), failing(99, 1, 'error')];
    const found = commandsOf(formatGithub(withChecks(checks)));
    const errors = found.filter((command) => command.name === 'error');
    expect(errors).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(errors[0]?.properties['title']).toBe('tp4 check-99');
    // Then by points: every 2-point check before any 1-point one.
    expect(errors.slice(1, 5).map((e) => e.properties['title'])).toEqual(['tp4 check-2', 'tp4 check-5', 'tp4 check-8', 'tp4 check-11']);
    const more = found.filter((command) => command.name === 'notice' && command.data.startsWith('5 more failed'));
    expect(more).toHaveLength(1);
  });

  it('warns on skipped checks and notes manual ones, never on passes', () => {
    expect(commands.map((c) => `${c.name} ${c.properties['title']}`)).toEqual([
      'error tp4 cm1-labels',
      'error tp4 answer4-selector',
      'error tp4 answer6-no-version',
      'warning tp4 cm5-optional',
      'notice tp4 contexts-review',
    ]);
    expect(commands.find((c) => c.name === 'notice')?.data).toBe('manual review');
  });

  it('ends with the plain report, without colour, where no line can be a command', () => {
    expect(output).toContain(formatPretty(englishReport(), { color: false }));
    expect(output).not.toMatch(/\u001b\[/);
    const report = englishReport();
    const check = report.exercises[1]?.checks[0];
    if (check) check.message = 'x\n::error file=/etc/passwd::owned\n::add-mask::secret\n::stop-commands::abc\n::abc::\n::warning::late';
    const log = formatGithub(report, undefined, 'token-1');
    expect(log).toMatch(/\n\s*::error file=\/etc\/passwd::owned\n/);
    expect(commandsOf(log).map((command) => command.name)).toEqual(['error', 'error', 'error', 'warning', 'notice']);
    expect(commandsOf(log).some((command) => command.properties['file'] === '/etc/passwd')).toBe(false);
  });

  it('guards with a token that changes every run', () => {
    const tokens = [formatGithub(englishReport()), formatGithub(englishReport())].map((log) => /::stop-commands::(.+)/.exec(log)?.[1]);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});
