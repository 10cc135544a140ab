// tp explain <lab> [exercise]: what each exercise checks, and the hints.
import type { Lab } from '../../lab/types.js';
import { TpError } from '../../core/errors.js';
import { chooseLang, type CliIo } from '../io.js';
import { loadLab } from '../load-lab.js';
import { pick, type Lang } from '../../core/text.js';

const WORDS = {
  // French puts a space before a colon.
  fr: { questions: 'Questions du fichier de réponses :', points: 'pt', hint: 'Indice :', section: 'partie' },
  en: { questions: 'Questions of the answers file:', points: 'pt', hint: 'Hint:', section: 'section' },
} as const;

export const explainLab = (lab: Lab, lang: Lang, exerciseId?: string): string => {
  const words = WORDS[lang];
  const exercises = exerciseId ? lab.exercises.filter((e) => e.id === exerciseId) : lab.exercises;
  if (exerciseId && exercises.length === 0) {
    throw new TpError('USAGE', `lab ${lab.id} has no exercise "${exerciseId}" (exercises: ${lab.exercises.map((e) => e.id).join(', ')})`);
  }
  const lines = [`${lab.id} — ${pick(lab.title, lang)}`, ''];
  if (lab.description && !exerciseId) lines.push(pick(lab.description, lang), '');
  for (const exercise of exercises) {
    lines.push(`[${exercise.id}] ${pick(exercise.title, lang)}${exercise.section ? ` (${words.section} ${exercise.section})` : ''}`);
    // The description says what to do, and which steps leave no trace and are asked as answers instead.
    if (exercise.description) lines.push(`  ${pick(exercise.description, lang)}`);
    for (const check of exercise.checks) {
      lines.push(`  - ${pick(check.title, lang)} (${check.points} ${words.points})`);
      if (check.hint) lines.push(`      ${words.hint} ${pick(check.hint, lang)}`);
    }
    lines.push('');
  }
  if (!exerciseId) {
    lines.push(words.questions);
    for (const answer of lab.answers) lines.push(`  ${answer.key}: ${pick(answer.question, lang)}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
};

export const runExplain = async (labRef: string, exerciseId: string | undefined, options: { lang?: string }, io: CliIo): Promise<number> => {
  const lang = chooseLang(options.lang, io);
  const lab = await loadLab(labRef, io.cwd);
  io.stdout.write(explainLab(lab, lang, exerciseId));
  return 0;
};
