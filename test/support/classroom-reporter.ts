// What classroom-resources/autograding-grading-reporter (v1, read at commit
// 43c2d9f524d3c7926caf7cb4fee34200b40b8c26) computes from the runners' results,
// restated in our words so tests can hold tp's output to both of its figures:
//   - src/main.js: each runner's env var `<RUNNER>_RESULTS` is base64 of JSON;
//   - src/notify-classroom.js: the grade Classroom receives is the notice
//     "Points <sum of every tests[].score>/<sum of max_score>";
//   - src/helpers/test-helpers.js + src/aggregate-results.js: the console table
//     shows, per runner, (tests with status "pass" / tests) × max_score, and their total;
//   - src/console-results.js: a test line gets " - line N" whenever line_no !== 0.

export interface ReporterTest {
  name: string;
  status: string;
  score?: number;
  message?: string;
  line_no?: number;
}

export interface ReporterResults {
  version?: number;
  status: string;
  max_score: number;
  tests: ReporterTest[];
}

export const decodeRunner = (base64: string): ReporterResults =>
  JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as ReporterResults;

/** The "Points X/Y" notice Classroom reads the grade from; undefined when no runner has a max_score (no notice). */
export const classroomPoints = (runners: readonly ReporterResults[]): { totalPoints: number; maxPoints: number } | undefined => {
  let totalPoints = 0;
  let maxPoints = 0;
  for (const results of runners) {
    if (!results.max_score) continue;
    maxPoints += results.max_score;
    for (const test of results.tests) totalPoints += test.score ?? Number.NaN;
  }
  return maxPoints ? { totalPoints, maxPoints } : undefined;
};

/** The "Total:" row of the console table. */
export const consoleTableTotal = (runners: readonly ReporterResults[]): { score: number; maxScore: number } => ({
  score: runners.reduce((sum, results) => sum + (results.tests.filter((test) => test.status === 'pass').length / results.tests.length) * (results.max_score || 0), 0),
  maxScore: runners.reduce((sum, results) => sum + (results.max_score || 0), 0),
});

/** The lines the console prints for a runner's tests (without colours). */
export const consoleTestLines = (results: ReporterResults): string[] =>
  results.tests.map((test) => {
    if (test.status === 'error') return `Error: ${test.message || `Failed to run test '${test.name}'`}`;
    const line = test.line_no !== 0 ? ` - line ${test.line_no}` : '';
    return `${test.status === 'pass' ? '✅' : '❌'} ${test.name}${line}`;
  });
