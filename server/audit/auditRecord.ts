/**
 * What the audit trail records: who (user id, name, roles, organisation, as the identity provider's token says),
 * when and from where (client address), what (site, Study Instance UID, the patient as the archive's own Patient ID
 * with its issuer and identifier system) and the outcome. One flat record per row of `audit_record`.
 */
import type { JsonObject } from '../db/databaseSchema.ts';

export type AuditAction =
  /** A user opened a study's images (one record per viewing, see viewCoalescing.ts). */
  | 'study-view'
  /** A worklist search across sites, with its criteria in `detail.criteria`. */
  | 'search'
  /** A question to the identity cross-reference service (PIXm, ITI-83; PDQm, ITI-78). */
  | 'identity-lookup'
  /**
   * A feeding system created or updated a patient record in the identity manager (ITI-104), or the harvest did from
   * a site's archive (`detail.source` `harvest`, the run's actor as the user).
   */
  | 'identity-feed'
  /** A feeding system merged a patient record into another (ITI-104, `replaced-by`). */
  | 'identity-merge'
  /** A feeding system deleted a patient record (ITI-104 conditional delete). */
  | 'identity-delete'
  /**
   * An identity officer's decision in the identity review: `detail.choice` is `link`, `not-same`, `later` or
   * `unlink`, with `detail.comment`; one record per patient record concerned.
   */
  | 'identity-decision'
  /**
   * One site's run of the harvest (server/identity/harvest): who started it (an identity officer, or the system actor
   * `harvest` for the schedule), the site, the outcome, and in `detail` the trigger, studies read, patients learnt,
   * the watermark and the QIDO search made (`criteria`).
   */
  | 'identity-harvest'
  /** An auditor read the trail. */
  | 'audit-read'
  /** The retention job removed the oldest records (see retention.ts). */
  | 'retention';

export type AuditOutcome = 'success' | 'denied' | 'failed';

/** The fields a record's hash covers: everything but its row id and the hashes themselves. */
export interface AuditFields {
  /** ISO 8601 instant with milliseconds, UTC (`2026-03-01T08:15:00.000Z`). */
  recordedAt: string;
  userId: string | null;
  userName: string | null;
  roles: string[];
  organisation: string | null;
  clientAddress: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  siteId: string | null;
  studyUid: string | null;
  patientId: string | null;
  patientIssuer: string | null;
  /** The FHIR identifier system of the site's patient IDs (`patientIdSystem` in the configuration). */
  patientSystem: string | null;
  detail: JsonObject;
}

/** A record as the trail holds it: its fields, chained to the previous record by `prevHash`. */
export interface ChainedAuditRecord extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface StoredAuditRecord extends ChainedAuditRecord {
  id: string;
}

/** The fields of a new record, with every optional part left out meaning "not known" (stored as null). */
export interface AuditEntry {
  recordedAt: Date;
  user?: { id: string; name?: string; roles?: readonly string[]; organisation?: string };
  clientAddress?: string;
  action: AuditAction;
  outcome: AuditOutcome;
  siteId?: string;
  studyUid?: string;
  patient?: { id: string; issuer?: string; system?: string };
  detail?: JsonObject;
}

export function auditFields(entry: AuditEntry): AuditFields {
  return {
    recordedAt: entry.recordedAt.toISOString(),
    userId: entry.user?.id ?? null,
    userName: entry.user?.name ?? null,
    roles: [...(entry.user?.roles ?? [])],
    organisation: entry.user?.organisation ?? null,
    clientAddress: entry.clientAddress ?? null,
    action: entry.action,
    outcome: entry.outcome,
    siteId: entry.siteId ?? null,
    studyUid: entry.studyUid ?? null,
    patientId: entry.patient?.id ?? null,
    patientIssuer: entry.patient?.issuer ?? null,
    patientSystem: entry.patient?.system ?? null,
    detail: entry.detail ?? {},
  };
}
