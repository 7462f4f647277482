// What the publication endpoints answer (src/server/publications/routes.ts, docs/API.md
// "Publications").
import { z } from 'zod';
import { binaryFile, NoContent, Paged, responses, Timestamp, type Wire } from './common.js';

export const PublicationFile = z.object({
  id: z.number(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  /** Where it downloads from. */
  url: z.string(),
});
export type PublicationFile = Wire<typeof PublicationFile>;

export const Publication = z.object({
  id: z.number(),
  title: z.string(),
  /** Rendered from Markdown and sanitized by the server: safe to insert as HTML. */
  bodyHtml: z.string(),
  publishAt: Timestamp,
  // The federal operator's view only.
  bodyMarkdown: z.string().optional(),
  audienceRoles: z.array(z.string()).optional(),
  audienceRegions: z.array(z.string()).optional(),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
  files: z.array(PublicationFile),
});
export type Publication = Wire<typeof Publication>;

/** POST /api/publications/preview */
export const Preview = z.object({ html: z.string() });

export const publicationResponses = {
  list: responses({ 200: Paged(Publication) }),
  one: responses({ 200: Publication }),
  preview: responses({ 200: Preview }),
  created: responses({ 201: Publication }),
  removed: responses({ 204: NoContent }),
  fileAdded: responses({ 201: PublicationFile }),
  /** The attachment as uploaded, under its own content type. */
  file: responses({ 200: binaryFile('the attachment’s own type') }),
};
