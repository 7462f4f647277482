// Route parameters every area shares. An id is a positive int4: anything else answers 400,
// before any query runs.
import { z } from 'zod';

export const DbId = z.coerce.number().int().positive().max(2_147_483_647);

export const IdParams = z.strictObject({ id: DbId });
