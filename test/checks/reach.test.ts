// reach: whether pods labelled A can open port P of pods labelled B, decided from the
// NetworkPolicies by the API's rules. The policies are those of the Kubernetes docs
// (concepts/services-networking/network-policies); test/kind/reach.test.ts compares
// the same decisions with real traffic.
import { NAMESPACE, object, testCheck } from './test-check.js';

const pod = (name: string, labels: Record<string, string>, ip: string, ports: unknown[] = [], phase = 'Running') =>
  object('Pod', name, { spec: { containers: [{ name: 'main', image: 'nginx', ports }] }, status: { phase, podIP: ip, podIPs: [{ ip }] } }, { labels });

const policy = (name: string, spec: Record<string, unknown>) => ({ ...object('NetworkPolicy', name, { spec }), apiVersion: 'networking.k8s.io/v1' });
const studentNamespace = { ...object('Namespace', NAMESPACE, {}, { namespace: undefined, labels: { 'kubernetes.io/metadata.name': NAMESPACE, project: 'course' } }) };

const db = pod('db', { role: 'db' }, '10.244.1.10', [{ name: 'redis', containerPort: 6379 }]);
const frontend = pod('frontend', { role: 'frontend' }, '10.244.1.11');
const inBlock = pod('other', { role: 'other' }, '172.17.2.5');
const excepted = pod('excepted', { role: 'excepted' }, '172.17.1.5');
const legacy = pod('legacy', { role: 'legacy' }, '10.0.0.7', [{ containerPort: 5978 }]);
const web = pod('web', { app: 'web' }, '10.244.2.3', [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }]);
const web2 = pod('web2', { app: 'web2' }, '10.244.2.4', [{ name: 'http', containerPort: 9090 }]);
const client = pod('client', { role: 'client' }, '10.244.2.5');
const finished = pod('job-1', { role: 'batch' }, '10.244.2.6', [], 'Succeeded');
const pods = [db, frontend, inBlock, excepted, legacy, web, web2, client, finished];

// The docs' "test-network-policy".
const docsExample = policy('test-network-policy', {
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [{
    from: [
      { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
      { namespaceSelector: { matchLabels: { project: 'myproject' } } },
      { podSelector: { matchLabels: { role: 'frontend' } } },
    ],
    ports: [{ protocol: 'TCP', port: 6379 }],
  }],
  egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
});
const withDocsExample = { pods, networkpolicies: [docsExample], namespaces: [studentNamespace] };

const defaultDenyIngress = policy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const allowAllIngress = policy('allow-all-ingress', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] });
const defaultDenyEgress = policy('default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const aliceClientsAnd = policy('alice-clients', {
  podSelector: { matchLabels: { app: 'web' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
});
const aliceClientsOr = policy('alice-or-clients', {
  podSelector: { matchLabels: { app: 'web' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }],
});
const namedPort = policy('web-http', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'web2'] }] }, ingress: [{ ports: [{ port: 'http' }] }] });
const portRange = policy('multi-port', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] });
const byNamespaceName = policy('from-student', {
  podSelector: { matchLabels: { app: 'web' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': NAMESPACE } } }] }],
});

const only = (...policies: unknown[]) => ({ pods, networkpolicies: policies as never[], namespaces: [studentNamespace] });
const alice = { namespaceLabels: { user: 'alice' }, podLabels: { role: 'client' } };

testCheck('reach', {
  valid: [
    {
      name: 'no policy at all: every pod reaches every pod',
      params: { from: 'role=frontend', to: 'app=web', port: 8080 },
      objects: { pods },
      messageId: 'allowed',
      data: { port: '8080/TCP' },
      says: { fr: 'les pods aux labels role=frontend peuvent ouvrir le port 8080/TCP des pods aux labels app=web', en: 'pods labelled role=frontend can open port 8080/TCP of pods labelled app=web' },
    },
    { name: 'docs example: the frontend pods reach redis', params: { from: 'role=frontend', to: 'role=db', port: 6379 }, objects: withDocsExample, messageId: 'allowed', data: { port: '6379/TCP' } },
    { name: 'docs example: the port by its name on the destination', params: { from: 'role=frontend', to: 'role=db', port: 'redis' }, objects: withDocsExample, messageId: 'allowed', data: { port: 'redis/TCP' } },
    { name: 'docs example: an address in the ipBlock', params: { from: 'role=other', to: 'role=db', port: 6379 }, objects: withDocsExample, messageId: 'allowed', data: { port: '6379/TCP' } },
    {
      name: 'docs example: an address in the ipBlock\'s except is refused',
      params: { from: 'role=excepted', to: 'role=db', port: 6379, expect: 'denied' },
      objects: withDocsExample,
      messageId: 'denied',
      data: { port: '6379/TCP' },
      says: { fr: 'les pods aux labels role=excepted ne peuvent pas ouvrir le port 6379/TCP des pods aux labels role=db, comme attendu', en: 'pods labelled role=excepted cannot open port 6379/TCP of pods labelled role=db, as expected' },
    },
    { name: 'docs example: another port is refused', params: { from: 'role=frontend', to: 'role=db', port: 6380, expect: 'denied' }, objects: withDocsExample, messageId: 'denied', data: { port: '6380/TCP' } },
    { name: 'docs example: a pod of a namespace labelled project=myproject', params: { from: { namespaceLabels: { project: 'myproject' } }, to: 'role=db', port: 6379 }, objects: withDocsExample, messageId: 'allowed', data: { port: '6379/TCP' } },
    { name: 'docs example: a pod of another namespace is refused', params: { from: { namespaceLabels: { project: 'other' }, podLabels: { role: 'frontend' } }, to: 'role=db', port: 6379, expect: 'denied' }, objects: withDocsExample, messageId: 'denied', data: { port: '6379/TCP' } },
    { name: 'docs example: db may go out to 10.0.0.0/24 on 5978', params: { from: 'role=db', to: 'role=legacy', port: 5978 }, objects: withDocsExample, messageId: 'allowed', data: { port: '5978/TCP' } },
    { name: 'default deny ingress', params: { from: 'role=frontend', to: 'app=web', port: 8080, expect: 'denied' }, objects: only(defaultDenyIngress), messageId: 'denied', data: { port: '8080/TCP' } },
    { name: 'default deny, and allow all ingress beside it', params: { from: 'role=frontend', to: 'app=web', port: 8080 }, objects: only(defaultDenyIngress, allowAllIngress), messageId: 'allowed', data: { port: '8080/TCP' } },
    { name: 'default deny egress', params: { from: 'role=frontend', to: 'app=web', port: 8080, expect: 'denied' }, objects: only(defaultDenyEgress), messageId: 'denied', data: { port: '8080/TCP' } },
    { name: 'namespaceSelector AND podSelector: a client of alice\'s namespace', params: { from: alice, to: 'app=web', port: 8080 }, objects: only(aliceClientsAnd), messageId: 'allowed', data: { port: '8080/TCP' } },
    { name: 'namespaceSelector AND podSelector: a client of this namespace is refused', params: { from: 'role=client', to: 'app=web', port: 8080, expect: 'denied' }, objects: only(aliceClientsAnd), messageId: 'denied', data: { port: '8080/TCP' } },
    { name: 'namespaceSelector AND podSelector: a server of alice\'s namespace is refused', params: { from: { namespaceLabels: { user: 'alice' }, podLabels: { role: 'server' } }, to: 'app=web', port: 8080, expect: 'denied' }, objects: only(aliceClientsAnd), messageId: 'denied', data: { port: '8080/TCP' } },
    { name: 'namespaceSelector OR podSelector: a client of this namespace', params: { from: 'role=client', to: 'app=web', port: 8080 }, objects: only(aliceClientsOr), messageId: 'allowed', data: { port: '8080/TCP' } },
    { name: 'namespaceSelector OR podSelector: any pod of alice\'s namespace', params: { from: { namespaceLabels: { user: 'alice' }, podLabels: { role: 'server' } }, to: 'app=web', port: 8080 }, objects: only(aliceClientsOr), messageId: 'allowed', data: { port: '8080/TCP' } },
    { name: 'a named port in the policy, the port asked by number', params: { from: 'role=frontend', to: 'app=web', port: 8080 }, objects: only(namedPort), messageId: 'allowed', data: { port: '8080/TCP' } },
    { name: 'a named port is resolved on each destination pod', params: { from: 'role=frontend', to: 'app=web2', port: 8080, expect: 'denied' }, objects: only(namedPort), messageId: 'denied', data: { port: '8080/TCP' } },
    { name: 'a port range, inside', params: { from: 'role=frontend', to: 'app=web', port: 32500 }, objects: only(portRange), messageId: 'allowed', data: { port: '32500/TCP' } },
    { name: 'a port range, past endPort', params: { from: 'role=frontend', to: 'app=web', port: 32769, expect: 'denied' }, objects: only(portRange), messageId: 'denied', data: { port: '32769/TCP' } },
    { name: 'a TCP rule says nothing of UDP', params: { from: 'role=frontend', to: 'app=web', port: 'dns', protocol: 'UDP', expect: 'denied' }, objects: only(namedPort), messageId: 'denied', data: { port: 'dns/UDP' } },
    {
      name: 'the replicas of a Deployment, judged once per kind of pod',
      params: { from: 'role=frontend', to: 'app=replicated', port: 8080 },
      objects: { pods: [...pods, ...Array.from({ length: 300 }, (_, i) => pod(`replicated-${i}`, { app: 'replicated', 'pod-template-hash': 'abc' }, `10.244.3.${i % 250}`))], networkpolicies: [namedPort] },
      messageId: 'allowed',
      data: { port: '8080/TCP' },
    },
    {
      name: 'one pod on both sides reaches itself',
      params: { from: 'app=web', to: 'app=web', port: 8080 },
      objects: only(defaultDenyIngress),
      messageId: 'only-itself',
      data: { pod: 'web' },
      says: { fr: 'le pod web est le seul des deux côtés : un pod peut toujours s\'ouvrir à lui-même', en: 'pod web is the only pod on both sides: a pod can always reach itself' },
    },
    { name: 'a namespace selected by its name label', params: { from: 'role=frontend', to: 'app=web', port: 8080 }, objects: { pods, networkpolicies: [byNamespaceName] }, messageId: 'allowed', data: { port: '8080/TCP' } },
  ],
  invalid: [
    {
      name: 'a deny-all ingress with no way in',
      params: { from: 'role=frontend', to: 'app=web', port: 8080 },
      objects: only(defaultDenyIngress),
      messageId: 'blocked-ingress',
      data: { source: 'frontend', destination: 'web', port: '8080/TCP', policies: 'default-deny-ingress' },
      says: {
        fr: 'le pod frontend ne peut pas ouvrir le port 8080/TCP du pod web : NetworkPolicy default-deny-ingress isole web en entrée et ne laisse pas passer cette connexion',
        en: 'pod frontend cannot open port 8080/TCP of pod web: NetworkPolicy default-deny-ingress isolates web for ingress and lets no such connection in',
      },
    },
    {
      name: 'the source may not go out',
      params: { from: 'role=db', to: 'app=web', port: 'http' },
      objects: withDocsExample,
      messageId: 'blocked-egress',
      data: { source: 'db', destination: 'web', port: 'http (8080/TCP)', policies: 'test-network-policy' },
    },
    {
      name: 'nothing isolates the pods that should be kept apart',
      params: { from: 'role=frontend', to: 'app=web', port: 8080, expect: 'denied' },
      objects: { pods },
      messageId: 'open-unisolated',
      data: { source: 'frontend', destination: 'web', port: '8080/TCP' },
      says: { fr: 'le pod frontend peut ouvrir le port 8080/TCP du pod web : aucune NetworkPolicy n\'isole ces pods', en: 'pod frontend can open port 8080/TCP of pod web: no NetworkPolicy isolates these pods' },
    },
    {
      name: 'a policy lets in what should be kept out',
      params: { from: 'role=client', to: 'app=web', port: 8080, expect: 'denied' },
      objects: only(aliceClientsOr),
      messageId: 'open-allowed',
      data: { source: 'client', destination: 'web', port: '8080/TCP' },
      says: { fr: 'le pod client peut ouvrir le port 8080/TCP du pod web : NetworkPolicy alice-or-clients (entrée) le permet', en: 'pod client can open port 8080/TCP of pod web: NetworkPolicy alice-or-clients (ingress) allows it' },
    },
    {
      name: 'a pod of another namespace kept out, said with its labels',
      params: { from: alice, to: 'app=web', port: 8080 },
      objects: only(defaultDenyIngress),
      messageId: 'blocked-ingress',
      data: { destination: 'web', port: '8080/TCP', policies: 'default-deny-ingress' },
      says: {
        fr: 'le pod (aux labels role=client d\'un namespace aux labels user=alice) ne peut pas ouvrir le port 8080/TCP du pod web : NetworkPolicy default-deny-ingress isole web en entrée et ne laisse pas passer cette connexion',
        en: 'pod (labelled role=client in a namespace labelled user=alice) cannot open port 8080/TCP of pod web: NetworkPolicy default-deny-ingress isolates web for ingress and lets no such connection in',
      },
    },
    { name: 'no destination pod (a finished one does not count)', params: { from: 'role=client', to: 'role=batch', port: 80 }, objects: { pods }, messageId: 'no-pods', data: { selector: 'role=batch', namespace: NAMESPACE } },
    {
      name: 'pods of too many kinds to pair',
      params: { from: 'role=frontend', to: 'tier=many', port: 80 },
      objects: { pods: [frontend, ...Array.from({ length: 101 }, (_, i) => pod(`many-${i}`, { tier: 'many', index: String(i) }, `10.244.4.${i}`))] },
      status: 'error',
      messageId: 'too-many',
      data: { selector: 'tier=many', count: 101, max: 100 },
    },
    { name: 'no source pod', params: { from: 'role=nobody', to: 'app=web', port: 80 }, objects: { pods }, messageId: 'no-pods', data: { selector: 'role=nobody', namespace: NAMESPACE }, says: { fr: 'aucun pod aux labels role=nobody dans le namespace student', en: 'no pod labelled role=nobody in namespace student' } },
    { name: 'a port name the destination does not have', params: { from: 'role=frontend', to: 'role=db', port: 'http' }, objects: { pods }, messageId: 'no-port', data: { destination: 'db', port: 'http' } },
    { name: 'an invalid selector in the lab', params: { from: 'role in (', to: 'app=web', port: 80 }, objects: { pods }, status: 'error', messageId: 'bad-selector', data: { selector: 'role in (', reason: 'missing ")" to close the list opened at column 9' } },
  ],
  refused: [
    { name: 'a port out of range', params: { from: 'a=b', to: 'c=d', port: 70000 } },
    { name: 'an outside pod without its namespace labels', params: { from: { podLabels: { a: 'b' } }, to: 'c=d', port: 80 } },
    { name: 'an unknown protocol', params: { from: 'a=b', to: 'c=d', port: 80, protocol: 'ICMP' } },
  ],
});
