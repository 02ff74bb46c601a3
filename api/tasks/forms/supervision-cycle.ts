// The forms of supervision-cycle's user tasks (workflows/README.md).
import { Type } from 'typebox';
import { t } from '../../problems.js';
import { form } from './form.js';
import { IsoDate, IsoDateTime, Note, RequiredNote } from './fields.js';

export const supervisionCycleForms = [
  form(
    'interview',
    t('约谈单位', 'Interview a unit'),
    Type.Object({ heldAt: IsoDateTime, findings: RequiredNote(), rectificationDeadline: IsoDate }, { additionalProperties: false }),
    {
      heldAt: t('约谈时间', 'Held at'),
      findings: t('约谈情况与整改要求', 'Findings and what must be put right'),
      rectificationDeadline: t('整改期限', 'Rectification deadline'),
    },
  ),
  form(
    'check-rectification',
    t('整改复查', 'Check the rectification'),
    Type.Object({ rectified: Type.Boolean(), checkNote: Type.Optional(Note()) }, { additionalProperties: false }),
    { rectified: t('是否按期整改到位', 'Rectified by the deadline'), checkNote: t('复查情况', 'What the check found') },
  ),
];
