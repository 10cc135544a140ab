// Tolerated defects are collected with their line, then printed as `line N: …` in line order.

export interface LineWarning {
  line: number;
  message: string;
}

export const formatWarnings = (warnings: readonly LineWarning[]): string[] =>
  [...warnings].sort((a, b) => a.line - b.line).map((w) => `line ${w.line}: ${w.message}`);
