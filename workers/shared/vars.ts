// Reading a job's variables: what the contract says must be there is checked, and a missing or
// malformed variable is an IncidentError (retrying would find it missing again).
import { IncidentError, type JobInput } from './job.js';

function fail(job: JobInput, name: string, expected: string, value: unknown): never {
  throw new IncidentError(`${job.type}: variable "${name}" must be ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
}

export function text(job: JobInput, name: string): string {
  const value = job.variables[name];
  if (typeof value !== 'string' || value.trim() === '') fail(job, name, 'a non-empty string', value);
  return value;
}

export function optionalText(job: JobInput, name: string): string | undefined {
  const value = job.variables[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') fail(job, name, 'a string', value);
  return value;
}

export function bool(job: JobInput, name: string): boolean {
  const value = job.variables[name];
  if (typeof value !== 'boolean') fail(job, name, 'true or false', value);
  return value;
}

export function wholeNumber(job: JobInput, name: string): number {
  const value = job.variables[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(job, name, 'a whole number', value);
  return value;
}

/** One of a closed set of codes (e.g. a level). */
export function oneOf<C extends string>(job: JobInput, name: string, is: (value: unknown) => value is C): C {
  const value = job.variables[name];
  if (!is(value)) fail(job, name, 'a known code', value);
  return value;
}

export function optionalOneOf<C extends string>(job: JobInput, name: string, is: (value: unknown) => value is C): C | undefined {
  const value = job.variables[name];
  if (value === undefined || value === null) return undefined;
  return oneOf(job, name, is);
}

/** A ledger entry id as the workers hand it out (the store's integer id, as a string). */
export function ledgerEntryId(job: JobInput, name = 'ledgerEntryId'): number {
  const value = job.variables[name];
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) fail(job, name, 'a ledger entry id', value);
  return id;
}

export function object(job: JobInput, name: string): Record<string, unknown> {
  const value = job.variables[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(job, name, 'an object', value);
  return value as Record<string, unknown>;
}
