// What a kind proof prints when a scenario did not settle, while its namespace
// still stands: each pod's state as the kubelet reports it, and on its node the
// container log files kubectl logs reads. A proof that fails at random once in
// a long CI run (a pod that never started, a log that stayed empty) is then
// diagnosed from the CI log alone. The runc wrapper's retries are printed too.
import { execa } from 'execa';
import { kindNodes, kubectl } from './kind.js';

interface PodState {
  metadata: { name: string; uid: string };
  spec: { nodeName?: string };
  status: { phase?: string; containerStatuses?: unknown[]; initContainerStatuses?: unknown[] };
}

// Bounded: a diagnosis must not drown the CI log.
const bounded = (text: string, max = 4000) => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

const onNode = async (node: string, script: string): Promise<string> => {
  const result = await execa('docker', ['exec', node, 'sh', '-c', script], { reject: false, timeout: 30_000 });
  return `${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`.trim();
};

/** Pods and their log files in `namespace`, as text. */
export const describeNamespace = async (namespace: string): Promise<string> => {
  const pods = (JSON.parse(await kubectl(namespace, ['get', 'pods', '-o', 'json'])) as { items: PodState[] }).items;
  const parts: string[] = [];
  for (const pod of pods) {
    parts.push(`pod ${pod.metadata.name} on ${pod.spec.nodeName ?? '(no node)'}: ${pod.status.phase ?? '?'}`);
    for (const status of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) parts.push(`  ${JSON.stringify(status)}`);
    if (pod.spec.nodeName === undefined) continue;
    const folder = `/var/log/pods/${namespace}_${pod.metadata.name}_${pod.metadata.uid}`;
    parts.push(bounded(await onNode(pod.spec.nodeName, `ls -lR ${folder}; for f in ${folder}/*/*.log; do echo "== $f"; tail -c 400 "$f"; done`), 2000));
    // What containerd said of each of its containers (a start retried, an I/O error).
    const ids = JSON.stringify(pod.status).match(/containerd:\/\/[0-9a-f]{64}/g) ?? [];
    for (const id of new Set(ids.map((full) => full.slice('containerd://'.length, 'containerd://'.length + 16)))) {
      parts.push(bounded(await onNode(pod.spec.nodeName, `journalctl -u containerd --no-pager -o cat | grep ${id} | tail -n 12`), 3000));
    }
  }
  return bounded(parts.join('\n'), 20_000);
};

/** Every line the runc wrapper wrote on the nodes (scripts/kind/runc-nocap/retry.go). */
export const runcRetries = async (): Promise<string> => {
  const { controlPlane, workers } = await kindNodes();
  const lines = await Promise.all([controlPlane, ...workers].map(async (node) => `${node}: ${(await onNode(node, 'cat /var/log/runc-nocap.log 2>/dev/null')) || '(no retry)'}`));
  return bounded(lines.join('\n'));
};

/** For LabTestOptions.onUnsettled: writes the diagnosis to stderr; never fails the proof itself. */
export const printUnsettled = async (labId: string, scenarioId: string, namespace: string): Promise<void> => {
  try {
    process.stderr.write(`${labId} / ${scenarioId} did not settle; namespace ${namespace}:\n${await describeNamespace(namespace)}\nrunc retries:\n${await runcRetries()}\n`);
  } catch (error) {
    process.stderr.write(`${labId} / ${scenarioId}: no diagnosis (${error instanceof Error ? error.message : String(error)})\n`);
  }
};
