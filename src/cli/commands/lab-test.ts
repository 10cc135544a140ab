// tp lab test <lab>: self-test of a lab on the current cluster (the only command that writes).
import { loadKubeconfig } from '../../cluster/kubeconfig.js';
import { parseSetOptions, resolveVariables } from '../../engine/variables.js';
import { runLabTest, scenarioCount } from '../../labtest/run-lab-test.js';
import type { HttpVia } from '../../cluster/http-types.js';
import { chooseLang, type CliIo } from '../io.js';
import { onInterrupt } from '../interrupt.js';
import { loadLab } from '../load-lab.js';
import type { ClusterOptions } from '../target-options.js';
import { labTestFormatters } from '../../report/index.js';

export interface LabTestCliOptions extends Omit<ClusterOptions, 'namespace'> {
  set: string[];
  timeout: number;
  httpVia: HttpVia;
  settle: number;
  concurrency: number;
  only: string[];
  lang?: string;
}

export const runLabTestCommand = async (labRef: string, options: LabTestCliOptions, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const lab = await loadLab(labRef, io.cwd);
  const variables = resolveVariables(lab, parseSetOptions(options.set));
  const kubeconfig = loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context, env: io.env, homeDir: io.homeDir });
  const format = await labTestFormatters.text();
  const abort = new AbortController();
  const stopListening = onInterrupt(() => abort.abort());
  const chosen = new Set(options.only).size;
  const count = chosen > 0 ? `${chosen} of ${scenarioCount(lab)}` : `${scenarioCount(lab)}`;
  io.stderr.write(`tp lab test ${lab.id}: ${count} scenarios in scratch namespaces of context ${kubeconfig.facts.context}\n`);
  try {
    const result = await runLabTest({
      lab,
      kubeconfig,
      variables,
      httpVia: options.httpVia,
      timeoutMs: options.timeout * 1000,
      lang,
      now: io.now,
      settleTimeoutMs: options.settle * 1000,
      concurrency: options.concurrency,
      only: options.only,
      signal: abort.signal,
      onScenario: (verdict, done, total) => io.stdout.write(`[${done}/${total}] ${format.scenario(verdict)}\n`),
    });
    io.stdout.write(format.summary(lab.id, result));
    return result.ok ? 0 : 1;
  } finally {
    stopListening();
  }
};
