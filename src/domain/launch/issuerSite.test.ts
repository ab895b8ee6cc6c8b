import { describe, expect, it } from 'vitest';
import { siteOfIssuer } from './issuerSite.ts';
import { launchTestSites as sites } from './testSites.ts';

const siteId = (authority: Parameters<typeof siteOfIssuer>[0]) => {
  const resolution = siteOfIssuer(authority, sites);
  return resolution.kind === 'site' ? resolution.site.id : resolution;
};

describe('site of a CX assigning authority', () => {
  it('finds the site by namespace ID, exactly', () => {
    expect(siteId({ namespaceId: 'CHU-DIJON' })).toBe('chu-dijon');
    expect(siteId({ namespaceId: 'chu-dijon' })).toEqual({ kind: 'unknown-issuer', issuer: 'chu-dijon' });
  });

  it('finds the site by OID, with or without urn:oid:, typed ISO or untyped', () => {
    expect(siteId({ universalId: '1.2.250.1.999.2.1', universalIdType: 'ISO' })).toBe('cgfl');
    expect(siteId({ universalId: '1.2.250.1.999.2.1', universalIdType: 'iso' })).toBe('cgfl');
    expect(siteId({ universalId: '1.2.250.1.999.2.1' })).toBe('cgfl');
    expect(siteId({ universalId: 'urn:oid:1.2.250.1.999.2.1', universalIdType: 'ISO' })).toBe('cgfl');
    expect(siteId({ universalId: '1.2.250.1.999.2', universalIdType: 'ISO' })).toEqual({ kind: 'unknown-issuer', issuer: '1.2.250.1.999.2&ISO' });
  });

  it('finds a site whose identifier system is a URI', () => {
    expect(siteId({ universalId: 'https://ids.exemple.fr/ipp', universalIdType: 'URI' })).toBe('exemple');
    expect(siteId({ universalId: 'https://ids.exemple.fr/IPP', universalIdType: 'URI' })).toMatchObject({ kind: 'unknown-issuer' });
  });

  it('accepts a namespace and an OID that agree', () => {
    expect(siteId({ namespaceId: 'CGFL', universalId: '1.2.250.1.999.2.1', universalIdType: 'ISO' })).toBe('cgfl');
  });

  it('refuses a namespace and an OID of two different sites', () => {
    expect(siteId({ namespaceId: 'CHU-DIJON', universalId: '1.2.250.1.999.2.1', universalIdType: 'ISO' })).toEqual({
      kind: 'conflicting-issuer',
      issuer: 'CHU-DIJON&1.2.250.1.999.2.1&ISO',
      siteIds: ['chu-dijon', 'cgfl'],
    });
  });

  it('refuses when one part is known and the other is not', () => {
    expect(siteId({ namespaceId: 'CHU-DIJON', universalId: '9.9.9', universalIdType: 'ISO' })).toEqual({ kind: 'unknown-issuer', issuer: '9.9.9&ISO' });
    expect(siteId({ namespaceId: 'NOPE', universalId: '1.2.250.1.999.1.1', universalIdType: 'ISO' })).toEqual({ kind: 'unknown-issuer', issuer: 'NOPE' });
  });

  it('has no site without an issuer', () => {
    expect(siteOfIssuer({}, sites)).toEqual({ kind: 'no-issuer' });
    expect(siteOfIssuer({ universalIdType: 'ISO' }, sites)).toEqual({ kind: 'no-issuer' });
  });

  it('refuses an issuer two sites share', () => {
    const twins = [sites[0]!, { ...sites[1]!, issuerOfPatientId: 'CHU-DIJON' }];
    expect(siteOfIssuer({ namespaceId: 'CHU-DIJON' }, twins)).toEqual({ kind: 'ambiguous-issuer', issuer: 'CHU-DIJON', siteIds: ['chu-dijon', 'cgfl'] });
  });
});
