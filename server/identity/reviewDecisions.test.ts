/**
 * The officer's decisions as the manager's re-matching sees them, on the embedded PGlite: a human link holds
 * whatever later feeds say (even once the two records share no blocking key), a pair said not to be the same is
 * never linked again, an undone link stays undone, and "later" changes nothing but the queue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecord, openPossibleMatches, type RecordTraits } from '../db/identityStore.ts';
import { reviewQueuePage } from '../db/identityReviewStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { createIdentityManager, type IdentityManager } from './identityManager.ts';
import { decideQueueItem, unlinkRecord } from './reviewDecisions.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '185057512300022' };
const at = new Date('2026-06-01T10:00:00.000Z');
const officer = { id: 'identito', name: 'Identity officer' };
const traits = (overrides: Partial<RecordTraits> = {}): RecordTraits => ({ birthName: 'ROUSSEL', usedName: null, givenNames: ['Paul'], birthDate: '1985-05-02', sex: 'male', ins: INS, ...overrides });

describe('decisions of the identity review against re-matching', () => {
  let dataDir: string;
  let opened: OpenDatabase;
  let manager: IdentityManager;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-review-'));
    opened = await openDatabase({ kind: 'embedded', dataDir });
    manager = createIdentityManager({ db: opened.db, sites: [{ id: 'chu', patientIdSystem: CHU }, { id: 'cgfl', patientIdSystem: CGFL }], now: () => at });
  });
  afterAll(async () => {
    await opened?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const personOf = async (system: string, value: string) => (await findRecord(opened.db, { system, value }))?.personId;

  it('keeps a human link whatever later feeds say, even once the records share no blocking key', async () => {
    await manager.feed({ system: CHU, value: 'P1' }, traits(), 'flux-chu');
    await manager.feed({ system: CGFL, value: 'Q1' }, traits({ birthDate: '1985-02-05' }), 'flux-cgfl');
    const [item] = (await reviewQueuePage(opened.db, { offset: 0, count: 10 })).entries;
    expect(item).toBeDefined();
    const later = await decideQueueItem(opened.db, manager.matcher, { itemId: item!.id, choice: 'later', comment: null, user: officer, at });
    expect(later.ok).toBe(true);
    expect(await personOf(CHU, 'P1')).not.toBe(await personOf(CGFL, 'Q1'));
    expect(await openPossibleMatches(opened.db)).toHaveLength(1);

    const linked = await decideQueueItem(opened.db, manager.matcher, { itemId: item!.id, choice: 'link', comment: 'swapped day and month', user: officer, at });
    expect(linked.ok).toBe(true);
    expect(await personOf(CGFL, 'Q1')).toBe(await personOf(CHU, 'P1'));
    // Fed again, the CHU record now with another INS: no shared key with Q1 any more, and still the same person.
    await manager.feed({ system: CGFL, value: 'Q1' }, traits({ birthDate: '1985-02-05' }), 'flux-cgfl');
    const moved = await manager.feed({ system: CHU, value: 'P1' }, traits({ ins: { ...INS, value: '185057512300099' } }), 'flux-chu');
    expect(moved.matching.compared).toEqual([{ recordId: (await findRecord(opened.db, { system: CGFL, value: 'Q1' }))!.id, outcome: 'human-link' }]);
    expect(await personOf(CGFL, 'Q1')).toBe(await personOf(CHU, 'P1'));
    expect(await openPossibleMatches(opened.db)).toEqual([]);
  });

  it('keeps an undone link undone, whatever later feeds say', async () => {
    await manager.feed({ system: CHU, value: 'P1' }, traits(), 'flux-chu');
    const q1 = (await findRecord(opened.db, { system: CGFL, value: 'Q1' }))!;
    const undone = await unlinkRecord(opened.db, { recordId: q1.id, comment: 'another man', user: officer, at });
    expect(undone.ok).toBe(true);
    await manager.feed({ system: CGFL, value: 'Q1' }, traits(), 'flux-cgfl');
    await manager.feed({ system: CHU, value: 'P1' }, traits(), 'flux-chu');
    expect(await personOf(CGFL, 'Q1')).not.toBe(await personOf(CHU, 'P1'));
    expect(await openPossibleMatches(opened.db)).toEqual([]);
    expect(await unlinkRecord(opened.db, { recordId: q1.id, comment: 'again', user: officer, at })).toMatchObject({ ok: false, status: 409 });
  });
});
