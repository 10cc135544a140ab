// A solution object the API server refuses (a name its validation rejects, which
// tp lab lint cannot know) is the lab's problem, said with the object and the
// server's sentence and exit 2: never an internal error with a stack trace.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testKubeconfigPath } from '../support/cluster.js';
import { runTp } from '../support/run-cli.js';

it('names the refused object and why, exit 2', async () => {
  const lab = join(mkdtempSync(join(tmpdir(), 'tp-refused-')), 'pods');
  cpSync('labs/pods', lab, { recursive: true });
  const manifests = join(lab, 'solution', 'manifests.yaml');
  writeFileSync(manifests, readFileSync(manifests, 'utf8').replace('name: www', 'name: Not_A_Dns_Label'));
  const run = await runTp(['lab', 'test', lab, '--kubeconfig', testKubeconfigPath(), '--only', 'solution']);
  expect(run.stderr).toMatch(/the API server refused the solution's Pod nginx: Pod "nginx" is invalid: spec\.containers\[0\]\.name: Invalid value: "Not_A_Dns_Label"/);
  expect(run.stderr).toMatch(/fix it in the lab's solution folder/);
  expect(run.stderr).not.toMatch(/internal error|at async/);
  expect(run.exitCode).toBe(2);
}, 120_000);
