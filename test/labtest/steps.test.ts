// The solution as steps: files applied in name order, and what a mutation
// leaves of them (the history cut short, objects deleted, the last version patched).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TpError } from '../../src/core/errors.js';
import type { Lab, Mutation } from '../../src/lab/types.js';
import { applySteps } from '../../src/labtest/apply-steps.js';
import { mutateSteps } from '../../src/labtest/mutate-steps.js';
import { loadSolution, type SolutionStep } from '../../src/labtest/solution.js';
import type { Manifest } from '../../src/cluster/types.js';

const deployment = (image: string, replicas = 3): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'vote-deploy' },
  spec: { replicas, template: { spec: { containers: [{ name: 'vote', image }] } } },
});
const service: Manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'vote-service' }, spec: { type: 'ClusterIP' } };

const HISTORY: SolutionStep[] = [
  { file: '01-create.yaml', manifests: [deployment('instavote/vote'), service] },
  { file: '02-indent.yaml', manifests: [deployment('instavote/vote:indent')] },
  { file: '03-undo.yaml', manifests: [deployment('instavote/vote')] },
];

const mutation = (fields: Partial<Mutation>): Mutation => ({ id: 'm', fails: ['c'], position: { file: 'lab.yaml', line: 1, col: 1 }, ...fields });
const imagesOf = (steps: SolutionStep[]) => steps.map((step) => step.manifests.map((m) => JSON.stringify(m.spec)));

describe('mutateSteps', () => {
  test('without a change of steps, every step stays, in order', () => {
    expect(mutateSteps(HISTORY, mutation({ answers: { Answer1: 'x' } }), {})).toEqual(HISTORY);
  });

  test('`steps` keeps the history up to where a student stopped', () => {
    const kept = mutateSteps(HISTORY, mutation({ steps: ['01-create.yaml', '02-indent.yaml'] }), {});
    expect(kept.map((step) => step.file)).toEqual(['01-create.yaml', '02-indent.yaml']);
  });

  test('a step the solution does not have is a lab error naming the ones it has', () => {
    expect(() => mutateSteps(HISTORY, mutation({ steps: ['04-nope.yaml'] }), {})).toThrow(TpError);
    expect(() => mutateSteps(HISTORY, mutation({ steps: ['04-nope.yaml'] }), {})).toThrow(/no step 04-nope\.yaml \(it has 01-create\.yaml, 02-indent\.yaml, 03-undo\.yaml\)/);
  });

  test('a patch changes the last version of the object only', () => {
    const patched = mutateSteps(HISTORY, mutation({ patch: [{ target: 'Deployment/vote-deploy', merge: { spec: { replicas: 2 } } }] }), {});
    expect(patched.map((step) => (step.manifests[0]?.spec as { replicas: number }).replicas)).toEqual([3, 3, 2]);
  });

  test('the last version is looked for among the steps kept', () => {
    const patched = mutateSteps(HISTORY, mutation({ steps: ['01-create.yaml', '02-indent.yaml'], patch: [{ target: 'Deployment/vote-deploy', merge: { spec: { replicas: 2 } } }] }), {});
    expect(patched.map((step) => (step.manifests[0]?.spec as { replicas: number }).replicas)).toEqual([3, 2]);
  });

  test('a deleted object is left out of every step', () => {
    const deleted = mutateSteps(HISTORY, mutation({ delete: ['Deployment/vote-deploy'] }), {});
    expect(deleted.map((step) => step.manifests.map((m) => m.kind))).toEqual([['Service'], [], []]);
  });

  test('an object of no step kept cannot be patched or deleted', () => {
    expect(() => mutateSteps(HISTORY, mutation({ delete: ['ConfigMap/cm1'] }), {})).toThrow(/the solution has no ConfigMap\/cm1 \(it has Deployment\/vote-deploy, Service\/vote-service\)/);
  });

  test('applied objects come with the last step, variables filled in', () => {
    const extra = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { host: '${registry}' } };
    const mutated = mutateSteps(HISTORY, mutation({ apply: [extra] }), { registry: 'r.example' });
    expect(mutated.at(-1)?.manifests.at(-1)).toEqual({ ...extra, data: { host: 'r.example' } });
    expect(imagesOf(mutated).slice(0, 2)).toEqual(imagesOf(HISTORY).slice(0, 2));
  });

  test('a single-file solution (TP4) is one step, mutated as before', () => {
    const single = [{ file: 'manifests.yaml', manifests: [deployment('app:v0.2'), service] }];
    const mutated = mutateSteps(single, mutation({ delete: ['Service/vote-service'], patch: [{ target: 'Deployment/vote-deploy', merge: { spec: { replicas: 1 } } }] }), {});
    expect(mutated).toEqual([{ file: 'manifests.yaml', manifests: [deployment('app:v0.2', 1)] }]);
  });
});

describe('applySteps', () => {
  test('applies each step in turn, waiting for rollouts between two steps but not after the last', async () => {
    const calls: string[] = [];
    await applySteps(HISTORY, {
      apply: async (manifests) => void calls.push(`apply ${manifests.length}`),
      waitForRollouts: async () => void calls.push('wait'),
      waitForObserved: async () => void calls.push('observed'),
    });
    expect(calls).toEqual(['apply 2', 'wait', 'apply 1', 'wait', 'apply 1']);
  });

  test('after a step meant not to finish (an image that does not exist), the next one waits only for the controller to see it', async () => {
    const calls: string[] = [];
    const stuck = [HISTORY[0] as SolutionStep, { ...(HISTORY[1] as SolutionStep), wait: 'observed' as const }, HISTORY[2] as SolutionStep];
    await applySteps(stuck, {
      apply: async (manifests) => void calls.push(`apply ${manifests.length}`),
      waitForRollouts: async () => void calls.push('wait'),
      waitForObserved: async () => void calls.push('observed'),
    });
    expect(calls).toEqual(['apply 2', 'wait', 'apply 1', 'observed', 'apply 1']);
    // A mutation keeps what each step waits for.
    expect(mutateSteps(stuck, mutation({ patch: [{ target: 'Deployment/vote-deploy', merge: { spec: { replicas: 2 } } }] }), {}).map((step) => step.wait)).toEqual([undefined, 'observed', undefined]);
  });

  test('before a step that changes bare pods, those pods (and only those) are waited for, after either kind of step', async () => {
    const pod = (name: string, image: string): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image }] } });
    const calls: string[] = [];
    const steps: SolutionStep[] = [
      { file: '01-pods.yaml', manifests: [pod('nginx', 'nginx'), pod('cuda-test', 'cuda'), deployment('instavote/vote')] },
      { file: '02-set-image.yaml', manifests: [pod('nginx', 'nginx:1.24.0')], wait: 'observed' },
      { file: '03-deploy.yaml', manifests: [deployment('instavote/vote:indent')] },
    ];
    await applySteps(steps, {
      apply: async (manifests) => void calls.push(`apply ${manifests.length}`),
      waitForRollouts: async (pods) => void calls.push(`wait [${pods.join(' ')}]`),
      waitForObserved: async (pods) => void calls.push(`observed [${pods.join(' ')}]`),
    });
    // cuda-test, which no node may ever take, holds no step: no later step touches it.
    expect(calls).toEqual(['apply 3', 'wait [nginx]', 'apply 1', 'observed []', 'apply 1']);
  });

  test('no steps (the empty namespace): nothing is applied', async () => {
    const calls: string[] = [];
    await applySteps([], { apply: async () => void calls.push('apply'), waitForRollouts: async () => void calls.push('wait'), waitForObserved: async () => void calls.push('observed') });
    expect(calls).toEqual([]);
  });
});

describe('loadSolution', () => {
  const root = mkdtempSync(join(tmpdir(), 'tp-steps-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const lab = { id: 'deployments', file: join(root, 'lab.yaml') } as Lab;
  mkdirSync(join(root, 'solution'));
  writeFileSync(join(root, 'solution', '02-indent.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {image: "${registry}/vote:indent"}\n');
  writeFileSync(join(root, 'solution', '01-create.yaml'), '# comment only first\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
  writeFileSync(join(root, 'solution', 'answers_deployments'), '{"Answer1": "maxSurge"}\n');
  writeFileSync(join(root, 'solution', 'notes.txt'), 'not a step\n');
  writeFileSync(join(root, 'solution', '03-wrong.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, annotations: {tp.lab-test/wait: observed}}\nspec: {image: "vote:nope"}\n');

  test('every YAML file is a step, in file-name order, variables filled in', async () => {
    const solution = await loadSolution(lab, { registry: 'r.example' });
    expect(solution.steps.map((step) => [step.file, step.manifests.map((m) => `${m.kind}/${m.metadata.name}`)])).toEqual([
      ['01-create.yaml', ['Deployment/d', 'Service/s']],
      ['02-indent.yaml', ['Deployment/d']],
      ['03-wrong.yaml', ['Deployment/d']],
    ]);
    // tp.lab-test/wait is tp lab test's own word: read, then taken off what is sent.
    expect(solution.steps.map((step) => step.wait)).toEqual([undefined, undefined, 'observed']);
    expect(solution.steps[2]?.manifests[0]?.metadata).toEqual({ name: 'd' });
    expect(solution.steps[1]?.manifests[0]?.spec).toEqual({ image: 'r.example/vote:indent' });
    expect(solution.answersTemplate).toBe('{"Answer1": "maxSurge"}\n');
  });
});
