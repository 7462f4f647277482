// The form definition model (docs/PRODUCT.md "Forms"): tables of typed columns, fixed or dynamic rows,
// computed sums, and cross-cell rules. This Zod schema is the single source: the server validates
// uploads with it, the browser renders from it, and docs/FORMS.md shows its JSON Schema.
import { z } from 'zod';

const Key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Ключ: латинские строчные буквы, цифры и «_», с буквы, до 40 символов.');
const Label = z.string().trim().min(1).max(300);

export const COLUMN_TYPES = ['integer', 'decimal', 'text', 'choice', 'date', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const ColumnSchema = z.strictObject({
  key: Key,
  header: Label,
  type: z.enum(COLUMN_TYPES),
  required: z.boolean().optional(),
  /** integer and decimal only */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** decimal only: digits after the point (default 2) */
  scale: z.number().int().min(0).max(6).optional(),
  /** text only (default 1000) */
  maxLength: z.number().int().min(1).max(10_000).optional(),
  /** choice only */
  options: z
    .array(z.strictObject({ value: z.string().min(1).max(100), label: Label }))
    .max(200)
    .optional(),
  /** A read-only column whose cell in each row is the sum of these columns of the same row. */
  sumOf: z.array(Key).min(1).max(100).optional(),
});
export type Column = z.infer<typeof ColumnSchema>;

export const FixedRowSchema = z.strictObject({
  key: Key,
  label: Label,
  /** Rows sharing a group are shown under one group heading. */
  group: z.string().trim().min(1).max(300).optional(),
  /** A read-only row whose cell in each numeric column is the sum of these rows. */
  sumOf: z.array(Key).min(1).max(200).optional(),
});
export type FixedRow = z.infer<typeof FixedRowSchema>;

export const TableSchema = z.strictObject({
  key: Key,
  title: Label,
  description: z.string().max(2000).optional(),
  columns: z.array(ColumnSchema).min(1).max(50),
  rows: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), items: z.array(FixedRowSchema).min(1).max(500) }),
    z.strictObject({
      kind: z.literal('dynamic'),
      min: z.number().int().min(0).max(1000).default(0),
      max: z.number().int().min(1).max(1000).default(100),
    }),
  ]),
});
export type Table = z.infer<typeof TableSchema>;

export const RULE_OPERATORS = ['>=', '<=', '=', '>', '<', '!='] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/**
 * A term is a cell reference "table.row.column" or a number. In a rule with `forEachRow`, the row
 * part may be "$row": the rule is then checked in every row of that table.
 */
export const TermSchema = z.union([z.string().min(3).max(130), z.number().finite()]);

export const RuleSchema = z.strictObject({
  key: Key,
  /** Shown to the user when the rule fails, e.g. «Строка 1 должна быть не меньше суммы строк 1.1–1.3». */
  message: z.string().trim().min(1).max(500),
  forEachRow: Key.optional(),
  /** Each side is the sum of its terms; an empty cell counts as 0. */
  left: z.array(TermSchema).min(1).max(200),
  op: z.enum(RULE_OPERATORS),
  right: z.array(TermSchema).min(1).max(200),
});
export type Rule = z.infer<typeof RuleSchema>;

export const FormDefinitionSchema = z.strictObject({
  title: Label,
  description: z.string().max(5000).optional(),
  tables: z.array(TableSchema).min(1).max(30),
  rules: z.array(RuleSchema).max(500).default([]),
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof FormDefinitionSchema>;
