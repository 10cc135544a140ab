// A realistic gradebook without a cluster: the real TP4 lab and engine, run
// on a cluster in memory where twelve students got more or less far.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLab } from '../../src/cli/load-lab.js';
import { labOutline } from '../../src/grade/outline.js';
import { runCohort } from '../../src/grade/run-cohort.js';
import type { CohortStudent, Gradebook } from '../../src/grade/types.js';
import { configMap, fakeCluster, fakeKubeconfig, inMemoryRunOptions, node } from './fake-cluster.js';
import { buildGradebook } from '../../src/grade/gradebook.js';

const NAMES = ['Alice Martin', 'Bob Durand', 'Chloé Petit', 'David Leroy', 'Emma Moreau', 'Félix Garnier', 'Gabrielle Roux', 'Hugo Fournier', 'Inès Girard', 'Jules Bonnet', 'Karim Haddad', 'Léa Lambert'];
const LABELS: Array<Record<string, string>> = [{ version: '1.0', country: 'fr' }, { version: '1.0', country: 'uk' }, { version: '1.1', country: 'de' }, { version: '1.1', country: 'fr' }, {}];

export const sampleCohortGradebook = async (): Promise<Gradebook> => {
  const lab = await loadLab('tp4', process.cwd());
  const dir = mkdtempSync(join(tmpdir(), 'tp-sample-cohort-'));
  const objects = [node('tp-control-plane', { 'node-role.kubernetes.io/control-plane': '' }), node('tp-worker'), node('tp-worker2')];
  const students: CohortStudent[] = NAMES.map((name, index) => {
    const id = name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
    // Student k made the first (k mod 6) configmaps, and answered as far as they got.
    const progress = index % 6;
    LABELS.slice(0, progress).forEach((labels, i) => objects.push(configMap(id, `cm${i + 1}`, labels)));
    const answers = { Answer1: '1', Answer2: 'fake.example.org', Answer3: id, Answer4: progress > 2 ? 'country=fr' : '<fix me>', Answer5: progress > 3 ? 'version=1.1,country=fr' : 'version=1.1', Answer6: progress > 4 ? '!version' : '<fix me>', Answer7: index % 3 === 0 ? 'node-role.kubernetes.io/control-plane' : '!node-role.kubernetes.io/control-plane' };
    const file = join(dir, id);
    writeFileSync(file, `${JSON.stringify(answers, null, 1)}\n`);
    return { index, id, name, email: `${id}@example.org`, namespace: id, answers: index === 7 ? join(dir, 'missing') : file, answersAsWritten: `answers/${id}`, lang: index % 4 === 1 ? 'en' : 'fr' };
  });
  const cluster = fakeCluster(objects);
  const run = await runCohort(inMemoryRunOptions(lab, students, () => cluster.client, { loadKubeconfig: () => fakeKubeconfig('training') }));
  return buildGradebook({ outline: labOutline(lab, 'fr'), lang: 'fr', results: run.results, complete: run.complete, generatedAt: '2026-11-23T10:00:00.000Z', cohortSize: students.length, run: run.stats });
};
