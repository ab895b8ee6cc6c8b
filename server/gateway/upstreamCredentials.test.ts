import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRuntimeConfig, type RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { resolveUpstreamCredentials } from './upstreamCredentials.ts';

const SECRET = 'Zx9-synthetic-secret';

function configWith(credentials: unknown, identityCredentials?: unknown): RuntimeConfig {
  const result = validateRuntimeConfig({
    sites: [
      { id: 'chu', name: 'CHU', dicomweb: 'http://127.0.0.1:1/dicom-web', issuerOfPatientId: 'CHU', patientIdSystem: 'urn:oid:1.1', credentials },
      { id: 'cgfl', name: 'CGFL', dicomweb: 'http://127.0.0.1:2/dicom-web', issuerOfPatientId: 'CGFL', patientIdSystem: 'urn:oid:1.2' },
    ],
    identity: { pixm: 'http://127.0.0.1:3/fhir', ...(identityCredentials ? { credentials: identityCredentials } : {}) },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

describe('upstream credentials, read at start', () => {
  it('reads basic credentials from the environment, only for the site that names them', () => {
    const config = configWith({ type: 'basic', usernameEnv: 'CHU_USER', passwordEnv: 'CHU_PASSWORD' }, { type: 'bearer', tokenEnv: 'PIX_TOKEN' });
    const result = resolveUpstreamCredentials(config, { env: { CHU_USER: 'passerelle', CHU_PASSWORD: SECRET, PIX_TOKEN: 'pix-token' }, baseDir: '/' });
    expect(result).toEqual({
      ok: true,
      credentials: {
        sites: new Map([['chu', { type: 'basic', username: 'passerelle', password: SECRET }]]),
        identity: { type: 'bearer', token: 'pix-token' },
      },
    });
  });

  it('reads files relative to the configuration folder, dropping one final line break', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-secrets-'));
    fs.writeFileSync(path.join(dir, 'chu.token'), `${SECRET}\n`);
    fs.writeFileSync(path.join(dir, 'client.secret'), SECRET);
    try {
      const bearer = resolveUpstreamCredentials(configWith({ type: 'bearer', tokenFile: 'chu.token' }), { env: {}, baseDir: dir });
      expect(bearer.ok && bearer.credentials.sites.get('chu')).toEqual({ type: 'bearer', token: SECRET });
      const client = resolveUpstreamCredentials(
        configWith({ type: 'client-credentials', clientId: 'passerelle', clientSecretFile: path.join(dir, 'client.secret'), scope: 'dicomweb', tokenUrl: 'http://127.0.0.1:9/token' }),
        { env: {}, baseDir: '/elsewhere' },
      );
      expect(client.ok && client.credentials.sites.get('chu')).toEqual({
        type: 'client-credentials',
        clientId: 'passerelle',
        clientSecret: SECRET,
        scope: 'dicomweb',
        tokenUrl: 'http://127.0.0.1:9/token',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing variable or file, naming the field and the variable or file, never a value', () => {
    const config = configWith({ type: 'basic', usernameEnv: 'CHU_USER', passwordEnv: 'CHU_PASSWORD' }, { type: 'bearer', tokenFile: 'missing.token' });
    const result = resolveUpstreamCredentials(config, { env: { CHU_USER: SECRET }, baseDir: '/nonexistent' });
    expect(result).toEqual({
      ok: false,
      errors: [
        'sites[0].credentials.passwordEnv: the environment variable CHU_PASSWORD is not set',
        'identity.credentials.tokenFile: cannot read /nonexistent/missing.token (ENOENT)',
      ],
    });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('refuses empty values, values that would break a header, and a Basic username with a colon', () => {
    const refused = (env: Record<string, string>) => {
      const result = resolveUpstreamCredentials(configWith({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' }), { env, baseDir: '/' });
      expect(JSON.stringify(result)).not.toContain(SECRET);
      return result.ok ? [] : result.errors;
    };
    expect(refused({ U: 'passerelle', P: '' })).toEqual(['sites[0].credentials.passwordEnv: the environment variable P is empty']);
    expect(refused({ U: 'passerelle', P: `${SECRET}\r\nX-Injected: 1` })).toEqual([
      'sites[0].credentials.passwordEnv: the environment variable P holds a line break or another control character',
    ]);
    expect(refused({ U: `a:${SECRET}`, P: 'x' })).toEqual([
      'sites[0].credentials.usernameEnv: the username contains ":", which HTTP Basic authentication cannot carry (RFC 7617)',
    ]);
  });

  it('gives client credentials without tokenUrl the issuer of auth to discover the token endpoint from', () => {
    const result = validateRuntimeConfig({
      sites: [
        {
          id: 'chu',
          name: 'CHU',
          dicomweb: 'http://127.0.0.1:1/dicom-web',
          issuerOfPatientId: 'CHU',
          patientIdSystem: 'urn:oid:1.1',
          credentials: { type: 'client-credentials', clientId: 'passerelle-archive', clientSecretEnv: 'S' },
        },
      ],
      auth: { issuer: 'https://idp.example/realms/region', clientId: 'passerelle' },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const resolved = resolveUpstreamCredentials(result.config, { env: { S: SECRET }, baseDir: '/' });
    expect(resolved.ok && resolved.credentials.sites.get('chu')).toEqual({
      type: 'client-credentials',
      clientId: 'passerelle-archive',
      clientSecret: SECRET,
      issuer: 'https://idp.example/realms/region',
    });
  });
});
