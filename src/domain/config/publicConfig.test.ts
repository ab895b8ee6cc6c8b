import { describe, expect, it } from 'vitest';
import { hasIdentityManager, parsePublicConfig, toPublicConfig } from './publicConfig.ts';
import type { RuntimeConfig } from './runtimeConfig.ts';

const sites: RuntimeConfig['sites'] = [{ id: 'chu', name: 'CHU', dicomweb: 'http://127.0.0.1:8042/dicom-web', issuerOfPatientId: 'CHU', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1' }];

describe('the identity service the browser is told of', () => {
  it('is the identity manager’s /identity/fhir when configured, the proxied /identity/pixm for an external PIXm, none otherwise', () => {
    const manager = toPublicConfig({ sites, identity: { manager: {}, pixm: 'http://127.0.0.1:8150/fhir' } }, 8000);
    expect(manager.identity).toEqual({ pixm: '/identity/fhir' });
    expect(hasIdentityManager(parsePublicConfig(manager))).toBe(true);
    const external = toPublicConfig({ sites, identity: { pixm: 'http://127.0.0.1:8150/fhir' } }, 8000);
    expect(external.identity).toEqual({ pixm: '/identity/pixm' });
    expect(hasIdentityManager(external)).toBe(false);
    expect(toPublicConfig({ sites }, 8000).identity).toEqual({ pixm: null });
    expect(JSON.stringify(external)).not.toContain('8150');
  });
});
