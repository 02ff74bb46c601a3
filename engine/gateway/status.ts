// Maps the engine's rejections to gRPC status codes the way Zeebe's gateway does. A client's
// mistake is never UNAVAILABLE or RESOURCE_EXHAUSTED: the SDK retries those forever.

import * as grpc from '@grpc/grpc-js';
import { Rejection } from '../runtime/errors.js';

const CODES: Record<Rejection['code'], grpc.status> = {
  NOT_FOUND: grpc.status.NOT_FOUND,
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
};

export function toServiceError(error: unknown, log: (line: string) => void): Partial<grpc.ServiceError> {
  if (error instanceof Rejection) {
    return { code: CODES[error.code], details: error.message, message: error.message };
  }
  if (isServiceError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  log(`engine: internal error: ${error instanceof Error && error.stack ? error.stack : message}`);
  return { code: grpc.status.INTERNAL, details: `Unexpected error in the embedded engine: ${message}` };
}

/** int64 fields arrive as strings (proto-loader longs: String); keys must be safe integers */
export function parseKey(value: unknown, field: string): number {
  const text = String(value ?? '').trim();
  const key = Number(text);
  if (text === '' || !Number.isSafeInteger(key)) {
    throw new Rejection('INVALID_ARGUMENT', `Expected ${field} to be a valid key, but it was '${text}'`);
  }
  return key;
}

export function parseLong(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function isServiceError(error: unknown): error is Partial<grpc.ServiceError> {
  return typeof error === 'object' && error !== null && !(error instanceof Error) && typeof (error as { code?: unknown }).code === 'number';
}
