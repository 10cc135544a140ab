// The UI words of the formatters and the CLI, in French: the reference catalogue.
// Check messages are not here: each check kind carries its own (see checks/define.ts).
// `{name}` is replaced by `data.name` (see translate in index.ts).

export const fr = {
  // Target block of a report
  'target.lab': 'TP',
  'target.context': 'Contexte',
  'target.server': 'Serveur',
  'target.namespace': 'Namespace',
  'target.answers': 'Fichier de réponses',
  'target.checkedAt': 'Vérifié le',
  // A label followed by its value: French puts a space before the colon.
  'label': '{label} :',

  // Exercises and checks
  'exercise.section': 'partie {section}',
  'exercise.passed': 'exercice réussi',
  'exercise.failed': 'exercice non réussi',
  'check.hint': 'Indice :',
  'check.hintLevel': 'Indice {level}/{count} :',
  'check.notAnswered': 'pas de réponse',
  'check.manualReview': 'à corriger par le formateur',

  // Status names
  'status.pass': 'réussi',
  'status.fail': 'échoué',
  'status.error': 'erreur',
  'status.skip': 'ignoré',
  'status.manual': 'à revoir',

  // Summary
  'summary.total': '{score}/{maxScore} points — {passed}/{exercises} exercices réussis',
  'summary.warnings': 'Avertissements',

  // tp list
  'list.id': 'ID',
  'list.title': 'Titre',
  'list.exercises': 'Exercices',
  'list.maxScore': 'Points max',

  // CLI
  'cli.error': 'Erreur',
  'cli.advice': 'Que faire :',
  'cli.reportWritten': 'Rapport écrit dans {file}',
  'cli.watching': 'Vérification à chaque changement du cluster ou de {file} (Ctrl-C pour arrêter)…',
  'cli.unknownFormat': 'format inconnu « {format} » ; formats possibles : {formats}',
  'init.created': '{file} créé : remplacez chaque "<fix me>" par votre réponse.',
  'init.added': '{count} réponse(s) ajoutée(s) à {file} ; vos réponses existantes sont conservées.',
  'init.upToDate': '{file} contient déjà toutes les réponses attendues.',
  'grade.progress': '{done}/{total} étudiants notés',
  'grade.written': 'Carnet de notes écrit dans {dir}',
  'grade.progressErrors': '{errors} en erreur',
  'grade.progressLeft': 'encore ~{time}',
  'grade.finished': '{graded}/{students} étudiants notés, {errors} en erreur, {pending} non notés ({seconds} s)',
  'grade.studentError': '{id} : {reason}',
  'grade.interrupted': 'Interrompu : ce qui était noté est écrit, marqué incomplet. Relancez tp grade pour noter le reste.',
  'grade.merged': '{shards} parts fusionnées dans {dir}',
  'grade.status.graded': 'noté',
  'grade.status.error': 'erreur',
  'grade.status.pending': 'non noté',
  'gradebook.hintsUsed': 'indices utilisés : {count}',
  'gradebook.title': 'Carnet de notes — {lab}',
  'gradebook.generated': 'Généré le {date}',
  'gradebook.summary': '{graded}/{students} étudiants notés, {errors} en erreur — moyenne {mean}/{maxScore}, médiane {median}',
  'gradebook.incomplete': 'Incomplet : {pending} étudiant(s) non noté(s), la notation a été interrompue.',
  'gradebook.rates': 'Taux de réussite de chaque vérification',
  'gradebook.heatmap': 'Étudiants × vérifications',
  'gradebook.feedback': 'Retour de chaque étudiant',
  'gradebook.sortHint': 'Cliquez un en-tête de colonne pour trier ; le plus petit taux montre ce sur quoi la promotion a buté.',
  'gradebook.exercise': 'Exercice',
  'gradebook.check': 'Vérification',
  'gradebook.points': 'Points',
  'gradebook.passedBy': 'Réussie par',
  'gradebook.rate': 'Taux',
  'gradebook.student': 'Étudiant',
  'gradebook.score': 'Note',
  'gradebook.status': 'Statut',
  'gradebook.filter': 'Filtrer : nom, id, e-mail…',
  'gradebook.allStatuses': 'tous les statuts',
  'gradebook.shown': '{shown} affiché(s) sur {total}',
  'gradebook.legend': 'Légende',
  'feedback.heading': '{lab} — retour pour {student}',
  'feedback.error': "Votre travail n'a pas pu être noté : {reason}",
  'feedback.errorAdvice': 'Vérifiez que votre cluster tourne et que votre fichier de réponses se lit, puis prévenez votre formateur.',
  'feedback.pending': "Votre travail n'a pas encore été noté : la notation a été interrompue.",
} satisfies Record<string, string>;

/** The id of a UI text; French is the reference, so its keys are the ids. */
export type UiMessageId = keyof typeof fr;
