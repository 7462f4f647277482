// The JSON Schema in docs/ is the one the code publishes at /api/forms/schema.json.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { formJsonSchema } from '../scripts/form-schema.js';

it('docs/form-definition.schema.json is up to date (npx tsx scripts/form-schema.ts)', () => {
  expect(fs.readFileSync('docs/form-definition.schema.json', 'utf8')).toBe(formJsonSchema());
});
