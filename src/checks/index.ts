// The registry: the only place that lists check kinds. Adding a kind is one
// file in this folder plus one line here (test/checks/registry.test.ts checks both).
import type { AnyCheckKind } from './define.js';
import { accessCheck } from './access.js';
import { answerCheck } from './answer.js';
import { configMapMountCheck } from './configmap-mount.js';
import { endpointsCheck } from './endpoints.js';
import { eventsCheck } from './events.js';
import { httpCheck } from './http.js';
import { logsCheck } from './logs.js';
import { manualCheck } from './manual.js';
import { placementCheck } from './placement.js';
import { provenanceCheck } from './provenance.js';
import { reachCheck } from './reach.js';
import { registrySecretCheck } from './registry-secret.js';
import { resourceCheck } from './resource.js';
import { rolloutCheck } from './rollout.js';
import { secretValueCheck } from './secret-value.js';
import { selectorCheck } from './selector.js';

export const checkKinds = {
  access: accessCheck,
  answer: answerCheck,
  'configmap-mount': configMapMountCheck,
  endpoints: endpointsCheck,
  events: eventsCheck,
  http: httpCheck,
  logs: logsCheck,
  manual: manualCheck,
  placement: placementCheck,
  provenance: provenanceCheck,
  reach: reachCheck,
  'registry-secret': registrySecretCheck,
  resource: resourceCheck,
  rollout: rolloutCheck,
  'secret-value': secretValueCheck,
  selector: selectorCheck,
} satisfies Record<string, AnyCheckKind>;

export type CheckKindName = keyof typeof checkKinds;

export const findCheckKind = (name: string): AnyCheckKind | undefined =>
  Object.hasOwn(checkKinds, name) ? (checkKinds as Record<string, AnyCheckKind>)[name] : undefined;
