/**
 * The identity manager's harvest of the archives (server/identity/harvest): per site, how far it has read (the
 * latest study date seen, a watermark, so that a later run reads only newer studies) and how its last run went.
 * And the indexes a feed's matching needs to stay a handful of index look-ups as records grow: a record's pair
 * decisions and open possible matches are found from either side of the pair.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identity_harvest_site')
    .addColumn('site_id', 'text', (column) => column.primaryKey())
    // The latest Study Date read (DICOM DA, YYYYMMDD); the next run asks for studies from that date on.
    .addColumn('watermark', 'text')
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('studies_read', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('patients_learnt', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('identity_decision_record_b').on('identity_decision').column('record_b').execute();
  await sql`create index identity_possible_match_open_b on identity_possible_match (record_b) where status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identity_possible_match_open_b').ifExists().execute();
  await db.schema.dropIndex('identity_decision_record_b').ifExists().execute();
  await db.schema.dropTable('identity_harvest_site').ifExists().execute();
}
