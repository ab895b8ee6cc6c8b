/**
 * The auditor's two questions and the answer as table rows. A question is "who looked at this patient" (a FHIR
 * token `system|value`: the archive's Patient ID and its site's identifier system) or "what did this user look
 * at" (a user id); it lives in the page's URL (`/audit?patient=…` or `/audit?agent=…`) and is asked of
 * `GET /audit/AuditEvent` (contract §5). The answer, a FHIR R4 Bundle of AuditEvents (IHE BALP), is read into flat
 * rows here. Every string in it is untrusted text, shown as text.
 */

export type AuditQuestion = { kind: 'patient'; system: string; value: string } | { kind: 'agent'; userId: string };

export type AuditOutcomeName = 'success' | 'denied' | 'failed';

export interface AuditRow {
  id: string;
  /** ISO 8601 instant. */
  recorded: string;
  userId: string | null;
  userName: string | null;
  roles: string[];
  organisation: string | null;
  clientAddress: string | null;
  /** The trail's action (`study-view`, `search`, `identity-lookup`, `identity-feed`, …, `retention`), or BALP's subtype. */
  action: string;
  siteId: string | null;
  studyUid: string | null;
  patient: { system: string | null; value: string } | null;
  outcome: AuditOutcomeName;
  /** Why a refused or failed access was, when the trail says. */
  outcomeDesc: string | null;
  /** A search's or look-up's criteria, as the trail holds them (JSON text). */
  criteria: string | null;
}

export const AUDIT_ACTION_SYSTEM = 'urn:passerelle:audit-action';
export const DEFAULT_AUDIT_ROWS = 200;

/** The question a page URL asks, if any: `patient=system|value` or `agent=userId`. */
export function auditQuestionFrom(params: URLSearchParams): AuditQuestion | undefined {
  const patient = params.get('patient');
  if (patient !== null) {
    const bar = patient.indexOf('|');
    const system = bar < 0 ? '' : patient.slice(0, bar);
    const value = (bar < 0 ? patient : patient.slice(bar + 1)).trim();
    if (value !== '') return { kind: 'patient', system, value };
  }
  const agent = params.get('agent')?.trim();
  return agent ? { kind: 'agent', userId: agent } : undefined;
}

/** The page URL's query of a question. */
export function auditQuestionParams(question: AuditQuestion): URLSearchParams {
  return new URLSearchParams(question.kind === 'patient' ? { patient: `${question.system}|${question.value}` } : { agent: question.userId });
}

/** The API request of a question, newest first (the API's order). */
export function auditEventPath(question: AuditQuestion, count = DEFAULT_AUDIT_ROWS): string {
  const params = auditQuestionParams(question);
  params.set('_count', String(count));
  return `/audit/AuditEvent?${params.toString()}`;
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const codeOf = (coding: unknown) => text(object(coding).code);

function decodeBase64(value: string): string | null {
  try {
    const binary = atob(value);
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

const OUTCOMES: Record<string, AuditOutcomeName> = { '0': 'success', '4': 'denied', '8': 'failed', '12': 'failed' };

/** One AuditEvent as a row (see auditEvent.ts on the server for the mapping it reads back). */
export function auditRowOf(resource: unknown): AuditRow {
  const event = object(resource);
  const agents = list(event.agent).map(object);
  const user = agents.find((agent) => list(object(agent.type).coding).some((coding) => codeOf(coding) === 'IRCP'));
  const organisation = agents.find((agent) => list(object(agent.type).coding).some((coding) => codeOf(coding) === 'PROV'));
  const source = agents.find((agent) => list(object(agent.type).coding).some((coding) => codeOf(coding) === '110153'));
  const subtypes = list(event.subtype).map(object);
  const action = text(subtypes.find((coding) => coding.system === AUDIT_ACTION_SYSTEM)?.code) ?? text(subtypes[0]?.code) ?? text(object(event.type).code) ?? '';
  const entities = list(event.entity).map(object);
  const patientEntity = entities.find((entity) => codeOf(entity.role) === '1');
  const studyEntity = entities.find((entity) => codeOf(entity.role) === '4');
  const queryEntity = entities.find((entity) => codeOf(entity.role) === '24');
  const siteOf = (entity: Json | undefined) => text(list(entity?.detail).map(object).find((detail) => detail.type === 'site')?.valueString);
  const patientIdentifier = object(object(patientEntity?.what).identifier);
  const patientValue = text(patientIdentifier.value);
  const studyValue = text(object(object(studyEntity?.what).identifier).value);
  const query = text(queryEntity?.query);
  return {
    id: text(event.id) ?? '',
    recorded: text(event.recorded) ?? '',
    userId: text(object(object(user?.who).identifier).value),
    userName: text(object(user?.who).display) ?? text(user?.name),
    roles: list(user?.role).map((role) => text(object(role).text)).filter((role): role is string => role !== null),
    organisation: text(object(organisation?.who).display),
    clientAddress: text(object(source?.network).address),
    action,
    siteId: siteOf(studyEntity) ?? siteOf(queryEntity) ?? siteOf(patientEntity),
    studyUid: studyValue ? studyValue.replace(/^urn:oid:/, '') : null,
    patient: patientValue !== null ? { system: text(patientIdentifier.system), value: patientValue } : null,
    outcome: OUTCOMES[text(event.outcome) ?? ''] ?? 'failed',
    outcomeDesc: text(event.outcomeDesc),
    criteria: query !== null ? decodeBase64(query) : null,
  };
}

/** The rows of a searchset Bundle, in its order (newest first). */
export function auditRowsOf(bundle: unknown): AuditRow[] {
  const body = object(bundle);
  if (body.resourceType !== 'Bundle') throw new Error('the answer is not a FHIR Bundle');
  return list(body.entry).map((entry) => auditRowOf(object(entry).resource));
}
