// A report made by hand, as the engine would make it: two exercises, a check
// in every status, and a message full of characters that XML and GitHub dislike.
import type { Report } from '../../src/engine/types.js';

/** `<`, `&`, both quotes, a bell (forbidden in XML 1.0), a line break and `%`. */
export const hostileMessage = 'expected <none> & "fr" or \'uk\'\u0007, got 100%\nsecond line';

export const frenchReport = (): Report => ({
  lab: 'tp4',
  labTitle: 'Objets Kubernetes',
  lang: 'fr',
  target: {
    context: 'kind-kind',
    server: 'https://127.0.0.1:6443',
    namespace: 'alice',
    answers: 'answers/answers_tp4',
  },
  score: 3,
  maxScore: 8,
  exercises: [
    {
      id: 'contexts',
      title: 'Contextes du kubeconfig',
      section: '1',
      score: 3,
      maxScore: 3,
      passed: true,
      checks: [
        { id: 'answer1-context-count', title: 'Nombre de contextes', status: 'pass', points: 1, earned: 1, message: 'Réponse juste : 2', messageId: 'answer.ok', hint: 'kubectl config get-contexts' },
        { id: 'answer2-server-host', title: 'Hôte du serveur', status: 'pass', points: 2, earned: 2, message: 'Réponse juste', messageId: 'answer.ok' },
        { id: 'contexts-review', title: 'Explication rédigée', status: 'manual', points: 0, earned: 0, message: 'À relire par le formateur', messageId: 'manual.recorded' },
      ],
    },
    {
      id: 'labels',
      title: 'Étiquettes',
      section: '2',
      score: 0,
      maxScore: 5,
      passed: false,
      checks: [
        { id: 'answer4-selector', title: 'Sélecteur country=fr', status: 'fail', points: 2, earned: 0, message: hostileMessage, messageId: 'selector.wrong', hint: 'Essayez kubectl get cm -l country=fr' },
        { id: 'cm1-labels', title: 'Étiquettes de cm1', status: 'error', points: 2, earned: 0, message: 'lecture interdite (403)', messageId: 'resource.forbidden', hint: 'Vérifiez vos droits' },
        { id: 'answer6-no-version', title: 'ConfigMaps sans version', status: 'fail', points: 1, earned: 0, message: 'pas de réponse', messageId: 'answer.not-answered', hint: 'Cherchez les cm sans l’étiquette version' },
        { id: 'cm5-optional', title: 'cm5 facultatif', status: 'skip', points: 0, earned: 0, message: 'sans objet sur ce cluster', messageId: 'check.not-applicable', hint: 'ne doit pas apparaître' },
      ],
    },
  ],
  warnings: ['answers/answers_tp4:3 : virgule finale tolérée'],
  checkedAt: '2024-05-01T10:00:00.000Z',
});

export const englishReport = (): Report => {
  const report = frenchReport();
  return {
    ...report,
    labTitle: 'Kubernetes objects',
    lang: 'en',
    exercises: report.exercises.map((exercise) => ({
      ...exercise,
      title: exercise.id === 'contexts' ? 'Kubeconfig contexts' : 'Labels',
    })),
    warnings: ['answers/answers_tp4:3: trailing comma tolerated'],
  };
};
