// The filters' choices: the domain's own closed vocabularies (codes and the Chinese labels the API
// also answers with), imported rather than copied so that the page offers exactly what the API takes.
import { domainAreas } from '../../../domain/domain-area.js';
import { levels } from '../../../domain/level.js';
import { listTypes } from '../../../domain/list-type.js';

export interface Choice {
  code: string;
  label: string;
}

const choices = (v: { codes: readonly string[]; labels: Readonly<Record<string, string>> }): Choice[] => v.codes.map((code) => ({ code, label: v.labels[code]! }));

export const LEVEL_CHOICES = choices(levels);
export const DOMAIN_CHOICES = choices(domainAreas);
export const LIST_TYPE_CHOICES = choices(listTypes);
