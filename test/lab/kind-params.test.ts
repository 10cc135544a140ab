// What only a check kind knows of its params, said by `tp lab lint` at the line
// and column where it is written: a label selector that does not parse (events,
// logs, reach), a log pattern RE2 cannot run in linear time (logs), a resource
// whose API group tp cannot tell (access). Said once to the author, never as an
// `error` in every student's report.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { problemsOf } from './problems-of.js';
import { labWith } from './sample-lab.js';

// The sample lab declares Answer1; these checks do not read it, which lint says too.
const UNREAD = '4:10 Answer1 is declared but no check reads it';

const check = (kind: string, params: string): string =>
  `      - id: probe\n        kind: ${kind}\n        points: 1\n        title: {fr: a, en: a}\n        params: ${params}\n`;

const lint = (kind: string, params: string) => problemsOf(labWith(check(kind, params)), checkKinds).filter((problem) => problem !== UNREAD);

describe('params a kind refuses beyond its schema', () => {
  test('well-formed checks of the four kinds lint clean', () => {
    expect(lint('events', '{resource: pods, selector: "app=web", reasons: {noneOf: [BackOff]}}')).toEqual([]);
    expect(lint('logs', '{selector: "app=web", matches: "Listening on :\\\\d+"}')).toEqual([]);
    expect(lint('reach', '{from: "app=web", to: "app=db", port: 5432, expect: denied}')).toEqual([]);
    expect(lint('access', '{subject: {kind: ServiceAccount, name: ci}, verb: create, resource: statefulsets.apps}')).toEqual([]);
  });

  test('a selector that does not parse, at the selector', () => {
    expect(lint('reach', '{from: "app=web", to: "app in (db", port: 5432}')).toEqual([
      '14:39 check "probe": invalid label selector "app in (db": missing ")" to close the list opened at column 8',
    ]);
    expect(lint('events', '{resource: pods, selector: "=web", reasons: {allOf: [Started]}}')).toEqual([
      expect.stringMatching(/^14:44 check "probe": invalid label selector "=web": /),
    ]);
  });

  test('a log pattern with a backreference, at the pattern', () => {
    expect(lint('logs', '{pod: web, matches: "(a+)\\\\1"}')).toEqual([
      expect.stringMatching(/^14:37 check "probe": not a linear-time \(RE2\) pattern: .*\(no backreferences nor lookaround\)$/),
    ]);
  });

  test('a resource whose API group tp cannot tell', () => {
    // A kind of Kubernetes itself needs none: tp's table knows it.
    expect(lint('access', '{subject: {kind: User, name: jane}, verb: get, resource: sts}')).toEqual([]);
    expect(lint('access', '{subject: {kind: User, name: jane}, verb: get, resource: widgets}')).toEqual([
      '14:74 check "probe": tp does not know the API group of "widgets": write it as widgets.<group> (crontabs.stable.example.com), or give group',
    ]);
  });
});
