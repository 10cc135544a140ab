// What a student id may be, as the cohort schema says (it names the student's
// feedback file): one definition, read from the schema, for cohort files and
// for the grades.json of shards that `tp grade merge` reads back.
import cohortSchema from '../../schema/cohort.schema.json' with { type: 'json' };

const ID = cohortSchema.definitions.student.properties.id;
const ID_PATTERN = new RegExp(ID.pattern);

export const isStudentId = (value: string): boolean => value.length <= ID.maxLength && ID_PATTERN.test(value);

export const STUDENT_ID_RULE = ID.title;
