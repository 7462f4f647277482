// What the form endpoints answer (docs/API.md, "Forms").
import type { FormDefinition } from '../../../shared/forms/definition.js';

/** GET /api/forms: one row per version, newest form first. */
export type FormVersionRow = {
  formId: number;
  title: string;
  /** The version's id. */
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A collection uses it: it can no longer change. */
  frozen: boolean;
  collections: number;
};

/** GET /api/form-versions/:id */
export type FormVersionDetails = {
  id: number;
  formId: number;
  formTitle: string;
  version: number;
  definition: FormDefinition;
  frozen: boolean;
};

/** POST /api/forms and POST /api/forms/:id/versions */
export type SavedVersion = { formId: number; versionId: number; version: number };
