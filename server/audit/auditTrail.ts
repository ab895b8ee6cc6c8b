/**
 * The audit trail over the database: appends chained records, verifies the whole chain page by page, and answers
 * the auditor's searches as AuditEvents. The SQL is server/db/auditRecordStore.ts's; the hashing is hashChain.ts's.
 */
import type { AppDatabase } from '../db/databaseSchema.ts';
import { appendChained, latestCheckpoint, readChainPage, searchRecords } from '../db/auditRecordStore.ts';
import type { AuditFields, StoredAuditRecord } from './auditRecord.ts';
import { toAuditEvent } from './auditEvent.ts';
import { searchsetBundle, type AuditSearch } from './auditSearch.ts';
import { chainRecords, createChainVerifier, GENESIS_HASH, type ChainVerdict } from './hashChain.ts';

/** Appends records, in order, in one transaction: the `append` of the batched writer (auditWriter.ts). */
export function appendToTrail(db: AppDatabase, records: readonly AuditFields[]): Promise<StoredAuditRecord[]> {
  return appendChained(db, (head) => chainRecords(head ?? GENESIS_HASH, records));
}

export type TrailVerdict = ChainVerdict & {
  /** The hash the chain starts from, and the checkpoint that keeps it after retention. */
  anchor: string;
  checkpointId?: string;
};

/**
 * Verifies the whole trail in id order. After retention, the chain starts from the latest checkpoint's anchor, and
 * that anchor must also appear in a retention record of the chain itself: a checkpoint forged to cover removed
 * records is then named as such.
 */
export async function verifyTrail(db: AppDatabase, pageSize = 5000): Promise<TrailVerdict> {
  const checkpoint = await latestCheckpoint(db);
  const anchor = checkpoint?.anchorHash ?? GENESIS_HASH;
  const verifier = createChainVerifier(anchor);
  let vouched = checkpoint === undefined;
  let afterId: string | null = null;
  for (;;) {
    const page = await readChainPage(db, afterId, pageSize);
    for (const record of page) {
      if (verifier.check(record)) return { ...verifier.verdict(), anchor, ...(checkpoint ? { checkpointId: checkpoint.id } : {}) };
      if (record.action === 'retention' && record.detail.anchorHash === anchor) vouched = true;
    }
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]?.id ?? afterId;
  }
  const verdict = verifier.verdict();
  if (verdict.ok && !vouched && checkpoint) {
    return {
      ok: false,
      count: verdict.count,
      break: { id: checkpoint.id, reason: 'link', message: `checkpoint ${checkpoint.id}: no retention record of the chain carries its anchor ${anchor.slice(0, 12)}…` },
      anchor,
      checkpointId: checkpoint.id,
    };
  }
  return { ...verdict, anchor, ...(checkpoint ? { checkpointId: checkpoint.id } : {}) };
}

/** The auditor's search (contract §5), newest first, as a FHIR `searchset` Bundle of AuditEvents. */
export async function searchTrail(db: AppDatabase, search: AuditSearch, urls: { self: string; base: string }): Promise<Record<string, unknown>> {
  const records = await searchRecords(db, {
    ...(search.patient ? { patient: search.patient } : {}),
    ...(search.agent !== undefined ? { userId: search.agent } : {}),
    ...(search.entity !== undefined ? { studyUid: search.entity } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.until ? { until: search.until } : {}),
    limit: search.count,
  });
  return searchsetBundle(records.map(toAuditEvent), urls.self, urls.base);
}
