// What the review endpoints answer (src/server/review/routes.ts, docs/API.md "Review"): a report
// accepted or returned for revision, one or several at once, and its review history.
import { z } from 'zod';
import { REVIEW_STATES } from '../statuses.js';
import { Rows, responses, Timestamp, type Wire } from './common.js';

export const ReviewState = z.enum(REVIEW_STATES);

/** The latest change of review state, as the organization's block and the submitted view show it. */
export const ReviewNote = z.object({
  state: ReviewState,
  at: Timestamp,
  comment: z.string().nullable(),
  /** Who set it: their role (a code, src/shared/roles.ts) and territory («г. Москва») at the time. */
  actorRole: z.string(),
  actorScope: z.string(),
});
export type ReviewNote = Wire<typeof ReviewNote>;

/** One report's answer to a review: its state now, and whether this request changed it. */
export const ReviewResult = z.object({
  responseId: z.number(),
  reviewState: ReviewState,
  reviewedAt: Timestamp.nullable(),
  extendedUntil: Timestamp.nullable(),
  changed: z.boolean(),
});
export type ReviewResult = Wire<typeof ReviewResult>;

/** GET /api/responses/:id/review-history: newest first. */
export const ReviewEvent = z.object({
  id: z.number(),
  state: ReviewState,
  at: Timestamp,
  comment: z.string().nullable(),
  extendedUntil: Timestamp.nullable(),
  actorLogin: z.string(),
  actorRole: z.string(),
  actorScope: z.string(),
});
export type ReviewEvent = Wire<typeof ReviewEvent>;

export const reviewResponses = {
  one: responses({ 200: ReviewResult }),
  many: responses({ 200: Rows(ReviewResult) }),
  history: responses({ 200: Rows(ReviewEvent) }),
};
