/**
 * The trail against a real PostgreSQL server (as an ordinary role, with a superuser beside it) and against the
 * embedded PGlite: written batches verify, an edit or a removal made behind the application's back is named,
 * retention keeps the chain verifiable, the auditor's searches find the records, and a trail that cannot be written
 * turns the writer unhealthy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../scripts/testbed/testDatabase.ts';
import type { AppDatabase } from '../db/databaseSchema.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { auditFields, type AuditEntry } from './auditRecord.ts';
import { parseAuditSearch } from './auditSearch.ts';
import { appendToTrail, searchTrail, verifyTrail } from './auditTrail.ts';
import { createAuditWriter } from './auditWriter.ts';
import { applyRetention } from './retention.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-01T10:00:00.000Z');
const view = (daysAgo: number, userId: string, studyUid: string): AuditEntry => ({
  recordedAt: new Date(now.getTime() - daysAgo * DAY),
  user: { id: userId, name: userId, roles: ['clinician'], organisation: 'CHU Dijon' },
  clientAddress: '10.0.0.7',
  action: 'study-view',
  outcome: 'success',
  siteId: 'chu',
  studyUid,
  patient: { id: 'A100001', issuer: 'CHU-VDS', system: 'urn:oid:1.2.250.1.999.1.1' },
});

/** As an administrator: with triggers off for this transaction (superuser only), so the database does not refuse. */
async function behindTheBack(admin: AppDatabase, statement: ReturnType<typeof sql>): Promise<void> {
  await admin.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

interface Backend {
  app: OpenDatabase;
  /** A handle with a superuser's rights over the same database. */
  admin(): AppDatabase;
  /** A handle to the same database that has been closed. */
  closedHandle(): Promise<OpenDatabase>;
  cleanUp(): Promise<void>;
}

function describeTrail(label: string, open: () => Promise<Backend>) {
  describe(`the audit trail (${label})`, () => {
    let backend: Backend;
    let app: OpenDatabase;
    const admin = () => backend.admin();
    beforeAll(async () => {
      backend = await open();
      app = backend.app;
    });
    afterAll(() => backend?.cleanUp());

    it('writes batches through the writer, in one chain that verifies', async () => {
      const writer = createAuditWriter({ append: async (batch) => void (await appendToTrail(app.db, batch)), flushMs: 10, maxBatch: 3 });
      const entries = [view(4000, 'radiologue', '1.2.1'), view(3900, 'medecin', '1.2.2'), view(10, 'radiologue', '1.2.3'), view(2, 'medecin', '1.2.3'), view(1, 'radiologue', '1.2.4')];
      for (const entry of entries) expect(writer.record(auditFields(entry))).toBe(true);
      await writer.close();
      expect(writer.isHealthy()).toBe(false); // closed: it takes nothing more
      expect(await verifyTrail(app.db, 2)).toMatchObject({ ok: true, count: 5, anchor: '0'.repeat(64) });
    });

    it("answers the auditor's searches newest first, as a Bundle of AuditEvents", async () => {
      const search = (query: string) => {
        const parsed = parseAuditSearch(new URLSearchParams(query));
        if (!parsed.ok) throw new Error(parsed.error);
        return searchTrail(app.db, parsed.search, { self: `/audit/AuditEvent?${query}`, base: '/audit' });
      };
      const studies = async (query: string) =>
        ((await search(query)).entry as { resource: { entity: { what: { identifier: { value: string } } }[] } }[]).map(
          (entry) => entry.resource.entity[1]?.what.identifier.value,
        );
      expect(await studies('agent=radiologue')).toEqual(['urn:oid:1.2.4', 'urn:oid:1.2.3', 'urn:oid:1.2.1']);
      expect(await studies('entity=1.2.3')).toEqual(['urn:oid:1.2.3', 'urn:oid:1.2.3']);
      expect(await studies('patient=urn:oid:1.2.250.1.999.1.1|A100001&date=ge2026-05-01&_count=2')).toEqual(['urn:oid:1.2.4', 'urn:oid:1.2.3']);
      expect(await studies('patient=urn:oid:1.2.250.1.999.2.1|A100001')).toEqual([]);
      expect(await studies('agent=medecin&date=le2016-01-01')).toEqual(['urn:oid:1.2.2']);
      expect(await search('agent=medecin&date=lt2015-09-27')).toMatchObject({ resourceType: 'Bundle', type: 'searchset', entry: [] });
    });

    it('names a record edited behind the application, and verifies again once it is put back', async () => {
      const [third] = (await searchTrail(app.db, { entity: '1.2.3', agent: 'radiologue', count: 1 }, { self: '', base: '' })).entry as { resource: { id: string } }[];
      const id = third!.resource.id;
      await behindTheBack(admin(), sql`update audit_record set patient_id = 'B200002' where id = ${id}`);
      const verdict = await verifyTrail(app.db);
      expect(verdict).toMatchObject({ ok: false, count: 2, break: { id, reason: 'content' } });
      if (!verdict.ok) expect(verdict.break.message).toContain(`record ${id}: its content no longer gives its hash`);
      await behindTheBack(admin(), sql`update audit_record set patient_id = 'A100001' where id = ${id}`);
      expect(await verifyTrail(app.db)).toMatchObject({ ok: true, count: 5 });
    });

    it('names the record after one removed behind the application', async () => {
      const ids = (await app.db.selectFrom('audit_record').select('id').orderBy('id').execute()).map((row) => row.id);
      const removed = await app.db.selectFrom('audit_record').selectAll().where('id', '=', ids[1]!).executeTakeFirstOrThrow();
      await behindTheBack(admin(), sql`delete from audit_record where id = ${removed.id}`);
      expect(await verifyTrail(app.db)).toMatchObject({ ok: false, break: { id: ids[2], reason: 'link' } });
      await behindTheBack(
        admin(),
        sql`insert into audit_record select * from jsonb_populate_record(null::audit_record, ${JSON.stringify({ ...removed, recorded_at: removed.recorded_at.toISOString() })}::jsonb)`,
      );
      expect(await verifyTrail(app.db)).toMatchObject({ ok: true, count: 5 });
    });

    it('refuses the application any edit of the trail', async () => {
      await expect(app.db.updateTable('audit_record').set({ user_id: 'someone-else' }).execute()).rejects.toThrow(/append-only/);
      await expect(app.db.deleteFrom('audit_record').execute()).rejects.toThrow(/append-only/);
    });

    it('removes records past retention, records that it did, and the chain still verifies', async () => {
      const { deletedCount, record } = await applyRetention(app.db, { retentionDays: 3650, now });
      expect(deletedCount).toBe(2);
      expect(record).toMatchObject({ action: 'retention', outcome: 'success', detail: { deletedCount: 2, retentionDays: 3650 } });
      const verdict = await verifyTrail(app.db);
      expect(verdict).toMatchObject({ ok: true, count: 4, anchor: record.detail.anchorHash });
      expect(await applyRetention(app.db, { retentionDays: 3650, now })).toMatchObject({ deletedCount: 0 });
      expect(await verifyTrail(app.db)).toMatchObject({ ok: true, count: 5 });
    });

    it('names the first remaining record when records are removed without retention', async () => {
      const first = await app.db.selectFrom('audit_record').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      const second = await app.db.selectFrom('audit_record').select('id').where('id', '>', first.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
      await behindTheBack(admin(), sql`delete from audit_record where id = ${first.id}`);
      expect(await verifyTrail(app.db)).toMatchObject({ ok: false, break: { id: second.id, reason: 'link' } });
    });

    it('turns the writer unhealthy when the trail cannot be written', async () => {
      const closed = await backend.closedHandle();
      const writer = createAuditWriter({ append: async (batch) => void (await appendToTrail(closed.db, batch)), flushMs: 10_000 });
      writer.record(auditFields(view(0, 'radiologue', '1.2.9')));
      await expect(writer.flush()).rejects.toThrow();
      expect(writer.isHealthy()).toBe(false);
    });
  });
}

describeTrail('PostgreSQL server, application role', async () => {
  const database = await createTestDatabase(inject('postgresAdminUrl'), 'audit_trail');
  const app = await openDatabase({ kind: 'server', url: database.appUrl });
  const admin = await openDatabase({ kind: 'server', url: database.adminUrl });
  return {
    app,
    admin: () => admin.db,
    closedHandle: async () => {
      const other = await openDatabase({ kind: 'server', url: database.appUrl });
      await other.close();
      return other;
    },
    cleanUp: async () => {
      await Promise.all([app.close(), admin.close()]);
      await database.drop();
    },
  };
});

describeTrail('embedded PGlite, whose only user is its superuser', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-pglite-'));
  const app = await openDatabase({ kind: 'embedded', dataDir });
  return {
    app,
    admin: () => app.db,
    // The embedded database allows one handle at a time: the closed one is the application's own, in the last test.
    closedHandle: async () => {
      await app.close();
      return app;
    },
    cleanUp: async () => {
      await app.close().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
