// Issue 23, point 6: the pods `tp lab test` will not run, as the Pod Security
// baseline profile says, each refusal at the field at fault, in every kind
// that runs pods; and what baseline allows (root, safe capabilities and
// sysctls, RuntimeDefault profiles) passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podSecurityRefusals } from '../../src/core/pod-security.js';

const WORKLOADS: Record<string, (spec: Record<string, unknown>, annotations?: Record<string, string>) => Record<string, unknown>> = {
  Pod: (spec, annotations) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'w', ...(annotations && { annotations }) }, spec }),
  Deployment: (spec, annotations) => ({ kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { metadata: { ...(annotations && { annotations }) }, spec } } }),
  StatefulSet: (spec) => ({ kind: 'StatefulSet', metadata: { name: 'w' }, spec: { template: { spec } } }),
  DaemonSet: (spec) => ({ kind: 'DaemonSet', metadata: { name: 'w' }, spec: { template: { spec } } }),
  ReplicaSet: (spec) => ({ kind: 'ReplicaSet', metadata: { name: 'w' }, spec: { template: { spec } } }),
  Job: (spec) => ({ kind: 'Job', metadata: { name: 'w' }, spec: { template: { spec } } }),
  CronJob: (spec) => ({ kind: 'CronJob', metadata: { name: 'w' }, spec: { jobTemplate: { spec: { template: { spec } } } } }),
};

const specPath: Record<string, string> = { Pod: 'spec', CronJob: 'spec.jobTemplate.spec.template.spec' };
const pathOf = (kind: string) => specPath[kind] ?? 'spec.template.spec';

/** What baseline allows, as the course's images need it: root, a port, a safe capability, RuntimeDefault. */
const allowed = {
  securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }], seLinuxOptions: { type: 'container_t' } },
  volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }],
  containers: [{
    name: 'app',
    image: 'x',
    ports: [{ containerPort: 8000, hostPort: 0 }],
    securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'CAP_CHOWN'], drop: ['ALL'] }, procMount: 'Default', appArmorProfile: { type: 'RuntimeDefault' }, privileged: false },
  }],
};

/** Each baseline rule broken once: the change to the pod spec, the field said, and words of the message. */
const BROKEN: Array<{ rule: string; spec: Record<string, unknown>; field: string; says: RegExp }> = [
  { rule: 'privileged', spec: { containers: [{ name: 'c', securityContext: { privileged: true } }] }, field: 'containers.0.securityContext.privileged', says: /container c: a privileged container is root on the node/ },
  { rule: 'privileged init container', spec: { initContainers: [{ name: 'i', securityContext: { privileged: true } }] }, field: 'initContainers.0.securityContext.privileged', says: /container i: a privileged/ },
  { rule: 'hostPID', spec: { hostPID: true }, field: 'hostPID', says: /hostPID shares the node's PID namespace/ },
  { rule: 'hostIPC', spec: { hostIPC: true }, field: 'hostIPC', says: /hostIPC/ },
  { rule: 'hostNetwork', spec: { hostNetwork: true }, field: 'hostNetwork', says: /hostNetwork/ },
  { rule: 'hostPath', spec: { volumes: [{ name: 'root', hostPath: { path: '/' } }] }, field: 'volumes.0.hostPath', says: /the volume root mounts a path of the node \(hostPath: \/\)/ },
  { rule: 'hostPort', spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 80 }] }] }, field: 'containers.0.ports.0.hostPort', says: /hostPort 80 opens a port of the node/ },
  { rule: 'capabilities', spec: { containers: [{ name: 'c', securityContext: { capabilities: { add: ['CHOWN', 'SYS_ADMIN'] } } }] }, field: 'containers.0.securityContext.capabilities.add.1', says: /adds the capability SYS_ADMIN/ },
  { rule: 'procMount', spec: { containers: [{ name: 'c', securityContext: { procMount: 'Unmasked' } }] }, field: 'containers.0.securityContext.procMount', says: /procMount Unmasked/ },
  { rule: 'seccomp', spec: { securityContext: { seccompProfile: { type: 'Unconfined' } } }, field: 'securityContext.seccompProfile.type', says: /Unconfined seccomp/ },
  { rule: 'seccomp of a container', spec: { containers: [{ name: 'c', securityContext: { seccompProfile: { type: 'Unconfined' } } }] }, field: 'containers.0.securityContext.seccompProfile.type', says: /Unconfined seccomp/ },
  { rule: 'AppArmor', spec: { containers: [{ name: 'c', securityContext: { appArmorProfile: { type: 'Unconfined' } } }] }, field: 'containers.0.securityContext.appArmorProfile.type', says: /AppArmor profile Unconfined/ },
  { rule: 'SELinux type', spec: { securityContext: { seLinuxOptions: { type: 'spc_t' } } }, field: 'securityContext.seLinuxOptions.type', says: /SELinux type spc_t/ },
  { rule: 'SELinux user', spec: { containers: [{ name: 'c', securityContext: { seLinuxOptions: { user: 'system_u' } } }] }, field: 'containers.0.securityContext.seLinuxOptions.user', says: /SELinux user/ },
  { rule: 'sysctls', spec: { securityContext: { sysctls: [{ name: 'kernel.core_pattern', value: '|/x' }] } }, field: 'securityContext.sysctls.0.name', says: /sysctl kernel.core_pattern/ },
  { rule: 'Windows host process', spec: { securityContext: { windowsOptions: { hostProcess: true } } }, field: 'securityContext.windowsOptions.hostProcess', says: /Windows host process/ },
  { rule: 'ephemeral container', spec: { ephemeralContainers: [{ name: 'e', securityContext: { privileged: true } }] }, field: 'ephemeralContainers.0.securityContext.privileged', says: /container e: a privileged/ },
];

describe('pods the baseline profile refuses', () => {
  for (const kind of Object.keys(WORKLOADS)) {
    it(`${kind}: each rule broken is said at its field, what baseline allows is not`, () => {
      const make = WORKLOADS[kind] as (spec: Record<string, unknown>) => Record<string, unknown>;
      expect(podSecurityRefusals(make(allowed))).toEqual([]);
      for (const broken of BROKEN) {
        const refusals = podSecurityRefusals(make(broken.spec));
        expect(refusals.map((refusal) => refusal.path.join('.')), broken.rule).toEqual([`${pathOf(kind)}.${broken.field}`]);
        expect(refusals[0]?.message, broken.rule).toMatch(broken.says);
        expect(refusals[0]?.message).toMatch(new RegExp(`^${kind} w: .*; tp lab test runs no pod the Pod Security baseline profile refuses$`));
      }
    });
  }

  it('reads the AppArmor annotation of a pod and of a pod template', () => {
    const annotation = { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' };
    for (const kind of ['Pod', 'Deployment']) {
      const make = WORKLOADS[kind] as (spec: Record<string, unknown>, annotations: Record<string, string>) => Record<string, unknown>;
      expect(podSecurityRefusals(make({ containers: [] }, annotation)).map((refusal) => refusal.message), kind).toEqual([expect.stringMatching(/AppArmor profile unconfined/)]);
      expect(podSecurityRefusals(make({ containers: [] }, { 'container.apparmor.security.beta.kubernetes.io/c': 'runtime/default' })), kind).toEqual([]);
    }
  });

  it('says nothing of kinds that run no pod, and reads a patch by the kind of its target', () => {
    expect(podSecurityRefusals({ kind: 'ConfigMap', spec: { hostPID: true } })).toEqual([]);
    expect(podSecurityRefusals({ spec: { template: { spec: { hostNetwork: true } } } }, 'Deployment').map((refusal) => refusal.path.join('.'))).toEqual(['spec.template.spec.hostNetwork']);
  });

  it('never throws on any shape a third party writes, and refuses only fields it names', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(WORKLOADS)), fc.anything({ maxDepth: 5 }), (kind, spec) => {
        const make = WORKLOADS[kind] as (spec: unknown) => Record<string, unknown>;
        for (const refusal of podSecurityRefusals(make(spec))) {
          expect(refusal.path.join('.').startsWith(pathOf(kind)) || refusal.path.includes('annotations')).toBe(true);
          expect(refusal.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
