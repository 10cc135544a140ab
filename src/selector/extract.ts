// Students often paste the whole command (`kubectl get cm -l country=fr`): keep
// only the selector. A scan in one pass, where a regular expression with `\s+`
// and `.*` backtracks in quadratic time on a long answer of repeated `-l`.

const FLAGS = ['--selector', '-l'];

// What `.` of a regular expression does not cross, and what \s (after trim) does.
const LINE_ENDS = new Set(['\n', '\r', '\u2028', '\u2029']);
const isBlank = (ch: string): boolean => /\s/.test(ch);

const QUOTES = new Set(['"', "'", '`']);

/** `text` without one quote at its start and one at its end (of those given). */
const unquote = (text: string, quotes: ReadonlySet<string>): string => {
  const start = quotes.has(text.charAt(0)) ? 1 : 0;
  const end = text.length > start && quotes.has(text.charAt(text.length - 1)) ? text.length - 1 : text.length;
  return text.slice(start, end);
};

/**
 * What follows the first `-l` or `--selector` (after blanks or `=`) when it holds
 * on one line, else the whole answer; without the quotes around it.
 */
export const extractSelector = (answer: string): string => {
  const text = unquote(answer.trim(), QUOTES);
  // A selector taken after a flag must not cross a line end: find the last one once.
  let lastLineEnd = -1;
  for (let i = 0; i < text.length; i++) if (LINE_ENDS.has(text.charAt(i))) lastLineEnd = i;
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !isBlank(text.charAt(i - 1))) continue;
    const flag = FLAGS.find((name) => text.startsWith(name, i));
    if (flag === undefined) continue;
    let rest = i + flag.length;
    if (text.charAt(rest) === '=') rest += 1;
    else if (rest < text.length && isBlank(text.charAt(rest))) while (rest < text.length && isBlank(text.charAt(rest))) rest++;
    else continue;
    if (rest > lastLineEnd) return unquote(text.slice(rest).trim(), new Set(['"', "'"]));
  }
  return unquote(text.trim(), new Set(['"', "'"]));
};
