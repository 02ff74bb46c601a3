// 五类清单: the five lists a valid request is put on.
import { vocabulary } from './labels.js';

export type ListType = 'policy_consultation' | 'suggestion' | 'individual' | 'collective' | 'other';

export const listTypes = vocabulary<ListType>({
  policy_consultation: '政策咨询',
  suggestion: '意见建议',
  individual: '个人求决',
  collective: '集体诉求',
  other: '其他诉求',
});
