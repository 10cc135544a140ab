// The UI words in English. Typed against the French catalogue: a missing or an
// extra key is a compile error.
import type { UiMessageId } from './fr.js';

export const en = {
  'target.lab': 'Lab',
  'target.context': 'Context',
  'target.server': 'Server',
  'target.namespace': 'Namespace',
  'target.answers': 'Answers file',
  'target.checkedAt': 'Checked at',
  'label': '{label}:',

  'exercise.section': 'section {section}',
  'exercise.passed': 'exercise passed',
  'exercise.failed': 'exercise failed',
  'check.hint': 'Hint:',
  'check.notAnswered': 'not answered',
  'check.manualReview': 'manual review',

  'status.pass': 'pass',
  'status.fail': 'fail',
  'status.error': 'error',
  'status.skip': 'skipped',
  'status.manual': 'manual',

  'summary.total': '{score}/{maxScore} points — {passed}/{exercises} exercises passed',
  'summary.warnings': 'Warnings',

  'list.id': 'ID',
  'list.title': 'Title',
  'list.exercises': 'Exercises',
  'list.maxScore': 'Max score',

  'cli.error': 'Error',
  'cli.advice': 'What to do:',
  'cli.reportWritten': 'Report written to {file}',
  'cli.watching': 'Re-checking whenever the cluster or {file} changes (Ctrl-C to stop)…',
  'cli.unknownFormat': 'unknown format "{format}"; known formats: {formats}',
  'init.created': 'Created {file}: replace each "<fix me>" with your answer.',
  'init.added': 'Added {count} answer(s) to {file}; your existing answers are kept.',
  'init.upToDate': '{file} already has every expected answer.',
  'grade.progress': '{done}/{total} students graded',
  'grade.written': 'Gradebook written to {dir}',
} satisfies Record<UiMessageId, string>;
