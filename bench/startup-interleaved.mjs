// `tp check 4` against one `kubectl get` with the CPU of each process in microseconds: the
// commands of startup.mjs (kubectl, the floor, the npm bin, the executable; code caches warm)
// run by interleaved.py on a solved TP4 namespace, which reads each child's CPU from wait4(2)
// where startup.mjs reads ticks of 10 ms. Run it with and without NODE_EXTRA_CA_CERTS: with it,
// every Node process parses that CA bundle as it starts (kubectl does not), a cost a student's
// machine does not have unless it sets the variable.
// Usage: npm run cluster:up && npm run build && npm run build:exe &&
//        [env -u NODE_EXTRA_CA_CERTS] BENCH_RUNS=41 node bench/startup-interleaved.mjs
import { spawnSync } from 'node:child_process';
import { kubeconfig, kubectlPath, withSolvedTp4 } from './solved-tp4.mjs';

const runs = process.env.BENCH_RUNS ?? '41';
await withSolvedTp4('tp-startup', async ({ namespace, answers }) => {
  const check = `check 4 --kubeconfig ${kubeconfig} -n ${namespace} --answers ${answers} --format json --http-via nodeport`;
  console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? `set (${process.env.NODE_EXTRA_CA_CERTS})` : 'unset'}`);
  const run = spawnSync('python3', [
    'bench/interleaved.py', runs,
    'kubectl get pods', `${kubectlPath} --kubeconfig ${kubeconfig} -n ${namespace} get pods`,
    'Node + the 8 LISTs, no tp', `node bench/node-floor.cjs ${kubeconfig} ${namespace}`,
    'npm bin: tp check 4', `node bin/tp.js ${check}`,
    'executable: tp check 4', `dist/exe/tp-linux-x64 ${check}`,
  ], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`interleaved.py exited ${run.status}`);
});
