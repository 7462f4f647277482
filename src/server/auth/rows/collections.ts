// Which collections a user may see: the federal operator all of them, anyone else those with a
// participant in their scope (they take part in it, or watch it).
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CurrentUser } from '../current-user.js';
import { EVERYTHING } from './filters.js';
import { responsesInScope } from './responses.js';

type CollectionEb = ExpressionBuilder<Database & { c: Database['collections'] }, 'c'>;

/** Collections (aliased `c`) the user may see. */
export function collectionsInScope(user: CurrentUser) {
  return (eb: CollectionEb) =>
    user.role === 'federal'
      ? EVERYTHING
      : eb.exists(
          eb
            .selectFrom('responses as resp')
            .select(sql`1`.as('one'))
            .whereRef('resp.collection_id', '=', 'c.id')
            .where(responsesInScope(user)),
        );
}
