// Request inputs for the API fuzzer (test/security/fuzz.test.ts), made by fast-check from each
// route's own Zod schemas: values the schema accepts, and the same values with one field made
// hostile (NUL, lone surrogates, a million characters, huge and negative numbers, wrong types,
// deep nesting, __proto__). The schemas are read as JSON Schema (z.toJSONSchema), which says
// everything a generator needs: types, lengths, patterns, bounds, enums, required keys.
import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
};

/** The JSON Schema of a Zod schema as a client must send it (before transforms and defaults). */
export function jsonSchemaOf(zodSchema: unknown): JsonSchema | undefined {
  if (!(zodSchema instanceof z.ZodType)) return undefined;
  return z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const MAX_GENERATED_ITEMS = 5;

/** Values the schema describes (most of them valid; patterns fast-check cannot follow fall back to text). */
export function valid(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(valid));
  if (schema.allOf?.[0]) return valid(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return objectOf(schema);
    case 'array':
      return fc.array(valid(schema.items), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(
          schema.maxItems ?? MAX_GENERATED_ITEMS,
          Math.max(schema.minItems ?? 0, MAX_GENERATED_ITEMS),
        ),
      });
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number':
      return numberOf(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectOf(schema: JsonSchema) {
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties ?? {});
  const shape = Object.fromEntries(keys.map((k) => [k, valid(schema.properties?.[k])]));
  return fc.record(shape, { requiredKeys: keys.filter((k) => required.has(k)) });
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'uuid') return fc.uuid();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
    } catch {
      // A pattern fast-check cannot generate from: plain text, which the route will refuse.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1e6 : schema.exclusiveMinimum + 1);
  const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1e6 : schema.exclusiveMaximum - 1);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values no route should ever answer with a 5xx, whatever field they land in. */
export const HOSTILE_VALUES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    '\uD800',
    'x\uDFFFy',
    'a'.repeat(1_000_000),
    '9'.repeat(400),
    '-1',
    '1e400',
    '__proto__',
    "'; DROP TABLE users; --",
    '../../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '\u202Eevil',
    '',
    ' ',
    1e308,
    -1e308,
    -1,
    0,
    -0,
    2 ** 31,
    2 ** 53,
    -(2 ** 63),
    1.5,
    true,
    false,
    null,
    [],
    {},
    [null],
    { a: 1 },
  ),
  fc.anything({ maxDepth: 3 }),
);

/** A value with one of its fields (at any depth) replaced by a hostile value, or the whole of it. */
export function mutated(value: unknown): fc.Arbitrary<unknown> {
  const paths = fieldPaths(value);
  return fc.tuple(fc.constantFrom<string[]>([], ...paths), HOSTILE_VALUES).map(([path, hostile]) => {
    if (path.length === 0) return hostile;
    const copy = structuredClone(value) as Record<string, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[path[path.length - 1] as string] = hostile;
    return copy;
  });
}

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(value)) {
    out.push([...prefix, k]);
    out.push(...fieldPaths(v, [...prefix, k]));
  }
  return out;
}

/** JSON texts JSON.stringify would never write: prototype pollution, deep nesting, odd numbers. */
export const HOSTILE_JSON_TEXTS = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  '{"a":1e99999}',
  '{"a":-0}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"a":1,"a":2}',
  '[]',
  '"text"',
  'null',
  '123',
  '',
  '{',
  '\uFEFF{}',
];
