// `placement` on the real API server and scheduler (KWOK nodes): the CKAD pods placed on
// the control plane (nodeSelector and a toleration of its taint), bound to a worker with
// nodeName, and held Pending for want of a toleration; `tp check` says where each runs
// by the nodes' labels, in French and English.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { createTestNamespace, deleteNamespace, testKubeconfigPath } from '../support/cluster.js';
import { kubectlPath } from '../support/installed-tp.js';
import { runTp } from '../support/run-cli.js';
import type { Report } from '../../src/engine/types.js';

const kubeconfig = testKubeconfigPath();
const work = mkdtempSync(join(tmpdir(), 'tp-placement-'));
let namespace = '';
const kubectl = (args: string[], input?: string) => execa(kubectlPath(), ['--kubeconfig', kubeconfig, '-n', namespace, ...args], { input });

const pod = (name: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers: [ { name: nginx, image: nginx } ]\n${spec}\n---\n`;
const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
const PODS = pod('frontend-cp', `  nodeSelector: { ${CONTROL_PLANE}: "" }\n  tolerations: [ { key: ${CONTROL_PLANE}, operator: Exists, effect: NoSchedule } ]`)
  + pod('untolerated', `  nodeSelector: { ${CONTROL_PLANE}: "" }`)
  + pod('nodename-pod', '  nodeName: tp-worker');

const check = (id: string, params: string) => `      - { id: ${id}, kind: placement, points: 1, title: { fr: ${id}, en: ${id} }, params: ${params} }\n`;
const LAB = `id: placement-probe
title: { fr: Placement, en: Placement }
exercises:
  - id: nodes
    title: { fr: Nœuds, en: Nodes }
    checks:
${check('cp', `{ pod: frontend-cp, nodeLabels: ${CONTROL_PLANE} }`)}${check('untolerated', `{ pod: untolerated, nodeLabels: ${CONTROL_PLANE} }`)}${check('bound', `{ pod: nodename-pod, nodeLabels: ${CONTROL_PLANE} }`)}${check('bound-worker', `{ pod: nodename-pod, nodeLabels: "!${CONTROL_PLANE}" }`)}`;

const grade = async (lang: 'fr' | 'en') => {
  const labFile = join(work, 'lab.yaml');
  writeFileSync(labFile, LAB);
  writeFileSync(join(work, 'answers'), '{}\n');
  const run = await runTp(['check', labFile, '--kubeconfig', kubeconfig, '-n', namespace, '--answers', join(work, 'answers'), '--format', 'json', '--lang', lang]);
  return JSON.parse(run.stdout) as Report;
};
const result = (report: Report, id: string) => report.exercises.flatMap((e) => e.checks).find((c) => c.id === id);

beforeAll(async () => {
  namespace = await createTestNamespace('placement');
  await kubectl(['apply', '-f', '-'], PODS);
  // nodename-pod is bound from the start: the scheduler only places frontend-cp.
  await kubectl(['wait', '--for=condition=PodScheduled', 'pod/frontend-cp', '--timeout=60s']);
}, 120_000);

afterAll(() => deleteNamespace(namespace));

describe('placement on the real scheduler', () => {
  it('on the control plane by its label, whatever the node is called; Pending without the toleration; bound by nodeName to a worker', async () => {
    const en = await grade('en');
    expect(result(en, 'cp')).toMatchObject({ status: 'pass', message: `pod frontend-cp runs on node tp-control-plane, which has ${CONTROL_PLANE}` });
    expect(result(en, 'untolerated')).toMatchObject({ status: 'fail', message: 'pod untolerated is on no node (Pending: does no node accept it?)' });
    expect(result(en, 'bound')).toMatchObject({ status: 'fail', message: `pod nodename-pod runs on node tp-worker, which does not have ${CONTROL_PLANE}` });
    expect(result(en, 'bound-worker')?.status).toBe('pass');
    const fr = await grade('fr');
    expect(result(fr, 'untolerated')?.message).toBe('le pod untolerated n\'est placé sur aucun nœud (en attente : aucun nœud ne l\'accepte ?)');
    expect(result(fr, 'cp')?.message).toBe(`le pod frontend-cp tourne sur le nœud tp-control-plane, qui porte ${CONTROL_PLANE}`);
  });
});
