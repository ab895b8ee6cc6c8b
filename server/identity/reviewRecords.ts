/**
 * The identity review's JSON (not FHIR): a stored record as the officer sees it, side by side with another, with its
 * site, its traits, its INS and the INS's status, and the link that put it in its person (who made it, and why).
 */
import type { JsonObject, JsonValue } from '../db/databaseSchema.ts';
import type { PersonHistoryEntry, StoredIdentityRecord } from '../db/identityStore.ts';

/** The identity status of the Référentiel national d'identitovigilance: provisoire, récupérée, validée, qualifiée. */
export type InsStatus = 'provisional' | 'recovered' | 'validated' | 'qualified';

export interface ReviewRecord {
  id: string;
  system: string;
  value: string;
  site: string | null;
  birthName: string | null;
  usedName: string | null;
  givenNames: string[];
  birthDate: string | null;
  sex: string | null;
  ins: { system: string; value: string; status: InsStatus | null } | null;
  personId: string | null;
  link: { origin: 'automatic' | 'human'; reason: JsonObject } | null;
  deleted: boolean;
}

const STATUS_CODES: Record<string, InsStatus> = { PROV: 'provisional', RECUP: 'recovered', VALI: 'validated', QUAL: 'qualified' };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The codes found in an extension and its nested extensions (valueCoding, valueCodeableConcept, valueCode). */
function codesIn(extension: JsonObject): string[] {
  const codes: string[] = [];
  if (typeof extension.valueCode === 'string') codes.push(extension.valueCode);
  if (isObject(extension.valueCoding) && typeof extension.valueCoding.code === 'string') codes.push(extension.valueCoding.code);
  if (isObject(extension.valueCodeableConcept) && Array.isArray(extension.valueCodeableConcept.coding)) {
    for (const coding of extension.valueCodeableConcept.coding) if (isObject(coding) && typeof coding.code === 'string') codes.push(coding.code);
  }
  for (const nested of Array.isArray(extension.extension) ? extension.extension : []) if (isObject(nested)) codes.push(...codesIn(nested));
  return codes;
}

/**
 * The INS's status as the fed Patient states it, in FHIR FR Core's identity reliability extension
 * (`…/fr-core-identity-reliability`, codes PROV, RECUP, VALI, QUAL); null when the feed did not say.
 */
export function insStatusOf(resource: JsonObject): InsStatus | null {
  for (const extension of Array.isArray(resource.extension) ? resource.extension : []) {
    if (!isObject(extension) || typeof extension.url !== 'string' || !/identity-?reliability/i.test(extension.url)) continue;
    for (const code of codesIn(extension)) {
      const status = STATUS_CODES[code.toUpperCase()];
      if (status) return status;
    }
  }
  return null;
}

export function reviewRecord(record: StoredIdentityRecord): ReviewRecord {
  const { traits } = record;
  return {
    id: record.id,
    system: record.identifier.system,
    value: record.identifier.value,
    site: record.sourceSite,
    birthName: traits.birthName,
    usedName: traits.usedName,
    givenNames: traits.givenNames,
    birthDate: traits.birthDate,
    sex: traits.sex,
    ins: traits.ins ? { ...traits.ins, status: insStatusOf(record.resource) } : null,
    personId: record.personId,
    link: record.linkOrigin !== null ? { origin: record.linkOrigin, reason: record.linkReason ?? {} } : null,
    deleted: record.deleted,
  };
}

export interface ReviewHistoryEvent {
  at: string;
  /** Who: the user id or the feeding client, as the manager stored it. */
  who: string | null;
  /** What: `record-added`, `record-linked`, `record-left`, `decision-not-same`, … */
  event: string;
  record: { id: string; system: string; value: string } | null;
  comment: string | null;
  detail: JsonObject;
}

function commentOf(detail: JsonObject): string | null {
  if (typeof detail.comment === 'string') return detail.comment;
  const reason = detail.reason;
  return isObject(reason) && typeof reason.comment === 'string' ? reason.comment : null;
}

export function reviewHistoryEvent(entry: PersonHistoryEntry, records: ReadonlyMap<string, StoredIdentityRecord>): ReviewHistoryEvent {
  const record = entry.recordId === null ? undefined : records.get(entry.recordId);
  return {
    at: entry.at.toISOString(),
    who: entry.actor,
    event: entry.event,
    record: record ? { id: record.id, system: record.identifier.system, value: record.identifier.value } : null,
    comment: commentOf(entry.detail),
    detail: entry.detail,
  };
}
