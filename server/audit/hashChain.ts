/**
 * The audit trail's hash chain: each record's hash is SHA-256 (FIPS 180-4) over the previous record's hash followed
 * by the record's own fields in canonical JSON (RFC 8785), as lowercase hex. Changing, removing or reordering a
 * record breaks the chain at that record or the next one, and `verifyChain` names the first such record.
 *
 * The chain starts from an anchor: 64 zeros for a trail that never lost a record, or, after retention removed the
 * oldest records, the hash of the last removed one, kept in `audit_checkpoint`. The newest record can be altered and
 * re-hashed without a trace inside the database; the verify command prints the head hash so that it can be noted
 * elsewhere, and a later check against that note covers it.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../db/databaseSchema.ts';
import type { AuditFields, ChainedAuditRecord, StoredAuditRecord } from './auditRecord.ts';
import { canonicalJson } from './canonicalJson.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Exactly the fields a hash covers, whatever else the object carries (row id, hashes). */
export function hashedFields(record: AuditFields): JsonObject {
  return {
    recordedAt: record.recordedAt,
    userId: record.userId,
    userName: record.userName,
    roles: [...record.roles],
    organisation: record.organisation,
    clientAddress: record.clientAddress,
    action: record.action,
    outcome: record.outcome,
    siteId: record.siteId,
    studyUid: record.studyUid,
    patientId: record.patientId,
    patientIssuer: record.patientIssuer,
    patientSystem: record.patientSystem,
    detail: record.detail,
  };
}

export function recordHash(prevHash: string, record: AuditFields): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(hashedFields(record)), 'utf8').digest('hex');
}

/** Chains new records after the record whose hash is `prevHash`, in the given order. */
export function chainRecords(prevHash: string, records: readonly AuditFields[]): ChainedAuditRecord[] {
  let previous = prevHash;
  return records.map((record) => {
    const hash = recordHash(previous, record);
    const chained = { ...record, prevHash: previous, hash };
    previous = hash;
    return chained;
  });
}

/** The first record at which the chain does not hold, and why. */
export interface ChainBreak {
  id: string;
  /** `content`: the record's fields no longer give its hash. `link`: it does not chain from the record before it. */
  reason: 'content' | 'link';
  message: string;
}

export type ChainVerdict = { ok: true; count: number; head: string } | { ok: false; count: number; break: ChainBreak };

export interface ChainVerifier {
  /** Checks the next record, in id order; the first break is kept and returned for every later call. */
  check(record: StoredAuditRecord): ChainBreak | undefined;
  verdict(): ChainVerdict;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

export function createChainVerifier(anchorHash: string = GENESIS_HASH): ChainVerifier {
  let expectedPrev = anchorHash;
  let previousId: string | undefined;
  let count = 0;
  let found: ChainBreak | undefined;
  const check = (record: StoredAuditRecord): ChainBreak | undefined => {
    if (found) return found;
    if (record.prevHash !== expectedPrev) {
      const before =
        previousId === undefined
          ? `the chain's anchor ${short(expectedPrev)}: records before it were removed, or it was altered`
          : `the hash of record ${previousId} (${short(expectedPrev)}): record ${previousId} was altered and re-hashed, or records between them were removed`;
      found = { id: record.id, reason: 'link', message: `record ${record.id}: its prev_hash ${short(record.prevHash)} is not ${before}` };
      return found;
    }
    const computed = recordHash(record.prevHash, record);
    if (computed !== record.hash) {
      found = {
        id: record.id,
        reason: 'content',
        message: `record ${record.id}: its content no longer gives its hash (stored ${short(record.hash)}, computed ${short(computed)}): it was altered after it was written`,
      };
      return found;
    }
    expectedPrev = record.hash;
    previousId = record.id;
    count += 1;
    return undefined;
  };
  return {
    check,
    verdict: () => (found ? { ok: false, count, break: found } : { ok: true, count, head: expectedPrev }),
  };
}

export function verifyChain(records: Iterable<StoredAuditRecord>, anchorHash: string = GENESIS_HASH): ChainVerdict {
  const verifier = createChainVerifier(anchorHash);
  for (const record of records) if (verifier.check(record)) break;
  return verifier.verdict();
}
