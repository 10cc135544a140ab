// Tolerated defects are collected with their line, then printed as `line N: …` in line order.

export interface LineWarning {
  line: number;
  message: string;
}

/** Warnings said one by one; past these, the rest are counted (a file of 100,000 stray commas is one more line, not 100,000). */
export const WARNINGS_SHOWN = 20;

export const formatWarnings = (warnings: readonly LineWarning[]): string[] => {
  const sorted = [...warnings].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, WARNINGS_SHOWN).map((w) => `line ${w.line}: ${w.message}`);
  const rest = sorted.slice(WARNINGS_SHOWN);
  const [first, last] = [rest[0], rest.at(-1)];
  if (first === undefined || last === undefined) return shown;
  return [...shown, `lines ${first.line} to ${last.line}: ${rest.length} more warnings`];
};
