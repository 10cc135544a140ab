// Scratch namespaces: the only place where tp writes to a cluster. It creates
// namespaces labelled as its own, fills them, and deletes them.
import { ApiException, CoreV1Api, KubernetesObjectApi, PatchStrategy, type KubeConfig } from '@kubernetes/client-node';
import { inClientNodeShape } from './client-node-shape.js';
import { randomBytes } from 'node:crypto';
import { kubectlCommands } from './kubectl-commands.js';
import { asFirstWritten, asMadeWith, FIELD_MANAGERS, splitRecipe, type MadeWith, type Recipe } from './made-with.js';
import type { Manifest } from './types.js';
import { changeObserved, listDeployments, waitForRollouts } from './rollouts.js';
import { deleteWhenFinished, unlessNotFound, waitForBarePods } from './pod-waits.js';
import { unwritableManifest } from '../discovery/writable-kinds.js';
import type { KindCatalogue } from '../discovery/types.js';
import { isNodePortTaken, nodePortTakenError } from './node-port-holder.js';
import { TpError } from '../core/errors.js';
import { statusMessage } from './api-failure.js';

export const LAB_TEST_LABEL = 'tp.lab-test/lab';

/** The label by which a namespace asks the API server's Pod Security admission to enforce a profile. */
export const POD_SECURITY_ENFORCE = 'pod-security.kubernetes.io/enforce';

export interface ScratchNamespaces {
  create(purpose: string): Promise<string>;
  /**
   * Creates each object, or updates it (JSON merge patch) when an earlier step of this run made it,
   * as `kubectl apply -f` records it (field manager and last-applied annotation) unless
   * `madeWith` (by `Kind/name`) or the manifest's own `tp.lab-test/made-with` annotation names
   * another recipe: `create`, then `label` (its labels set as kubectl label does) or `scale`
   * (its replicas set through the scale subresource, as kubectl scale does). Refuses, before
   * writing anything, a manifest of a kind it does not write (discovery/writable-kinds.ts).
   */
  apply(namespace: string, manifests: Manifest[], madeWith?: Readonly<Record<string, Recipe>>): Promise<void>;
  /**
   * Waits (bounded) until every Deployment of the namespace has rolled out, and the bare pods named
   * (those the next step changes: kubectl set image, as a student would, once they have started).
   */
  waitForRollouts(namespace: string, pods?: readonly string[]): Promise<boolean>;
  /** The same, but for the controller to have seen every Deployment's latest change, rolled out or not. */
  waitForObserved(namespace: string, pods?: readonly string[]): Promise<boolean>;
  /** True when a container of a pod in the namespace waits on an image it failed to pull. */
  imagePullFailing(namespace: string): Promise<boolean>;
  /** Deletes Services now, to give their nodePorts back to the cluster. */
  deleteServices(namespace: string, names: readonly string[]): Promise<void>;
  /**
   * Deletes one namespace whose scenario is judged (the API server finishes the deletion on its
   * own): a long proof never holds every scenario's pods at once.
   */
  release(namespace: string): Promise<void>;
  /** Deletes every namespace created so far, those being created included, and refuses new ones; safe to call twice. */
  deleteAll(): Promise<void>;
}

export interface ScratchOptions {
  /** What the cluster serves: custom resources are written only when it serves them as namespaced kinds. */
  served?: KindCatalogue;
  /** Bound of the wait between two solution steps. */
  stepTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const PULL_FAILURES = ['ErrImagePull', 'ImagePullBackOff'];

const dnsSafe = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

const status = (error: unknown): number | undefined => (error instanceof ApiException ? error.code : undefined);

/**
 * A solution object the API server refuses (invalid, forbidden) is the lab's problem or the
 * tester's rights, said with the object and the server's own sentence, not an internal error.
 */
const refusedWrite = (manifest: Manifest, error: unknown): unknown => {
  if (!(error instanceof ApiException)) return error;
  const object = `${manifest.kind} ${manifest.metadata?.name ?? ''}`;
  const why = statusMessage(typeof error.body === 'string' ? error.body : '') || `HTTP ${error.code}`;
  if (error.code === 403) {
    return new TpError('CLUSTER_FORBIDDEN', `the API server forbade writing the solution's ${object}: ${why}`, 'tp lab test needs to create namespaces and every kind of object the solution holds in them');
  }
  if (error.code >= 400 && error.code < 500) {
    return new TpError('LAB_INVALID', `the API server refused the solution's ${object}: ${why}`, "fix it in the lab's solution folder (kubectl apply --dry-run=server -f <file> says the same)");
  }
  return error;
};

export const scratchNamespaces = (kc: KubeConfig, labId: string, options: ScratchOptions = {}): ScratchNamespaces => {
  const { stepTimeoutMs = 60_000, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = options;
  const core = kc.makeApiClient(CoreV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const created = new Set<string>();
  // What this run wrote, by namespace/apiVersion/kind/name: only those may be patched on a 409.
  const written = new Set<string>();
  const identity = (object: Manifest): string => `${object.metadata?.namespace ?? ''}/${object.apiVersion}/${object.kind}/${object.metadata?.name ?? ''}`;
  // Creations still on their way: an interrupt waits for them, or a namespace
  // whose POST was in flight would be made after the clean-up, and left behind.
  const creating = new Set<Promise<string>>();
  let closed = false;
  let deleting: Promise<void> | undefined;
  const run = randomBytes(3).toString('hex');

  const commands = kubectlCommands(kc);

  const createOrUpdate = async (object: Manifest, how: MadeWith): Promise<void> => {
    const sent = inClientNodeShape(asMadeWith(object, how));
    try {
      await objects.create(sent, undefined, undefined, FIELD_MANAGERS[how]);
      written.add(identity(object));
    } catch (error) {
      // Scenarios of this run that fix the same nodePort take turns (labtest/node-ports.ts):
      // a port taken here is held outside the run, so it is said at once, with who holds it.
      if (isNodePortTaken(error)) throw await nodePortTakenError(core, object, error, [...created]);
      if (status(error) !== 409) throw error;
      // An object this run did not create (made by the cluster, or by someone else) is never changed.
      if (!written.has(identity(object))) {
        throw new TpError('CLUSTER_CONFLICT', `${object.kind} ${object.metadata?.name ?? ''} already exists in ${object.metadata?.namespace ?? ''} and tp lab test did not create it: it is left as it is`);
      }
      await objects.patch(sent, undefined, undefined, FIELD_MANAGERS[how], undefined, PatchStrategy.MergePatch);
    }
  };

  /** One manifest, by its recipe (kubectl apply, create, run, set image…). */
  const writeOne = async (namespace: string, manifest: Manifest, madeWith: Readonly<Record<string, Recipe>>): Promise<void> => {
    const own = splitRecipe(manifest);
    const recipe = madeWith[`${manifest.kind}/${manifest.metadata.name}`] ?? own.recipe ?? { made: 'apply', then: [] };
    const object = { ...own.manifest, metadata: { ...own.manifest.metadata, namespace } };
    // kubectl set image changes an object made before: only its images are sent.
    if (recipe.made === 'set') await commands.setImage(object);
    else await createOrUpdate(asFirstWritten(object, recipe), recipe.made);
    // In the course's order: the labels, then the replicas.
    if (recipe.then.includes('label')) await commands.label(object);
    if (recipe.then.includes('scale')) await commands.scale(object);
    if (recipe.then.includes('delete')) await deleteWhenFinished(core, namespace, object.metadata.name, { timeoutMs: stepTimeoutMs, sleep });
  };

  /** The Deployments (rolled out, or their change only seen with `done: changeObserved`), then the bare pods named. */
  const waitBetweenSteps = async (namespace: string, pods: readonly string[], done?: typeof changeObserved): Promise<boolean> => {
    const bounds = { timeoutMs: stepTimeoutMs, sleep };
    const deployments = await waitForRollouts(listDeployments(kc, namespace), done ? { ...bounds, done } : bounds);
    return (await waitForBarePods(core, namespace, pods, bounds)) && deployments;
  };

  return {
    create(purpose) {
      if (closed) return Promise.reject(new Error('the lab test was interrupted: no new scratch namespace'));
      const name = `tp-test-${dnsSafe(labId)}-${run}-${dnsSafe(purpose)}`.slice(0, 63).replace(/-+$/, '');
      created.add(name);
      const creation = (async () => {
        // Pod Security admission refuses, on the API server, any pod the baseline profile forbids (privileged, hostPath…):
        // a third party's lab runs nothing there that is root on a node. `restricted` would refuse the course's images, which run as root.
        await core.createNamespace({ body: { metadata: { name, labels: { [LAB_TEST_LABEL]: dnsSafe(labId), [POD_SECURITY_ENFORCE]: 'baseline' } } } });
        // Pods are refused until the controller manager has made the namespace's default ServiceAccount.
        const deadline = Date.now() + stepTimeoutMs;
        while (!closed && !(await core.readNamespacedServiceAccount({ name: 'default', namespace: name }).then(() => true, () => false)) && Date.now() < deadline) {
          await sleep(200);
        }
        return name;
      })();
      creating.add(creation);
      void creation.finally(() => creating.delete(creation)).catch(() => undefined);
      return creation;
    },
    async apply(namespace, manifests, madeWith = {}) {
      // Namespaced objects only, and only into a namespace this run made: all refused before any is written.
      if (!created.has(namespace)) throw new Error(`${namespace} is not a namespace this lab test made`);
      const refusals = manifests.flatMap((manifest) => unwritableManifest(manifest, options.served) ?? []);
      if (refusals.length > 0) throw new TpError('LAB_INVALID', `the lab's solution cannot be applied: ${refusals.join('; ')}`);
      for (const manifest of manifests) {
        try {
          await writeOne(namespace, manifest, madeWith);
        } catch (error) {
          throw refusedWrite(manifest, error);
        }
      }
    },
    waitForRollouts: (namespace, pods = []) => waitBetweenSteps(namespace, pods),
    waitForObserved: (namespace, pods = []) => waitBetweenSteps(namespace, pods, changeObserved),
    async imagePullFailing(namespace) {
      const { items } = await core.listNamespacedPod({ namespace });
      return items.some((pod) =>
        [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].some((container) =>
          PULL_FAILURES.includes(container.state?.waiting?.reason ?? ''),
        ),
      );
    },
    async deleteServices(namespace, names) {
      await Promise.all(names.map((name) => core.deleteNamespacedService({ name, namespace }).catch(unlessNotFound)));
    },
    async release(namespace) {
      if (!created.delete(namespace)) return;
      await core.deleteNamespace({ name: namespace }).catch(unlessNotFound);
    },
    deleteAll() {
      // One clean-up, however many callers (the interrupt and the run's own end) ask for it.
      deleting ??= (async () => {
        closed = true;
        await Promise.allSettled([...creating]);
        const names = [...created];
        created.clear();
        await Promise.all(names.map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
      })();
      return deleting;
    },
  };
};
