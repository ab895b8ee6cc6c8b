import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig, validateRuntimeConfig } from './runtimeConfig.ts';
import { parsePublicConfig, toPublicConfig } from './publicConfig.ts';

const site = (overrides: Record<string, unknown> = {}) => ({
  id: 'chu-dijon',
  name: 'CHU Dijon',
  dicomweb: 'http://127.0.0.1:8042/dicom-web',
  issuerOfPatientId: 'CHU-DIJON',
  patientIdSystem: 'urn:oid:1.2.250.1.999.1.1',
  timeoutMs: 8000,
  ...overrides,
});
const second = () => site({ id: 'cgfl', name: 'CGFL', issuerOfPatientId: 'CGFL', patientIdSystem: 'urn:oid:1.2.250.1.999.2.1' });

describe('runtime configuration', () => {
  it('accepts the contract example', () => {
    const result = validateRuntimeConfig({ sites: [site()], identity: { pixm: 'http://127.0.0.1:8150/fhir' } });
    expect(result).toEqual({ ok: true, config: { sites: [site()], identity: { pixm: 'http://127.0.0.1:8150/fhir' } } });
  });

  it('takes identity.manager, alone or beside pixm, and refuses settings it does not know', () => {
    expect(validateRuntimeConfig({ sites: [site()], identity: { manager: {} } })).toEqual({ ok: true, config: { sites: [site()], identity: { manager: {} } } });
    expect(validateRuntimeConfig({ sites: [site()], identity: { manager: {}, pixm: 'http://127.0.0.1:8150/fhir' } }).ok).toBe(true);
    expect(validateRuntimeConfig({ sites: [site()], identity: { manager: { matcher: 'x' } } }).ok).toBe(false);
  });

  it('accepts a configuration without identity service or timeout', () => {
    const result = validateRuntimeConfig({ sites: [site({ timeoutMs: undefined }), second()] });
    expect(result.ok).toBe(true);
  });

  it('names the faulty field of the second site', () => {
    const result = validateRuntimeConfig({ sites: [site(), { ...second(), dicomweb: 'ftp://x/dicom-web' }] });
    expect(result).toEqual({ ok: false, errors: ['sites[1].dicomweb: must be an http(s) URL'] });
  });

  it.each([
    [{ id: 'CHU Dijon' }, 'sites[0].id: must match [a-z0-9-]+'],
    [{ name: '  ' }, 'sites[0].name: must not be empty'],
    [{ dicomweb: 'not a url' }, 'sites[0].dicomweb: must be an http(s) URL'],
    [{ dicomweb: 'http://user:secret@host/dicom-web' }, 'sites[0].dicomweb: must be an http(s) URL'],
    [{ timeoutMs: 'fast' }, 'sites[0].timeoutMs: must be a number of milliseconds'],
    [{ timeoutMs: 1.5 }, 'sites[0].timeoutMs: must be a whole number of milliseconds'],
    [{ issuerOfPatientId: undefined }, 'sites[0].issuerOfPatientId: must be a string'],
  ])('refuses %o with a message naming the field', (overrides, message) => {
    const result = validateRuntimeConfig({ sites: [site(overrides)] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(message);
  });

  it('refuses unknown fields, so a typo is not silently ignored', () => {
    const result = validateRuntimeConfig({ sites: [site({ dicomWeb: 'http://x' })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/sites\[0\].*dicomWeb/);
  });

  it('refuses duplicate site ids and shared identifier domains', () => {
    const result = validateRuntimeConfig({ sites: [site(), site({ name: 'Other' })] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContain('sites[1].id: duplicates sites[0].id "chu-dijon"');
      expect(result.errors.some((line) => line.startsWith('sites[1].issuerOfPatientId:'))).toBe(true);
    }
  });

  it('refuses an empty site list, a bad identity URL and invalid JSON', () => {
    expect(validateRuntimeConfig({ sites: [] })).toEqual({ ok: false, errors: ['sites: must list at least one site'] });
    expect(validateRuntimeConfig({ sites: [site()], identity: { pixm: 'javascript:alert(1)' } })).toEqual({
      ok: false,
      errors: ['identity.pixm: must be an http(s) URL'],
    });
    const broken = parseRuntimeConfig('{ "sites": [');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]).toMatch(/^not valid JSON/);
  });

  it('takes an optional image cache size for the viewer, passed on to the browser', () => {
    const result = validateRuntimeConfig({ sites: [site()], viewer: { imageCacheMB: 256 } });
    if (!result.ok) throw new Error('expected a valid config');
    expect(toPublicConfig(result.config, 8000).viewer).toEqual({ imageCacheMB: 256 });
    const without = validateRuntimeConfig({ sites: [site()] });
    if (!without.ok) throw new Error('expected a valid config');
    expect(toPublicConfig(without.config, 8000).viewer).toBeUndefined();
    expect(validateRuntimeConfig({ sites: [site()], viewer: { imageCacheMB: 4 } })).toEqual({ ok: false, errors: ['viewer.imageCacheMB: must be at least 16'] });
    expect(validateRuntimeConfig({ sites: [site()], viewer: { imageCacheMB: 'big' } })).toEqual({ ok: false, errors: ['viewer.imageCacheMB: must be a number of MiB'] });
  });

  it('takes an optional render path for the viewer, passed on to the browser', () => {
    const result = validateRuntimeConfig({ sites: [site()], viewer: { renderPath: 'gpu' } });
    if (!result.ok) throw new Error('expected a valid config');
    expect(toPublicConfig(result.config, 8000).viewer).toEqual({ renderPath: 'gpu' });
    expect(validateRuntimeConfig({ sites: [site()], viewer: { renderPath: 'webgpu' } })).toEqual({ ok: false, errors: ['viewer.renderPath: must be "auto", "gpu" or "cpu"'] });
  });

  it('takes optional hanging protocols, passed on to the browser, and names the faulty field', () => {
    const protocol = {
      id: 'ct-thorax',
      name: 'TDM thorax',
      matchingRules: [{ attribute: 'modality', constraint: { equals: 'CT' }, weight: 10, required: true }],
      displaySets: [{ id: 'main', study: 'current', series: { modality: ['CT'] } }],
      stages: [{ id: 'one', name: 'Vue', layout: '1x1', viewports: [{ displaySet: 'main' }], syncGroups: [] }],
    };
    const result = validateRuntimeConfig({ sites: [site()], hangingProtocols: [protocol] });
    if (!result.ok) throw new Error('expected a valid config');
    const browserView = toPublicConfig(result.config, 8000);
    expect(browserView.hangingProtocols).toEqual([protocol]);
    expect(parsePublicConfig(JSON.parse(JSON.stringify(browserView))).hangingProtocols).toEqual([protocol]);
    const without = validateRuntimeConfig({ sites: [site()] });
    if (!without.ok) throw new Error('expected a valid config');
    expect('hangingProtocols' in toPublicConfig(without.config, 8000)).toBe(false);
    const broken = { ...protocol, stages: [{ ...protocol.stages[0], layout: '5x5', viewports: [{ displaySet: 'other' }] }] };
    expect(validateRuntimeConfig({ sites: [site()], hangingProtocols: [protocol, broken] })).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^hangingProtocols\[1\]\.stages\[0\]\.layout: must be one of 1x1/)],
    });
    expect(validateRuntimeConfig({ sites: [site()], hangingProtocols: [protocol, { ...protocol, stages: [{ ...protocol.stages[0], viewports: [{ displaySet: 'other' }] }] }] })).toEqual({
      ok: false,
      errors: ['hangingProtocols[1].stages[0].viewports[0].displaySet: names no display set ("other")', 'hangingProtocols[1].id: is also the id of protocol [0] ("ct-thorax")'],
    });
  });

  it('takes an optional concurrency bound and circuit breaker per site and for the identity service', () => {
    const result = validateRuntimeConfig({
      sites: [site({ maxConcurrentRequests: 4, circuitBreaker: { failureThreshold: 5, initialBackoffMs: 2000, maxBackoffMs: 30_000 } })],
      identity: { pixm: 'http://127.0.0.1:8150/fhir', maxConcurrentRequests: 2, circuitBreaker: {} },
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.sites[0]?.maxConcurrentRequests).toBe(4);
      expect(result.config.sites[0]?.circuitBreaker).toEqual({ failureThreshold: 5, initialBackoffMs: 2000, maxBackoffMs: 30_000 });
      expect(toPublicConfig(result.config, 8000)).not.toHaveProperty(['sites', 0, 'maxConcurrentRequests']);
    }
  });

  it.each([
    [{ maxConcurrentRequests: 0 }, 'sites[0].maxConcurrentRequests: must be at least 1'],
    [{ maxConcurrentRequests: 2.5 }, 'sites[0].maxConcurrentRequests: must be a whole number of requests'],
    [{ maxConcurrentRequests: 'many' }, 'sites[0].maxConcurrentRequests: must be a number of requests'],
    [{ circuitBreaker: { failureThreshold: 0 } }, 'sites[0].circuitBreaker.failureThreshold: must be at least 1'],
    [{ circuitBreaker: { initialBackoffMs: 50 } }, 'sites[0].circuitBreaker.initialBackoffMs: must be at least 100'],
    [{ circuitBreaker: { initialBackoffMs: 10_000, maxBackoffMs: 5000 } }, 'sites[0].circuitBreaker.maxBackoffMs: must be at least initialBackoffMs (10000)'],
  ])('refuses the protection settings %o, naming the field', (overrides, message) => {
    const result = validateRuntimeConfig({ sites: [site(overrides)] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(message);
  });

  it('refuses an unknown circuit breaker setting', () => {
    const result = validateRuntimeConfig({ sites: [site({ circuitBreaker: { threshold: 3 } })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/sites\[0\]\.circuitBreaker.*threshold/);
  });

  it('tells the browser no upstream URL', () => {
    const result = validateRuntimeConfig({ sites: [site(), second()], identity: { pixm: 'http://10.1.2.3/fhir' } });
    if (!result.ok) throw new Error('expected a valid config');
    const browserView = JSON.stringify(toPublicConfig(result.config, 8000));
    expect(browserView).not.toContain('127.0.0.1');
    expect(browserView).not.toContain('10.1.2.3');
    expect(toPublicConfig(result.config, 8000).sites[1]).toEqual({
      id: 'cgfl',
      name: 'CGFL',
      issuerOfPatientId: 'CGFL',
      patientIdSystem: 'urn:oid:1.2.250.1.999.2.1',
      dicomweb: '/sites/cgfl/dicom-web',
      timeoutMs: 8000,
    });
  });

  it('takes an optional database server and audit retention, never shown to the browser', () => {
    const database = { url: 'postgres://passerelle@db.example:5432/passerelle', passwordEnv: 'PASSERELLE_DB_PASSWORD' };
    const result = validateRuntimeConfig({ sites: [site()], database, audit: { retentionDays: 3650 } });
    expect(result).toEqual({ ok: true, config: { sites: [site()], database, audit: { retentionDays: 3650 } } });
    if (result.ok) expect(JSON.stringify(toPublicConfig(result.config, 8000))).not.toContain('db.example');
  });

  it('refuses a database URL holding a password or of another scheme, and a bad retention, naming the field', () => {
    expect(validateRuntimeConfig({ sites: [site()], database: { url: 'postgres://passerelle:s3cret@db.example/passerelle' } })).toEqual({
      ok: false,
      errors: ['database.url: must not hold a password: name an environment variable in database.passwordEnv'],
    });
    expect(validateRuntimeConfig({ sites: [site()], database: { url: 'mysql://db.example/passerelle' } })).toEqual({
      ok: false,
      errors: ['database.url: must be a postgres:// URL'],
    });
    expect(validateRuntimeConfig({ sites: [site()], database: { url: 'postgres://db.example/p', passwordEnv: 'not a name' } })).toEqual({
      ok: false,
      errors: ['database.passwordEnv: must be an environment variable name'],
    });
    expect(validateRuntimeConfig({ sites: [site()], audit: { retentionDays: 7 } })).toEqual({ ok: false, errors: ['audit.retentionDays: must be at least 30'] });
  });

  it('accepts sign-in as contract §5 writes it, with session timeouts, and tells the browser the issuer only', () => {
    const auth = {
      issuer: 'https://idp.example/realms/region',
      clientId: 'passerelle',
      clientSecretEnv: 'PASSERELLE_OIDC_SECRET',
      scopes: ['openid', 'profile'],
      authParams: { acr_values: 'eidas1' },
      roles: { claim: 'roles', clinician: ['radiologue', 'medecin'], identityOfficer: ['identitovigilance'], auditor: ['dpo'] },
      organisationClaim: 'organisation',
      session: { idleMinutes: 15, maxHours: 10 },
    };
    const result = validateRuntimeConfig({ sites: [site()], auth, publicUrl: 'https://passerelle.example' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const publicConfig = toPublicConfig(result.config, 8000);
    expect(publicConfig.auth).toEqual({ issuer: 'https://idp.example/realms/region' });
    expect(JSON.stringify(publicConfig)).not.toMatch(/PASSERELLE_OIDC_SECRET|clientId|acr_values/);
    expect(parsePublicConfig(publicConfig).auth).toEqual({ issuer: 'https://idp.example/realms/region' });
    expect(validateRuntimeConfig({ sites: [site()], auth: { ...auth, session: { idleMinutes: 0 } } })).toEqual({
      ok: false,
      errors: ['auth.session.idleMinutes: must be at least 1'],
    });
  });
});
