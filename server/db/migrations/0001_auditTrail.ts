/**
 * The audit trail: `audit_record`, append-only and hash-chained, and `audit_checkpoint`, where each retention run
 * leaves the hash the remaining chain starts from.
 *
 * Append-only is enforced by the database itself, not only by the application: a trigger refuses every UPDATE and
 * TRUNCATE, and every DELETE except of records up to one that a checkpoint written in the same transaction names
 * (which only `audit_retain()` does). Checkpoints are refused any change at all. A superuser can still bypass
 * triggers; the hash chain is what shows such an edit (see server/audit/hashChain.ts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_record')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('roles', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn('organisation', 'text')
    .addColumn('client_address', 'text')
    .addColumn('action', 'text', (column) => column.notNull().check(sql`action ~ '^[a-z]+(-[a-z]+)*$'`))
    .addColumn('outcome', 'text', (column) => column.notNull().check(sql`outcome in ('success', 'denied', 'failed')`))
    .addColumn('site_id', 'text')
    .addColumn('study_uid', 'text')
    .addColumn('patient_id', 'text')
    .addColumn('patient_issuer', 'text')
    .addColumn('patient_system', 'text')
    .addColumn('detail', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('prev_hash', 'text', (column) => column.notNull().check(sql`prev_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('hash', 'text', (column) => column.notNull().check(sql`hash ~ '^[0-9a-f]{64}$'`))
    .execute();
  // The auditor's searches: by time (newest first), by user, by patient, by study.
  await db.schema.createIndex('audit_record_recorded_at').on('audit_record').column('recorded_at').execute();
  await db.schema.createIndex('audit_record_user').on('audit_record').column('user_id').execute();
  await db.schema.createIndex('audit_record_patient').on('audit_record').columns(['patient_system', 'patient_id']).execute();
  await db.schema.createIndex('audit_record_study').on('audit_record').column('study_uid').execute();

  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('cutoff', 'timestamptz', (column) => column.notNull())
    .addColumn('last_deleted_id', 'bigint', (column) => column.notNull())
    .addColumn('deleted_count', 'bigint', (column) => column.notNull())
    .addColumn('anchor_hash', 'text', (column) => column.notNull().check(sql`anchor_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_txid', 'bigint', (column) => column.notNull().defaultTo(sql`txid_current()`))
    .execute();

  await sql`
    create function audit_record_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and exists (
        select 1 from audit_checkpoint c where c.created_txid = txid_current() and old.id <= c.last_deleted_id
      ) then
        return old;
      end if;
      raise exception 'audit_record is append-only: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_record_no_update before update or delete on audit_record
    for each row execute function audit_record_guard()`.execute(db);
  await sql`create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_guard()`.execute(db);

  await sql`
    create function audit_checkpoint_guard() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_checkpoint is append-only: % refused', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_checkpoint_no_change before update or delete on audit_checkpoint
    for each row execute function audit_checkpoint_guard()`.execute(db);
  await sql`create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_checkpoint_guard()`.execute(db);

  // The only way records leave the trail: the oldest ones, up to the last one before the first record recorded at or
  // after `cutoff`, after a checkpoint that keeps the hash the next record chains from. Serialised with the writers
  // by the same advisory lock. The caller appends a record of the run in the same transaction.
  await sql`
    create function audit_retain(cutoff timestamptz, out deleted_count bigint, out anchor_hash text, out last_deleted_id bigint)
    language plpgsql as $$
    declare
      first_kept bigint;
    begin
      perform pg_advisory_xact_lock(hashtext('passerelle.audit_record'));
      select min(r.id) into first_kept from audit_record r where r.recorded_at >= cutoff;
      select r.id, r.hash into last_deleted_id, anchor_hash from audit_record r
        where first_kept is null or r.id < first_kept order by r.id desc limit 1;
      if last_deleted_id is null then
        deleted_count := 0;
        return;
      end if;
      select count(*) into deleted_count from audit_record r where r.id <= last_deleted_id;
      insert into audit_checkpoint (cutoff, last_deleted_id, deleted_count, anchor_hash)
        values (cutoff, last_deleted_id, deleted_count, anchor_hash);
      delete from audit_record r where r.id <= last_deleted_id;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists audit_retain(timestamptz)`.execute(db);
  await db.schema.dropTable('audit_checkpoint').ifExists().execute();
  await db.schema.dropTable('audit_record').ifExists().execute();
  await sql`drop function if exists audit_checkpoint_guard()`.execute(db);
  await sql`drop function if exists audit_record_guard()`.execute(db);
}
