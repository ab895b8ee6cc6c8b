/**
 * Retention of the audit trail: removes the records older than the configured number of days
 * (`audit.retentionDays`, default DEFAULT_AUDIT_RETENTION_DAYS) through the database's own `audit_retain()`, the one
 * path by which records may leave the trail. That function leaves a checkpoint keeping the hash the remaining chain
 * starts from, and this job appends, in the same transaction, a `retention` record of itself carrying that anchor,
 * so the chain still verifies from its new start and the removal itself is in the trail.
 */
import type { AppDatabase } from '../db/databaseSchema.ts';
import { retainSince } from '../db/auditRecordStore.ts';
import { auditFields, type StoredAuditRecord } from './auditRecord.ts';
import { chainRecords, GENESIS_HASH } from './hashChain.ts';

const DAY_MS = 86_400_000;

export async function applyRetention(db: AppDatabase, options: { retentionDays: number; now: Date }): Promise<{ deletedCount: number; record: StoredAuditRecord }> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  let deletedCount = 0;
  const [record] = await retainSince(db, cutoff, (result) => (head) => {
    deletedCount = result.deletedCount;
    const fields = auditFields({
      recordedAt: options.now,
      action: 'retention',
      outcome: 'success',
      detail: {
        retentionDays: options.retentionDays,
        cutoff: cutoff.toISOString(),
        deletedCount: result.deletedCount,
        lastDeletedId: result.lastDeletedId,
        anchorHash: result.anchorHash,
      },
    });
    return chainRecords(head ?? GENESIS_HASH, [fields]);
  });
  if (!record) throw new Error('the retention record was not written');
  return { deletedCount, record };
}
