// How tp lab test writes a solution object the course's way: the recipe a
// manifest names, the object as first written, and what is never sent.
import { describe, expect, it } from 'vitest';
import { asFirstWritten, asMadeWith, LAST_APPLIED, MADE_WITH_ANNOTATION, recipeOf, splitRecipe } from '../../src/cluster/made-with.js';
import type { Manifest } from '../../src/cluster/types.js';

const deployment: Manifest = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'kubernetes-app', labels: { app: 'kubernetes-app' }, annotations: { [MADE_WITH_ANNOTATION]: 'kubectl apply, kubectl scale' } },
  spec: { replicas: 2, selector: { matchLabels: { app: 'kubernetes-app' } } },
};

describe('recipes', () => {
  it('reads the course\'s words and the lab\'s lists alike', () => {
    expect(recipeOf('kubectl create, kubectl label')).toEqual({ made: 'create', then: ['label'] });
    expect(recipeOf(['apply', 'scale'])).toEqual({ made: 'apply', then: ['scale'] });
    expect(recipeOf('create')).toEqual({ made: 'create', then: [] });
    expect(recipeOf('kubectl run')).toEqual({ made: 'run', then: [] });
    expect(recipeOf('kubectl run --rm')).toEqual({ made: 'run', then: ['delete'] });
    expect(recipeOf(['run', 'delete'])).toEqual({ made: 'run', then: ['delete'] });
    expect(recipeOf('kubectl set')).toEqual({ made: 'set', then: [] });
    expect(recipeOf(['expose', 'label'])).toEqual({ made: 'expose', then: ['label'] });
  });

  it.each([['kubectl label'], ['kubectl run, kubectl expose'], ['kubectl create, kubectl edit'], ['apply, scale, scale'], ['kubectl create --rm'], ['run, delete, label'], ['delete'], [42], [undefined]])('%s is no recipe', (value) => {
    expect(recipeOf(value)).toBeUndefined();
  });

  it('the annotation is taken off: it never reaches the cluster, nor the last-applied copy', () => {
    const { manifest, recipe } = splitRecipe(deployment);
    expect(recipe).toEqual({ made: 'apply', then: ['scale'] });
    expect(manifest.metadata.annotations).toBeUndefined();
    const sent = asMadeWith(asFirstWritten(manifest, recipe ?? { made: 'apply', then: [] }), 'apply');
    expect(JSON.stringify(sent)).not.toContain(MADE_WITH_ANNOTATION);
    expect(Object.keys(sent.metadata.annotations as object)).toEqual([LAST_APPLIED]);
  });

  it('first written without what the later commands set: no replicas before kubectl scale, no labels before kubectl label', () => {
    const first = asFirstWritten(splitRecipe(deployment).manifest, { made: 'apply', then: ['scale'] });
    expect(first.spec).toEqual({ selector: { matchLabels: { app: 'kubernetes-app' } } });
    expect(first.metadata.labels).toEqual({ app: 'kubernetes-app' });
    const cm: Manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', labels: { version: '1.0', country: 'fr' } } };
    expect(asFirstWritten(cm, { made: 'create', then: ['label'] }).metadata).toEqual({ name: 'cm1' });
    expect(asFirstWritten(cm, { made: 'create', then: [] })).toBe(cm);
  });
});

describe('the CKAD history\'s commands', () => {
  it.each([
    ['kubectl run, kubectl label', { made: 'run', then: ['label'] }],
    ['kubectl autoscale', { made: 'autoscale', then: [] }],
    ['kubectl set image', { made: 'set', then: [] }],
    ['kubectl rollout undo, kubectl scale', { made: 'undo', then: ['scale'] }],
    ['kubectl rollout  pause', { made: 'rollout', then: [] }],
    ['kubectl rollout resume', { made: 'rollout', then: [] }],
  ])('%s', (words, recipe) => {
    expect(recipeOf(words)).toEqual(recipe);
  });

  it.each([['kubectl rollout'], ['kubectl set env'], ['kubectl rollout undo, kubectl set image']])('%s is no recipe', (words) => {
    expect(recipeOf(words)).toBeUndefined();
  });
});
