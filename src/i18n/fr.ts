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
  'grade.studentUnread': '{id} (noté) : {reason}',
  'grade.interrupted': 'Interrompu : ce qui était noté est écrit, marqué incomplet. Relancez tp grade pour noter le reste.',
  'grade.moodle.missing': "{file} : {count} étudiant(s) sans {field}, le champ par lequel l'import de Moodle trouve les étudiants : {students}",
  'grade.moodle.missingAdvice': "Donnez « {field}: » à chacun dans le fichier de cohorte, ou choisissez un autre identifiant ({choose}), ou n'écrivez pas grades.csv (--format json,html,feedback). {why}",
  'grade.moodle.noneComplete': "{file} : aucun identifiant Moodle n'est donné pour tous les étudiants, et aucun n'a été choisi ({lacking})",
  'grade.moodle.noneCompleteAdvice': "Choisissez le champ par lequel Moodle trouvera les étudiants ({choose}) et donnez-le à chacun, ou, pour une cohorte qui ne va jamais dans Moodle, n'écrivez pas grades.csv (--format json,html,feedback). {why}",
  'grade.moodle.lacking': 'sans {field} : {students}',
  'grade.moodle.lackingSeparator': ' ; ',
  'grade.moodle.unidentified': "{file} : attention : {count} étudiant(s) n'ont ni email, ni idNumber, ni username : {students}. Ils sont notés mais absents de grades.csv (voir grades-not-imported.csv) ; les autres sont importés par {field}. Pour les importer aussi, donnez à chacun le champ {field}.",
  'grade.moodle.none': "{file} : remarque : aucun étudiant n'a d'email, d'idNumber ni d'username, donc grades.csv n'a aucune ligne (tous sont dans grades-not-imported.csv) ; pour importer dans Moodle, choisissez un identifiant ({choose}) et donnez-le à chacun.",
  'grade.moodle.choose': 'moodleIdentifier: email|idnumber|username dans le fichier de cohorte, ou --moodle-id',
  'grade.moodle.why': "Moodle importerait une ligne sans identifiant comme celle de l'étudiant de la ligne précédente (docs/moodle.md).",
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
