// A gradebook made by hand, as `tp grade` would make it: a French student,
// an English one, one in error, and a name that spreadsheets and HTML dislike.
import type { Gradebook, LabOutline, StudentResult } from '../../src/grade/types.js';
import { englishReport, frenchReport } from './sample-report.js';
import { buildGradebook } from '../../src/grade/gradebook.js';

export const sampleOutline = (): LabOutline => ({
  id: 'tp4',
  title: 'Objets Kubernetes',
  maxScore: 8,
  exercises: [
    {
      id: 'contexts',
      title: 'Contextes du kubeconfig',
      maxScore: 3,
      checks: [
        { id: 'answer1-context-count', title: 'Nombre de contextes', points: 1 },
        { id: 'answer2-server-host', title: 'Hôte du serveur', points: 2 },
        { id: 'contexts-review', title: 'Explication rédigée', points: 0 },
      ],
    },
    {
      id: 'labels',
      title: 'Étiquettes',
      maxScore: 5,
      checks: [
        { id: 'answer4-selector', title: 'Sélecteur country=fr', points: 2 },
        { id: 'cm1-labels', title: 'Étiquettes de cm1', points: 2 },
        { id: 'answer6-no-version', title: 'ConfigMaps sans version', points: 1 },
        { id: 'cm5-optional', title: 'cm5 facultatif', points: 0 },
      ],
    },
  ],
});

export const sampleResults = (): StudentResult[] => [
  { student: { index: 0, id: 'alice', name: 'Alice Martin', email: 'alice@example.org', idNumber: '2024001' }, status: 'graded', report: frenchReport() },
  { student: { index: 1, id: 'bob', name: '=HYPERLINK("x"), "Bob"', email: 'bob@example.org', lang: 'en' }, status: 'graded', report: englishReport() },
  { student: { index: 2, id: 'carol', name: 'Carol <script>', email: 'carol@example.org', lang: 'en' }, status: 'error', reason: 'cluster (context "kind-carol"): cannot reach https://127.0.0.1:1 (ECONNREFUSED)' },
];

export const sampleGradebook = (overrides: Partial<Gradebook> = {}): Gradebook => ({
  ...buildGradebook({
    outline: sampleOutline(),
    lang: 'fr',
    results: sampleResults(),
    complete: true,
    generatedAt: '2026-11-23T10:00:00.000Z',
    cohortSize: 3,
    run: { apiRequests: 7, clusters: 2, durationMs: 120 },
  }),
  ...overrides,
});
