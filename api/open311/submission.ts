// A submission (POST requests) as the intake takes it: the place from the spec's arguments, the
// citizen as the app describes them, and the intake's field names back as the spec's arguments.
import { getOrgUnit } from '../../store/org-units.js';
import { inLang } from '../problems.js';
import { intakeProblems, type NewIntake } from '../requests/intake.js';
import type { Api } from '../types.js';
import { badField, Open311Problem } from './errors.js';
import { serviceOf, TOWNSHIP_ATTRIBUTE, VILLAGE_ATTRIBUTE } from './services.js';

/** The body of POST requests after form.ts gathered the attributes (schemas.ts PostRequestBody). */
export type Body = {
  api_key?: string;
  service_code: string;
  address_string?: string;
  address_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description: string;
  attribute?: Record<string, string | string[]>;
  [field: string]: unknown;
};

/** The place a request is: `attribute[township_id]` / `attribute[village_id]`, or `address_id` (a township or a village). */
function placeOf(app: Api, b: Body): { townshipId: string; villageId?: string } {
  const single = (code: string): string | undefined => {
    const v = b.attribute?.[code];
    if (Array.isArray(v)) throw badField(`attribute[${code}]`, '只能选一个', 'takes one value');
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  let townshipId = single(TOWNSHIP_ATTRIBUTE);
  let villageId = single(VILLAGE_ATTRIBUTE);
  const addressId = b.address_id?.trim();
  if (addressId !== undefined && addressId !== '') {
    const unit = getOrgUnit(app.store.db, addressId);
    if (unit !== undefined && (unit.kind === 'township' || unit.kind === 'street')) {
      if (townshipId !== undefined && townshipId !== unit.id) throw badField('address_id', `与 attribute[${TOWNSHIP_ATTRIBUTE}] 不一致`, `disagrees with attribute[${TOWNSHIP_ATTRIBUTE}]`);
      townshipId = unit.id;
    } else if (unit !== undefined && (unit.kind === 'village' || unit.kind === 'community') && unit.parentId !== null) {
      if ((townshipId !== undefined && townshipId !== unit.parentId) || (villageId !== undefined && villageId !== unit.id)) {
        throw badField('address_id', '与所填乡镇(街道)或村(社区)不一致', 'disagrees with the township or village attribute');
      }
      townshipId = unit.parentId;
      villageId = unit.id;
    } else {
      throw badField('address_id', '不是本区乡镇(街道)或村(社区)的编号(见服务定义)', 'is not a township, street, village or community id (see the service definition)');
    }
  }
  if (townshipId === undefined) {
    throw badField(
      `attribute[${TOWNSHIP_ATTRIBUTE}]`,
      '须注明诉求所在的乡镇(街道):填写 attribute[township_id] 或 address_id(仅有经纬度或地址文字无法确定辖区)',
      'say which township or street: attribute[township_id] or address_id (lat/long or address_string alone cannot be placed)',
    );
  }
  return villageId === undefined ? { townshipId } : { townshipId, villageId };
}

/** The citizen as the app describes them: kept apart with the request, never answered. `email` has no place in the store and is not kept. */
function citizenOf(b: Body): NewIntake['citizen'] {
  const first = b.first_name?.trim() ?? '';
  const last = b.last_name?.trim() ?? '';
  // a Chinese name is written family name first, with no space
  const cjk = /[\u3400-\u9fff]/.test(first + last);
  const name = (cjk ? `${last}${first}` : `${first} ${last}`).trim();
  const phone = b.phone?.trim();
  const address = b.address_string?.trim();
  const citizen = { ...(name !== '' && { name }), ...(phone && { phone }), ...(address && { address }) };
  return Object.keys(citizen).length === 0 ? undefined : citizen;
}

const INTAKE_FIELDS: Record<string, string> = {
  text: 'description',
  townshipId: `attribute[${TOWNSHIP_ATTRIBUTE}]`,
  villageId: `attribute[${VILLAGE_ATTRIBUTE}]`,
  'citizen.phone': 'phone',
  'citizen.name': 'first_name',
};

/** The service asked for and the intake of a submission; throws Open311Problem (400) for what the intake would refuse. */
export function intakeOf(app: Api, b: Body): { serviceCode: string; intake: NewIntake } {
  const service = serviceOf(b.service_code.trim());
  if (service === undefined) throw badField('service_code', `没有这项服务: ${b.service_code}(见 GET services)`, `no service ${b.service_code} (see GET services)`);
  const intake: NewIntake = { channel: 'open311', text: b.description, ...placeOf(app, b), citizen: citizenOf(b) };
  const found = intakeProblems(app, intake);
  if (found.length > 0) {
    throw new Open311Problem(
      400,
      found.map((p) => ({ zh: `${INTAKE_FIELDS[p.field] ?? p.field}: ${inLang(p.message, 'zh')}`, en: `${INTAKE_FIELDS[p.field] ?? p.field}: ${inLang(p.message, 'en')}` })),
    );
  }
  return { serviceCode: service.code, intake };
}
