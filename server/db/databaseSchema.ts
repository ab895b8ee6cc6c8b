/**
 * The tables of Passerelle's database, as Kysely sees them. Column names are PostgreSQL's (snake case); `bigserial`
 * ids come back as strings, as `pg` gives 64-bit integers, and the embedded database is told to do the same.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A `jsonb` column: written as JSON text (so that `pg` does not take a JS array for a PostgreSQL array), read as a value. */
type JsonColumn<T> = ColumnType<T, string, string>;

/** One record of the audit trail: inserted once, never updated (see migration 0001). */
export interface AuditRecordTable {
  id: Generated<string>;
  recorded_at: Date;
  user_id: string | null;
  user_name: string | null;
  roles: string[];
  organisation: string | null;
  client_address: string | null;
  action: string;
  outcome: string;
  site_id: string | null;
  study_uid: string | null;
  patient_id: string | null;
  patient_issuer: string | null;
  patient_system: string | null;
  detail: JsonColumn<JsonObject>;
  prev_hash: string;
  hash: string;
}

/** Left by each retention run: what it removed, and the hash the first remaining record must chain from. */
export interface AuditCheckpointTable {
  id: Generated<string>;
  created_at: Generated<Date>;
  cutoff: Date;
  last_deleted_id: string;
  deleted_count: string;
  anchor_hash: string;
  created_txid: Generated<string>;
}

/** A signed-in user's session, shared by every gateway instance that uses the same database. */
export interface SessionTable {
  id: string;
  user_info: JsonColumn<JsonObject>;
  /** The identity provider's tokens, sealed by the server before storage; never sent to a browser. */
  sealed_tokens: Uint8Array | null;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
}

/** A site's patient record in the identity cross-reference manager (migration 0003): one per identifier. */
export interface IdentityRecordTable {
  id: Generated<string>;
  system: string;
  value: string;
  birth_name: string | null;
  used_name: string | null;
  given_names: string[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  birth_date: string | null;
  sex: 'male' | 'female' | 'other' | 'unknown' | null;
  ins_system: string | null;
  ins_value: string | null;
  search_names: string[];
  search_given: string[];
  source_site: string | null;
  resource: JsonColumn<JsonObject>;
  updated_at: Date;
  updated_by: string | null;
  deleted: Generated<boolean>;
  replaced_by: string | null;
  /** Migration 0007: the change number a trigger gives each change of the record or of its link. */
  changed_seq: Generated<string>;
}

export interface IdentityPersonTable {
  id: Generated<string>;
  created_at: Date;
}

export interface IdentityLinkTable {
  record_id: string;
  person_id: string;
  origin: 'automatic' | 'human';
  reason: JsonColumn<JsonObject>;
  linked_at: Date;
}

export interface IdentityBlockingKeyTable {
  record_id: string;
  key: string;
}

export interface IdentityPossibleMatchTable {
  id: Generated<string>;
  record_a: string;
  record_b: string;
  reason: JsonColumn<JsonObject>;
  status: 'open' | 'decided' | 'withdrawn';
  created_at: Date;
  closed_at: Date | null;
}

export interface IdentityDecisionTable {
  id: Generated<string>;
  record_a: string | null;
  record_b: string | null;
  person_id: string | null;
  choice: 'link' | 'not-same' | 'later' | 'unlink';
  comment: string | null;
  user_id: string;
  user_name: string | null;
  decided_at: Date;
}

export interface IdentityPersonHistoryTable {
  id: Generated<string>;
  person_id: string;
  at: Date;
  event: string;
  record_id: string | null;
  actor: string | null;
  detail: JsonColumn<JsonObject>;
}

export interface Database {
  audit_record: AuditRecordTable;
  audit_checkpoint: AuditCheckpointTable;
  session: SessionTable;
  identity_record: IdentityRecordTable;
  identity_person: IdentityPersonTable;
  identity_link: IdentityLinkTable;
  identity_blocking_key: IdentityBlockingKeyTable;
  identity_possible_match: IdentityPossibleMatchTable;
  identity_decision: IdentityDecisionTable;
  identity_person_history: IdentityPersonHistoryTable;
  identity_harvest_site: IdentityHarvestSiteTable;
  identity_matcher_weights: IdentityMatcherWeightsTable;
}

/** The handle the rest of the server is given: typed queries, through this folder's functions. */
export type AppDatabase = Kysely<Database>;

/** Migration 0004: how far the harvest has read each site's archive, and how its last run went. */
export interface IdentityHarvestSiteTable {
  site_id: string;
  watermark: string | null;
  state: string;
  studies_read: number;
  patients_learnt: number;
  last_run_at: Date | null;
  last_success_at: Date | null;
  error: string | null;
}

/** Migration 0005: the latest weights a matcher learnt, one row per matcher. */
export interface IdentityMatcherWeightsTable {
  matcher: string;
  learnt_at: Date;
  source: string;
  record_count: number;
  weights: JsonColumn<JsonObject>;
  name_frequencies: ColumnType<JsonObject | null, string | null, string | null>;
}
