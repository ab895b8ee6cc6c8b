/**
 * The audit trail's SQL: appending chained records under one advisory lock (so that every writer, in this process or
 * another gateway instance, chains from the true last record), reading the chain in id order, the auditor's searches,
 * and retention through `audit_retain()` (migration 0001). Hashing is the caller's: this file only stores.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { AuditAction, AuditOutcome, ChainedAuditRecord, StoredAuditRecord } from '../audit/auditRecord.ts';
import type { AppDatabase, AuditRecordTable, Database } from './databaseSchema.ts';

type Executor = AppDatabase | Transaction<Database>;

/** Builds the records to insert from the hash they chain from (null: the trail is empty and never lost a record). */
export type ChainLink = (head: string | null) => ChainedAuditRecord[];

const lockTrail = (db: Executor) => sql`select pg_advisory_xact_lock(hashtext('passerelle.audit_record'))`.execute(db);

async function chainHead(db: Executor): Promise<string | null> {
  const last = await db.selectFrom('audit_record').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last) return last.hash;
  const checkpoint = await latestCheckpoint(db);
  return checkpoint?.anchorHash ?? null;
}

async function insertChained(db: Executor, link: ChainLink): Promise<StoredAuditRecord[]> {
  await lockTrail(db);
  const records = link(await chainHead(db));
  if (records.length === 0) return [];
  const ids = await db
    .insertInto('audit_record')
    .values(
      records.map((record) => ({
        recorded_at: new Date(record.recordedAt),
        user_id: record.userId,
        user_name: record.userName,
        roles: record.roles,
        organisation: record.organisation,
        client_address: record.clientAddress,
        action: record.action,
        outcome: record.outcome,
        site_id: record.siteId,
        study_uid: record.studyUid,
        patient_id: record.patientId,
        patient_issuer: record.patientIssuer,
        patient_system: record.patientSystem,
        detail: JSON.stringify(record.detail),
        prev_hash: record.prevHash,
        hash: record.hash,
      })),
    )
    .returning('id')
    .execute();
  return records.map((record, index) => ({ ...record, id: ids[index]?.id ?? '' }));
}

/** Appends records in one transaction, chained from the current last record. */
export function appendChained(db: AppDatabase, link: ChainLink): Promise<StoredAuditRecord[]> {
  return db.transaction().execute((trx) => insertChained(trx, link));
}

function selectRecords(db: Executor) {
  return db.selectFrom('audit_record').selectAll();
}
function toRecord(row: Selectable<AuditRecordTable>): StoredAuditRecord {
  return {
    id: row.id,
    recordedAt: row.recorded_at.toISOString(),
    userId: row.user_id,
    userName: row.user_name,
    roles: row.roles,
    organisation: row.organisation,
    clientAddress: row.client_address,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    siteId: row.site_id,
    studyUid: row.study_uid,
    patientId: row.patient_id,
    patientIssuer: row.patient_issuer,
    patientSystem: row.patient_system,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Up to `limit` records after `afterId`, in chain (id) order. */
export async function readChainPage(db: AppDatabase, afterId: string | null, limit: number): Promise<StoredAuditRecord[]> {
  let query = selectRecords(db).orderBy('id', 'asc').limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return (await query.execute()).map(toRecord);
}

export interface AuditCheckpoint {
  id: string;
  cutoff: Date;
  lastDeletedId: string;
  deletedCount: number;
  anchorHash: string;
}

export async function latestCheckpoint(db: Executor): Promise<AuditCheckpoint | undefined> {
  const row = await db.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row
    ? { id: row.id, cutoff: row.cutoff, lastDeletedId: row.last_deleted_id, deletedCount: Number(row.deleted_count), anchorHash: row.anchor_hash }
    : undefined;
}

export interface AuditRecordFilter {
  patient?: { system: string | null; value: string };
  userId?: string;
  studyUid?: string;
  /** Inclusive lower bound of `recorded_at`. */
  from?: Date;
  /** Exclusive upper bound of `recorded_at`. */
  until?: Date;
  limit: number;
}

/** The auditor's search, newest first. */
export async function searchRecords(db: AppDatabase, filter: AuditRecordFilter): Promise<StoredAuditRecord[]> {
  let query = selectRecords(db).orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.patient) {
    query = query.where('patient_id', '=', filter.patient.value);
    if (filter.patient.system !== null) query = query.where('patient_system', '=', filter.patient.system);
  }
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.studyUid !== undefined) query = query.where('study_uid', '=', filter.studyUid);
  if (filter.from) query = query.where('recorded_at', '>=', filter.from);
  if (filter.until) query = query.where('recorded_at', '<', filter.until);
  return (await query.execute()).map(toRecord);
}

export interface RetentionResult {
  deletedCount: number;
  /** The last removed record's id and hash, which the first remaining record chains from. */
  lastDeletedId: string | null;
  anchorHash: string | null;
}

/**
 * Removes the records older than `cutoff` through `audit_retain()`, which leaves a checkpoint, and appends, in the
 * same transaction, the record of this run that `link` builds from the result.
 */
export function retainSince(db: AppDatabase, cutoff: Date, link: (result: RetentionResult) => ChainLink): Promise<StoredAuditRecord[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ deleted_count: string; anchor_hash: string | null; last_deleted_id: string | null }>`
      select deleted_count, anchor_hash, last_deleted_id from audit_retain(${cutoff})`.execute(trx);
    const row = rows[0];
    const result: RetentionResult = {
      deletedCount: Number(row?.deleted_count ?? 0),
      lastDeletedId: row?.last_deleted_id ?? null,
      anchorHash: row?.anchor_hash ?? null,
    };
    return insertChained(trx, link(result));
  });
}
