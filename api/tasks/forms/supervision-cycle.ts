// The forms of supervision-cycle's user tasks (workflows/README.md).
import { Type } from 'typebox';
import { t } from '../../problems.js';
import { form } from './form.js';
import { IsoDate, RequiredNote } from './fields.js';

export const supervisionCycleForms = [
  form('interview', t('约谈黑榜单位', 'Interview a black-listed unit'), Type.Object({ interviewNote: RequiredNote(), rectificationDeadline: IsoDate }, { additionalProperties: false }), {
    interviewNote: t('约谈情况', 'Findings'),
    rectificationDeadline: t('整改期限', 'Rectification deadline'),
  }),
];
