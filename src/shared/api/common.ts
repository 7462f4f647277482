// What every area's answers are built from. The server serializes each answer through its route's
// response schema (fastify-type-provider-zod's serializerCompiler encodes it, then JSON.stringify),
// so a field the schema does not name never leaves the server; the browser takes its types from
// the same schemas with Wire<>, the JSON as it arrives.
import { z } from 'zod';

/** The JSON an answer arrives as: the schema's input side (the server hands it the output side). */
export type Wire<T extends z.ZodType> = z.input<T>;

/**
 * An instant, sent as ISO 8601 text. The server may hold it as a Date (from the database) or as
 * text already; either way the answer carries `Date.prototype.toISOString()`'s form, exactly as
 * JSON.stringify wrote it before the schemas.
 */
export const Timestamp = z.codec(z.string(), z.union([z.date(), z.string()]), {
  decode: (s) => s,
  encode: (v) => (v instanceof Date ? v.toISOString() : v),
});

/**
 * A SQL count from a scalar subquery. Kysely types it `number | null`, but count(*) is never null
 * (and db/connection.ts parses int8 into a number): the browser gets a number.
 */
export const Count = z.codec(z.number(), z.number().nullable(), {
  decode: (n) => n,
  encode: (n) => n ?? 0,
});

/** The paging every list shares (server/http/paging.ts). */
export const Paged = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.array(row), total: z.number(), page: z.number(), pageSize: z.number() });

export const Rows = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row) });

export const Ok = z.object({ ok: z.boolean() });

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = Wire<typeof FieldError>;

/**
 * application/problem+json (server/http/error-handler.ts). Loose: a problem may carry more
 * (`retryAfterSeconds`, an import's report, autosave's `results`), declared where a route has them.
 */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(FieldError).optional(),
  retryAfterSeconds: z.number().optional(),
});
export type Problem = Wire<typeof Problem>;

/** The error answers every route may give; a route's own statuses come first and win. */
export const PROBLEMS = { '4xx': Problem, '5xx': Problem } as const;

/** What a file route hands Fastify: text, bytes or a stream (Node's Readable is an AsyncIterable). */
export type FileBody = string | Uint8Array | AsyncIterable<unknown>;

/**
 * A file or a stream, not JSON: Fastify sends strings, buffers and streams as they are, without the
 * serializer. The schema refuses anything that reaches it, so an object sent by mistake fails loudly.
 */
export function binaryFile(contentType: string) {
  return z
    .custom<FileBody>(() => false, 'Файл отправляется как есть, не как JSON.')
    .meta({ description: `file: ${contentType}`, fileContentType: contentType });
}

/** 204: no body at all. */
export const NoContent = z.never().meta({ description: 'no content', noContent: true });

/** Whether a response schema is one of the markers above (the completeness test asks). */
export function fileContentType(schema: unknown): string | undefined {
  const type = schema instanceof z.ZodType ? schema.meta()?.fileContentType : undefined;
  return typeof type === 'string' ? type : undefined;
}
export function isNoContent(schema: unknown): boolean {
  return schema instanceof z.ZodType && schema.meta()?.noContent === true;
}

/** A route's `schema.response`: its success answers, then problem+json for the errors. */
export function responses<T extends Record<number, z.ZodType>>(success: T) {
  return { ...success, ...PROBLEMS };
}

/**
 * The JSON a route answers with `status`, from the very schema the route declares:
 * `api.get<Answer<typeof directoryResponses.regions>>('/api/regions')`.
 */
export type Answer<R, S extends PropertyKey = 200> =
  R extends Record<S, infer T extends z.ZodType> ? Wire<T> : never;
