/** The trail as the gateway will use it, against a real PostgreSQL server. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { searchTrail, verifyTrail } from './auditTrail.ts';
import { startAuditTrail } from './startAuditTrail.ts';

describe('startAuditTrail', () => {
  let database: TestDatabase;
  let opened: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresAdminUrl'), 'start_audit_trail');
    opened = await openDatabase({ kind: 'server', url: database.appUrl });
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  const user = { id: 'radiologue', name: 'Dr Martin', roles: ['clinician'] };
  const view = (minute: number, studyUid = '1.2.3') => ({
    at: new Date(Date.UTC(2026, 5, 1, 10, minute)),
    user,
    clientAddress: '10.0.0.7',
    siteId: 'chu',
    studyUid,
    patient: { id: 'A100001', issuer: 'CHU-VDS', system: 'urn:oid:1.2.250.1.999.1.1' },
  });

  it('writes one record per viewing and every refusal, runs retention at start, and the chain verifies', async () => {
    const trail = startAuditTrail(opened.db, { flushMs: 10 });
    for (const minute of [0, 1, 2, 3]) expect(trail.recordView(view(minute))).toBe(true);
    expect(trail.recordView(view(40))).toBe(true);
    expect(trail.recordView(view(5, '1.2.4'))).toBe(true);
    expect(trail.record({ recordedAt: new Date(Date.UTC(2026, 5, 1, 10, 6)), clientAddress: '192.0.2.1', action: 'study-view', outcome: 'denied', siteId: 'chu', studyUid: '1.2.3', detail: { reason: 'not signed in' } })).toBe(true);
    await trail.close();
    const bundle = await searchTrail(opened.db, { entity: '1.2.3', count: 10 }, { self: '', base: '' });
    expect((bundle.entry as { resource: { outcome: string; recorded: string } }[]).map((entry) => [entry.resource.recorded, entry.resource.outcome])).toEqual([
      ['2026-06-01T10:40:00.000Z', '0'],
      ['2026-06-01T10:06:00.000Z', '4'],
      ['2026-06-01T10:00:00.000Z', '0'],
    ]);
    const retention = await opened.db.selectFrom('audit_record').select('action').where('action', '=', 'retention').execute();
    expect(retention).toHaveLength(1);
    expect(await verifyTrail(opened.db)).toMatchObject({ ok: true, count: 5 });
  });

  it('refuses new views once the trail cannot be written', async () => {
    const closed = await openDatabase({ kind: 'server', url: database.appUrl });
    await closed.close();
    const lines: string[] = [];
    const trail = startAuditTrail(closed.db, { retentionEveryMs: null, flushMs: 5, log: (line) => lines.push(line) });
    expect(trail.recordView(view(0, '1.2.9'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(trail.isHealthy()).toBe(false);
    expect(trail.recordView(view(1, '1.2.10'))).toBe(false);
    expect(lines[0]).toMatch(/^audit trail: cannot write .*new views are refused until it can$/);
    await expect(trail.close()).rejects.toThrow();
  });
});
