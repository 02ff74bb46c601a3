// The forms of handle-at-level's user tasks (workflows/README.md).
import { Type } from 'typebox';
import { t } from '../../problems.js';
import { form } from './form.js';
import { IsoDateTime, Note } from './fields.js';

export const handleAtLevelForms = [
  form('accept', t('受理交办', 'Accept the request'), Type.Object({ handler: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }), {
    handler: t('承办人', 'Who handles it'),
  }),
  form(
    'handle-task',
    t('办理诉求', 'Handle the request'),
    Type.Object(
      {
        outcome: Type.Union([Type.Literal('resolved'), Type.Literal('joint'), Type.Literal('staged'), Type.Literal('cannot_solve')]),
        milestones: Type.Optional(Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), dueDate: IsoDateTime }, { additionalProperties: false }), { minItems: 1, maxItems: 20 })),
        resolutionNote: Type.Optional(Note()),
        reason: Type.Optional(Note()),
      },
      { additionalProperties: false },
    ),
    {
      outcome: t('办理结果', 'Outcome'),
      milestones: t('阶段性措施', 'Staged measures'),
      resolutionNote: t('办理情况', 'What was done'),
      reason: t('原因', 'Reason'),
    },
  ),
  form('staged-measures', t('落实阶段性措施', 'Carry out a staged measure'), Type.Object({ progressNote: Type.Optional(Note()) }, { additionalProperties: false }), {
    progressNote: t('落实情况', 'Progress'),
  }),
];
