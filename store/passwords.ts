// Password hashes: scrypt (RFC 7914) from node:crypto, with a random salt per hash and the cost
// parameters kept in the hash, so they can be raised later without breaking existing logins.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: about 60 ms on our machines, 32 MiB of memory per hash. */
const N = 32_768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

/**
 * `n`: scrypt's cost (a power of two). The default is for real accounts; a lower one suits only
 * throwaway stores whose password is published anyway (the replay's demo staff), since the verify
 * reads the cost from the hash and so takes as long as the hashing did.
 */
export function hashPassword(password: string, salt: Buffer = randomBytes(16), n: number = N): string {
  const hash = scryptSync(password, salt, KEY_LENGTH, { N: n, r: R, p: P, maxmem: MAX_MEM });
  return `scrypt$${n}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** `hashPassword` off the main thread (libuv's pool), for a server hashing while it answers others. */
export function hashPasswordAsync(password: string, salt: Buffer = randomBytes(16)): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEM }, (error, hash) => {
      if (error) reject(error);
      else resolve(`scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`);
    });
  });
}

/** Whether `password` matches `stored`; false (never a throw) for a malformed hash. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * `verifyPassword` off the main thread (libuv's pool): a server checking a login must not stop
 * answering everyone else for the hash's 60 ms.
 */
export function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve, reject) => {
    scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM }, (error, actual) => {
      if (error) reject(error);
      else resolve(actual.length === expected.length && timingSafeEqual(actual, expected));
    });
  });
}

/** A hash of nothing anyone knows: checked against when the username does not exist, so a wrong username takes as long as a wrong password. */
export const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));
