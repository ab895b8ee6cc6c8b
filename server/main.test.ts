import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function start(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000, env });
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

  it('stops with a non-zero exit naming the field and the variable when a credential\'s secret is missing, never its value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-config-'));
    const file = path.join(dir, 'credentials.json');
    const credentials = { type: 'basic', usernameEnv: 'SYNTH_ARCHIVE_USER', passwordEnv: 'SYNTH_ARCHIVE_PASSWORD' };
    const site = { id: 'a', name: 'A', dicomweb: 'http://127.0.0.1:1/dicom-web', issuerOfPatientId: 'A', patientIdSystem: 'urn:oid:1', credentials };
    fs.writeFileSync(file, JSON.stringify({ sites: [site], identity: { pixm: 'http://127.0.0.1:1/fhir', credentials: { type: 'bearer', tokenFile: 'pix.token' } } }));
    const env: NodeJS.ProcessEnv = { ...process.env, SYNTH_ARCHIVE_USER: 'synthetic-user-value' };
    delete env.SYNTH_ARCHIVE_PASSWORD;
    const run = start(['--config', file, '--port', '0'], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('sites[0].credentials.passwordEnv: the environment variable SYNTH_ARCHIVE_PASSWORD is not set');
    expect(run.stderr).toContain(`identity.credentials.tokenFile: cannot read ${path.join(dir, 'pix.token')} (ENOENT)`);
    expect(run.stdout + run.stderr).not.toContain('synthetic-user-value');
      fs.rmSync(dir, { recursive: true, force: true });
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
