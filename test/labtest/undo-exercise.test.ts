// "An exercise not started earns 0": the scenarios `tp lab test` derives from
// the labs, one per exercise — what is undone, what must fail, what is not judged.
import { describe, expect, test } from 'vitest';
import { checkKinds } from '../../src/checks/index.js';
import { loadLabFile } from '../../src/lab/load.js';
import { loadSolution } from '../../src/labtest/solution.js';
import { mutateSteps, refOf } from '../../src/labtest/mutate-steps.js';
import { undoScenarios } from '../../src/labtest/undo-exercise.js';
import { PLACEHOLDER } from '../../src/answers/types.js';

const scenariosOf = async (id: string) => {
  const lab = await loadLabFile(`labs/${id}/lab.yaml`, checkKinds);
  const variables = Object.fromEntries(lab.variables.map((v) => [v.name, v.default]));
  const solution = await loadSolution(lab, variables);
  return { lab, variables, steps: solution.steps, scenarios: undoScenarios(lab, solution.steps) };
};

describe('undoScenarios', () => {
  test('every exercise with scored checks gets one, its checks all to fail', async () => {
    const { lab, scenarios } = await scenariosOf('tp4');
    expect(scenarios.map((s) => s.id)).toEqual(lab.exercises.map((e) => `undone:${e.id}`));
    const configmap = scenarios.find((s) => s.exercise === 'configmap');
    expect([...(configmap?.mustFail ?? [])]).toEqual(['myapp-config-message', 'image-v0-2', 'config-volume-mount', 'config-rollout', 'http-config']);
  });

  test('derived: the objects only the exercise names are deleted, its answers left unanswered', async () => {
    const { scenarios } = await scenariosOf('tp4');
    const labels = scenarios.find((s) => s.exercise === 'labels');
    expect(labels?.mutation.delete).toEqual(['ConfigMap/cm1', 'ConfigMap/cm2', 'ConfigMap/cm3', 'ConfigMap/cm4', 'ConfigMap/cm5']);
    expect(labels?.mutation.answers).toEqual({ Answer4: PLACEHOLDER, Answer5: PLACEHOLDER, Answer6: PLACEHOLDER });
    const contexts = scenarios.find((s) => s.exercise === 'contexts');
    expect(contexts?.mutation.delete).toEqual([]);
    expect(Object.keys(contexts?.mutation.answers ?? {})).toEqual(['Answer1', 'Answer2', 'Answer3']);
  });

  test("declared: section 7 never started is image v0.1 without myapp-config nor the volume", async () => {
    const { scenarios, steps, variables } = await scenariosOf('tp4');
    const configmap = scenarios.find((s) => s.exercise === 'configmap');
    if (!configmap) throw new Error('no undone:configmap');
    const final = mutateSteps(steps, configmap.mutation, variables).flatMap((step) => step.manifests);
    expect(final.map(refOf)).not.toContain('ConfigMap/myapp-config');
    const deployment = final.find((m) => refOf(m) === 'Deployment/kubernetes-app');
    expect(JSON.stringify(deployment)).toContain('/dalk/app:v0.1');
    expect(JSON.stringify(deployment)).not.toContain('myapp-config');
    expect(JSON.stringify(deployment)).not.toContain('/etc/config');
  });

  test('the exercises that build on an undone one are not judged, transitively', async () => {
    const { lab, scenarios } = await scenariosOf('bootcamp');
    const deploy = scenarios.find((s) => s.exercise === 'deploy');
    const checksOf = (ids: string[]) => lab.exercises.filter((e) => ids.includes(e.id)).flatMap((e) => e.checks.map((c) => c.id));
    expect([...(deploy?.ignored ?? [])].sort()).toEqual(checksOf(['expose', 'scale', 'update', 'rollback']).sort());
    const scale = scenarios.find((s) => s.exercise === 'scale');
    expect([...(scale?.ignored ?? [])].sort()).toEqual(checksOf(['rollback']).sort());
  });

  test('an object the exercises building on it change is not made either (pod nginx, given a new image by set-image)', async () => {
    const { scenarios, steps, variables } = await scenariosOf('ckad-core');
    const nginx = scenarios.find((s) => s.exercise === 'nginx-pod');
    if (!nginx) throw new Error('no undone:nginx-pod');
    expect(nginx.mutation.delete).toContain('Pod/nginx');
    expect(mutateSteps(steps, nginx.mutation, variables).flatMap((step) => step.manifests.map(refOf))).not.toContain('Pod/nginx');
    // An exercise that does not build on nginx-pod still keeps what it shares with it.
    const bootcamp = (await scenariosOf('bootcamp')).scenarios;
    expect(bootcamp.find((s) => s.exercise === 'deploy')?.mutation.delete).toContain('Deployment/kubernetes-bootcamp');
    expect(bootcamp.find((s) => s.exercise === 'expose')?.mutation.delete).not.toContain('Deployment/kubernetes-bootcamp');
  });

  test('a manual check of the undone exercise is not judged, and no exercise of manual checks only is undone', async () => {
    const { scenarios } = await scenariosOf('pods');
    const multi = scenarios.find((s) => s.exercise === 'multi-container');
    expect(multi?.ignored.has('answer5-shared')).toBe(true);
    expect(multi?.mustFail.has('answer5-shared')).toBe(false);
  });

  test('steps declared: the derived deletes are looked for in the steps kept', async () => {
    const { scenarios, steps, variables } = await scenariosOf('deployments');
    const rolling = scenarios.find((s) => s.exercise === 'rolling-update');
    if (!rolling) throw new Error('no undone:rolling-update');
    expect(mutateSteps(steps, rolling.mutation, variables).map((s) => s.file)).toEqual(['01-create.yaml']);
  });
});
