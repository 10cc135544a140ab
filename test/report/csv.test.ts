// grades.csv as Moodle's CSV grade import reads it.
import { describe, expect, it } from 'vitest';
import { formatGradesCsv } from '../../src/report/csv.js';
import { sampleGradebook } from './sample-gradebook.js';

const rows = (csv: string) => csv.split('\r\n').filter(Boolean);

describe('grades.csv', () => {
  const csv = formatGradesCsv(sampleGradebook());

  it('has identity columns Moodle maps from, one column per exercise, total, max and status', () => {
    expect(rows(csv)[0]).toBe('id,name,email,idnumber,contexts,labels,total,max,status,reason');
  });

  it('has one row per student, in cohort order, with CRLF line ends', () => {
    expect(rows(csv)).toHaveLength(4);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(rows(csv)[1]).toBe('alice,Alice Martin,alice@example.org,2024001,3,0,3,8,graded,');
  });

  it('quotes what must be quoted and defuses spreadsheet formulas', () => {
    expect(rows(csv)[2]).toBe(`bob,"'=HYPERLINK(""x""), ""Bob""",bob@example.org,,3,0,3,8,graded,`);
  });

  it('leaves the grades of a student in error empty, with the reason', () => {
    expect(rows(csv)[3]).toBe('carol,Carol <script>,carol@example.org,,,,,8,error,"cluster (context ""kind-carol""): cannot reach https://127.0.0.1:1 (ECONNREFUSED)"');
  });

  it('says which students were not graded in an interrupted run', () => {
    const gradebook = sampleGradebook();
    const pending = { ...gradebook, complete: false, students: [...gradebook.students.slice(0, 2), { student: { index: 2, id: 'carol' }, status: 'pending' as const }] };
    expect(rows(formatGradesCsv(pending))[3]).toBe('carol,,,,,,,8,pending,');
  });
});
