/** The identity manager's storage against a real PostgreSQL server: records, persons, links, reviews, decisions, history. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import {
  detachRecord,
  findRecord,
  inIdentityTransaction,
  knownSystems,
  linkRecord,
  markRecordDeleted,
  openPossibleMatch,
  openPossibleMatches,
  pairDecisionsOf,
  personHistory,
  recordDecision,
  recordsOfPerson,
  recordsSharingKeys,
  recordsWithIns,
  searchRecords,
  setBlockingKeys,
  upsertRecord,
  withdrawPossibleMatches,
  type RecordTraits,
} from './identityStore.ts';
import { openDatabase, type OpenDatabase } from './openDatabase.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '285017512345678' };
const at = new Date('2026-06-01T10:00:00.000Z');

const traits = (overrides: Partial<RecordTraits> = {}): RecordTraits => ({
  birthName: 'MOREAU',
  usedName: 'LEGRAND',
  givenNames: ['Anne-Sophie', 'Marie'],
  birthDate: '1985-01-17',
  sex: 'female',
  ins: INS,
  ...overrides,
});

let database: TestDatabase;
let handle: OpenDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject('postgresAdminUrl'), 'identity_store');
  handle = await openDatabase({ kind: 'server', url: database.appUrl });
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe('identity store (PostgreSQL server)', () => {
  it('creates a record with a person of its own, then updates it in place, unique by system and value', async () => {
    const first = await upsertRecord(handle.db, {
      identifier: { system: CHU, value: 'A1' },
      traits: traits(),
      searchNames: ['moreau', 'legrand'],
      searchGiven: ['anne sophie', 'marie'],
      sourceSite: 'chu',
      resource: { resourceType: 'Patient' },
      at,
      actor: 'flux-chu',
    });
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({ identifier: { system: CHU, value: 'A1' }, traits: traits(), sourceSite: 'chu', deleted: false, linkOrigin: 'automatic' });
    expect(first.record.personId).not.toBeNull();
    const again = await upsertRecord(handle.db, {
      identifier: { system: CHU, value: 'A1' },
      traits: traits({ usedName: null }),
      searchNames: ['moreau'],
      searchGiven: ['anne sophie', 'marie'],
      sourceSite: 'chu',
      resource: { resourceType: 'Patient' },
      at,
      actor: 'flux-chu',
    });
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.personId).toBe(first.record.personId);
    expect((await findRecord(handle.db, { system: CHU, value: 'A1' }))?.traits.usedName).toBeNull();
    expect(await findRecord(handle.db, { system: CHU, value: 'nobody' })).toBeUndefined();
  });

  it('finds records by blocking key and INS, links one into another person, keeps the history, and detaches it again', async () => {
    const chu = (await findRecord(handle.db, { system: CHU, value: 'A1' }))!;
    const { record: cgfl } = await upsertRecord(handle.db, {
      identifier: { system: CGFL, value: 'B7' },
      traits: traits({ givenNames: ['Anne Sophie'] }),
      searchNames: ['moreau'],
      searchGiven: ['anne sophie'],
      sourceSite: 'cgfl',
      resource: {},
      at,
      actor: 'flux-cgfl',
    });
    await setBlockingKeys(handle.db, chu.id, [`ins:${INS.value}`, 'dob:1985-01-17']);
    await setBlockingKeys(handle.db, cgfl.id, [`ins:${INS.value}`]);
    expect((await recordsSharingKeys(handle.db, cgfl.id, [`ins:${INS.value}`])).map((record) => record.id)).toEqual([chu.id]);
    expect((await recordsWithIns(handle.db, INS)).map((record) => record.id)).toEqual([chu.id, cgfl.id]);
    expect(await knownSystems(handle.db)).toEqual(expect.arrayContaining([CHU, CGFL, INS.system]));

    await inIdentityTransaction(handle.db, (trx) =>
      linkRecord(trx, { recordId: cgfl.id, personId: chu.personId!, origin: 'automatic', reason: { rule: 'same-ins' }, at, actor: 'matcher' }),
    );
    expect((await recordsOfPerson(handle.db, chu.personId!)).map((record) => record.identifier.value)).toEqual(['A1', 'B7']);
    expect((await findRecord(handle.db, { system: CGFL, value: 'B7' }))?.linkReason).toEqual({ rule: 'same-ins' });
    expect((await personHistory(handle.db, chu.personId!)).map((entry) => entry.event)).toEqual(['record-added', 'record-updated', 'record-linked']);
    expect((await personHistory(handle.db, cgfl.personId!)).map((entry) => entry.event)).toEqual(['record-added', 'record-left']);

    const alone = await detachRecord(handle.db, { recordId: cgfl.id, origin: 'human', reason: { decision: 'unlink' }, at, actor: 'identito' });
    expect((await recordsOfPerson(handle.db, alone)).map((record) => [record.identifier.value, record.linkOrigin])).toEqual([['B7', 'human']]);
    expect((await recordsOfPerson(handle.db, chu.personId!)).map((record) => record.identifier.value)).toEqual(['A1']);
  });

  it('keeps possible matches open until decided or withdrawn, and records decisions about pairs and persons', async () => {
    const chu = (await findRecord(handle.db, { system: CHU, value: 'A1' }))!;
    const cgfl = (await findRecord(handle.db, { system: CGFL, value: 'B7' }))!;
    await openPossibleMatch(handle.db, cgfl.id, chu.id, { rule: 'same-ins-traits-differ', differing: ['givenNames'] }, at);
    await openPossibleMatch(handle.db, chu.id, cgfl.id, { rule: 'same-ins-traits-differ', differing: ['birthDate'] }, at);
    const open = await openPossibleMatches(handle.db);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ recordA: chu.id, recordB: cgfl.id, reason: { differing: ['birthDate'] } });
    await recordDecision(handle.db, { subject: { kind: 'pair', recordA: cgfl.id, recordB: chu.id }, choice: 'later', comment: 'call the other site', userId: 'identito', userName: null, decidedAt: at });
    expect(await openPossibleMatches(handle.db)).toHaveLength(1);
    await recordDecision(handle.db, { subject: { kind: 'pair', recordA: cgfl.id, recordB: chu.id }, choice: 'not-same', comment: 'twins', userId: 'identito', userName: 'Identito', decidedAt: at });
    expect(await openPossibleMatches(handle.db)).toHaveLength(0);
    expect((await pairDecisionsOf(handle.db, chu.id)).map((decision) => decision.choice)).toEqual(['not-same', 'later']);
    await recordDecision(handle.db, { subject: { kind: 'person', personId: chu.personId! }, choice: 'unlink', comment: null, userId: 'identito', userName: null, decidedAt: at });

    await openPossibleMatch(handle.db, chu.id, cgfl.id, { rule: 'again' }, at);
    await withdrawPossibleMatches(handle.db, chu.id, [cgfl.id], at);
    expect(await openPossibleMatches(handle.db)).toHaveLength(1);
    await withdrawPossibleMatches(handle.db, chu.id, [], at);
    expect(await openPossibleMatches(handle.db)).toHaveLength(0);
  });

  it('searches by name prefix or exactly, given name, birth date and its comparators, sex and identifier', async () => {
    const values = async (search: Parameters<typeof searchRecords>[1]) => (await searchRecords(handle.db, search)).map((record) => record.identifier.value);
    expect(await values({ family: [{ text: 'mor', exact: false }], limit: 10 })).toEqual(['A1', 'B7']);
    expect(await values({ family: [{ text: 'MOREAU', exact: true }], given: [{ text: 'Anne Sophie', exact: true }], limit: 10 })).toEqual(['B7']);
    expect(await values({ given: [{ text: 'mar', exact: false }], limit: 10 })).toEqual(['A1']);
    expect(await values({ birthDate: [{ comparator: 'eq', value: '1985' }], limit: 10 })).toEqual(['A1', 'B7']);
    expect(await values({ birthDate: [{ comparator: 'gt', value: '1985-01-17' }], limit: 10 })).toEqual([]);
    expect(await values({ sex: 'male', limit: 10 })).toEqual([]);
    expect(await values({ identifier: [{ system: CGFL, value: 'B7' }], limit: 10 })).toEqual(['B7']);
    expect(await values({ identifier: [{ system: INS.system, value: INS.value }], limit: 1 })).toEqual(['A1']);
    expect(await values({ family: [{ text: '%', exact: false }], limit: 10 })).toEqual([]);
  });

  it('marks a record deleted or replaced: it leaves its person and searches, and comes back when fed again', async () => {
    const chu = (await findRecord(handle.db, { system: CHU, value: 'A1' }))!;
    const cgfl = (await findRecord(handle.db, { system: CGFL, value: 'B7' }))!;
    await markRecordDeleted(handle.db, cgfl.id, { at, actor: 'flux-cgfl', replacedBy: chu.id });
    const deleted = await findRecord(handle.db, { system: CGFL, value: 'B7' });
    expect(deleted).toMatchObject({ deleted: true, replacedBy: chu.id, personId: null });
    expect(await recordsSharingKeys(handle.db, chu.id, [`ins:${INS.value}`])).toEqual([]);
    expect((await searchRecords(handle.db, { family: [{ text: 'moreau', exact: false }], limit: 10 })).map((record) => record.identifier.value)).toEqual(['A1']);
    expect((await personHistory(handle.db, cgfl.personId!)).at(-1)).toMatchObject({ event: 'record-merged', detail: { replacedBy: chu.id } });
    const back = await upsertRecord(handle.db, { identifier: { system: CGFL, value: 'B7' }, traits: traits(), searchNames: [], searchGiven: [], sourceSite: 'cgfl', resource: {}, at, actor: 'flux-cgfl' });
    expect(back.record).toMatchObject({ deleted: false, replacedBy: null });
    expect(back.record.personId).not.toBeNull();
  });
});
