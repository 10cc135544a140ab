import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { detectLang, translate } from '../../src/i18n/index.js';
import { interpolate } from '../../src/core/text.js';

describe('the UI catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const id of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[id]), id).toEqual(placeholders(fr[id]));
    }
  });

  it('have no empty text', () => {
    expect([...Object.values(fr), ...Object.values(en)].filter((text) => text.trim() === '')).toEqual([]);
  });
});

describe('translate', () => {
  it('fills in the placeholders', () => {
    expect(translate('fr', 'summary.total', { score: 17, maxScore: 24, passed: 4, exercises: 7 })).toBe(
      '17/24 points — 4/7 exercices réussis',
    );
    expect(translate('en', 'summary.total', { score: 17, maxScore: 24, passed: 4, exercises: 7 })).toBe(
      '17/24 points — 4/7 exercises passed',
    );
    expect(translate('fr', 'check.hint')).toBe('Indice :');
    expect(translate('en', 'check.hint')).toBe('Hint:');
  });

  it('leaves a placeholder without data visible', () => {
    expect(interpolate('{file} and {other}', { file: 'a.txt' })).toBe('a.txt and {other}');
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });
});

describe('detectLang', () => {
  it('is French when the locale starts with fr', () => {
    expect(detectLang({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(detectLang({ LANG: 'fr_CA' })).toBe('fr');
    expect(detectLang({ LANG: 'fr' })).toBe('fr');
    expect(detectLang({ LANG: 'FR_be.utf8' })).toBe('fr');
  });

  it('is English otherwise, or when nothing is set', () => {
    expect(detectLang({})).toBe('en');
    expect(detectLang({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'C.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'fries' })).toBe('en');
  });

  it('follows POSIX priority: LC_ALL, then LC_MESSAGES, then LANG, skipping empty ones', () => {
    expect(detectLang({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(detectLang({ LC_ALL: 'fr_FR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('fr');
    expect(detectLang({ LC_MESSAGES: 'fr_FR', LANG: 'en_US' })).toBe('fr');
    expect(detectLang({ LC_ALL: 'en_US', LC_MESSAGES: 'fr_FR' })).toBe('en');
    expect(detectLang({ LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR' })).toBe('fr');
  });
});
