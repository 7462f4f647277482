// «Загрузить JSON» and «Скачать JSON». A file is opened in the designer when its structure fits
// (objects and lists where they belong, known types and operators, no unknown fields), even if
// values break the rules: then the designer shows those errors at their fields, to be fixed there.
// A file whose structure does not fit is refused with the exact path of each problem.
import { z } from 'zod';
import { type DefinitionError, formatPath } from '../../../../shared/forms/check-definition.js';
import { COLUMN_TYPES, type FormDefinition, RULE_OPERATORS } from '../../../../shared/forms/definition.js';

const LooseColumn = z.strictObject({
  key: z.string(),
  header: z.string(),
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  scale: z.number().optional(),
  maxLength: z.number().optional(),
  options: z.array(z.strictObject({ value: z.string(), label: z.string() })).optional(),
  sumOf: z.array(z.string()).optional(),
});

const LooseFixedRow = z.strictObject({
  key: z.string(),
  label: z.string(),
  group: z.string().optional(),
  sumOf: z.array(z.string()).optional(),
});

const LooseTable = z.strictObject({
  key: z.string(),
  title: z.string(),
  description: z.string().optional(),
  columns: z.array(LooseColumn),
  rows: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), items: z.array(LooseFixedRow) }),
    z.strictObject({
      kind: z.literal('dynamic'),
      min: z.number().default(0),
      max: z.number().default(100),
    }),
  ]),
});

const Term = z.union([z.string(), z.number()]);

const LooseDefinition = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  tables: z.array(LooseTable),
  rules: z
    .array(
      z.strictObject({
        key: z.string(),
        message: z.string(),
        forEachRow: z.string().optional(),
        left: z.array(Term),
        op: z.enum(RULE_OPERATORS),
        right: z.array(Term),
      }),
    )
    .default([]),
});

export type DefinitionFile =
  | { ok: true; definition: FormDefinition }
  | { ok: false; message: string; errors: DefinitionError[] };

/** The definition in a file's text: the definition itself, or `{ "definition": … }` as the API takes it. */
export function readDefinitionFile(text: string): DefinitionFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const reason = err instanceof Error ? ` (${err.message})` : '';
    return { ok: false, message: `Файл не является корректным JSON${reason}.`, errors: [] };
  }
  const body =
    json && typeof json === 'object' && 'definition' in json && !('tables' in json)
      ? (json as { definition: unknown }).definition
      : json;
  const parsed = LooseDefinition.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Файл не загружен: его структура не соответствует описанию формы (см. docs/FORMS.md).',
      errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  return { ok: true, definition: parsed.data };
}

/** The definition as a file the operator saves (the same JSON the server's download gives). */
export function downloadDefinition(definition: FormDefinition, fileName: string) {
  const blob = new Blob([`${JSON.stringify(definition, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
