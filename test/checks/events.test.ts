// events: the reasons Kubernetes reported about objects since they were made. Events
// come in the core v1 shape (involvedObject, message, count) and in the events.k8s.io
// shape (regarding, note, series); those of an earlier object of the same name do not count.
import { NAMESPACE, object, testCheck } from './test-check.js';

const UID = 'uid-now';
const web = object('Pod', 'web', {}, { uid: UID, labels: { app: 'web' }, creationTimestamp: '2026-05-01T10:00:00Z' });
const web2 = object('Pod', 'web-2', {}, { uid: 'uid-2', labels: { app: 'web' }, creationTimestamp: '2026-05-01T10:00:00Z' });
const db = object('Pod', 'db', {}, { uid: 'uid-db', labels: { app: 'db' }, creationTimestamp: '2026-05-01T10:00:00Z' });

let serial = 0;
/** A core v1 Event about `pod`. */
const coreEvent = (about: { name: string; uid?: string; kind?: string }, reason: string, message: string, last: string, count = 1) =>
  object('Event', `${about.name}.${(serial += 1)}`, {
    involvedObject: { kind: about.kind ?? 'Pod', name: about.name, namespace: NAMESPACE, ...(about.uid === undefined ? {} : { uid: about.uid }) },
    reason,
    message,
    count,
    firstTimestamp: last,
    lastTimestamp: last,
    type: reason === 'Scheduled' || reason === 'Pulled' ? 'Normal' : 'Warning',
  });

/** An event written through events.k8s.io/v1: regarding, note, series. */
const newEvent = (about: { name: string; uid: string }, reason: string, note: string, eventTime: string, series?: { count: number; lastObservedTime: string }) =>
  ({ ...object('Event', `${about.name}.${(serial += 1)}`, { regarding: { kind: 'Pod', name: about.name, namespace: NAMESPACE, uid: about.uid }, reason, note, eventTime, ...(series ? { series } : {}) }), apiVersion: 'events.k8s.io/v1' });

const pod = { name: 'web', uid: UID };
const events = [
  coreEvent(pod, 'Scheduled', 'Successfully assigned student/web to tp-worker', '2026-05-01T10:00:00Z'),
  coreEvent(pod, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', '2026-05-01T10:01:00Z', 3),
  newEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', '2026-05-01T10:01:30.123456Z'),
  newEvent(pod, 'Unhealthy', 'Liveness probe failed: Get "http://10.244.1.5:8080/healthz": connection refused', '2026-05-01T10:01:40.000000Z', { count: 2, lastObservedTime: '2026-05-01T10:02:10.000000Z' }),
  // An earlier pod named web: another uid, and an older event without uid.
  coreEvent({ name: 'web', uid: 'uid-before' }, 'BackOff', 'Back-off pulling image "nginx:oops"', '2026-05-01T10:00:30Z', 9),
  coreEvent({ name: 'web' }, 'FailedMount', 'MountVolume.SetUp failed for volume "config"', '2026-05-01T09:59:00Z'),
  // About other things.
  coreEvent({ name: 'web', kind: 'Service' }, 'BackOff', 'not a pod', '2026-05-01T10:03:00Z'),
  coreEvent({ name: 'db', uid: 'uid-db' }, 'BackOff', 'Back-off restarting failed container db in pod db_student(uid-db)\u001b[31m', '2026-05-01T10:02:00Z', 4),
  coreEvent({ name: 'web-2', uid: 'uid-2' }, 'Pulled', 'Container image "nginx" already present on machine', '2026-05-01T10:00:05Z'),
  // A pod made with `kubectl run --rm`: deleted once it exited, only its events are left.
  coreEvent({ name: 'hello', uid: 'uid-hello' }, 'Started', 'Started container hello', '2026-05-01T10:04:00Z'),
  { ...coreEvent({ name: 'hello', uid: 'uid-hello' }, 'Pulled', 'Container image "busybox" already present on machine', '2026-05-01T10:03:59Z'), involvedObject: { kind: 'Pod', name: 'hello', namespace: 'elsewhere', uid: 'uid-other' } },
];
const objects = { pods: [web, web2, db], events };
const base = { kind: 'Pod', namespace: NAMESPACE };

testCheck('events', {
  valid: [
    {
      name: 'a failing liveness probe: Unhealthy and Killing, counted over both APIs',
      params: { resource: 'pods', name: 'web', reasons: { allOf: ['Unhealthy', 'Killing'] } },
      objects,
      data: { ...base, found: 'Unhealthy ×5, Killing ×1', latest: 'Liveness probe failed: Get "http://10.244.1.5:8080/healthz": connection refused' },
      says: {
        fr: 'Pod web : Unhealthy ×5, Killing ×1 ; dernier : « Liveness probe failed: Get "http://10.244.1.5:8080/healthz": connection refused »',
        en: 'Pod web: Unhealthy ×5, Killing ×1; latest: "Liveness probe failed: Get "http://10.244.1.5:8080/healthz": connection refused"',
      },
    },
    {
      name: 'the events of an earlier pod of the same name do not count',
      params: { resource: 'pod', name: 'web', reasons: { noneOf: ['BackOff', 'FailedMount'] } },
      objects,
      messageId: 'ok-none',
      data: { ...base, forbidden: 'BackOff, FailedMount' },
      says: { fr: 'Pod web : aucun événement BackOff, FailedMount depuis sa création', en: 'Pod web: no BackOff, FailedMount event since it was made' },
    },
    {
      name: 'any of the reasons, over the pods of a label',
      params: { resource: 'Pod', selector: 'app=web', reasons: { anyOf: ['Pulled', 'Started'], noneOf: ['BackOff'] } },
      objects,
      data: { ...base, found: 'Pulled ×1', latest: 'Container image "nginx" already present on machine' },
    },
    {
      name: 'a pod run with --rm: gone, its events matched by kind and name',
      params: { resource: 'pods', name: 'hello', gone: true, reasons: { allOf: ['Started'] } },
      objects,
      data: { ...base, found: 'Started ×1', latest: 'Started container hello' },
      says: { fr: 'Pod hello : Started ×1 ; dernier : « Started container hello »', en: 'Pod hello: Started ×1; latest: "Started container hello"' },
    },
  ],
  invalid: [
    {
      name: 'a pod in a crash loop: a forbidden BackOff, its message quoted on one clean line',
      params: { resource: 'pods', name: 'db', reasons: { noneOf: ['BackOff'] } },
      objects,
      messageId: 'forbidden',
      data: { ...base, name: 'db', reason: 'BackOff', count: 4, latest: 'Back-off restarting failed container db in pod db_student(uid-db)\\u001b[31m' },
      says: {
        fr: 'Pod db : événement BackOff ×4 depuis sa création ; dernier : « Back-off restarting failed container db in pod db_student(uid-db)\\u001b[31m »',
        en: 'Pod db: BackOff event ×4 since it was made; latest: "Back-off restarting failed container db in pod db_student(uid-db)\\u001b[31m"',
      },
    },
    {
      name: 'every pod of the namespace, one of which backs off',
      params: { resource: 'pods', reasons: { noneOf: ['BackOff'] } },
      objects,
      messageId: 'forbidden',
      data: { ...base, name: 'db', reason: 'BackOff', count: 4, latest: 'Back-off restarting failed container db in pod db_student(uid-db)\\u001b[31m' },
    },
    {
      name: 'a reason that never came',
      params: { resource: 'pods', name: 'web', reasons: { allOf: ['Killing', 'Started'] } },
      objects,
      messageId: 'missing-reasons',
      data: { ...base, missing: 'Started' },
      says: {
        fr: 'Pod web : aucun événement Started depuis sa création (vus : Killing ×1, Scheduled ×1, Unhealthy ×5)',
        en: 'Pod web: no Started event since it was made (seen: Killing ×1, Scheduled ×1, Unhealthy ×5)',
      },
    },
    {
      name: 'none of the reasons asked, and no event at all',
      params: { resource: 'pods', name: 'db', reasons: { anyOf: ['Pulled', 'Started'] } },
      objects: { pods: [db] },
      messageId: 'none-of',
      data: { ...base, wanted: 'Pulled, Started' },
      says: { fr: 'Pod db : aucun des événements Pulled, Started depuis sa création (vus : aucun)', en: 'Pod db: none of the events Pulled, Started since it was made (seen: none)' },
    },
    {
      name: 'a pod run without --rm: still there',
      params: { resource: 'pods', name: 'hello', gone: true, reasons: { allOf: ['Started'] } },
      objects: { ...objects, pods: [web, object('Pod', 'hello', {}, { uid: 'uid-hello' })] },
      messageId: 'still-there',
      data: { ...base, name: 'hello' },
      says: {
        fr: 'Pod hello existe encore dans le namespace student : il devait être supprimé une fois terminé',
        en: 'Pod hello still exists in namespace student: it should have been deleted once finished',
      },
    },
    {
      name: 'a gone pod that never ran here (its only event is of another namespace)',
      params: { resource: 'pods', name: 'hello', gone: true, reasons: { allOf: ['Started'] } },
      objects: { pods: [], events: events.slice(-1) },
      messageId: 'no-trace',
      data: { ...base, name: 'hello' },
      says: {
        fr: "aucun événement sur Pod hello dans le namespace student : il n'a pas été lancé ici, ou il y a plus longtemps que les événements ne durent (1 h par défaut)",
        en: 'no event about Pod hello in namespace student: it was not run here, or longer ago than events last (1 h by default)',
      },
    },
    {
      name: 'a gone pod whose events lack the reason',
      params: { resource: 'pods', name: 'hello', gone: true, reasons: { allOf: ['Completed'] } },
      objects,
      messageId: 'missing-reasons',
      data: { ...base, missing: 'Completed' },
    },
    { name: 'no such pod', params: { resource: 'pods', name: 'api', reasons: { allOf: ['Started'] } }, objects, messageId: 'missing', data: base, says: { fr: 'Pod api introuvable dans le namespace student', en: 'Pod api not found in namespace student' } },
    { name: 'no pod of that label', params: { resource: 'pods', selector: 'app=api', reasons: { allOf: ['Started'] } }, objects, messageId: 'none-selected', data: base },
    { name: 'an invalid selector in the lab', params: { resource: 'pods', selector: 'app in (', reasons: { allOf: ['Started'] } }, objects, status: 'error', messageId: 'bad-selector', data: { reason: 'missing ")" to close the list opened at column 8' } },
  ],
  refused: [
    { name: 'no reasons', params: { resource: 'pods', name: 'web', reasons: {} } },
    { name: 'an empty list of reasons', params: { resource: 'pods', name: 'web', reasons: { allOf: [] } } },
    { name: 'a name and a selector', params: { resource: 'pods', name: 'web', selector: 'app=web', reasons: { allOf: ['Started'] } } },
    { name: 'a gone object without its name', params: { resource: 'pods', selector: 'run=hello', gone: true, reasons: { allOf: ['Started'] } } },
    { name: 'what no kind name can be', params: { resource: 'pods and more', name: 'web', reasons: { allOf: ['Started'] } } },
  ],
});
