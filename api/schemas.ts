// Schemas shared by the routes (TypeBox → JSON Schema → validation, serialisation and OpenAPI).
import { Type, type TSchema } from 'typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    field: Type.Optional(Type.String({ description: 'the first bad field, dotted (e.g. citizen.phone)' })),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String({ description: 'on 5xx answers: quote it when reporting the problem' })),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)', additionalProperties: true },
);

const problemRef = Type.Unsafe<unknown>({ $ref: 'Problem#' });

/** The error answers a route can give, for its schema's `response` (documented as problems). */
export function problems(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((c) => [c, problemRef]));
}

/** An ISO 8601 date-time with offset. */
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Dates leave the API in Beijing time (+08:00), which is what people read. */
export function beijing(date: Date): string;
export function beijing(date: Date | null | undefined): string | null;
export function beijing(date: Date | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
