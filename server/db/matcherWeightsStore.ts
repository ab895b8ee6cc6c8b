/**
 * The latest weights each matcher learnt (migration 0005): written at the end of a harvest run, read at the
 * identity manager's start. One row per matcher, replaced by each new estimate.
 */
import type { JsonObject } from './databaseSchema.ts';
import type { IdentityDb } from './identityStore.ts';

export interface StoredMatcherWeights {
  matcher: string;
  learntAt: Date;
  source: 'em' | 'calibrated';
  /** The live records EM read. */
  recordCount: number;
  weights: JsonObject;
  nameFrequencies: JsonObject | null;
}

export async function saveMatcherWeights(db: IdentityDb, row: StoredMatcherWeights): Promise<void> {
  const values = {
    learnt_at: row.learntAt,
    source: row.source,
    record_count: row.recordCount,
    weights: JSON.stringify(row.weights),
    name_frequencies: row.nameFrequencies === null ? null : JSON.stringify(row.nameFrequencies),
  };
  await db
    .insertInto('identity_matcher_weights')
    .values({ matcher: row.matcher, ...values })
    .onConflict((conflict) => conflict.column('matcher').doUpdateSet(values))
    .execute();
}

export async function latestMatcherWeights(db: IdentityDb, matcher: string): Promise<StoredMatcherWeights | undefined> {
  const row = await db.selectFrom('identity_matcher_weights').selectAll().where('matcher', '=', matcher).executeTakeFirst();
  if (!row) return undefined;
  return {
    matcher: row.matcher,
    learntAt: row.learnt_at,
    source: row.source === 'em' ? 'em' : 'calibrated',
    recordCount: row.record_count,
    weights: row.weights,
    nameFrequencies: row.name_frequencies,
  };
}
