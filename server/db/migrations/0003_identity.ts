/**
 * The identity cross-reference manager (contract §6): each site's patient records as fed (ITI-104) or learnt,
 * persons grouping the records of one real patient, the links that put a record in a person (with why and whether
 * a person or the matcher made it), the matcher's blocking keys, possible matches waiting for review, the decisions
 * of identity officers, and each person's history.
 *
 * A record is never removed: a deletion or a merge marks it (`deleted`, `replaced_by`), so that history and audit
 * keep pointing at something. Dates of birth are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` text, as FHIR gives them, so
 * that a partial date is kept as partial and compares as text.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('identity_person')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('identity_record')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('system', 'text', (column) => column.notNull())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('birth_name', 'text')
    .addColumn('used_name', 'text')
    .addColumn('given_names', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn('birth_date', 'text', (column) => column.check(sql`birth_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'`))
    .addColumn('sex', 'text', (column) => column.check(sql`sex in ('male', 'female', 'other', 'unknown')`))
    .addColumn('ins_system', 'text')
    .addColumn('ins_value', 'text')
    // Lower case, without accents, hyphens or apostrophes: what PDQm's default string search compares.
    .addColumn('search_names', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn('search_given', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn('source_site', 'text')
    .addColumn('resource', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('replaced_by', 'bigint', (column) => column.references('identity_record.id'))
    .addUniqueConstraint('identity_record_identifier', ['system', 'value'])
    .execute();
  await db.schema.createIndex('identity_record_ins').on('identity_record').columns(['ins_value', 'ins_system']).execute();
  await db.schema.createIndex('identity_record_birth_date').on('identity_record').column('birth_date').execute();
  await sql`create index identity_record_search_names on identity_record using gin (search_names)`.execute(db);

  // A record belongs to at most one person at a time; the link says why and who made it.
  await db.schema
    .createTable('identity_link')
    .addColumn('record_id', 'bigint', (column) => column.primaryKey().references('identity_record.id'))
    .addColumn('person_id', 'bigint', (column) => column.notNull().references('identity_person.id'))
    .addColumn('origin', 'text', (column) => column.notNull().check(sql`origin in ('automatic', 'human')`))
    .addColumn('reason', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('linked_at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('identity_link_person').on('identity_link').column('person_id').execute();

  // The keys under which the matcher wants a record found (blocking): records sharing one are compared.
  await db.schema
    .createTable('identity_blocking_key')
    .addColumn('record_id', 'bigint', (column) => column.notNull().references('identity_record.id'))
    .addColumn('key', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('identity_blocking_key_pk', ['record_id', 'key'])
    .execute();
  await db.schema.createIndex('identity_blocking_key_key').on('identity_blocking_key').column('key').execute();

  // A pair the matcher could not decide: waits for an identity officer. Stored with the lower record id first.
  await db.schema
    .createTable('identity_possible_match')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('record_a', 'bigint', (column) => column.notNull().references('identity_record.id'))
    .addColumn('record_b', 'bigint', (column) => column.notNull().references('identity_record.id'))
    .addColumn('reason', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('open', 'decided', 'withdrawn')`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('identity_possible_match_order', sql`record_a < record_b`)
    .execute();
  await sql`create unique index identity_possible_match_open on identity_possible_match (record_a, record_b) where status = 'open'`.execute(db);

  // What a person decided, about a pair of records or about a person as a whole: the matcher reads these, never rewrites them.
  await db.schema
    .createTable('identity_decision')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('record_a', 'bigint', (column) => column.references('identity_record.id'))
    .addColumn('record_b', 'bigint', (column) => column.references('identity_record.id'))
    .addColumn('person_id', 'bigint', (column) => column.references('identity_person.id'))
    .addColumn('choice', 'text', (column) => column.notNull().check(sql`choice in ('link', 'not-same', 'later', 'unlink')`))
    .addColumn('comment', 'text')
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('user_name', 'text')
    .addColumn('decided_at', 'timestamptz', (column) => column.notNull())
    .addCheckConstraint(
      'identity_decision_subject',
      sql`(record_a is not null and record_b is not null and record_a < record_b and person_id is null) or (record_a is null and record_b is null and person_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('identity_decision_pair').on('identity_decision').columns(['record_a', 'record_b']).execute();
  await db.schema.createIndex('identity_decision_person').on('identity_decision').column('person_id').execute();

  await db.schema
    .createTable('identity_person_history')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('person_id', 'bigint', (column) => column.notNull().references('identity_person.id'))
    .addColumn('at', 'timestamptz', (column) => column.notNull())
    .addColumn('event', 'text', (column) => column.notNull())
    .addColumn('record_id', 'bigint', (column) => column.references('identity_record.id'))
    .addColumn('actor', 'text')
    .addColumn('detail', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('identity_person_history_person').on('identity_person_history').columns(['person_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['identity_person_history', 'identity_decision', 'identity_possible_match', 'identity_blocking_key', 'identity_link', 'identity_record', 'identity_person']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
