// The results.json format of Gradescope's autograder specification
// (the specs.md page of gradescope/autograder_samples, read at commit
// af5dee4cf9b2c930c47dc0e4320c7e5ab2580564), as the problems a file has
// against it: unknown keys, wrong types, values outside the listed ones.
const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'];
const FORMATS = ['text', 'html', 'simple_format', 'md', 'ansi'];
const TOP_KEYS: Record<string, string> = {
  score: 'number', execution_time: 'number', output: 'string', output_format: 'format', test_output_format: 'format', test_name_format: 'format',
  visibility: 'visibility', stdout_visibility: 'visibility', extra_data: 'object', tests: 'array', leaderboard: 'array',
};
const TEST_KEYS: Record<string, string> = {
  score: 'number', max_score: 'number', status: 'status', name: 'string', name_format: 'format', number: 'string', output: 'string',
  output_format: 'format', tags: 'array', visibility: 'visibility', extra_data: 'object',
};

const problemOf = (value: unknown, type: string, where: string): string | undefined => {
  if (type === 'visibility') return VISIBILITIES.includes(value as string) ? undefined : `${where}: ${String(value)} is not a visibility`;
  if (type === 'format') return FORMATS.includes(value as string) ? undefined : `${where}: ${String(value)} is not an output format`;
  if (type === 'status') return value === 'passed' || value === 'failed' ? undefined : `${where}: ${String(value)} is not passed or failed`;
  if (type === 'array') return Array.isArray(value) ? undefined : `${where} is not an array`;
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `${where} is not an object`;
  // Gradescope reads scores as numbers; NaN and Infinity are not JSON.
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : `${where} is not a number`;
  return typeof value === type ? undefined : `${where} is not a ${type}`;
};

const problemsOf = (object: Record<string, unknown>, keys: Record<string, string>, where: string): string[] =>
  Object.entries(object).flatMap(([key, value]) => {
    const type = keys[key];
    if (type === undefined) return [`${where}.${key} is not in the specification`];
    const problem = problemOf(value, type, `${where}.${key}`);
    return problem === undefined ? [] : [problem];
  });

export const gradescopeProblems = (text: string): string[] => {
  const results = JSON.parse(text) as Record<string, unknown>;
  const problems = problemsOf(results, TOP_KEYS, 'results');
  const tests = Array.isArray(results['tests']) ? (results['tests'] as Array<Record<string, unknown>>) : [];
  if (results['score'] === undefined && tests.some((test) => test['score'] === undefined)) problems.push('a score is needed at the top or on every test');
  tests.forEach((test, i) => problems.push(...problemsOf(test, TEST_KEYS, `results.tests[${i}]`)));
  return problems;
};
