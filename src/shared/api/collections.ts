// What the collection endpoints answer (src/server/collections/routes.ts, docs/API.md
// "Collections").
import { z } from 'zod';
import { Count, Rows, responses, Timestamp, type Wire } from './common.js';

/** GET /api/collections/:id */
export const Collection = z.object({
  id: z.number(),
  title: z.string(),
  formVersionId: z.number(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** Set when the operator closed it early. */
  closedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  /** «Открыт»: started, not ended, not closed by hand. */
  open: z.boolean(),
});
export type Collection = Wire<typeof Collection>;

/** GET /api/collections: each with its form and how many organizations take part. */
export const CollectionRow = Collection.extend({
  formTitle: z.string(),
  formVersion: z.number(),
  participants: Count,
});
export type CollectionRow = Wire<typeof CollectionRow>;

/** POST /api/collections */
export const CollectionCreated = z.object({ id: z.number(), participants: z.number() });
export type CollectionCreated = Wire<typeof CollectionCreated>;

/** POST /api/collections/:id/participants */
export const ParticipantsAdded = z.object({ added: z.number() });
export type ParticipantsAdded = Wire<typeof ParticipantsAdded>;

export const collectionResponses = {
  list: responses({ 200: Rows(CollectionRow) }),
  one: responses({ 200: Collection }),
  created: responses({ 201: CollectionCreated }),
  participantsAdded: responses({ 200: ParticipantsAdded }),
};
