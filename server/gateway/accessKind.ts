/**
 * What a request to the gateway is, for the audit trail: a view of one study's images (any WADO-RS retrieve or
 * QIDO-RS query under `/sites/{id}/dicom-web/studies/{StudyInstanceUID}/…`, PS3.18 §10.4 and §10.6), a search
 * (QIDO-RS `studies`, `series` or `instances` without a study in the path), an identity look-up (IHE PIXm ITI-83 or
 * PDQm ITI-78 under `/identity/pixm/Patient…`), a reading of the trail (`/audit/…`), or nothing the trail records.
 * Pure: the raw path and query in, the kind and its criteria out.
 */
import type { JsonObject } from '../db/databaseSchema.ts';

export type AccessKind =
  | { kind: 'view'; siteId: string; studyUid: string }
  | { kind: 'search'; siteId: string; criteria: JsonObject }
  | { kind: 'identity-lookup'; criteria: JsonObject; identifier?: { system: string | null; value: string } }
  | { kind: 'audit-read'; criteria: JsonObject; identifier?: { system: string | null; value: string } }
  | { kind: 'other' };

const SITE_PATH = /^\/sites\/([^/]*)\/dicom-web(?:\/(.*))?$/;
const STUDY_PATH = /^studies\/([^/?]+)(?:\/.*)?$/;
const IDENTITY_PATH = /^\/identity\/pixm\/(.*)$/;
/** The trail's API; `/audit` alone is the app's page. */
const AUDIT_PATH = /^\/audit\/AuditEvent(?:\/.*)?$/;

/** A query string as criteria: each parameter once, a repeated one as the list of its values, in order. */
export function queryCriteria(rawQuery: string): JsonObject {
  const criteria: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const previous = criteria[name];
    if (previous === undefined) criteria[name] = value;
    else criteria[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return criteria;
}

/** A FHIR token `system|value` (or a value alone) as an identifier; undefined when it has no value. */
export function tokenIdentifier(token: string | null): { system: string | null; value: string } | undefined {
  if (token === null) return undefined;
  const bar = token.indexOf('|');
  const identifier = bar < 0 ? { system: null, value: token } : { system: token.slice(0, bar) || null, value: token.slice(bar + 1) };
  return identifier.value === '' ? undefined : identifier;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Classifies a request by its raw (undecoded) path and query, whatever its method. */
export function accessKind(rawPath: string, rawQuery: string): AccessKind {
  const site = SITE_PATH.exec(rawPath);
  if (site) {
    // As the proxy reads it: raw, so that the site recorded is the site asked of (ids are [a-z0-9-]).
    const siteId = site[1] ?? '';
    const rest = site[2] ?? '';
    const study = STUDY_PATH.exec(rest);
    if (study) {
      const studyUid = decoded(study[1] ?? '');
      if (studyUid) return { kind: 'view', siteId, studyUid };
    }
    return { kind: 'search', siteId, criteria: { path: rest, query: queryCriteria(rawQuery) } };
  }
  const identity = IDENTITY_PATH.exec(rawPath);
  if (identity) {
    const rest = identity[1] ?? '';
    // The service's CapabilityStatement (`metadata`) and the like hold no patient data.
    if (!rest.startsWith('Patient')) return { kind: 'other' };
    const params = new URLSearchParams(rawQuery);
    const identifier = tokenIdentifier(params.get('sourceIdentifier') ?? params.get('identifier'));
    return { kind: 'identity-lookup', criteria: { path: rest, query: queryCriteria(rawQuery) }, ...(identifier ? { identifier } : {}) };
  }
  if (AUDIT_PATH.test(rawPath)) {
    const identifier = tokenIdentifier(new URLSearchParams(rawQuery).get('patient'));
    return { kind: 'audit-read', criteria: { path: rawPath.replace(/^\/audit\//, ''), query: queryCriteria(rawQuery) }, ...(identifier ? { identifier } : {}) };
  }
  return { kind: 'other' };
}

/**
 * The patient a search names, when it names one exactly: a QIDO `PatientID` without wildcards, at a site whose
 * patient IDs are in one domain (PS3.18 §8.3.4.1). A search by name or date names no patient.
 */
export function searchedPatientId(criteria: JsonObject): string | undefined {
  const query = criteria.query;
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return undefined;
  const value = (query as JsonObject).PatientID ?? (query as JsonObject)['00100020'];
  if (typeof value !== 'string' || value === '' || /[*?]/.test(value)) return undefined;
  return value;
}
