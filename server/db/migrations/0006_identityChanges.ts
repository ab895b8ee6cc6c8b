/**
 * A change number on each identity record, so that a gateway can keep its cross-reference index (what ITI-83 reads)
 * in memory and bring it up to date with one indexed read of the records changed since it last looked
 * (server/identity/crossReferenceIndex.ts). Triggers set it, so that no writer can forget: any insert or update of
 * a record, and any change of the link that puts it in a person, gives the record the next number.
 *
 * Every identity write holds the manager's advisory lock until it commits (`inIdentityTransaction`), and the number
 * is taken inside it: numbers are committed in order, so a reader that has seen number N has seen every change
 * numbered below it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence identity_change_seq`.execute(db);
  await db.schema.alterTable('identity_record').addColumn('changed_seq', 'bigint', (column) => column.notNull().defaultTo(0)).execute();
  await sql`update identity_record set changed_seq = nextval('identity_change_seq')`.execute(db);
  await db.schema.createIndex('identity_record_changed').on('identity_record').column('changed_seq').execute();
  await sql`
    create function identity_record_numbered() returns trigger language plpgsql as $$
    begin
      new.changed_seq := nextval('identity_change_seq');
      return new;
    end $$`.execute(db);
  await sql`
    create trigger identity_record_numbered before insert or update on identity_record
    for each row execute function identity_record_numbered()`.execute(db);
  await sql`
    create function identity_link_numbered() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        update identity_record set changed_seq = 0 where id = new.record_id;
      end if;
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.record_id <> new.record_id) then
        update identity_record set changed_seq = 0 where id = old.record_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger identity_link_numbered after insert or update or delete on identity_link
    for each row execute function identity_link_numbered()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists identity_link_numbered on identity_link`.execute(db);
  await sql`drop function if exists identity_link_numbered()`.execute(db);
  await sql`drop trigger if exists identity_record_numbered on identity_record`.execute(db);
  await sql`drop function if exists identity_record_numbered()`.execute(db);
  await db.schema.dropIndex('identity_record_changed').ifExists().execute();
  await db.schema.alterTable('identity_record').dropColumn('changed_seq').execute();
  await sql`drop sequence if exists identity_change_seq`.execute(db);
}
