import { describe, expect, it } from 'vitest';
import type { StoredIdentityRecord } from '../../db/identityStore.ts';
import { harvestCriteria, harvestFeedEntries, SCHEDULED_HARVEST, siteRunEntry, type HarvestActor } from './harvestAudit.ts';

const site = { id: 'chu', issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1' };
const officer: HarvestActor = { user: { id: 'identito', name: 'Officer', roles: ['identity-officer'] }, clientAddress: '10.0.0.9', trigger: 'on-demand' };
const at = new Date('2026-11-18T10:00:00.000Z');

function record(value: string, study?: string): StoredIdentityRecord {
  return {
    id: `r-${value}`,
    identifier: { system: site.patientIdSystem, value },
    traits: { birthName: 'DUPONT', usedName: null, givenNames: ['Jeanne'], birthDate: '1970-01-01', sex: 'female', ins: null },
    sourceSite: 'chu',
    resource: { source: 'harvest', site: 'chu', ...(study ? { study } : {}) },
    updatedAt: at,
    updatedBy: 'harvest:chu',
    deleted: false,
    replacedBy: null,
    personId: `p-${value}`,
    linkOrigin: null,
    linkReason: null,
  };
}

describe('the harvest in the audit trail', () => {
  it('records a site’s run with who started it, the site, its outcome, counts and the search it made', () => {
    expect(siteRunEntry(officer, { site, at, from: '20240301', ok: true, studiesRead: 12, patientsLearnt: 4, watermark: '20240405', error: null })).toEqual({
      recordedAt: at,
      user: officer.user,
      clientAddress: '10.0.0.9',
      action: 'identity-harvest',
      outcome: 'success',
      siteId: 'chu',
      detail: { trigger: 'on-demand', criteria: { path: 'studies', query: { StudyDate: '20240301-' } }, studiesRead: 12, patientsLearnt: 4, watermark: '20240405' },
    });
  });

  it('records a failed scheduled run with the error in words, as the system actor’s', () => {
    const entry = siteRunEntry(SCHEDULED_HARVEST, { site, at, from: null, ok: false, studiesRead: 0, patientsLearnt: 0, watermark: null, error: 'the archive did not answer in time' });
    expect(entry).toMatchObject({ user: { id: 'harvest' }, outcome: 'failed', detail: { trigger: 'schedule', criteria: { path: 'studies', query: {} }, reason: 'the archive did not answer in time' } });
    expect(entry.clientAddress).toBeUndefined();
  });

  it('records each record fed with its identifier as the patient, as an ITI-104 feed', () => {
    const entries = harvestFeedEntries(
      officer,
      site,
      [
        { created: true, record: record('CHU-1', '1.2.3'), matching: { personId: 'p-CHU-1', compared: [] } },
        { created: false, record: record('CHU-2'), matching: { personId: 'p-CHU-2', compared: [{ recordId: 'r-9', outcome: 'review' }] } },
      ],
      at,
    );
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'identity-feed',
        outcome: 'success',
        siteId: 'chu',
        user: officer.user,
        patient: { id: 'CHU-1', system: site.patientIdSystem, issuer: 'CHU-VDS' },
        detail: { source: 'harvest', trigger: 'on-demand', created: true, person: 'p-CHU-1', study: '1.2.3', matching: [] },
      }),
      expect.objectContaining({ patient: expect.objectContaining({ id: 'CHU-2' }), detail: expect.objectContaining({ created: false, matching: [{ recordId: 'r-9', outcome: 'review' }] }) }),
    ]);
  });

  it('names the search from the watermark on, or every study', () => {
    expect(harvestCriteria(null)).toEqual({ path: 'studies', query: {} });
    expect(harvestCriteria('20240101')).toEqual({ path: 'studies', query: { StudyDate: '20240101-' } });
  });
});
