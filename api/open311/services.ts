// The Open311 services: each of the 15 domains (领域) with each of the five lists (五类清单), 75 in
// all, coded `<domain>.<list_type>` (e.g. `water_resources.individual`): the codes of the domain
// vocabulary, so a code says what it means and maps back to an assessment without a table to keep.
// A code asked for is the citizen's hint only: staff still screen and assess every request.
//
// Every service asks for the same extra attributes: where the request is, as the district's own
// places (the township or street, required, and the village or community), read from the store.
import { domainAreas, listTypes, type DomainArea, type ListType } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { childrenOf, unitsOfKind } from '../../store/org-units.js';
import type { ServiceFilter } from '../../store/open311.js';

export const TOWNSHIP_ATTRIBUTE = 'township_id';
export const VILLAGE_ATTRIBUTE = 'village_id';

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export const serviceCodeOf = (domain: DomainArea, listType: ListType): string => `${domain}.${listType}`;

/** The domain and list type a code stands for, if it is one of the catalogue. */
export function serviceOf(code: string): ServiceFilter | undefined {
  const [domain, listType, ...rest] = code.split('.');
  if (rest.length > 0 || !domainAreas.is(domain) || !listTypes.is(listType)) return undefined;
  return { code, domain, listType };
}

export const serviceNameOf = (domain: DomainArea, listType: ListType): string => `${domainAreas.label(domain)}·${listTypes.label(listType)}`;

/** The catalogue, domain by domain in the vocabulary's order. */
export function serviceList(): Service[] {
  return domainAreas.codes.flatMap((domain) =>
    listTypes.codes.map((listType) => ({
      service_code: serviceCodeOf(domain, listType),
      service_name: serviceNameOf(domain, listType),
      description: `属于${domainAreas.label(domain)}领域的${listTypes.label(listType)}`,
      metadata: true,
      type: 'realtime' as const,
      keywords: [domainAreas.label(domain), listTypes.label(listType), domain, listType].join(','),
      group: domainAreas.label(domain),
    })),
  );
}

export interface Attribute {
  variable: boolean;
  code: string;
  datatype: 'singlevaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: { key: string; name: string }[];
}

export interface ServiceDefinition {
  service_code: string;
  attributes: Attribute[];
}

/** A service's extra attributes: the township or street, and the village or community, as the store lists them now. */
export function serviceDefinition(conn: Conn, code: string): ServiceDefinition {
  const townships = unitsOfKind(conn, 'township', 'street');
  const villages = townships.flatMap((t) =>
    childrenOf(conn, t.id)
      .filter((v) => v.kind === 'village' || v.kind === 'community')
      .map((v) => ({ key: v.id, name: `${v.name}(${t.name})` })),
  );
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: TOWNSHIP_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '乡镇(街道)的编号,取自下列选项',
        order: 1,
        description: '诉求所在的乡镇(街道)',
        values: townships.map((t) => ({ key: t.id, name: t.name })),
      },
      {
        variable: true,
        code: VILLAGE_ATTRIBUTE,
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '村(社区)的编号,须属于所选乡镇(街道)',
        order: 2,
        description: '诉求所在的村(社区),知道就填',
        values: villages,
      },
    ],
  };
}
