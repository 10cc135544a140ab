// grades.csv as Moodle's CSV grade import reads it (grade/import/csv/classes/load_data.php,
// prepare_import_grade_data and map_user_data_with_value): the reader below follows it.
import { describe, expect, it } from 'vitest';
import { formatGradesCsv, formatNotImportedCsv } from '../../src/report/csv.js';
import { sampleGradebook } from './sample-gradebook.js';
import { cleanDeep } from '../../src/core/clean-text.js';

const rows = (csv: string) => csv.split('\r\n').filter(Boolean);

/** RFC 4180 cells, as Moodle's csv_import_reader (fgetcsv) splits them. */
const parseCsv = (text: string): string[][] => {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell), lines.push(cells), (cells = []), (cell = ''), (i += 1);
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) cells.push(cell), lines.push(cells);
  return lines;
};

interface Mapping {
  /** The "Map from" column and the user field it maps to. */
  from: string;
  users: Record<string, string>;
  /** Column → grade item, and column → feedback of a grade item. */
  grades: Record<string, string>;
  feedback: Record<string, string>;
}

type Imported = { ok: true; grades: Record<string, Record<string, number | null>>; feedback: Record<string, Record<string, string>> } | { ok: false; error: string };

/** What Moodle's import does with a file under a mapping: the grades it stores, or why it aborts. */
const moodleImport = (csv: string, mapping: Mapping): Imported => {
  const [rawHeader = [], ...lines] = parseCsv(csv);
  const header = rawHeader.map((h) => h.trim());
  const grades: Record<string, Record<string, number | null>> = {};
  const feedback: Record<string, Record<string, string>> = {};
  // Not reset per line: a blank identifier keeps the previous row's student.
  let student: string | undefined;
  for (const line of lines) {
    if (line.length <= 1) continue;
    const rowGrades: [string, number | null][] = [];
    const rowFeedback: [string, string][] = [];
    for (const [key, raw] of line.entries()) {
      const value = raw.trim();
      const column = header[key] ?? '';
      if (column === mapping.from) {
        if (value !== '') {
          student = mapping.users[value];
          if (student === undefined) return { ok: false, error: `usermappingerror: ${value}` };
        }
      } else if (mapping.grades[column] !== undefined) {
        if (value === '' || value === '-') rowGrades.push([mapping.grades[column], null]);
        else if (!/^-?\d+(\.\d+)?$/.test(value)) return { ok: false, error: `badgrade: ${value}` };
        else rowGrades.push([mapping.grades[column], Number(value)]);
      } else if (mapping.feedback[column] !== undefined) rowFeedback.push([mapping.feedback[column], value]);
    }
    if (student === undefined) return { ok: false, error: 'usermappingerrorusernotfound' };
    for (const [item, grade] of rowGrades) (grades[student] ??= {})[item] = grade;
    for (const [item, text] of rowFeedback) (feedback[student] ??= {})[item] = text;
  }
  return { ok: true, grades, feedback };
};

const users = { 'alice@example.org': 'alice', 'bob@example.org': 'bob', 'carol@example.org': 'carol' };
const byEmail: Mapping = {
  from: 'email',
  users,
  grades: { total: 'TP4', contexts: 'contexts', labels: 'labels' },
  feedback: { 'contexts feedback': 'contexts', 'labels feedback': 'labels' },
};

describe('grades.csv', () => {
  // As the registry hands it over (report/index.ts): cleaned.
  const csv = formatGradesCsv(cleanDeep(sampleGradebook()));

  it('has identity columns Moodle maps from, a column per exercise, total, max and a feedback column per exercise', () => {
    expect(rows(csv)[0]).toBe('id,name,email,idnumber,username,contexts,labels,total,max,contexts feedback,labels feedback');
  });

  it('holds only the students graded, in cohort order, with CRLF line ends', () => {
    expect(rows(csv)).toHaveLength(3);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(rows(csv)[1]).toMatch(/^alice,Alice Martin,alice@example.org,2024001,,3,0,3,8,3\/3,/);
  });

  it('quotes what must be quoted and defuses spreadsheet formulas', () => {
    expect(rows(csv)[2]).toMatch(/^bob,"'=HYPERLINK\(""x""\), ""Bob""",bob@example.org,,,3,0,3,8,/);
  });

  it('is imported by Moodle as graded: every grade a number, every student found, feedback in plain text', () => {
    const imported = moodleImport(csv, byEmail);
    expect(imported).toMatchObject({ ok: true, grades: { alice: { TP4: 3, contexts: 3, labels: 0 }, bob: { TP4: 3, contexts: 3, labels: 0 } } });
    if (!imported.ok) return;
    expect(Object.keys(imported.grades)).toEqual(['alice', 'bob']);
    expect(imported.feedback['alice']?.['contexts']).toBe('3/3');
    const labels = imported.feedback['alice']?.['labels'] ?? '';
    expect(labels).toMatch(/^0\/5 — Sélecteur country=fr: expected <none> & "fr" or 'uk'/);
    expect(labels.length).toBeLessThanOrEqual(300);
    expect(labels).not.toMatch(/[\r\n\u0000-\u001f]/);
  });

  it('never holds what would make Moodle erase a grade, give it to another student or abort', () => {
    for (const line of parseCsv(csv).slice(1)) {
      expect(line[2]?.trim()).not.toBe('');
      for (const cell of line.slice(5, 9)) expect(cell).toMatch(/^\d+(\.\d+)?$/);
    }
    // What the old file did: a student in error with blank grades erases her grade in Moodle.
    const withBlank = `${csv}carol,Carol,carol@example.org,,,,,,8,,\r\n`;
    expect(moodleImport(withBlank, byEmail)).toMatchObject({ ok: true, grades: { carol: { TP4: null } } });
    // And a blank identifier puts a row's grades on the previous student.
    expect(moodleImport(`${csv}x,X,,,,1,1,1,8,,\r\n`, byEmail)).toMatchObject({ ok: true, grades: { bob: { TP4: 1 } } });
  });

  it('puts the students in error or not graded in grades-not-imported.csv, with the reason', () => {
    const gradebook = sampleGradebook();
    const pending = { ...gradebook, complete: false, students: [...gradebook.students, { student: { index: 3, id: 'dave' }, status: 'pending' as const }] };
    expect(rows(formatNotImportedCsv(pending))).toEqual([
      'id,name,email,idnumber,username,status,reason',
      'carol,Carol <script>,carol@example.org,,,error,"cluster (context ""kind-carol""): cannot reach https://127.0.0.1:1 (ECONNREFUSED)"',
      'dave,,,,,pending,not graded (the run was interrupted or a shard is missing)',
    ]);
    expect(rows(formatGradesCsv(pending))).toHaveLength(3);
  });
});
