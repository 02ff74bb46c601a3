// Field schemas the forms share.
import { Type } from 'typebox';

/** a note a person writes (a few paragraphs at most) */
export const Note = (description?: string) => Type.String({ maxLength: 2000, ...(description === undefined ? {} : { description }) });
export const RequiredNote = (description?: string) => Type.String({ minLength: 1, maxLength: 2000, ...(description === undefined ? {} : { description }) });
export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });
export const IsoDate = Type.String({ format: 'date', maxLength: 10 });
/** a candidate-group name of a unit, e.g. `department:water-bureau` */
export const UnitGroup = Type.String({ pattern: '^(village|township|department|district):[a-z0-9-]+$', maxLength: 100 });
