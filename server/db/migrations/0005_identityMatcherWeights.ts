/**
 * The weights the identity manager's matcher learnt by EM at the end of its last harvest (and the name frequencies
 * that went with them), so that a restarted server matches with them instead of falling back to the calibrated ones.
 * Only the latest estimate is kept, one row per matcher: a link's or a possible match's stored reason already
 * carries the weight of each field that decided it, so a history of estimates would explain nothing more, and the
 * row stays one row however often the harvest runs.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identity_matcher_weights')
    .addColumn('matcher', 'text', (column) => column.primaryKey())
    .addColumn('learnt_at', 'timestamptz', (column) => column.notNull())
    // `em`: estimated from the records; `calibrated`: EM had too few pairs or gave something insane.
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('record_count', 'integer', (column) => column.notNull())
    .addColumn('weights', 'jsonb', (column) => column.notNull())
    // Counts of each normalised name, when enough names were counted for them to adjust a weight; null otherwise.
    .addColumn('name_frequencies', 'jsonb')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('identity_matcher_weights').ifExists().execute();
}
