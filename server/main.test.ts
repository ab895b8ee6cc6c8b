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
});
