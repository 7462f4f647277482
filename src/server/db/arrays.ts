// A list of values as one array parameter: `column = any($1::text[])`. Kysely's `in` spends one
// parameter per value, and PostgreSQL takes at most 65,535 a statement, so any list a request can
// make long (codes, keys) goes through these instead.
import { sql } from 'kysely';

export const anyText = <T extends string>(values: readonly T[]) => sql<T>`any(${values}::text[])`;
export const anyInt = (values: readonly number[]) => sql<number>`any(${values}::int[])`;
