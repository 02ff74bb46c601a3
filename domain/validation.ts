// Validation of a new request as it comes in from any channel. Returns every field error at once
// (upper-case codes, Chinese messages for the form), never throws.
import { channels, type Channel } from './channel.js';

export interface NewRequestInput {
  channel?: unknown;
  text?: unknown;
  location?: { townshipId?: unknown; villageId?: unknown } | null;
  citizen?: { name?: unknown; phone?: unknown } | null;
  /** the member of staff who typed it in; required for `proxy` */
  enteredBy?: unknown;
}

export interface NewRequest {
  channel: Channel;
  text: string;
  location: { townshipId: string; villageId?: string };
  citizen?: { name?: string; phone?: string };
  enteredBy?: string;
}

export type FieldErrorCode = 'REQUIRED' | 'UNKNOWN_CHANNEL' | 'TOO_LONG' | 'INVALID_PHONE';

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}

export type Validated = { ok: true; value: NewRequest } | { ok: false; errors: FieldError[] };

export const MAX_TEXT_LENGTH = 5000;
/** Mainland mobile (11 digits from 1) or a landline with area code (e.g. 0827-5799230). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function validateNewRequest(input: NewRequestInput): Validated {
  const errors: FieldError[] = [];
  const add = (field: string, code: FieldErrorCode, message: string): void => {
    errors.push({ field, code, message });
  };

  if (input.channel === undefined || input.channel === null || input.channel === '') {
    add('channel', 'REQUIRED', '请选择诉求渠道');
  } else if (!channels.is(input.channel)) {
    add('channel', 'UNKNOWN_CHANNEL', '未知的诉求渠道');
  }

  const body = text(input.text);
  if (body === undefined) add('text', 'REQUIRED', '请填写诉求内容');
  else if (body.length > MAX_TEXT_LENGTH) add('text', 'TOO_LONG', `诉求内容不能超过${MAX_TEXT_LENGTH}字`);

  const townshipId = text(input.location?.townshipId);
  const villageId = text(input.location?.villageId);
  if (townshipId === undefined) add('location.townshipId', 'REQUIRED', '请选择所在乡镇(街道)');

  const name = text(input.citizen?.name);
  const phone = text(input.citizen?.phone);
  if (phone !== undefined && !PHONE.test(phone)) add('citizen.phone', 'INVALID_PHONE', '联系电话格式不正确');

  const enteredBy = text(input.enteredBy);
  if (input.channel === 'proxy' && enteredBy === undefined) add('enteredBy', 'REQUIRED', '代办录入须注明录入人');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      channel: input.channel as Channel,
      text: body as string,
      location: villageId === undefined ? { townshipId: townshipId as string } : { townshipId: townshipId as string, villageId },
      ...(name !== undefined || phone !== undefined ? { citizen: { ...(name && { name }), ...(phone && { phone }) } } : {}),
      ...(enteredBy !== undefined ? { enteredBy } : {}),
    },
  };
}
