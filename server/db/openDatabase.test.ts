/**
 * Against a real PostgreSQL server (started by the Vitest global setup), as an ordinary role, and against the
 * embedded PGlite: the migrations apply, once, and the trail's tables refuse changes at the database level.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { DatabaseTarget } from './databaseTarget.ts';
import { migrations } from './migrate.ts';
import { openDatabase, type OpenDatabase } from './openDatabase.ts';

const GENESIS = '0'.repeat(64);

function describeDatabase(label: string, makeTarget: () => Promise<{ target: DatabaseTarget; cleanUp(): Promise<void> }>) {
  describe(`the database (${label})`, () => {
    let target: DatabaseTarget;
    let cleanUp: () => Promise<void>;
    let opened: OpenDatabase;
    beforeAll(async () => {
      ({ target, cleanUp } = await makeTarget());
      opened = await openDatabase(target);
    });
    afterAll(async () => {
      await opened?.close();
      await cleanUp?.();
    });

    it('applies every migration in order, and none again on the next start', async () => {
      const applied = await opened.db
        .selectFrom('kysely_migration' as never)
        .select(sql<string>`name`.as('name'))
        .orderBy(sql`name`)
        .execute();
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations));
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
        where table_schema = 'public' and table_name in ('audit_record', 'audit_checkpoint', 'session') order by table_name`.execute(opened.db);
      expect(tables.rows.map((row) => row.table_name)).toEqual(['audit_checkpoint', 'audit_record', 'session']);
    });

    it('refuses to update, delete or truncate audit records, and to change checkpoints', async () => {
      const inserted = await opened.db
        .insertInto('audit_record')
        .values({ recorded_at: new Date(), roles: ['clinician'], action: 'study-view', outcome: 'success', detail: '{}', prev_hash: GENESIS, hash: 'a'.repeat(64) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await expect(opened.db.updateTable('audit_record').set({ outcome: 'denied' }).where('id', '=', inserted.id).execute()).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(opened.db.deleteFrom('audit_record').where('id', '=', inserted.id).execute()).rejects.toThrow(/append-only: DELETE refused/);
      await expect(sql`truncate audit_record`.execute(opened.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
      await opened.db
        .insertInto('audit_checkpoint')
        .values({ cutoff: new Date(), last_deleted_id: '0', deleted_count: '0', anchor_hash: GENESIS })
        .execute();
      await expect(opened.db.deleteFrom('audit_checkpoint').execute()).rejects.toThrow(/audit_checkpoint is append-only/);
      const count = await opened.db.selectFrom('audit_record').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('opens again over the same data without migrating twice', async () => {
      await opened.close();
      opened = await openDatabase(target);
      const count = await opened.db.selectFrom('audit_record').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });
  });
}

describeDatabase('PostgreSQL server, application role', async () => {
  const database: TestDatabase = await createTestDatabase(inject('postgresAdminUrl'), 'open_database');
  return { target: { kind: 'server', url: database.appUrl }, cleanUp: () => database.drop() };
});

describeDatabase('embedded PGlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-pglite-'));
  return { target: { kind: 'embedded', dataDir }, cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
