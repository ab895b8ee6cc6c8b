import { describe, expect, it } from 'vitest';
import type { RecordChange } from '../db/identityStore.ts';
import { CrossReferenceTable } from './crossReferenceTable.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '185057512300022' };
let seq = 0;
const change = (id: string, system: string, value: string, personId: string | null, extra: Partial<RecordChange> = {}): RecordChange => ({
  id,
  identifier: { system, value },
  ins: null,
  personId,
  deleted: false,
  changedSeq: String(++seq),
  ...extra,
});

describe('CrossReferenceTable', () => {
  it('finds a record by identifier, its person’s records oldest first, and the records of an INS', () => {
    const table = new CrossReferenceTable();
    table.apply(change('10', CGFL, 'B-1', '1', { ins: INS }));
    table.apply(change('9', CHU, 'A1', '1', { ins: INS }));
    table.apply(change('11', CHU, 'A2', '2'));
    expect(table.recordOf({ system: CGFL, value: 'B-1' })?.personId).toBe('1');
    expect(table.membersOf('1').map((record) => record.id)).toEqual(['9', '10']);
    expect(table.withIns(INS).map((record) => record.identifier.value)).toEqual(['A1', 'B-1']);
    expect(table.recordOf({ system: CGFL, value: 'A1' })).toBeUndefined();
    expect([...table.systems].sort()).toEqual([CHU, CGFL, INS.system].sort());
  });

  it('moves a record that changed person, and forgets a deleted one but keeps its system known', () => {
    const table = new CrossReferenceTable();
    table.apply(change('1', CHU, 'A1', '1'));
    table.apply(change('2', CGFL, 'B1', '1', { ins: INS }));
    table.apply(change('2', CGFL, 'B1', '5'));
    expect(table.membersOf('1').map((record) => record.id)).toEqual(['1']);
    expect(table.membersOf('5').map((record) => record.id)).toEqual(['2']);
    expect(table.withIns(INS)).toEqual([]);
    table.apply(change('2', CGFL, 'B1', null, { deleted: true }));
    expect(table.recordOf({ system: CGFL, value: 'B1' })).toBeUndefined();
    expect(table.membersOf('5')).toEqual([]);
    expect(table.size).toBe(1);
    expect(table.systems.has(CGFL)).toBe(true);
  });
});
