/**
 * The manager's matching guards on stored records, against a real PostgreSQL server and the embedded PGlite: a
 * person's decision is never overridden by re-matching, a record is never automatically linked to two persons, and
 * a record whose automatic link no longer holds leaves its person.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { findRecord, openPossibleMatches, personHistory, recordDecision, detachRecord, linkRecord, type RecordTraits } from '../db/identityStore.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { createIdentityManager, type IdentityManager } from './identityManager.ts';
import type { Matcher } from './matcher.ts';
import { unlinkRecord } from './reviewDecisions.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const THIRD = 'urn:oid:1.2.250.1.999.3.1';
const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '185057512300022' };
const at = new Date('2026-06-01T10:00:00.000Z');
const traits = (overrides: Partial<RecordTraits> = {}): RecordTraits => ({
  birthName: 'ROUSSEL',
  usedName: null,
  givenNames: ['Paul'],
  birthDate: '1985-05-02',
  sex: 'male',
  ins: INS,
  ...overrides,
});

function describeGuards(label: string, open: () => Promise<{ handle: OpenDatabase; cleanUp(): Promise<void> }>) {
  describe(`identity manager guards (${label})`, () => {
    let opened: Awaited<ReturnType<typeof open>>;
    let manager: IdentityManager;
    beforeAll(async () => {
      opened = await open();
      manager = createIdentityManager({ db: opened.handle.db, sites: [{ id: 'chu', patientIdSystem: '1.2.250.1.999.1.1' }, { id: 'cgfl', patientIdSystem: CGFL }], now: () => at });
    });
    afterAll(() => opened?.cleanUp());

    it('links on the INS rule, names the source site, and unlinks a record whose traits no longer agree', async () => {
      const chu = await manager.feed({ system: CHU, value: 'P1' }, traits(), 'flux-chu');
      expect(chu.record.sourceSite).toBe('chu');
      const cgfl = await manager.feed({ system: CGFL, value: 'Q1' }, traits(), 'flux-cgfl');
      expect(cgfl.record.personId).toBe(chu.record.personId);
      expect(cgfl.record.linkReason).toMatchObject({ matcher: 'probabilistic', matches: [{ with: chu.record.id, rule: 'same-ins' }] });
      expect(cgfl.matching.compared).toEqual([{ recordId: chu.record.id, outcome: 'link' }]);

      const changed = await manager.feed({ system: CGFL, value: 'Q1' }, traits({ sex: 'female' }), 'flux-cgfl');
      expect(changed.record.personId).not.toBe(chu.record.personId);
      expect(changed.record.linkReason).toMatchObject({ rule: 'no-longer-matches' });
      expect((await openPossibleMatches(opened.handle.db)).map((match) => [match.recordA, match.recordB])).toEqual([[chu.record.id, cgfl.record.id]]);
      const crossed = await manager.crossReference({ system: CHU, value: 'P1' }, [CGFL]);
      expect(crossed).toMatchObject({ ok: true, targetIdentifiers: [] });
      expect((await personHistory(opened.handle.db, chu.record.personId!)).map((entry) => entry.event)).toContain('record-left');
    });

    it('never links again a pair an officer said is not the same, nor queues it', async () => {
      const chu = (await findRecord(opened.handle.db, { system: CHU, value: 'P1' }))!;
      const cgfl = (await findRecord(opened.handle.db, { system: CGFL, value: 'Q1' }))!;
      await recordDecision(opened.handle.db, { subject: { kind: 'pair', recordA: chu.id, recordB: cgfl.id }, choice: 'not-same', comment: 'two people', userId: 'identito', userName: null, decidedAt: at });
      const again = await manager.feed({ system: CGFL, value: 'Q1' }, traits(), 'flux-cgfl');
      expect(again.record.personId).not.toBe(chu.personId);
      expect(again.matching.compared).toEqual([{ recordId: chu.id, outcome: 'human-not-same' }]);
      expect(await openPossibleMatches(opened.handle.db)).toEqual([]);
    });

    it('keeps a record an officer placed where they placed it, whatever its traits say', async () => {
      const chu = (await findRecord(opened.handle.db, { system: CHU, value: 'P1' }))!;
      const placed = await manager.feed({ system: THIRD, value: 'R1' }, traits({ ins: null, birthName: 'ROUSEL' }), 'flux-third');
      await linkRecord(opened.handle.db, { recordId: placed.record.id, personId: chu.personId!, origin: 'human', reason: { decision: 'link' }, at, actor: 'identito' });
      const fedAgain = await manager.feed({ system: THIRD, value: 'R1' }, traits({ ins: null, birthName: 'ROUSEL', givenNames: ['Pierre'] }), 'flux-third');
      expect(fedAgain.record).toMatchObject({ personId: chu.personId, linkOrigin: 'human' });
    });

    it('answers ITI-83 from every change committed before the look-up, at this gateway or another on the same database', async () => {
      const other = createIdentityManager({ db: opened.handle.db, sites: [], now: () => at });
      const ins = { system: INS.system, value: '290017512300077' };
      const here = await manager.feed({ system: CHU, value: 'X1' }, traits({ birthName: 'VALLET', givenNames: ['Lucie'], sex: 'female', birthDate: '1990-01-09', ins }), 'flux-chu');
      // The other gateway reads its table once now, before the link exists.
      expect(await other.crossReference({ system: CHU, value: 'X1' }, [CGFL])).toMatchObject({ ok: true, targetIdentifiers: [] });
      await manager.feed({ system: CGFL, value: 'Y1' }, traits({ birthName: 'VALLET', givenNames: ['Lucie'], sex: 'female', birthDate: '1990-01-09', ins }), 'flux-cgfl');
      const linked = await Promise.all(Array.from({ length: 20 }, () => other.crossReference({ system: CHU, value: 'X1' }, [CGFL])));
      for (const answer of linked) expect(answer).toMatchObject({ ok: true, targetIdentifiers: [{ system: CGFL, value: 'Y1' }], personIds: [here.record.personId] });
      expect(await other.crossReference(ins, [])).toMatchObject({ ok: true, targetIdentifiers: [{ system: CHU, value: 'X1' }, { system: CGFL, value: 'Y1' }] });

      const unlinked = await unlinkRecord(opened.handle.db, { recordId: (await findRecord(opened.handle.db, { system: CGFL, value: 'Y1' }))!.id, comment: 'two people', user: { id: 'identito' }, at });
      expect(unlinked.ok).toBe(true);
      for (const gateway of [manager, other]) expect(await gateway.crossReference({ system: CHU, value: 'X1' }, [CGFL])).toMatchObject({ ok: true, targetIdentifiers: [] });

      await manager.remove({ system: CGFL, value: 'Y1' }, 'flux-cgfl');
      expect(await other.crossReference({ system: CGFL, value: 'Y1' }, [])).toMatchObject({ ok: false, status: 404 });
      expect(await other.crossReference({ system: 'urn:oid:1.2.250.1.999.9.9', value: 'Y1' }, [])).toMatchObject({ ok: false, status: 400 });
    });

    it('never links a record automatically to two persons: each pair goes to review instead', async () => {
      // A matcher that would link everything sharing a birth date, to see the guard act.
      const eager: Matcher = {
        name: 'eager',
        blockingKeys: (record) => (record.traits.birthDate ? [`dob:${record.traits.birthDate}`] : []),
        compare: () => ({ outcome: 'link', reason: { rule: 'same-birth-date' } }),
      };
      const eagerManager = createIdentityManager({ db: opened.handle.db, sites: [], matcher: eager, now: () => at });
      const one = await eagerManager.feed({ system: CHU, value: 'T1' }, traits({ ins: null, birthDate: '2001-01-01' }), 'flux-chu');
      const two = await eagerManager.feed({ system: CGFL, value: 'T2' }, traits({ ins: null, birthDate: '2001-01-01' }), 'flux-cgfl');
      expect(two.record.personId).toBe(one.record.personId);
      // An officer takes T2 out; a third record now matches two persons.
      await detachRecord(opened.handle.db, { recordId: two.record.id, origin: 'human', reason: { decision: 'unlink' }, at, actor: 'identito' });
      const three = await eagerManager.feed({ system: THIRD, value: 'T3' }, traits({ ins: null, birthDate: '2001-01-01' }), 'flux-third');
      expect([one.record.personId]).not.toContain(three.record.personId);
      const queued = (await openPossibleMatches(opened.handle.db)).filter((match) => match.recordB === three.record.id);
      expect(queued.map((match) => match.recordA).sort()).toEqual([one.record.id, two.record.id].sort());
      expect(queued[0]?.reason).toMatchObject({ rule: 'would-link-to-several-persons' });
    });
  });
}

describeGuards('PostgreSQL server', async () => {
  const database = await createTestDatabase(inject('postgresAdminUrl'), 'identity_guards');
  const handle = await openDatabase({ kind: 'server', url: database.appUrl });
  return {
    handle,
    cleanUp: async () => {
      await handle.close();
      await database.drop();
    },
  };
});

describeGuards('embedded PGlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-identity-'));
  const handle = await openDatabase({ kind: 'embedded', dataDir });
  return {
    handle,
    cleanUp: async () => {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
