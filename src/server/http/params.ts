// Ids every area shares. An id is a positive int4: anything else answers 400 naming the field,
// before any query runs (PostgreSQL would refuse a larger one with 22003).
import { z } from 'zod';

export const INT4_MAX = 2_147_483_647;

/** An id in a path or a query string, where it arrives as text. */
export const DbId = z.coerce.number().int().positive().max(INT4_MAX);

/** An id in a JSON body: a number, never text that looks like one. */
export const DbIdNumber = z.number().int().positive().max(INT4_MAX);

export const IdParams = z.strictObject({ id: DbId });
