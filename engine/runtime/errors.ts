// Errors a command can be rejected with. The gateways map `code` to a gRPC status or an
// HTTP problem, exactly as Zeebe maps its rejection types.

export type RejectionCode = 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION' | 'ALREADY_EXISTS';

export class Rejection extends Error {
  constructor(readonly code: RejectionCode, message: string) {
    super(message);
    this.name = 'Rejection';
  }
}

export const notFound = (message: string) => new Rejection('NOT_FOUND', message);
export const invalidArgument = (message: string) => new Rejection('INVALID_ARGUMENT', message);
export const failedPrecondition = (message: string) => new Rejection('FAILED_PRECONDITION', message);

/**
 * Thrown inside element processing when a step cannot go on (a FEEL failure, no flow to take,
 * an unknown called process...). The processor turns it into an incident on the element;
 * it never escapes a command.
 */
export class IncidentSignal extends Error {
  constructor(readonly errorType: string, message: string) {
    super(message);
    this.name = 'IncidentSignal';
  }
}
