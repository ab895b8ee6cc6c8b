import { describe, expect, it } from 'vitest';
import { auditFields, type StoredAuditRecord } from './auditRecord.ts';
import { chainRecords, GENESIS_HASH, recordHash, verifyChain } from './hashChain.ts';

const view = (minute: number, userId = 'radiologue') =>
  auditFields({
    recordedAt: new Date(Date.UTC(2026, 2, 1, 8, minute)),
    user: { id: userId, name: 'Dr Martin', roles: ['clinician'], organisation: 'CHU Dijon' },
    clientAddress: '10.0.0.7',
    action: 'study-view',
    outcome: 'success',
    siteId: 'chu',
    studyUid: `1.2.250.1.${minute}`,
    patient: { id: 'A100001', issuer: 'CHU-VDS', system: 'urn:oid:1.2.250.1.999.1.1' },
  });

const stored = (count: number, anchor = GENESIS_HASH): StoredAuditRecord[] =>
  chainRecords(anchor, Array.from({ length: count }, (_, index) => view(index))).map((record, index) => ({ ...record, id: String(index + 1) }));

describe('the audit hash chain', () => {
  it('chains each record to the previous one, from the anchor', () => {
    const records = stored(3);
    expect(records[0]?.prevHash).toBe(GENESIS_HASH);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(records[2]?.hash).toBe(recordHash(records[1]!.hash, view(2)));
    expect(records[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(records)).toEqual({ ok: true, count: 3, head: records[2]?.hash });
  });

  it('hashes the same fields to the same value whatever order their detail came in', () => {
    const one = { ...view(0), detail: { criteria: { name: 'durand', site: 'chu' } } };
    const other = { ...view(0), detail: { criteria: { site: 'chu', name: 'durand' } } };
    expect(recordHash(GENESIS_HASH, one)).toBe(recordHash(GENESIS_HASH, other));
  });

  it('names an edited record', () => {
    const records = stored(4);
    records[2] = { ...records[2]!, patientId: 'B200002' };
    const verdict = verifyChain(records);
    expect(verdict).toMatchObject({ ok: false, count: 2, break: { id: '3', reason: 'content' } });
    if (!verdict.ok) expect(verdict.break.message).toMatch(/^record 3: its content no longer gives its hash/);
  });

  it('names the record after one that was edited and re-hashed', () => {
    const records = stored(4);
    const edited = { ...records[1]!, outcome: 'denied' as const };
    records[1] = { ...edited, hash: recordHash(edited.prevHash, edited) };
    const verdict = verifyChain(records);
    expect(verdict).toMatchObject({ ok: false, break: { id: '3', reason: 'link' } });
    if (!verdict.ok) expect(verdict.break.message).toMatch(/record 2 was altered and re-hashed, or records between them were removed/);
  });

  it('notices a removed record, and removed records at the start', () => {
    const records = stored(4);
    expect(verifyChain([records[0]!, records[2]!, records[3]!])).toMatchObject({ ok: false, break: { id: '3', reason: 'link' } });
    expect(verifyChain(records.slice(1))).toMatchObject({ ok: false, break: { id: '2', reason: 'link' } });
  });

  it('verifies what remains after retention from the anchor the checkpoint kept', () => {
    const records = stored(5);
    expect(verifyChain(records.slice(2), records[1]!.hash)).toMatchObject({ ok: true, count: 3 });
  });
});
