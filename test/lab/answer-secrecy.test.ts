// Students can read labs/: a lab file must not give away a literal answer.
// Answer checks compare with salted hashes (`acceptHashed`) or with facts of
// the student's own kubeconfig (`fact`), never with a plain `accept` list;
// and no comment inside an answer check spells an answer it accepts (where an
// author would note what was hashed). Other comments describe the lab in the
// course's words, and short answers ("pod", "3") appear there by nature.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNode, parseDocument, visit, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { matchesHash } from '../../src/checks/answer-hash.js';
import { normaliseAnswer } from '../../src/answers/normalise.js';

const LABS_DIR = 'labs';
// Every lab: a folder holding lab.yaml, as tp lists them (labs/ckad/ holds a plan, no lab).
const labFiles = readdirSync(LABS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(LABS_DIR, entry.name, 'lab.yaml'))
  .filter((file) => existsSync(file));

interface AnswerCheck {
  id: string;
  params: { accept?: unknown; acceptHashed?: string[]; fact?: string; caseSensitive?: boolean };
  /** Every comment written inside the check. */
  comments: string[];
}

const commentsIn = (node: Node): string[] => {
  const comments = [node.commentBefore, node.comment];
  visit(node, {
    Node(_key, inner) {
      if (isNode(inner)) comments.push(inner.commentBefore, inner.comment);
    },
  });
  return comments.filter((comment): comment is string => typeof comment === 'string' && comment !== '');
};

const answerChecks = (file: string): AnswerCheck[] => {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const exercises = (doc.toJS() as { exercises?: Array<{ checks?: Array<{ id: string; kind: string; params: AnswerCheck['params'] }> }> }).exercises ?? [];
  return exercises.flatMap((exercise, e) =>
    (exercise.checks ?? []).flatMap((check, c) => {
      if (check.kind !== 'answer') return [];
      const node = doc.getIn(['exercises', e, 'checks', c], true);
      return [{ id: check.id, params: check.params, comments: isNode(node) ? commentsIn(node) : [] }];
    }),
  );
};

/** Every phrase of up to four words in the comments, as a student could try them. */
const phrasesOf = (comments: readonly string[]): string[] => {
  const phrases = new Set<string>();
  for (const piece of comments.join('\n').split(/[\n#,;:()[\]{}"'`«»“”]|\s-\s/)) {
    const words = piece.trim().split(/\s+/).filter(Boolean);
    for (let start = 0; start < words.length; start += 1) {
      for (let end = start + 1; end <= Math.min(words.length, start + 4); end += 1) phrases.add(words.slice(start, end).join(' '));
    }
  }
  return [...phrases];
};

describe.each(labFiles)('%s', (file) => {
  const checks = answerChecks(file);

  it('compares every answer with hashes or kubeconfig facts, never with a plain accept list', () => {
    const plain = checks.filter((check) => check.params.accept !== undefined).map((check) => check.id);
    expect(plain).toEqual([]);
    for (const check of checks) expect(check.params.acceptHashed !== undefined || check.params.fact !== undefined).toBe(true);
  });

  it('spells none of its accepted answers in a comment of the check', async () => {
    const spelled = (await Promise.all(checks.map(async (check) => {
      const options = { caseSensitive: check.params.caseSensitive ?? false, collapseSpaces: true };
      const phrases = phrasesOf(check.comments);
      const matched = await Promise.all(phrases.map(async (phrase) =>
        (await Promise.all((check.params.acceptHashed ?? []).map((stored) => matchesHash(normaliseAnswer(phrase, options), stored)))).some(Boolean)));
      return phrases.filter((_, index) => matched[index]).map((phrase) => `${check.id}: "${phrase}"`);
    }))).flat();
    expect(spelled).toEqual([]);
    // Every phrase against every scrypt hash: slow on purpose (that is the point of scrypt).
  }, 300_000);
});
