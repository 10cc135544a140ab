import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../src/report/pretty.js';
import { englishReport, frenchReport } from './sample-report.js';

const ansi = /\u001b\[/;

describe('formatPretty', () => {
  const french = formatPretty(frenchReport(), { color: false });
  const english = formatPretty(englishReport(), { color: false });

  it('starts with the lab and who was checked', () => {
    const lines = french.split('\n');
    expect(lines[0]).toBe('tp4 — Objets Kubernetes');
    expect(french).toMatch(/^ {2}Contexte :\s+kind-kind$/m);
    expect(french).toMatch(/^ {2}Serveur :\s+https:\/\/127\.0\.0\.1:6443$/m);
    expect(french).toMatch(/^ {2}Namespace :\s+alice$/m);
    expect(french).toMatch(/^ {2}Fichier de réponses :\s+answers\/answers_tp4$/m);
    expect(english).toMatch(/^ {2}Answers file:\s+answers\/answers_tp4$/m);
  });

  it('aligns the values of the target block', () => {
    const valueColumns = french
      .split('\n')
      .slice(1, 5)
      .map((line) => line.search(/(kind-kind|https|alice|answers\/)/));
    expect(new Set(valueColumns).size).toBe(1);
  });

  it('marks each exercise passed or not, with its section and score', () => {
    expect(french).toMatch(/^✔ Contextes du kubeconfig \(partie 1\)\s+3\/3$/m);
    expect(french).toMatch(/^✘ Étiquettes \(partie 2\)\s+0\/5$/m);
    expect(english).toMatch(/^✘ Labels \(section 2\)\s+0\/5$/m);
  });

  it('shows every check with the symbol of its status and its points', () => {
    expect(french).toMatch(/^ {2}✔ Nombre de contextes\s+1\/1$/m);
    expect(french).toMatch(/^ {2}✘ Sélecteur country=fr\s+0\/2$/m);
    expect(french).toMatch(/^ {2}! Étiquettes de cm1\s+0\/2$/m);
    expect(french).toMatch(/^ {2}– cm5 facultatif\s+0\/0$/m);
    expect(french).toMatch(/^ {2}\? Explication rédigée\s+0\/0$/m);
  });

  it('right-aligns every score in one column', () => {
    const scored = french.split('\n').filter((line) => /\d+\/\d+$/.test(line) && !line.includes('points'));
    expect(scored.length).toBe(9);
    expect(new Set(scored.map((line) => [...line].length)).size).toBe(1);
  });

  it('explains what is wrong, and gives the hint only on failures and errors', () => {
    expect(french).toContain('      expected <none> & "fr"');
    expect(french).toContain('      second line');
    expect(french).toContain('      Indice : Essayez kubectl get cm -l country=fr');
    expect(french).toContain('      Indice : Vérifiez vos droits');
    expect(english).toContain('      Hint: Vérifiez vos droits');
    expect(french).toContain('      sans objet sur ce cluster');
    expect(french).not.toContain('ne doit pas apparaître');
    expect(french).not.toContain('kubectl config get-contexts');
    expect(french).not.toContain('Réponse juste');
  });

  it('lists the warnings, then the total', () => {
    expect(french).toContain('Avertissements\n  ! answers/answers_tp4:3 : virgule finale tolérée');
    expect(french.trimEnd().split('\n').at(-1)).toBe('3/8 points — 1/2 exercices réussis');
    expect(english.trimEnd().split('\n').at(-1)).toBe('3/8 points — 1/2 exercises passed');
  });

  it('is plain text without colour, with no trailing spaces', () => {
    expect(french).not.toMatch(ansi);
    expect(french.split('\n').filter((line) => line !== line.trimEnd())).toEqual([]);
    expect(french.endsWith('\n')).toBe(true);
  });

  it('colours when asked, with the same text underneath', () => {
    const coloured = formatPretty(frenchReport(), { color: true });
    expect(coloured).toMatch(ansi);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(french);
  });

  it('keeps control characters of the data away from the terminal', () => {
    const report = frenchReport();
    report.target.namespace = 'alice\u001b[2J';
    const output = formatPretty(report, { color: false });
    expect(output).not.toMatch(/[\u0007\u001b]/);
    expect(output).toContain("or 'uk', got 100%");
  });

  it('leaves out the server line when the server is unknown', () => {
    const report = frenchReport();
    delete report.target.server;
    expect(formatPretty(report, { color: false })).not.toContain('Serveur');
  });
});
