// Types for size.mjs (plain JavaScript, run by `npm run size`), for its test.
export type ManifestChunk = {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
export type SizeRow = { key: string; name?: string; file: string; size: number; budget: number };
export const SCHOOL_PAGES: Record<string, string[]>;
export const SCHOOL_BUDGET: number;
export const SCHOOL_FORBIDDEN: string[];
export const CHUNK_BUDGETS: Record<string, number>;
export const DEFAULT_CHUNK_BUDGET: number;
export function checkSizes(
  manifest: Record<string, ManifestChunk>,
  gzipped: (file: string) => number,
): { rows: SizeRow[]; schoolPages: { page: string; rows: SizeRow[]; total: number }[]; problems: string[] };
