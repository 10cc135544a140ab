// resource: objects (by name or label selector) exist and partially match `expect`, with a quantifier.
import { expect } from 'vitest';
import { object, testCheck } from './test-check.js';

const cm = (name: string, labels: Record<string, string>) => object('ConfigMap', name, { data: { message: 'hello' } }, { labels });
const configmaps = [cm('cm1', { version: '1.0', country: 'fr' }), cm('cm2', { version: '1.0', country: 'uk' }), cm('cm4', { version: '1.1', country: 'fr' })];
const objects = { configmaps };
const cm1 = { resource: 'ConfigMap', name: 'cm1', expect: { metadata: { labels: { version: '1.0', country: 'fr' } } } };
const base = { kind: 'ConfigMap', namespace: 'student' };

testCheck('resource', {
  valid: [
    { name: 'cm1 with its two labels', params: cm1, objects, data: { ...base, what: 'cm1' }, says: { fr: 'ConfigMap cm1 conforme', en: 'ConfigMap cm1 as expected' } },
    {
      name: 'every ConfigMap of country=fr has a version, found with an operator',
      params: { resource: 'cm', selector: 'country=fr', expect: { metadata: { labels: { version: { $regex: '^1\\.' } } } } },
      objects,
      data: { ...base, what: '-l country=fr' },
    },
    { name: 'any of them is version 1.1', params: { resource: 'configmaps', selector: 'country', expect: { metadata: { labels: { version: '1.1' } } }, quantifier: 'any' }, objects, data: { ...base, what: '-l country' } },
    { name: 'none is of country de', params: { resource: 'configmaps', selector: 'country=de', quantifier: 'none' }, objects, data: { ...base, what: '-l country=de' } },
    { name: 'exactly two are version 1.0', params: { resource: 'configmap', expect: { metadata: { labels: { version: '1.0' } } }, quantifier: { exactly: 2 } }, objects, data: { ...base, what: '', count: 2, total: 3, expected: 2 } },
  ],
  invalid: [
    {
      name: 'no cm1',
      params: cm1,
      objects: { configmaps: configmaps.slice(1) },
      messageId: 'missing',
      data: { ...base, what: 'cm1' },
      says: { fr: 'ConfigMap cm1 introuvable dans le namespace student', en: 'ConfigMap cm1 not found in namespace student' },
    },
    {
      // `(a+)+$` backtracks for ever on JavaScript's RegExp; RE2 answers in one pass.
      name: 'a pattern that backtracks exponentially on RegExp still answers, in linear time',
      params: { resource: 'ConfigMap', name: 'cm1', expect: { metadata: { labels: { version: { $regex: '^(a+)+$' } } } } },
      objects: { configmaps: [cm('cm1', { version: `${'a'.repeat(5000)}!`, country: 'fr' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1' },
      details: { path: 'metadata.labels.version', expected: 'matching /^(a+)+$/', actual: `"${'a'.repeat(79)}…"` },
    },
    {
      name: 'cm1 with another version: the field, expected and found',
      params: cm1,
      objects: { configmaps: [cm('cm1', { version: '1.1', country: 'fr' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1' },
      details: { path: 'metadata.labels.version', expected: '"1.0"', actual: '"1.1"' },
      says: { fr: 'ConfigMap cm1 : le label version devrait être "1.0", trouvé "1.1"', en: 'ConfigMap cm1: the label version should be "1.0", found "1.1"' },
    },
    {
      name: 'the image of the container, in the words of the lab (its $as), the pattern kept for tools',
      params: {
        resource: 'deployments',
        name: 'kubernetes-app',
        expect: { spec: { template: { spec: { containers: [{ name: 'kubernetes-app', image: { $regex: ':v0\\.2$', $as: { fr: 'une image taguée v0.2', en: 'an image tagged v0.2' } } }] } } } },
      },
      objects: { deployments: [object('Deployment', 'kubernetes-app', { spec: { template: { spec: { containers: [{ name: 'kubernetes-app', image: 'registry.example.org/dalk/app:v0.1' }] } } } })] },
      messageId: 'mismatch',
      data: { kind: 'Deployment', what: 'kubernetes-app', namespace: 'student', name: 'kubernetes-app' },
      details: { path: 'spec.template.spec.containers[name=kubernetes-app].image', expected: 'matching /:v0\\.2$/', actual: '"registry.example.org/dalk/app:v0.1"' },
      says: {
        fr: 'Deployment kubernetes-app : l\'image du conteneur kubernetes-app devrait être une image taguée v0.2, trouvé "registry.example.org/dalk/app:v0.1"',
        en: 'Deployment kubernetes-app: the image of the container kubernetes-app should be an image tagged v0.2, found "registry.example.org/dalk/app:v0.1"',
      },
    },
    {
      name: 'a pattern without words of the lab is not shown either',
      params: { resource: 'ConfigMap', name: 'cm1', expect: { metadata: { labels: { version: { $regex: '^2\\.' } } } } },
      objects,
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1' },
      details: { path: 'metadata.labels.version', expected: 'matching /^2\\./', actual: '"1.0"' },
      says: {
        fr: 'ConfigMap cm1 : le label version devrait être de la forme demandée (voir l\'indice), trouvé "1.0"',
        en: 'ConfigMap cm1: the label version should be of the form asked for (see the hint), found "1.0"',
      },
    },
    {
      name: 'a port of a container, at least a value',
      params: { resource: 'services', name: 'web', expect: { spec: { ports: [{ port: 80, nodePort: { $gte: 30000 } }] } } },
      objects: { services: [object('Service', 'web', { spec: { ports: [{ port: 80 }] } })] },
      messageId: 'mismatch',
      data: { kind: 'Service', what: 'web', namespace: 'student', name: 'web' },
      details: { path: 'spec.ports[*].nodePort', expected: 'at least 30000', actual: 'absent' },
      says: { fr: 'Service web : le nodePort devrait être au moins 30000, trouvé absent', en: 'Service web: the nodePort should be at least 30000, found absent' },
    },
    {
      name: 'a label missing is said absent',
      params: cm1,
      objects: { configmaps: [cm('cm1', { version: '1.0' })] },
      messageId: 'mismatch',
      data: { ...base, what: 'cm1', name: 'cm1' },
      details: { path: 'metadata.labels.country', expected: '"fr"', actual: 'absent' },
      says: { fr: 'ConfigMap cm1 : le label country devrait être "fr", trouvé absent', en: 'ConfigMap cm1: the label country should be "fr", found absent' },
    },
    {
      name: 'the selector selects nothing',
      params: { resource: 'ConfigMap', selector: 'country=es' },
      objects,
      messageId: 'none-selected',
      data: { ...base, what: '-l country=es' },
      says: { fr: 'aucun objet ConfigMap aux labels country=es', en: 'no ConfigMap labelled country=es' },
    },
    { name: 'one that should not be there', params: { resource: 'ConfigMap', selector: 'country=uk', quantifier: 'none' }, objects, messageId: 'unwanted', data: { ...base, what: '-l country=uk', name: 'cm2' } },
    { name: 'not exactly as many as asked', params: { resource: 'ConfigMap', selector: 'country=fr', quantifier: { exactly: 3 } }, objects, messageId: 'count', data: { ...base, what: '-l country=fr', count: 2, total: 2, expected: 3 } },
    {
      name: "the lab's own selector does not parse: an error, not the student's fault",
      params: { resource: 'ConfigMap', selector: 'country in fr' },
      objects,
      status: 'error',
      messageId: 'bad-selector',
      data: { reason: expect.stringContaining('expected "(" after "in"') as string },
    },
  ],
  refused: [
    { name: 'a kind name no kind can have (a slash, a space)', params: { resource: 'apps/deployments', name: 'web' } },
    { name: 'an empty kind name', params: { resource: '', name: 'web' } },
    { name: 'a name and a selector at once', params: { resource: 'ConfigMap', name: 'cm1', selector: 'country=fr' } },
    { name: 'a negative count', params: { resource: 'ConfigMap', quantifier: { exactly: -1 } } },
    { name: 'an unknown quantifier', params: { resource: 'ConfigMap', quantifier: 'most' } },
  ],
});
