// The one registry of formatters, by the name `--format` gives them: reports
// (`tp check`), the files of a gradebook (`tp grade`), and the lines of `tp lab
// test`. A formatter takes results and returns text, knowing nothing of how the
// results were made. Adding one is a file in this folder and a line here; the
// CLI reads its choices from here. Each is imported when used, so that naming
// them (in `--help`) costs `tp` nothing at start-up.
import type { Report } from '../engine/types.js';
import type { Gradebook } from '../grade/types.js';
import type { LabTestResult } from '../labtest/run-lab-test.js';
import type { ScenarioVerdict } from '../labtest/scenario.js';
import { cleanDeep } from '../core/clean-text.js';

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const formatters = {
  pretty: async () => (await import('./pretty.js')).formatPretty,
  json: async () => (await import('./json.js')).formatJson,
  junit: async () => (await import('./junit.js')).formatJunit,
  github: async () => (await import('./github.js')).formatGithub,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  classroom: async () => (await import('./classroom.js')).formatClassroom,
  gradescope: async () => (await import('./gradescope.js')).formatGradescope,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(formatters, name);

/**
 * Undefined for an unknown name, so the CLI can say which names exist. Every
 * formatter is handed the report with its strings cleaned (core/clean-text.ts):
 * no format can print a control character a student or a lab put in it.
 */
export const loadFormatter = async (name: string): Promise<Formatter | undefined> => {
  if (!isFormatName(name)) return undefined;
  const format = await formatters[name]();
  return (report, options) => format(cleanDeep(report), options);
};

/** One file of a gradebook, at a path under the output directory. */
export interface GradebookFile {
  path: string;
  /**
   * Its text in pieces, made as they are written: grades.json and report.html of a thousand
   * students are tens of megabytes, never held whole (each call makes the pieces again).
   */
  pieces(): Iterable<string>;
}

/** The whole text of a gradebook's file. */
export const gradebookFileText = (file: GradebookFile): string => [...file.pieces()].join('');

export type GradebookFiles = (gradebook: Gradebook) => GradebookFile[];

export interface GradebookFormatter {
  /** The file (or folder) it writes under the output directory. */
  file: string;
  /** Its files, made from the gradebook's strings cleaned, as loadFormatter does for reports. */
  load(): Promise<GradebookFiles>;
}

interface GradebookMaker {
  file: string;
  /** Its files, from a gradebook whose strings are cleaned already. */
  make(): Promise<GradebookFiles>;
}

// Made when written: a thousand feedback files are not all held at once.
const whole = (path: string, text: () => string): GradebookFile => ({ path, pieces: () => [text()] });

const oneFile = (file: string, load: () => Promise<(gradebook: Gradebook) => Iterable<string>>): GradebookMaker => ({
  file,
  make: async () => {
    const pieces = await load();
    return (gradebook) => [{ path: file, pieces: () => pieces(gradebook) }];
  },
});

const makers = {
  csv: {
    file: 'grades.csv',
    make: async () => {
      const { GRADES_FILE, NOT_IMPORTED_FILE, formatGradesCsv, formatNotImportedCsv } = await import('./csv.js');
      return (gradebook) => [whole(GRADES_FILE, () => formatGradesCsv(gradebook)), whole(NOT_IMPORTED_FILE, () => formatNotImportedCsv(gradebook))];
    },
  },
  json: oneFile('grades.json', async () => (await import('./gradebook-json.js')).gradebookJsonPieces),
  html: oneFile('report.html', async () => (await import('./html.js')).gradebookHtmlPieces),
  feedback: {
    file: 'feedback',
    make: async () => {
      const { formatFeedback } = await import('./feedback.js');
      return (gradebook) =>
        gradebook.students.map((result) => whole(`feedback/${result.student.id}.md`, () => formatFeedback(result, gradebook.outline.title, gradebook.lang)));
    },
  },
  gradescope: {
    file: 'gradescope',
    make: async () => {
      const { formatGradescope } = await import('./gradescope.js');
      // Graded students only: a results.json is a grade, and a student in error has none.
      return (gradebook) =>
        gradebook.students.flatMap(({ status, report, student }) =>
          status === 'graded' && report ? [whole(`gradescope/${student.id}/results.json`, () => formatGradescope(report))] : []);
    },
  },
} satisfies Record<string, GradebookMaker>;

export type GradebookFormat = keyof typeof makers;

const cleaning = ({ file, make }: GradebookMaker): GradebookFormatter => ({
  file,
  load: async () => {
    const files = await make();
    return (gradebook) => files(cleanDeep(gradebook));
  },
});

export const gradebookFormatters = Object.fromEntries(Object.entries(makers).map(([name, maker]) => [name, cleaning(maker)])) as Record<GradebookFormat, GradebookFormatter>;

/**
 * The files of several formats of one gradebook (tp grade writes four), a list per format in
 * the order asked, made from its strings cleaned once for them all.
 */
export const loadGradebookFiles = async (formats: readonly GradebookFormat[]): Promise<(gradebook: Gradebook) => GradebookFile[][]> => {
  const made = await Promise.all(formats.map((format) => makers[format].make()));
  return (gradebook) => {
    const clean = cleanDeep(gradebook);
    return made.map((files) => files(clean));
  };
};

export const GRADEBOOK_FORMATS = Object.keys(gradebookFormatters) as GradebookFormat[];

/** What `tp grade` writes when --format is not given (SPEC's gradebook); the others on request. */
export const DEFAULT_GRADEBOOK_FORMATS: readonly GradebookFormat[] = ['csv', 'json', 'html', 'feedback'];

export const isGradebookFormat = (name: string): name is GradebookFormat => Object.hasOwn(gradebookFormatters, name);

export interface LabTestFormatter {
  /** The line of one scenario, as it ends. */
  scenario(verdict: ScenarioVerdict): string;
  /** What was proven, at the end. */
  summary(labId: string, result: LabTestResult): string;
}

export const labTestFormatters = {
  text: async () => {
    const { formatLabTestSummary, formatScenarioLine } = await import('./lab-test.js');
    return {
      scenario: (verdict) => formatScenarioLine(cleanDeep(verdict)),
      summary: (labId, result) => formatLabTestSummary(cleanDeep(labId), cleanDeep(result)),
    };
  },
} satisfies Record<string, () => Promise<LabTestFormatter>>;
