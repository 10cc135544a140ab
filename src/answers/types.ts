// One answer as read from `answers/answers_<lab>`.
export type AnswerValue =
  | { state: 'answered'; value: string; line: number }
  /** Still `<fix me>`: a failed check ("not answered"), not an error. */
  | { state: 'placeholder'; line: number };

export interface AnswersFile {
  file: string;
  answers: Map<string, AnswerValue>;
  /** Tolerated defects, each naming its line. */
  warnings: string[];
}

export const PLACEHOLDER = '<fix me>';
