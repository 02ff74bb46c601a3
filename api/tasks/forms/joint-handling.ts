// The forms of joint-handling's user tasks (workflows/README.md).
import { Type } from 'typebox';
import { t } from '../../problems.js';
import { form } from './form.js';
import { Note, RequiredNote } from './fields.js';

export const jointHandlingForms = [
  form(
    'name-departments',
    t('确定报到部门及任务', 'Name the departments (blow the whistle)'),
    Type.Object(
      {
        departments: Type.Array(
          Type.Object({ unit: Type.String({ pattern: '^department:[a-z0-9-]+$', maxLength: 100 }), task: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
          { minItems: 1, maxItems: 20 },
        ),
        reportLimit: Type.Optional(Type.String({ pattern: '^P(T?[0-9]+[HMD])+$|^P[0-9]+D(T[0-9]+H)?$', maxLength: 20, description: 'ISO 8601 duration, default P1D' })),
      },
      { additionalProperties: false },
    ),
    { departments: t('报到部门及任务', 'Departments and their tasks'), reportLimit: t('报到时限', 'Report limit') },
  ),
  form('report', t('部门报到', 'Report (acknowledge)'), Type.Object({ note: Type.Optional(Note()) }, { additionalProperties: false }), { note: t('备注', 'Note') }),
  form('contribute', t('部门履职办理', 'Contribute'), Type.Object({ contribution: RequiredNote() }, { additionalProperties: false }), {
    contribution: t('履职情况', 'What the department did'),
  }),
  form('consolidate', t('乡镇汇总化解情况', 'Consolidate'), Type.Object({ jointSummary: RequiredNote() }, { additionalProperties: false }), {
    jointSummary: t('汇总情况', 'Summary'),
  }),
];
