import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordAsync, verifyPassword, verifyPasswordAsync } from './passwords.js';

describe('password hashes', () => {
  it('hashes off the main thread to the same format, which verifies like the synchronous one', async () => {
    // given
    const hashed = await hashPasswordAsync('95986376');

    // when / then
    expect(hashed).toMatch(/^scrypt\$32768\$8\$1\$[^$]+\$[^$]+$/);
    expect(verifyPassword('95986376', hashed)).toBe(true);
    expect(await verifyPasswordAsync('95986376', hashed)).toBe(true);
    expect(verifyPassword('95986377', hashed)).toBe(false);
    expect(hashed).not.toBe(await hashPasswordAsync('95986376'));
  });

  it('gives the synchronous hash for the same salt', async () => {
    // given
    const salt = Buffer.alloc(16, 7);

    // when / then
    expect(await hashPasswordAsync('demo', salt)).toBe(hashPassword('demo', salt));
  });
});
