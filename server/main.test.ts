import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function start(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

describe('npm start with a configuration file', () => {
  it('stops with a non-zero exit naming the faulty field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-config-'));
    const file = path.join(dir, 'bad.json');
    const site = { id: 'a', name: 'A', dicomweb: 'http://127.0.0.1:1/dicom-web', issuerOfPatientId: 'A', patientIdSystem: 'urn:oid:1' };
    fs.writeFileSync(file, JSON.stringify({ sites: [site, { ...site, id: 'b', issuerOfPatientId: 'B', patientIdSystem: 'urn:oid:2', dicomweb: 'file:///etc' }] }));
    const run = start(['--config', file, '--port', '0']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('sites[1].dicomweb: must be an http(s) URL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops when the file does not exist, and on unknown arguments', () => {
    const missing = start(['--config', '/nonexistent/passerelle.json']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('cannot read /nonexistent/passerelle.json');
    const unknown = start(['--bogus']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('unknown argument "--bogus"');
  });

  it('refuses a non-loopback --host without auth, naming auth, and auth without its client secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-config-'));
    const file = path.join(dir, 'open.json');
    const site = { id: 'a', name: 'A', dicomweb: 'http://127.0.0.1:1/dicom-web', issuerOfPatientId: 'A', patientIdSystem: 'urn:oid:1' };
    fs.writeFileSync(file, JSON.stringify({ sites: [site] }));
    const open = start(['--config', file, '--host', '0.0.0.0', '--port', '0']);
    expect(open.status).not.toBe(0);
    expect(open.stderr).toMatch(/--host 0\.0\.0\.0 .*auth/);
    const withAuth = path.join(dir, 'auth.json');
    fs.writeFileSync(withAuth, JSON.stringify({ sites: [site], auth: { issuer: 'https://idp.example/realms/x', clientId: 'passerelle', clientSecretEnv: 'PASSERELLE_TEST_UNSET_SECRET' } }));
    const unset = start(['--config', withAuth, '--port', '0']);
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toContain('auth.clientSecretEnv: the environment variable PASSERELLE_TEST_UNSET_SECRET is not set');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
