// Writes docs/form-definition.schema.json from the Zod schema (npm run docs:form-schema).
// test/form-schema-doc.test.ts fails when the file is out of date.
import fs from 'node:fs';
import { z } from 'zod';
import { FormDefinitionSchema } from '../src/shared/forms/definition.js';

export function formJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(FormDefinitionSchema, { io: 'input' }), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('form-schema.ts')) {
  fs.writeFileSync('docs/form-definition.schema.json', formJsonSchema());
  console.log('docs/form-definition.schema.json written');
}
