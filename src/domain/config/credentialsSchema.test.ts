import { describe, expect, it } from 'vitest';
import { validateRuntimeConfig } from './runtimeConfig.ts';
import { toPublicConfig } from './publicConfig.ts';

const site = (credentials: unknown) => ({
  id: 'chu-dijon',
  name: 'CHU Dijon',
  dicomweb: 'http://127.0.0.1:8042/dicom-web',
  issuerOfPatientId: 'CHU-DIJON',
  patientIdSystem: 'urn:oid:1.2.250.1.999.1.1',
  credentials,
});

const errorsOf = (input: unknown): string[] => {
  const result = validateRuntimeConfig(input);
  return result.ok ? [] : result.errors;
};

describe('upstream credentials in the configuration', () => {
  it.each([
    { type: 'basic', usernameEnv: 'CHU_USER', passwordEnv: 'CHU_PASSWORD' },
    { type: 'basic', usernameFile: 'secrets/chu-user', passwordFile: '/run/secrets/chu-password' },
    { type: 'bearer', tokenEnv: 'CHU_TOKEN' },
    { type: 'bearer', tokenFile: 'chu.token' },
    { type: 'client-credentials', clientId: 'passerelle', clientSecretEnv: 'CHU_SECRET', scope: 'dicomweb', tokenUrl: 'https://idp.example/token' },
    { type: 'client-credentials', clientId: 'passerelle', clientSecretFile: 'chu.secret', tokenUrl: 'http://127.0.0.1:9000/token' },
  ])('accepts %o for a site and for the identity service', (credentials) => {
    const result = validateRuntimeConfig({ sites: [site(credentials)], identity: { pixm: 'http://127.0.0.1:8150/fhir', credentials } });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.sites[0]?.credentials).toEqual(credentials);
      expect(result.config.identity?.credentials).toEqual(credentials);
    }
  });

  it.each([
    [{ type: 'basic', usernameEnv: 'U', passwordEnv: 'P', passwordFile: 'p' }, 'sites[0].credentials.passwordFile: give passwordEnv or passwordFile, not both'],
    [{ type: 'basic', usernameEnv: 'U' }, 'sites[0].credentials.passwordEnv: is required (or passwordFile)'],
    [{ type: 'basic', passwordEnv: 'P' }, 'sites[0].credentials.usernameEnv: is required (or usernameFile)'],
    [{ type: 'bearer' }, 'sites[0].credentials.tokenEnv: is required (or tokenFile)'],
    [{ type: 'bearer', tokenEnv: 'NOT-A-NAME' }, 'sites[0].credentials.tokenEnv: must be an environment variable name'],
    [{ type: 'bearer', tokenFile: ' ' }, 'sites[0].credentials.tokenFile: must not be empty'],
    [{ type: 'client-credentials', clientSecretEnv: 'S', tokenUrl: 'https://idp.example/token' }, 'sites[0].credentials.clientId: must be a string'],
    [{ type: 'client-credentials', clientId: 'p', clientSecretEnv: 'S', tokenUrl: 'ftp://idp.example/token' }, 'sites[0].credentials.tokenUrl: must be an http(s) URL'],
    [{ type: 'digest', usernameEnv: 'U', passwordEnv: 'P' }, 'sites[0].credentials.type: type must be "basic", "bearer" or "client-credentials"'],
  ])('refuses %o naming the field', (credentials, message) => {
    expect(errorsOf({ sites: [site(credentials)] })).toContain(message);
  });

  it('refuses a secret written in the file, saying where it belongs', () => {
    expect(errorsOf({ sites: [site({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P', password: 'hunter2' })] })).toEqual([
      'sites[0].credentials.password: must not be in the configuration file: name an environment variable in passwordEnv or a file in passwordFile',
    ]);
    const errors = errorsOf({ sites: [site({ type: 'bearer', token: 'abc' })] });
    expect(errors).toContain('sites[0].credentials.token: must not be in the configuration file: name an environment variable in tokenEnv or a file in tokenFile');
    expect(errors.join('\n')).not.toContain('abc');
  });

  it('needs a tokenUrl for client credentials unless auth.issuer is there to discover it from', () => {
    const credentials = { type: 'client-credentials', clientId: 'passerelle', clientSecretEnv: 'S' };
    expect(errorsOf({ sites: [site(credentials)], identity: { pixm: 'http://127.0.0.1:8150/fhir', credentials } })).toEqual([
      'sites[0].credentials.tokenUrl: is required when the configuration has no auth.issuer to discover it from',
      'identity.credentials.tokenUrl: is required when the configuration has no auth.issuer to discover it from',
    ]);
    const auth = { issuer: 'https://idp.example/realms/region', clientId: 'passerelle' };
    expect(validateRuntimeConfig({ sites: [site(credentials)], auth }).ok).toBe(true);
  });

  it('never reaches the browser: /config.json has no credentials, variable names or file names', () => {
    const result = validateRuntimeConfig({
      sites: [site({ type: 'basic', usernameEnv: 'CHU_ARCHIVE_USER', passwordFile: '/run/secrets/chu-archive-password' })],
      identity: { pixm: 'http://127.0.0.1:8150/fhir', credentials: { type: 'client-credentials', clientId: 'pix-reader', clientSecretEnv: 'PIX_SECRET', tokenUrl: 'https://idp.example/token' } },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const text = JSON.stringify(toPublicConfig(result.config, 8000));
    for (const word of ['credentials', 'CHU_ARCHIVE_USER', 'chu-archive-password', 'pix-reader', 'PIX_SECRET', 'idp.example', 'basic', 'client-credentials']) {
      expect(text).not.toContain(word);
    }
  });
});
