// Errors as RFC 9457 problem details, shaped as Camunda 8.8's REST gateway answers them:
// broker rejections carry the rejection type as title and "Command '<intent>' rejected with
// code '<type>': <reason>" as detail; request validation answers 400 INVALID_ARGUMENT with
// the violations joined into one sentence list; unreadable requests answer Spring's
// "Bad Request".

import { Rejection } from '../runtime/errors.js';

export interface ProblemDetail {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  instance: string;
}

/** An answer other than success, thrown by route handlers and turned into problem+json. */
export class ApiProblem extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** 400 INVALID_ARGUMENT with Camunda's sentence list ("No x provided. The value for y ..."). */
export function invalidArgument(violations: string[] | string): ApiProblem {
  const list = Array.isArray(violations) ? violations : [violations];
  let detail = list.join('. ');
  if (!detail.endsWith('.')) detail += '.';
  return new ApiProblem(400, 'INVALID_ARGUMENT', detail);
}

/** 400 for a body or parameter that cannot be read at all */
export function badRequest(detail: string): ApiProblem {
  return new ApiProblem(400, 'Bad Request', detail);
}

/** 404 of a search look-up by key */
export function notFound(detail: string): ApiProblem {
  return new ApiProblem(404, 'NOT_FOUND', detail);
}

// Zeebe's rejection types: the engine's FAILED_PRECONDITION is Zeebe's INVALID_STATE.
const REJECTIONS: Record<Rejection['code'], { status: number; type: string }> = {
  NOT_FOUND: { status: 404, type: 'NOT_FOUND' },
  INVALID_ARGUMENT: { status: 400, type: 'INVALID_ARGUMENT' },
  FAILED_PRECONDITION: { status: 409, type: 'INVALID_STATE' },
  ALREADY_EXISTS: { status: 409, type: 'ALREADY_EXISTS' },
};

/** Maps an engine rejection of the command `intent` (CREATE, CANCEL, COMPLETE...) to a problem. */
export function fromRejection(rejection: Rejection, intent: string): ApiProblem {
  const { status, type } = REJECTIONS[rejection.code];
  return new ApiProblem(status, type, `Command '${intent}' rejected with code '${type}': ${rejection.message}`);
}

/** Runs an engine command, turning its rejection into the problem Camunda answers with. */
export function command<T>(intent: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Rejection) throw fromRejection(error, intent);
    throw error;
  }
}

export async function commandAsync<T>(intent: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Rejection) throw fromRejection(error, intent);
    throw error;
  }
}

export function toProblemDetail(error: unknown, instance: string, log: (line: string) => void): ProblemDetail {
  if (error instanceof ApiProblem) {
    return { type: 'about:blank', title: error.title, status: error.status, detail: error.detail, instance };
  }
  if (error instanceof Rejection) {
    const problem = fromRejection(error, 'EXECUTE');
    return { type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, instance };
  }
  const message = error instanceof Error ? error.message : String(error);
  log(`rest: internal error on ${instance}: ${error instanceof Error && error.stack ? error.stack : message}`);
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: `Unexpected error occurred during the request processing: ${message}`,
    instance,
  };
}
