// The files a gradebook is made of, by the name `--format` gives them.
export const GRADEBOOK_FILES = { csv: 'grades.csv', json: 'grades.json', html: 'report.html', feedback: 'feedback' } as const;

export type GradebookFormat = keyof typeof GRADEBOOK_FILES;

export const GRADEBOOK_FORMATS = Object.keys(GRADEBOOK_FILES) as GradebookFormat[];

export const isGradebookFormat = (name: string): name is GradebookFormat => Object.hasOwn(GRADEBOOK_FILES, name);
