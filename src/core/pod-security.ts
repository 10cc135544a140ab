// What `tp lab test` will not run from a lab's solution: a pod the Pod Security
// Standards' `baseline` profile refuses — privileged, on the node's namespaces
// (hostNetwork, hostPID, hostIPC), with hostPath volumes, host ports, added
// capabilities beyond baseline's, unconfined seccomp or AppArmor, custom SELinux
// users and roles, unmasked /proc, unsafe sysctls, Windows host processes. Such
// a pod is root on a node (on kind, root on the machine), and lab folders may
// come from a third party. `baseline` and not `restricted`: the course's images
// run as root, which baseline allows. The scratch namespaces enforce the same
// profile on the API server (cluster/scratch-namespaces.ts); this says it first,
// at the field, in `tp lab lint`.
// https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline

export type FieldPath = Array<string | number>;

export interface PodSecurityRefusal {
  /** The field at fault, from the manifest's root. */
  path: FieldPath;
  /** Whether the problem is said at the field's key (`privileged:`) or at its value (an item of a list). */
  at: 'key' | 'value';
  message: string;
}

/** Where the pod spec and the pod's metadata are in each kind that runs pods. */
const POD_AT: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The capabilities baseline lets a container add. */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldsAt = (value: unknown, path: FieldPath): unknown =>
  path.reduce<unknown>((here, key) => (isFields(here) || Array.isArray(here) ? (here as Record<string | number, unknown>)[key] : undefined), value);

const listAt = (value: unknown, path: FieldPath): unknown[] => {
  const found = fieldsAt(value, path);
  return Array.isArray(found) ? found : [];
};

/** Baseline's rules on a securityContext, of the pod or of a container (`container` names it in messages). */
const securityContextRefusals = (context: unknown, at: FieldPath, who: string, container: boolean): PodSecurityRefusal[] => {
  if (!isFields(context)) return [];
  const refusals: PodSecurityRefusal[] = [];
  const refuse = (path: FieldPath, message: string, where: 'key' | 'value' = 'key') => refusals.push({ path: [...at, ...path], at: where, message: `${who}: ${message}` });
  if (container && context['privileged'] === true) refuse(['privileged'], 'a privileged container is root on the node');
  if (fieldsAt(context, ['windowsOptions', 'hostProcess']) === true) refuse(['windowsOptions', 'hostProcess'], 'a Windows host process runs on the node itself');
  if (container) {
    listAt(context, ['capabilities', 'add']).forEach((capability, index) => {
      if (typeof capability !== 'string' || !BASELINE_CAPABILITIES.has(capability.replace(/^CAP_/, ''))) {
        refuse(['capabilities', 'add', index], `adds the capability ${String(capability)}, beyond what the baseline profile allows`, 'value');
      }
    });
    const procMount = context['procMount'];
    if (procMount !== undefined && procMount !== 'Default') refuse(['procMount'], `procMount ${String(procMount)} unmasks the node's /proc`);
  }
  const seccomp = fieldsAt(context, ['seccompProfile', 'type']);
  if (seccomp === 'Unconfined') refuse(['seccompProfile', 'type'], 'an Unconfined seccomp profile lifts the syscall filter');
  const apparmor = fieldsAt(context, ['appArmorProfile', 'type']);
  if (apparmor !== undefined && apparmor !== 'RuntimeDefault' && apparmor !== 'Localhost') refuse(['appArmorProfile', 'type'], `the AppArmor profile ${String(apparmor)} lifts the container's confinement`);
  const selinux = fieldsAt(context, ['seLinuxOptions']);
  if (isFields(selinux)) {
    if (selinux['type'] !== undefined && !SELINUX_TYPES.has(String(selinux['type']))) refuse(['seLinuxOptions', 'type'], `the SELinux type ${String(selinux['type'])} is not one of a container's`);
    for (const field of ['user', 'role']) {
      if (selinux[field] !== undefined && selinux[field] !== '') refuse(['seLinuxOptions', field], `sets the SELinux ${field}, which the baseline profile forbids`);
    }
  }
  if (!container) {
    listAt(context, ['sysctls']).forEach((sysctl, index) => {
      const name = fieldsAt(sysctl, ['name']);
      if (typeof name !== 'string' || !SAFE_SYSCTLS.has(name)) refuse(['sysctls', index, 'name'], `the sysctl ${String(name)} is not one the baseline profile allows`);
    });
  }
  return refusals;
};

const containerRefusals = (spec: Fields, at: FieldPath): PodSecurityRefusal[] =>
  (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((list) =>
    listAt(spec, [list]).flatMap((container, index) => {
      const where = [...at, list, index];
      const name = typeof fieldsAt(container, ['name']) === 'string' ? String(fieldsAt(container, ['name'])) : `#${index + 1}`;
      const who = `container ${name}`;
      const ports = listAt(container, ['ports']).flatMap((port, portIndex): PodSecurityRefusal[] => {
        const hostPort = fieldsAt(port, ['hostPort']);
        return hostPort === undefined || hostPort === 0
          ? []
          : [{ path: [...where, 'ports', portIndex, 'hostPort'], at: 'key', message: `${who}: hostPort ${String(hostPort)} opens a port of the node` }];
      });
      return [...securityContextRefusals(fieldsAt(container, ['securityContext']), [...where, 'securityContext'], who, true), ...ports];
    }));

/** The pod security refusals of a pod spec at `at` (its `spec`) with its metadata beside. */
const podRefusals = (manifest: unknown, at: FieldPath): PodSecurityRefusal[] => {
  const specAt = [...at, 'spec'];
  const spec = fieldsAt(manifest, specAt);
  const refusals: PodSecurityRefusal[] = [];
  if (isFields(spec)) {
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      if (spec[field] === true) refusals.push({ path: [...specAt, field], at: 'key', message: `${field} shares the node's ${field.slice(4)} namespace with the pod` });
    }
    listAt(spec, ['volumes']).forEach((volume, index) => {
      if (fieldsAt(volume, ['hostPath']) !== undefined) {
        refusals.push({ path: [...specAt, 'volumes', index, 'hostPath'], at: 'key', message: `the volume ${String(fieldsAt(volume, ['name']) ?? `#${index + 1}`)} mounts a path of the node (hostPath: ${String(fieldsAt(volume, ['hostPath', 'path']) ?? '?')})` });
      }
    });
    refusals.push(...securityContextRefusals(spec['securityContext'], [...specAt, 'securityContext'], 'the pod', false), ...containerRefusals(spec, specAt));
  }
  const annotations = fieldsAt(manifest, [...at, 'metadata', 'annotations']);
  if (isFields(annotations)) {
    for (const [key, value] of Object.entries(annotations)) {
      if (key.startsWith(APPARMOR_ANNOTATION) && value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
        refusals.push({ path: [...at, 'metadata', 'annotations', key], at: 'key', message: `the AppArmor profile ${String(value)} lifts the container's confinement` });
      }
    }
  }
  return refusals;
};

/**
 * Every field of `manifest` (a whole object, or a patch of one of kind `kind`) that the
 * baseline profile refuses, with a message naming the object; none for kinds that run no pod.
 */
export const podSecurityRefusals = (manifest: unknown, kind: unknown = fieldsAt(manifest, ['kind'])): PodSecurityRefusal[] => {
  const at = typeof kind === 'string' && Object.hasOwn(POD_AT, kind) ? POD_AT[kind] : undefined;
  if (at === undefined) return [];
  const name = fieldsAt(manifest, ['metadata', 'name']);
  const object = `${kind as string}${typeof name === 'string' ? ` ${name}` : ''}`;
  return podRefusals(manifest, at).map((refusal) => ({
    ...refusal,
    message: `${object}: ${refusal.message}; tp lab test runs no pod the Pod Security baseline profile refuses`,
  }));
};
