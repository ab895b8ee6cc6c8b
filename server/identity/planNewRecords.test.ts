import { describe, expect, it } from 'vitest';
import type { Matcher, MatchRecord } from './matcher.ts';
import { planNewRecords, type KnownRecord } from './planNewRecords.ts';
import type { RecordTraits } from './patientTraits.ts';

const traits = (birthName: string, birthDate: string, given = 'Anne'): RecordTraits => ({ birthName, usedName: null, givenNames: [given], birthDate, sex: 'female', ins: null });
const record = (id: string, system: string, value: string, recordTraits: RecordTraits): MatchRecord => ({ id, identifier: { system, value }, sourceSite: null, traits: recordTraits });

/** Blocks on the birth date; links on the same name, reviews a different given name, never links otherwise. */
const byName: Matcher = {
  name: 'by-name',
  blockingKeys: (candidate) => (candidate.traits.birthDate ? [`dob:${candidate.traits.birthDate}`] : []),
  compare: (a, b) =>
    a.traits.birthName !== b.traits.birthName
      ? { outcome: 'no-link', reason: { rule: 'other-name' } }
      : a.traits.givenNames[0] === b.traits.givenNames[0]
        ? { outcome: 'link', reason: { rule: 'same-name' } }
        : { outcome: 'review', reason: { rule: 'other-given' } },
};

describe('planNewRecords', () => {
  it('links a new record to a known person, and a later record of the run to an earlier one', () => {
    const known: KnownRecord[] = [{ ...record('5', 'chu', 'A1', traits('MOREL', '1970-01-02')), personId: '50' }];
    const { plans, personsCreated } = planNewRecords(byName, [record('10', 'cgfl', 'B1', traits('MOREL', '1970-01-02')), record('11', 'x', 'C1', traits('BRUN', '1981-03-04')), record('12', 'cgfl', 'B2', traits('BRUN', '1981-03-04'))], known);
    expect(personsCreated).toBe(1);
    expect(plans.map((plan) => plan.person)).toEqual([{ existing: '50' }, { created: 0 }, { created: 0 }]);
    expect(plans[0]?.linkReason).toEqual({ matcher: 'by-name', matches: [{ with: '5', rule: 'same-name' }] });
    expect(plans[1]?.linkReason).toEqual({ rule: 'own-person' });
    expect(plans[2]?.compared).toEqual([{ recordId: '11', outcome: 'link' }]);
    expect(plans[0]?.keys).toEqual(['dob:1970-01-02']);
  });

  it('never links a record automatically to two persons: it keeps its own, and each pair goes to review', () => {
    const known: KnownRecord[] = [
      { ...record('1', 'chu', 'A1', traits('MOREL', '1970-01-02')), personId: '100' },
      { ...record('2', 'cgfl', 'B1', traits('MOREL', '1970-01-02')), personId: '200' },
    ];
    const { plans } = planNewRecords(byName, [record('3', 'x', 'C1', traits('MOREL', '1970-01-02'))], known);
    expect(plans[0]?.person).toEqual({ created: 0 });
    expect(plans[0]?.reviews).toEqual([
      { recordId: '1', reason: { matcher: 'by-name', with: '1', rule: 'would-link-to-several-persons' } },
      { recordId: '2', reason: { matcher: 'by-name', with: '2', rule: 'would-link-to-several-persons' } },
    ]);
  });

  it('queues a possible match once, and not with a record of the person it joined', () => {
    const known: KnownRecord[] = [
      { ...record('1', 'chu', 'A1', traits('PETIT', '2001-05-06', 'Lea')), personId: '100' },
      { ...record('2', 'chu', 'A2', traits('PETIT', '2001-05-06', 'Lou')), personId: '100' },
    ];
    const { plans } = planNewRecords(byName, [record('3', 'cgfl', 'B1', traits('PETIT', '2001-05-06', 'Lea'))], known);
    expect(plans[0]?.person).toEqual({ existing: '100' });
    expect(plans[0]?.reviews).toEqual([]);
    const twins = planNewRecords(byName, [record('4', 'cgfl', 'B2', traits('PETIT', '2001-05-06', 'Zoe'))], known);
    expect(twins.plans[0]?.person).toEqual({ created: 0 });
    expect(twins.plans[0]?.reviews.map((review) => review.recordId)).toEqual(['1', '2']);
  });
});
