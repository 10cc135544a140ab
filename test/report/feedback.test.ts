// feedback/<id>.md: what each student reads, in their language.
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, formatFeedback } from '../../src/report/feedback.js';
import { sampleResults } from './sample-gradebook.js';

const [alice, bob, carol] = sampleResults();

describe('feedback files', () => {
  it('speak French to a French student: score, exercises, what to fix and the hint', () => {
    const text = formatFeedback(alice!, 'Objets Kubernetes', 'fr');
    expect(text).toContain('# Objets Kubernetes — retour pour Alice Martin (alice)');
    expect(text).toContain('**3/8 points — 1/2 exercices réussis**');
    expect(text).toContain('## ✔ Contextes du kubeconfig (partie 1) — 3/3');
    expect(text).toContain('- ✘ Sélecteur country=fr — 0/2');
    expect(text).toContain('  - Indice : Essayez kubectl get cm -l country=fr');
    // Skipped and manual checks get no hint: nothing to fix there.
    expect(text).not.toContain('ne doit pas apparaître');
  });

  it('speak English to an English student', () => {
    const text = formatFeedback(bob!, 'Objets Kubernetes', 'fr');
    expect(text).toContain('feedback for');
    expect(text).toContain('exercises passed');
    expect(text).toContain('Hint:');
  });

  it('tell a student in error why, in their language', () => {
    const text = formatFeedback(carol!, 'Objets Kubernetes', 'fr');
    expect(text).toContain('Your work could not be graded: cluster (context "kind-carol"): cannot reach https://127.0.0.1:1 (ECONNREFUSED)');
    expect(text).toContain('tell your trainer');
  });

  it("escape what students typed: Markdown shows it, never runs it", () => {
    expect(escapeMarkdown('expected <none> & [x](http://evil) `y` *z*\nnext')).toBe('expected \\<none\\> & \\[x\\](http://evil) \\`y\\` \\*z\\* next');
    const text = formatFeedback(alice!, 'Objets Kubernetes', 'fr');
    expect(text).toContain('expected \\<none\\> & "fr" or \'uk\', got 100% second line');
    expect(text).not.toContain('\u0007');
  });
});
