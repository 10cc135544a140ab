// The recorded TP4 snapshot (scripts/record-fixtures.sh) and helpers to vary it
// the way a student's namespace varies, for fast engine tests with no cluster.
import { readFileSync } from 'node:fs';
import type { KindRead, KubeObject, Snapshot } from '../../src/cluster/types.js';
import type { AnswerValue } from '../../src/answers/types.js';
import type { HttpProbe } from '../../src/cluster/http-types.js';
import type { LogReader } from '../../src/cluster/log-types.js';
import { tp4AnswersFor } from '../support/tp4-solution.js';
import { readOf } from '../../src/checks/snapshot-read.js';

export const solvedSnapshot = (): Snapshot => JSON.parse(readFileSync('fixtures/tp4-solved.snapshot.json', 'utf8')) as Snapshot;

export const solvedAnswers = (snapshot: Snapshot, overrides: Record<string, string> = {}): Map<string, AnswerValue> =>
  new Map(Object.entries(tp4AnswersFor(snapshot.facts, overrides)).map(([key, value], index) =>
    [key, value === '<fix me>' ? { state: 'placeholder', line: index + 2 } : { state: 'answered', value, line: index + 2 }]));

/** Changes one object of the snapshot in place. */
export const editObject = (snapshot: Snapshot, kind: string, name: string, edit: (object: KubeObject) => void): Snapshot => {
  const read = readOf(snapshot, kind);
  const object = read?.ok ? read.items.find((o) => o.metadata.name === name) : undefined;
  if (!object) throw new Error(`fixture has no ${kind}/${name}`);
  edit(object);
  return snapshot;
};

/** Sets what was read of a kind, named as the lab names it (`deployments` is under `deployments.apps`). */
export const setRead = (snapshot: Snapshot, kind: string, read: KindRead): Snapshot => {
  const resolved = snapshot.names[kind];
  if (!resolved?.ok) throw new Error(`fixture has no kind ${kind}`);
  snapshot.kinds[resolved.key] = read;
  return snapshot;
};

/** HTTP answers for the fixture: the app is not part of a recorded snapshot. */
export const appServing = (bodies: Record<string, string>): HttpProbe => ({
  via: 'nodeport',
  get: async (request) => {
    const body = bodies[request.path];
    const url = `http://127.0.0.1:${request.nodePort}${request.path}`;
    return body === undefined
      ? { reached: false, via: 'nodeport', url, failure: { code: 'refused', target: `127.0.0.1:${request.nodePort}` }, evaluable: true }
      : { reached: true, via: 'nodeport', url, status: 200, body };
  },
});

/** For labs without `logs` checks: a read is a bug of the test. */
export const noLogs: LogReader = {
  read: async () => {
    throw new Error('no check of this lab reads a log');
  },
};
