// What the form endpoints answer (src/server/forms/routes.ts, docs/API.md "Forms").
import { z } from 'zod';
import type { FormDefinition } from '../forms/definition.js';
import { binaryFile, FieldError, Rows, responses, Timestamp, type Wire } from './common.js';

/** A definition as stored: checked when it was saved, sent back as it is. */
export const StoredDefinition = z.custom<FormDefinition>();

/** GET /api/forms: one row per version, newest form first. */
export const FormVersionRow = z.object({
  formId: z.number(),
  title: z.string(),
  /** The version's id. */
  id: z.number(),
  version: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** A collection uses it: it can no longer change. */
  frozen: z.boolean(),
  collections: z.number(),
});
export type FormVersionRow = Wire<typeof FormVersionRow>;

/** GET /api/form-versions/:id */
export const FormVersionDetails = z.object({
  id: z.number(),
  formId: z.number(),
  formTitle: z.string(),
  version: z.number(),
  definition: StoredDefinition,
  updatedAt: Timestamp,
  frozen: z.boolean(),
});
export type FormVersionDetails = Wire<typeof FormVersionDetails>;

/** POST /api/forms and POST /api/forms/:id/versions */
export const SavedVersion = z.object({ formId: z.number(), versionId: z.number(), version: z.number() });
export type SavedVersion = Wire<typeof SavedVersion>;

/** POST /api/forms/check */
export const DefinitionCheck = z.object({ ok: z.boolean(), errors: z.array(FieldError) });

/** GET /api/forms/schema.json: a JSON Schema, itself any JSON object. */
export const JsonSchemaDocument = z.record(z.string(), z.unknown());

export const formResponses = {
  jsonSchema: responses({ 200: JsonSchemaDocument }),
  list: responses({ 200: Rows(FormVersionRow) }),
  check: responses({ 200: DefinitionCheck }),
  saved: responses({ 201: SavedVersion }),
  version: responses({ 200: FormVersionDetails }),
  /** The definition as a .json attachment, written by the route itself. */
  download: responses({ 200: binaryFile('application/json; charset=utf-8') }),
};
