/** The verify command against a real PostgreSQL server named by a configuration file, as an operator runs it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { auditFields } from './auditRecord.ts';
import { appendToTrail } from './auditTrail.ts';
import { parseVerifyArgs, runVerifyCommand } from './verifyCommand.ts';

describe('npm run audit:verify', () => {
  let database: TestDatabase;
  let admin: OpenDatabase;
  let workDir: string;
  let configFile: string;
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const code = await runVerifyCommand(argv, {}, (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresAdminUrl'), 'verify_command');
    // The application's role creates the tables (and owns them), as at a deployment's first start.
    await (await openDatabase({ kind: 'server', url: database.appUrl })).close();
    admin = await openDatabase({ kind: 'server', url: database.adminUrl });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-verify-'));
    configFile = path.join(workDir, 'passerelle.json');
    const site = { id: 'chu', name: 'CHU', dicomweb: 'http://127.0.0.1:1/dicom-web', issuerOfPatientId: 'CHU', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1' };
    fs.writeFileSync(configFile, JSON.stringify({ sites: [site], database: { url: database.appUrl } }));
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute));
    await appendToTrail(
      admin.db,
      [0, 1, 2].map((minute) => auditFields({ recordedAt: at(minute), user: { id: 'radiologue' }, action: 'search', outcome: 'success', detail: { criteria: { name: 'durand' } } })),
    );
  });
  afterAll(async () => {
    await admin?.close();
    await database?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('prints OK with the count and the head hash, and exits 0', async () => {
    const { code, output } = await run(['--config', configFile]);
    expect(code).toBe(0);
    expect(output).toMatch(/^audit trail OK: 3 records chained from the start of the trail in PostgreSQL at postgres:\/\/passerelle_app@.* head [0-9a-f]{64}$/);
  });

  it('names the first altered record and exits 1', async () => {
    const [, second] = await admin.db.selectFrom('audit_record').select('id').orderBy('id').execute();
    await admin.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_record set detail = '{"criteria":{"name":"martin"}}' where id = ${second!.id}`.execute(trx);
    });
    const { code, output } = await run([`--config=${configFile}`]);
    expect(code).toBe(1);
    expect(output).toContain(`audit trail ALTERED: record ${second!.id}: its content no longer gives its hash`);
  });

  it('says when there is nothing to verify or the arguments are wrong, and exits 2', async () => {
    expect(await run(['--data-dir', path.join(workDir, 'nothing-here')])).toMatchObject({ code: 2, output: expect.stringMatching(/no database in/) });
    expect(parseVerifyArgs(['--config'])).toEqual({ ok: false, error: '--config needs a path' });
    expect(await run(['--port', '1'])).toMatchObject({ code: 2, output: expect.stringMatching(/unknown argument "--port"/) });
  });
});
