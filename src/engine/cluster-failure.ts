// When no kind at all could be read there is nothing to grade: the target
// fails as a whole (exit 2) with what to try, instead of printing a report
// of errors that would read like a grade.
import { ClusterError } from '../core/errors.js';
import type { ReadFailure } from '../cluster/types.js';

const UNREACHABLE_ADVICE =
  'Is the cluster running? Try `minikube start` or `kind create cluster`, then check the context with `kubectl config current-context` and `kubectl get nodes`.';

const FORBIDDEN_ADVICE =
  'tp only reads (get, list, watch). Check the context and namespace (`kubectl auth can-i list pods -n <namespace>`), or ask for the read-only role of deploy/rbac-readonly.yaml.';

const OTHER_ADVICE = 'Check that `kubectl get nodes` works with this kubeconfig and context; if the API server is failing, try again in a moment.';

export const clusterErrorOf = (failure: ReadFailure, context: string): ClusterError => {
  switch (failure.reason) {
    case 'unreachable':
    case 'timeout':
      return new ClusterError('CLUSTER_UNREACHABLE', context, failure.message, UNREACHABLE_ADVICE);
    case 'forbidden':
      return new ClusterError('CLUSTER_FORBIDDEN', context, failure.message, FORBIDDEN_ADVICE);
    case 'other':
      return new ClusterError('CLUSTER_UNREACHABLE', context, failure.message, OTHER_ADVICE);
  }
};
