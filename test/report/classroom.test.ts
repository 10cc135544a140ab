// GitHub Classroom's reporter reads tp's `--format classroom` and gives the
// grade: the sum of the tests' scores over max_score. Its console table shows
// the share of exercises passed instead; both are held here to what tp says.
import { describe, expect, it } from 'vitest';
import { classroomOutputLine, formatClassroom } from '../../src/report/classroom.js';
import { classroomPoints, consoleTableTotal, consoleTestLines, decodeRunner } from '../support/classroom-reporter.js';
import { englishReport } from './sample-report.js';
import type { Report } from '../../src/engine/types.js';

const allPassed = (): Report => {
  const report = englishReport();
  const exercises = report.exercises.map((exercise) => ({
    ...exercise,
    score: exercise.maxScore,
    passed: true,
    checks: exercise.checks.map((check) => ({ ...check, status: 'pass' as const, earned: check.points })),
  }));
  return { ...report, exercises, score: report.maxScore };
};

const runnerOf = (report: Report) => {
  const line = classroomOutputLine(report);
  expect(line).toMatch(/^result=[A-Za-z0-9+/]+=*\n$/);
  return decodeRunner(line.slice('result='.length, -1));
};

describe('--format classroom', () => {
  it('gives Classroom the grade tp gave: the sum of the tests, one per exercise, over the lab maximum', () => {
    const report = englishReport();
    const runner = runnerOf(report);
    expect(runner.tests.map((test) => [test.name, test.status, test.score])).toEqual([
      ['Kubeconfig contexts (3/3)', 'pass', 3],
      ['Labels (0/5)', 'error', 0],
    ]);
    expect(classroomPoints([runner])).toEqual({ totalPoints: report.score, maxPoints: report.maxScore });
    expect(runner.status).toBe('error');
  });

  it('shows in the console table the share of exercises passed, which is the grade only when every exercise is all or nothing', () => {
    const partial = englishReport();
    // 1 exercise of 2 passed: the table says half of 8, the grade is 3 of 8.
    expect(consoleTableTotal([runnerOf(partial)])).toEqual({ score: 4, maxScore: 8 });
    expect(classroomPoints([runnerOf(partial)])).toEqual({ totalPoints: 3, maxPoints: 8 });
    const full = allPassed();
    expect(consoleTableTotal([runnerOf(full)])).toEqual({ score: 8, maxScore: 8 });
    expect(classroomPoints([runnerOf(full)])).toEqual({ totalPoints: 8, maxPoints: 8 });
  });

  it('prints the points in each test name, and no "line undefined" beside them', () => {
    expect(consoleTestLines(runnerOf(allPassed()))).toEqual(['✅ Kubeconfig contexts (3/3)', '✅ Labels (5/5)']);
  });

  it('says what is wrong in the message the reporter prints for a test in error', () => {
    const [, labels] = runnerOf(englishReport()).tests;
    expect(consoleTestLines({ status: 'error', max_score: 8, tests: [labels!] })[0]).toMatch(/^Error: 0\/5 — Sélecteur country=fr: expected <none>.*; Étiquettes de cm1: lecture interdite \(403\); ConfigMaps sans version: pas de réponse$/);
  });

  it('writes the same JSON on stdout as in the step output', () => {
    expect(JSON.parse(formatClassroom(englishReport()))).toEqual(runnerOf(englishReport()));
  });
});
