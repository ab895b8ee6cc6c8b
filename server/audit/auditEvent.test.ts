import { describe, expect, it } from 'vitest';
import { auditFields, type AuditEntry, type StoredAuditRecord } from './auditRecord.ts';
import { toAuditEvent } from './auditEvent.ts';

const stored = (entry: AuditEntry): StoredAuditRecord => ({ ...auditFields(entry), id: '42', prevHash: '0'.repeat(64), hash: 'f'.repeat(64) });
const user = { id: 'radiologue', name: 'Dr Martin', roles: ['clinician'], organisation: 'CHU Dijon' };
const patient = { id: 'A100001', issuer: 'CHU-VDS', system: 'urn:oid:1.2.250.1.999.1.1' };
const at = new Date('2026-03-01T08:15:00.000Z');

describe('AuditEvent (FHIR R4, IHE BALP)', () => {
  it('gives a study view as a BALP PatientRead: who, when, from where, the patient, the study and its site', () => {
    const event = toAuditEvent(stored({ recordedAt: at, user, clientAddress: '10.0.0.7', action: 'study-view', outcome: 'success', siteId: 'chu', studyUid: '1.2.3', patient }));
    expect(event).toMatchObject({
      resourceType: 'AuditEvent',
      id: '42',
      meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead'] },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }, { system: 'urn:passerelle:audit-action', code: 'study-view' }],
      action: 'R',
      recorded: '2026-03-01T08:15:00.000Z',
      outcome: '0',
    });
    expect(event.agent).toContainEqual(expect.objectContaining({ who: { identifier: { value: 'radiologue' }, display: 'Dr Martin' }, role: [{ text: 'clinician' }], requestor: true }));
    expect(event.agent).toContainEqual(expect.objectContaining({ who: { display: 'CHU Dijon' } }));
    expect(event.agent).toContainEqual(expect.objectContaining({ network: { address: '10.0.0.7', type: '2' } }));
    expect(event.entity).toEqual([
      {
        what: { identifier: { system: 'urn:oid:1.2.250.1.999.1.1', value: 'A100001', assigner: { display: 'CHU-VDS' } } },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      },
      {
        what: { identifier: { system: 'urn:dicom:uid', value: 'urn:oid:1.2.3' }, display: 'Study 1.2.3' },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' },
        detail: [{ type: 'site', valueString: 'chu' }],
      },
    ]);
  });

  it('gives a search as a BALP Query whose query entity holds the criteria in base64', () => {
    const criteria = { name: 'durand', modality: 'CT' };
    const event = toAuditEvent(stored({ recordedAt: at, user, action: 'search', outcome: 'success', detail: { criteria } }));
    expect(event).toMatchObject({
      meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query'] },
      subtype: [{ code: 'search' }, { system: 'urn:passerelle:audit-action', code: 'search' }],
      action: 'E',
    });
    const query = (event.entity as { role: { code: string }; query?: string }[]).find((entity) => entity.role.code === '24');
    expect(JSON.parse(Buffer.from(query?.query ?? '', 'base64').toString('utf8'))).toEqual(criteria);
  });

  it('gives an identity look-up about a patient as a BALP PatientQuery', () => {
    const event = toAuditEvent(stored({ recordedAt: at, user, action: 'identity-lookup', outcome: 'success', patient, detail: { criteria: { sourceIdentifier: 'urn:oid:1.2.250.1.999.1.1|A100001' } } }));
    expect(event.meta).toEqual({ profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery'] });
  });

  it('gives a feed, a merge and a deletion by a feeding system as BALP PatientUpdate and PatientDelete', () => {
    const client = { id: 'flux-chu', name: 'feeding system flux-chu', roles: [] };
    const fed = toAuditEvent(stored({ recordedAt: at, user: client, action: 'identity-feed', outcome: 'success', patient: { id: 'CHU-1', system: patient.system } }));
    expect(fed).toMatchObject({
      meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientUpdate'] },
      subtype: [{ code: 'update' }, { system: 'urn:passerelle:audit-action', code: 'identity-feed' }],
      action: 'U',
    });
    expect(toAuditEvent(stored({ recordedAt: at, user: client, action: 'identity-merge', outcome: 'success' }))).toMatchObject({ action: 'U', subtype: [{ code: 'update' }, { code: 'identity-merge' }] });
    expect(toAuditEvent(stored({ recordedAt: at, user: client, action: 'identity-delete', outcome: 'success' }))).toMatchObject({
      meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientDelete'] },
      action: 'D',
      subtype: [{ code: 'delete' }, { code: 'identity-delete' }],
    });
  });

  it('gives a site’s harvest run as a BALP Query of its archive, the site beside the search, and its failure in words', () => {
    const officer = { id: 'identito', name: 'Officer', roles: ['identity-officer'] };
    const criteria = { path: 'studies', query: { StudyDate: '20240301-' } };
    const event = toAuditEvent(
      stored({ recordedAt: at, user: officer, action: 'identity-harvest', outcome: 'failed', siteId: 'chu', detail: { trigger: 'on-demand', criteria, studiesRead: 3, patientsLearnt: 1, reason: 'the archive did not answer in time' } }),
    );
    expect(event).toMatchObject({
      meta: { profile: ['https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Query'] },
      subtype: [{ code: 'search' }, { system: 'urn:passerelle:audit-action', code: 'identity-harvest' }],
      action: 'E',
      outcome: '8',
      outcomeDesc: 'the archive did not answer in time',
    });
    const query = (event.entity as { role: { code: string }; query?: string; detail?: unknown }[]).find((entity) => entity.role.code === '24');
    expect(JSON.parse(Buffer.from(query?.query ?? '', 'base64').toString('utf8'))).toEqual(criteria);
    expect(query?.detail).toEqual([{ type: 'site', valueString: 'chu' }]);
  });

  it('gives a record the harvest fed as a BALP PatientUpdate, the site on the patient entity', () => {
    const event = toAuditEvent(stored({ recordedAt: at, user: { id: 'harvest', name: 'scheduled harvest' }, action: 'identity-feed', outcome: 'success', siteId: 'chu', patient, detail: { source: 'harvest', created: true } }));
    expect(event).toMatchObject({ action: 'U', subtype: [{ code: 'update' }, { code: 'identity-feed' }] });
    expect(event.entity).toEqual([expect.objectContaining({ role: expect.objectContaining({ code: '1' }), detail: [{ type: 'site', valueString: 'chu' }] })]);
  });

  it('gives a refused attempt without a signed-in user with its outcome, reason and client address', () => {
    const event = toAuditEvent(stored({ recordedAt: at, clientAddress: '192.0.2.1', action: 'study-view', outcome: 'denied', siteId: 'chu', studyUid: '1.2.3', detail: { reason: 'not signed in' } }));
    expect(event).toMatchObject({ outcome: '4', outcomeDesc: 'not signed in' });
    expect(event.agent).toEqual([expect.objectContaining({ network: { address: '192.0.2.1', type: '2' }, requestor: true }), expect.objectContaining({ who: { display: 'Passerelle' } })]);
  });
});
