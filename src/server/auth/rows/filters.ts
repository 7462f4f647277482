// What every row filter answers when a user's scope is everything or nothing.
import { sql } from 'kysely';

export const NOTHING = sql<boolean>`false`;
export const EVERYTHING = sql<boolean>`true`;
