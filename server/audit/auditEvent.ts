/**
 * A trail record as a FHIR R4 AuditEvent (http://hl7.org/fhir/R4/auditevent.html), following the IHE Basic Audit
 * Log Patterns (BALP, https://profiles.ihe.net/ITI/BALP/):
 * - a study view is a RESTful read of data about a patient: BALP PatientRead
 *   (IHE.BasicAudit.PatientRead: type rest, subtype read, action R, entity patient and entity data);
 * - a search, an identity look-up and a reading of the trail are RESTful searches: BALP Query / PatientQuery
 *   (IHE.BasicAudit.PatientQuery when a patient is known: type rest, subtype search, action E, entity query holding
 *   the criteria in base64, and entity patient);
 * - a feed, a merge or a deletion of a patient record by a feeding system (ITI-104) is a RESTful update or delete of
 *   a patient: BALP PatientUpdate (action U) or PatientDelete (action D); so is a record the harvest fed, its site
 *   told on the patient entity;
 * - a harvest run of a site is the RESTful search it made of that site's archive (QIDO-RS): BALP Query (action E),
 *   the search in the query entity with the site;
 * - a retention run is DICOM's "Audit Log Used" event (DCM 110101) with action D.
 * Agents follow DICOM's convention that BALP keeps: the user's client is the Source (DCM 110153), Passerelle the
 * Destination (DCM 110152), and the user the requestor.
 */
import type { StoredAuditRecord } from './auditRecord.ts';
import { canonicalJson } from './canonicalJson.ts';

type Coding = { system: string; code: string; display?: string };

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const REST: Coding = { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' };
const READ: Coding = { system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' };
const SEARCH: Coding = { system: 'http://hl7.org/fhir/restful-interaction', code: 'search', display: 'search' };
const UPDATE: Coding = { system: 'http://hl7.org/fhir/restful-interaction', code: 'update', display: 'update' };
const DELETE: Coding = { system: 'http://hl7.org/fhir/restful-interaction', code: 'delete', display: 'delete' };
const AUDIT_LOG_USED: Coding = { system: DCM, code: '110101', display: 'Audit Log Used' };

const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition';

/**
 * The trail's own action (auditRecord.ts: `study-view`, `search`, `identity-lookup`, `identity-feed`, `identity-merge`, `identity-delete`,
 * `identity-decision`, `identity-harvest`, `audit-read`, `retention`),
 * as a second subtype beside BALP's RESTful interaction, so that a reader tells a search from an identity look-up.
 */
export const AUDIT_ACTION_SYSTEM = 'urn:passerelle:audit-action';

/** AuditEvent.outcome (R4 value set audit-event-outcome): 0 success, 4 minor failure (refused), 8 serious failure. */
const OUTCOME = { success: '0', denied: '4', failed: '8' } as const;

/** DICOM's way to name a UID as a FHIR identifier (FHIR R4 §2.24.0.1 "Identifier"; urn:ietf:rfc:3986). */
export function studyIdentifier(studyUid: string): { system: string; value: string } {
  return { system: 'urn:dicom:uid', value: `urn:oid:${studyUid}` };
}

export type AuditEvent = Record<string, unknown> & { resourceType: 'AuditEvent'; id: string };

function eventKind(record: StoredAuditRecord): { type: Coding; subtype?: Coding; action: string; profile?: string } {
  switch (record.action) {
    case 'study-view':
      return { type: REST, subtype: READ, action: 'R', profile: record.patientId ? `${BALP}/IHE.BasicAudit.PatientRead` : `${BALP}/IHE.BasicAudit.Read` };
    case 'search':
    case 'identity-lookup':
    case 'audit-read':
    case 'identity-harvest':
      return { type: REST, subtype: SEARCH, action: 'E', profile: record.patientId ? `${BALP}/IHE.BasicAudit.PatientQuery` : `${BALP}/IHE.BasicAudit.Query` };
    case 'identity-feed':
    case 'identity-merge':
    case 'identity-decision':
      // A conditional update that may create (ITI-104): BALP's Update pattern; whether it created is in the detail.
      return { type: REST, subtype: UPDATE, action: 'U', profile: `${BALP}/IHE.BasicAudit.PatientUpdate` };
    case 'identity-delete':
      return { type: REST, subtype: DELETE, action: 'D', profile: `${BALP}/IHE.BasicAudit.PatientDelete` };
    case 'retention':
      return { type: AUDIT_LOG_USED, action: 'D' };
  }
}

function agents(record: StoredAuditRecord): unknown[] {
  const list: unknown[] = [];
  if (record.userId !== null) {
    list.push({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
      who: { identifier: { value: record.userId }, ...(record.userName !== null ? { display: record.userName } : {}) },
      ...(record.userName !== null ? { name: record.userName } : {}),
      ...(record.roles.length > 0 ? { role: record.roles.map((role) => ({ text: role })) } : {}),
      requestor: true,
    });
    if (record.organisation !== null) {
      // The organisation the user acts for, as the token said it (v3 RoleClass PROV: healthcare provider).
      list.push({
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleClass', code: 'PROV', display: 'healthcare provider' }] },
        who: { display: record.organisation },
        requestor: false,
      });
    }
  }
  list.push({
    type: { coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] },
    ...(record.clientAddress !== null ? { network: { address: record.clientAddress, type: '2' } } : {}),
    requestor: record.userId === null,
  });
  list.push({ type: { coding: [{ system: DCM, code: '110152', display: 'Destination Role ID' }] }, who: { display: 'Passerelle' }, requestor: false });
  return list;
}

function entities(record: StoredAuditRecord): unknown[] {
  const list: unknown[] = [];
  const siteDetail = record.siteId !== null ? [{ type: 'site', valueString: record.siteId }] : [];
  if (record.patientId !== null) {
    list.push({
      what: {
        identifier: {
          ...(record.patientSystem !== null ? { system: record.patientSystem } : {}),
          value: record.patientId,
          ...(record.patientIssuer !== null ? { assigner: { display: record.patientIssuer } } : {}),
        },
      },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
      // The site, where no study or query entity carries it (a record the harvest fed).
      ...(record.studyUid === null && record.detail.criteria === undefined && siteDetail.length > 0 ? { detail: siteDetail } : {}),
    });
  }
  if (record.studyUid !== null) {
    list.push({
      what: { identifier: studyIdentifier(record.studyUid), display: `Study ${record.studyUid}` },
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
      ...(siteDetail.length > 0 ? { detail: siteDetail } : {}),
    });
  }
  const criteria = record.detail.criteria;
  if (criteria !== undefined) {
    list.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      query: Buffer.from(canonicalJson(criteria), 'utf8').toString('base64'),
      ...(record.studyUid === null && siteDetail.length > 0 ? { detail: siteDetail } : {}),
    });
  }
  return list;
}

export function toAuditEvent(record: StoredAuditRecord): AuditEvent {
  const kind = eventKind(record);
  const reason = typeof record.detail.reason === 'string' ? record.detail.reason : undefined;
  return {
    resourceType: 'AuditEvent',
    id: record.id,
    ...(kind.profile ? { meta: { profile: [kind.profile] } } : {}),
    type: kind.type,
    subtype: [...(kind.subtype ? [kind.subtype] : []), { system: AUDIT_ACTION_SYSTEM, code: record.action }],
    action: kind.action,
    recorded: record.recordedAt,
    outcome: OUTCOME[record.outcome],
    ...(reason ? { outcomeDesc: reason } : {}),
    agent: agents(record),
    source: {
      observer: { display: 'Passerelle' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: entities(record),
  };
}
