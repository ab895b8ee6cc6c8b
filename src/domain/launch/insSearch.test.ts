import { describe, expect, it } from 'vitest';
import { resolveInsSearch } from './insSearch.ts';
import { launchTestSites as sites } from './testSites.ts';
import type { WorklistSearch } from './worklistUrl.ts';

const ins = { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '276099913407825' };
const search: WorklistSearch = { filters: { patientId: { siteId: 'ins:1.2.250.1.213.1.4.8', value: ins.value }, modality: 'CT' }, patientIdAllSites: false, modalities: ['CT'], ins };

describe('a worklist search by INS', () => {
  it('searches by the first site’s ID the identity service gives, in the configuration’s order, keeping the other criteria', () => {
    const resolved = resolveInsSearch(search, sites, {
      kind: 'linked',
      identifiers: [{ system: 'urn:oid:1.2.250.1.999.2.1', value: 'B-812345' }, { system: '1.2.250.1.999.1.1', value: 'A100005' }],
      ignored: [],
      references: [],
    });
    expect(resolved).toEqual({
      kind: 'found',
      patients: [
        { siteId: 'chu-dijon', patientId: 'A100005', issuerOfPatientId: 'CHU-DIJON' },
        { siteId: 'cgfl', patientId: 'B-812345', issuerOfPatientId: 'CGFL' },
      ],
      search: { ...search, filters: { patientId: { siteId: 'chu-dijon', value: 'A100005' }, modality: 'CT' } },
    });
  });

  it('searches nothing when the INS is unknown, has no site ID, or the service fails (fail closed)', () => {
    expect(resolveInsSearch(search, sites, { kind: 'unknown-patient' })).toEqual({ kind: 'not-found' });
    expect(resolveInsSearch(search, sites, { kind: 'no-links', ignored: [], references: [] })).toEqual({ kind: 'not-found' });
    expect(resolveInsSearch(search, sites, { kind: 'linked', identifiers: [], ignored: [{ system: 'urn:oid:9.9', value: 'X' }], references: [] })).toEqual({ kind: 'not-found' });
    expect(resolveInsSearch(search, sites, { kind: 'failed', reason: 'timeout' })).toEqual({ kind: 'failed', reason: 'timeout' });
    expect(resolveInsSearch(search, sites, { kind: 'unknown-domain', detail: 'sourceIdentifier Assigning Authority not found' }).kind).toBe('failed');
  });
});
