import { describe, expect, it } from 'vitest';
import { CODE_LOCK_MS, checkLookupCode, MAX_CODE_FAILURES, setLookupCode } from './lookup-codes.js';
import { receive, storeWithOrganisation, T0 } from './testing.js';

describe('lookup codes', () => {
  it('opens the request with its code, and only with it; the code itself is not stored', () => {
    // given
    const { db, sqlite } = storeWithOrganisation();
    receive(db, 'r1');
    const code = setLookupCode(db, 'r1');

    // when
    const right = checkLookupCode(db, 'r1', code, T0);
    const wrong = checkLookupCode(db, 'r1', code === '000000' ? '111111' : '000000', T0);
    const unknown = checkLookupCode(db, 'no-such', code, T0);

    // then
    expect(code).toMatch(/^\d{6}$/);
    expect(right).toEqual({ ok: true });
    expect(wrong).toEqual({ ok: false, reason: 'wrong' });
    expect(unknown).toEqual({ ok: false, reason: 'unknown' });
    expect(JSON.stringify(sqlite.prepare('select * from request_access').all())).not.toContain(code);
  });

  it(`locks the code after ${MAX_CODE_FAILURES} wrong tries, even for the right code, until the lock ends`, () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'r1');
    const code = setLookupCode(db, 'r1', '123456');
    for (let i = 1; i < MAX_CODE_FAILURES; i++) expect(checkLookupCode(db, 'r1', '654321', T0).ok).toBe(false);

    // when
    const last = checkLookupCode(db, 'r1', '654321', T0);
    const meanwhile = checkLookupCode(db, 'r1', code, new Date(T0.getTime() + 1000));
    const after = checkLookupCode(db, 'r1', code, new Date(T0.getTime() + CODE_LOCK_MS + 1));

    // then
    expect(last).toEqual({ ok: false, reason: 'locked', until: new Date(T0.getTime() + CODE_LOCK_MS) });
    expect(meanwhile).toMatchObject({ ok: false, reason: 'locked' });
    expect(after).toEqual({ ok: true });
  });
});
