import { describe, expect, it } from 'vitest';
import { validateNewRequest } from './validation.js';

describe('validating a new request', () => {
  it('accepts a complete request and trims it', () => {
    // given
    const input = {
      channel: 'door_to_door',
      text: '  路灯不亮  ',
      location: { townshipId: 'dingshan', villageId: 'huangliang' },
      citizen: { name: '王某', phone: '13800000000' },
    };

    // when
    const result = validateNewRequest(input);

    // then
    expect(result).toEqual({
      ok: true,
      value: {
        channel: 'door_to_door',
        text: '路灯不亮',
        location: { townshipId: 'dingshan', villageId: 'huangliang' },
        citizen: { name: '王某', phone: '13800000000' },
      },
    });
  });

  it('reports every missing or wrong field at once', () => {
    // given
    const input = { channel: 'fax', text: '   ', location: null, citizen: { phone: '12345' } };

    // when
    const result = validateNewRequest(input);

    // then
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ['channel', 'UNKNOWN_CHANNEL'],
      ['text', 'REQUIRED'],
      ['location.townshipId', 'REQUIRED'],
      ['citizen.phone', 'INVALID_PHONE'],
    ]);
  });

  it('requires the member of staff for a proxy entry, and no citizen identity at all', () => {
    // given
    const input = { channel: 'proxy', text: '老人看病难', location: { townshipId: 'huacheng' } };

    // when
    const missing = validateNewRequest(input);
    const given = validateNewRequest({ ...input, enteredBy: 'staff-1', citizen: { phone: '0827-5799230' } });

    // then
    expect(missing).toMatchObject({ ok: false, errors: [{ field: 'enteredBy', code: 'REQUIRED' }] });
    expect(given).toMatchObject({ ok: true, value: { enteredBy: 'staff-1', citizen: { phone: '0827-5799230' } } });
  });

  it('asks for a channel when none is given', () => {
    // given / when
    const result = validateNewRequest({ text: 'x', location: { townshipId: 't' } });

    // then
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'channel', code: 'REQUIRED' }] });
  });
});
