import { describe, expect, it } from 'vitest';
import { auditFields, type AuditEntry } from '../../../server/audit/auditRecord.ts';
import { toAuditEvent } from '../../../server/audit/auditEvent.ts';
import { auditEventPath, auditQuestionFrom, auditQuestionParams, auditRowOf, auditRowsOf } from './auditRows.ts';

/** The server's own mapping, read back: what the page shows is what the trail holds. */
const eventOf = (entry: AuditEntry, id = '7') => toAuditEvent({ ...auditFields(entry), id, prevHash: '0'.repeat(64), hash: '1'.repeat(64) });

const user = { id: 'radiologue', name: 'Dr Anne <b>Radio</b>', roles: ['clinician'], organisation: 'CHU Val de Saône' };

describe('audit questions', () => {
  it('reads a patient or a user from the page URL, and back', () => {
    expect(auditQuestionFrom(new URLSearchParams('patient=urn:oid:1.2|A100001'))).toEqual({ kind: 'patient', system: 'urn:oid:1.2', value: 'A100001' });
    expect(auditQuestionFrom(new URLSearchParams('patient=A100001'))).toEqual({ kind: 'patient', system: '', value: 'A100001' });
    expect(auditQuestionFrom(new URLSearchParams('agent=radiologue'))).toEqual({ kind: 'agent', userId: 'radiologue' });
    expect(auditQuestionFrom(new URLSearchParams('patient=urn:oid:1.2|'))).toBeUndefined();
    expect(auditQuestionFrom(new URLSearchParams(''))).toBeUndefined();
    expect(auditQuestionParams({ kind: 'patient', system: 'urn:oid:1.2', value: 'A1' }).toString()).toBe('patient=urn%3Aoid%3A1.2%7CA1');
    expect(auditEventPath({ kind: 'agent', userId: 'dr x' }, 5)).toBe('/audit/AuditEvent?agent=dr+x&_count=5');
  });
});

describe('audit rows', () => {
  it('reads a study view back: when, who, from where, site, study, patient, outcome', () => {
    const event = eventOf({
      recordedAt: new Date('2026-11-18T09:30:00.000Z'),
      user,
      clientAddress: '10.0.0.7',
      action: 'study-view',
      outcome: 'success',
      siteId: 'chu-val-de-saone',
      studyUid: '1.2.3.4',
      patient: { id: 'A100001', issuer: 'CHU-VDS', system: 'urn:oid:1.2.250.1.999.1.1' },
    });
    expect(auditRowOf(event)).toEqual({
      id: '7',
      recorded: '2026-11-18T09:30:00.000Z',
      userId: 'radiologue',
      userName: 'Dr Anne <b>Radio</b>',
      roles: ['clinician'],
      organisation: 'CHU Val de Saône',
      clientAddress: '10.0.0.7',
      action: 'study-view',
      siteId: 'chu-val-de-saone',
      studyUid: '1.2.3.4',
      patient: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'A100001' },
      outcome: 'success',
      outcomeDesc: null,
      criteria: null,
    });
  });

  it('reads a refused search back with its criteria and reason', () => {
    const event = eventOf({
      recordedAt: new Date('2026-11-18T09:31:00.000Z'),
      action: 'search',
      outcome: 'denied',
      siteId: 'cgfl',
      detail: { criteria: { path: 'studies', query: { PatientName: 'DURAND*' } }, status: 401, reason: 'sign in to see patient data' },
    });
    expect(auditRowOf(event)).toMatchObject({
      userId: null,
      action: 'search',
      siteId: 'cgfl',
      outcome: 'denied',
      outcomeDesc: 'sign in to see patient data',
      criteria: '{"path":"studies","query":{"PatientName":"DURAND*"}}',
    });
  });

  it('reads a record the harvest fed back with its site and patient', () => {
    const event = eventOf({
      recordedAt: new Date('2026-11-18T09:32:00.000Z'),
      user: { id: 'identito', roles: ['identity-officer'] },
      action: 'identity-feed',
      outcome: 'success',
      siteId: 'chu-val-de-saone',
      patient: { id: 'A100001', system: 'urn:oid:1.2.250.1.999.1.1' },
      detail: { source: 'harvest', created: true },
    });
    expect(auditRowOf(event)).toMatchObject({ userId: 'identito', action: 'identity-feed', siteId: 'chu-val-de-saone', patient: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'A100001' } });
  });

  it('reads a Bundle in its order, and refuses what is not one', () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: eventOf({ recordedAt: new Date(0), action: 'audit-read', outcome: 'success' }, '9') }] };
    expect(auditRowsOf(bundle).map((row) => [row.id, row.action])).toEqual([['9', 'audit-read']]);
    expect(() => auditRowsOf({ resourceType: 'OperationOutcome' })).toThrow(/Bundle/);
    expect(auditRowOf(null)).toMatchObject({ id: '', action: '', outcome: 'failed', patient: null });
  });
});
