// access: "can SUBJECT VERB RESOURCE [in the namespace]", as `kubectl auth can-i`
// asks it, decided from the Roles, ClusterRoles and bindings of the snapshot
// (src/checks/rbac/): no SubjectAccessReview, nothing written.
import { defineCheck } from './define.js';
import { objectsOf } from './snapshot-read.js';
import { authorize, type Grant } from './rbac/authorize.js';
import { requestAttributes, requestNamespace, requestUser, type AccessQuestion } from './rbac/request.js';
import type { Text } from '../core/text.js';

export interface AccessParams extends AccessQuestion {
  /** Default `allowed`. */
  expect?: 'allowed' | 'denied';
}

const SUBJECT_KINDS = ['User', 'Group', 'ServiceAccount'];

const subjectText = (params: AccessParams, namespace: string): string => {
  const { subject } = params;
  if (subject.kind !== 'ServiceAccount' || (subject.namespace ?? namespace) === namespace) return `${subject.kind} ${subject.name}`;
  return `${subject.kind} ${subject.namespace}/${subject.name}`;
};

const targetText = (params: AccessParams): string => {
  if (params.nonResourceURL !== undefined) return params.nonResourceURL;
  const resource = params.group === undefined || params.group === '' ? (params.resource ?? '') : `${params.resource}.${params.group}`;
  return params.resourceName === undefined ? resource : `${resource} ${params.resourceName}`;
};

const whereWords = (namespace: string): Text =>
  namespace === '' ? { fr: 'dans tout le cluster', en: 'cluster-wide' } : { fr: `dans le namespace ${namespace}`, en: `in namespace ${namespace}` };

const grantText = (grant: Grant): string => `${grant.binding.kind} ${grant.binding.name} → ${grant.role.kind} ${grant.role.name}`;

export const accessCheck = defineCheck<AccessParams, 'allowed' | 'denied' | 'allowed-unwanted' | 'denied-unwanted' | 'unknown-group'>({
  kind: 'access',
  schema: {
    type: 'object',
    required: ['subject', 'verb'],
    additionalProperties: false,
    properties: {
      subject: {
        type: 'object',
        required: ['kind', 'name'],
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: SUBJECT_KINDS },
          name: { type: 'string', minLength: 1 },
          namespace: { type: 'string', minLength: 1 },
          groups: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50 },
        },
      },
      verb: { type: 'string', minLength: 1, pattern: '^([a-z]+|\\*)$' },
      resource: { type: 'string', minLength: 1, pattern: '^(\\*|[a-z0-9-]+)(\\.[a-z0-9.-]+)?(/(\\*|[a-z0-9-]+))?$' },
      group: { type: 'string' },
      resourceName: { type: 'string', minLength: 1 },
      nonResourceURL: { type: 'string', pattern: '^/' },
      allNamespaces: { type: 'boolean' },
      expect: { type: 'string', enum: ['allowed', 'denied'] },
    },
    oneOf: [
      { required: ['resource'], not: { required: ['nonResourceURL'] } },
      { required: ['nonResourceURL'], not: { anyOf: [{ required: ['resource'] }, { required: ['group'] }, { required: ['resourceName'] }] } },
    ],
  },
  messages: {
    allowed: { fr: '{subject} peut {verb} {target} {where} (accordé par {grant})', en: '{subject} can {verb} {target} {where} (granted by {grant})' },
    denied: { fr: '{subject} ne peut pas {verb} {target} {where}, comme attendu', en: '{subject} cannot {verb} {target} {where}, as expected' },
    'denied-unwanted': {
      fr: '{subject} ne peut pas {verb} {target} {where} : aucun Role ni ClusterRole lié à ce sujet ne le permet',
      en: '{subject} cannot {verb} {target} {where}: no Role or ClusterRole bound to it allows that',
    },
    'allowed-unwanted': { fr: '{subject} peut {verb} {target} {where} (accordé par {grant}), ce qui ne devrait pas être', en: '{subject} can {verb} {target} {where} (granted by {grant}), which it should not' },
    'unknown-group': { fr: 'le lab ne dit pas de quel groupe d\'API est {resource} (écrire ressource.groupe)', en: 'the lab does not say which API group {resource} belongs to (write resource.group)' },
  },
  needs(params) {
    const wide = ['clusterroles', 'clusterrolebindings'];
    // Only a question in a namespace can be answered by a RoleBinding.
    return params.nonResourceURL !== undefined || requestNamespace(params, 'namespace') === '' ? wide : [...wide, 'roles', 'rolebindings'];
  },
  lint: (params) =>
    requestAttributes(params, 'namespace') === undefined
      ? [{ path: ['resource'], message: `tp does not know the API group of "${params.resource}": write it as ${params.resource}.<group> (crontabs.stable.example.com), or give group` }]
      : [],
  evaluate(params, { snapshot }) {
    const request = requestAttributes(params, snapshot.namespace);
    if (request === undefined) return { status: 'error', messageId: 'unknown-group', data: { resource: params.resource ?? '' } };
    const namespace = 'namespace' in request ? request.namespace : '';
    const decision = authorize(
      {
        roles: objectsOf(snapshot, 'roles'),
        roleBindings: objectsOf(snapshot, 'rolebindings'),
        clusterRoles: objectsOf(snapshot, 'clusterroles'),
        clusterRoleBindings: objectsOf(snapshot, 'clusterrolebindings'),
      },
      requestUser(params.subject, snapshot.namespace),
      request,
    );
    const data = { subject: subjectText(params, snapshot.namespace), verb: params.verb, target: targetText(params) };
    const words = { where: whereWords(namespace) };
    const wanted = (params.expect ?? 'allowed') === 'allowed';
    if (decision.allowed) {
      const granted = { ...data, grant: grantText(decision.grant) };
      return wanted ? { status: 'pass', messageId: 'allowed', data: granted, words } : { status: 'fail', messageId: 'allowed-unwanted', data: granted, words };
    }
    return wanted ? { status: 'fail', messageId: 'denied-unwanted', data, words } : { status: 'pass', messageId: 'denied', data, words };
  },
});
