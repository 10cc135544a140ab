// Checks of the plain JSON of a grades.json, just enough to trust the types.
import { isLang } from '../core/text.js';
import { STUDENT_ID_RULE, isStudentId } from '../grade/student-id.js';
import type { LabOutline, StudentResult } from '../grade/types.js';
import { ShapeError, arrayAt, numberAt, objectAt, stringAt, type PlainObject } from '../core/json-shape.js';

export { ShapeError, arrayAt, objectAt };

const optionalString = (json: PlainObject, key: string): string | undefined => (typeof json[key] === 'string' ? json[key] : undefined);

export const parseOutline = (json: PlainObject): LabOutline => ({
  id: stringAt(json, 'lab', 'gradebook'),
  title: stringAt(json, 'labTitle', 'gradebook'),
  maxScore: numberAt(json, 'maxScore', 'gradebook'),
  exercises: arrayAt(json['exercises'], 'exercises').map((value, i) => {
    const path = `exercises[${i}]`;
    const exercise = objectAt(value, path);
    return {
      id: stringAt(exercise, 'id', path),
      title: stringAt(exercise, 'title', path),
      maxScore: numberAt(exercise, 'maxScore', path),
      checks: arrayAt(exercise['checks'], `${path}.checks`).map((item, j) => {
        const checkPath = `${path}.checks[${j}]`;
        const check = objectAt(item, checkPath);
        return { id: stringAt(check, 'id', checkPath), title: stringAt(check, 'title', checkPath), points: numberAt(check, 'points', checkPath) };
      }),
    };
  }),
});

export const parseStudentIdentity = (json: PlainObject, path: string): StudentResult['student'] => {
  const name = optionalString(json, 'name');
  const email = optionalString(json, 'email');
  const idNumber = optionalString(json, 'idNumber');
  const username = optionalString(json, 'username');
  const lang = json['lang'];
  const id = stringAt(json, 'id', path);
  // A shard's grades.json is read back from wherever it was written: its ids name files, so they obey the cohort's rule.
  if (!isStudentId(id)) throw new ShapeError(`${path}.id: ${JSON.stringify(id.slice(0, 60))} is not a student id (${STUDENT_ID_RULE})`);
  return {
    index: numberAt(json, 'index', path),
    id,
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(idNumber === undefined ? {} : { idNumber }),
    ...(username === undefined ? {} : { username }),
    ...(typeof lang === 'string' && isLang(lang) ? { lang } : {}),
  };
};
