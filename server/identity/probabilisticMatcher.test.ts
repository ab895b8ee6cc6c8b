import { describe, expect, it } from 'vitest';
import type { MatchRecord } from './matcher.ts';
import { corePatientRecord, createProbabilisticMatcher } from './probabilisticMatcher.ts';

const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '285017512345678' };
let next = 0;
const record = (site: number, overrides: Partial<MatchRecord['traits']> = {}): MatchRecord => ({
  id: String(++next),
  identifier: { system: `urn:oid:1.2.250.1.999.${site}.1`, value: `P${next}` },
  sourceSite: null,
  traits: { birthName: 'MOREAU', usedName: null, givenNames: ['Anne-Sophie', 'Marie'], birthDate: '1985-01-17', sex: 'female', ins: null, ...overrides },
});

describe('the probabilistic matcher behind the manager', () => {
  const matcher = createProbabilisticMatcher();

  it('maps stored traits to the core record (sex letters, INS only in an INS system)', () => {
    const core = corePatientRecord(record(1, { usedName: 'LEGRAND', ins: INS, sex: 'unknown' }));
    expect(core).toMatchObject({ birthFamilyName: 'MOREAU', usedFamilyName: 'LEGRAND', sex: 'U', ins: INS, birthDate: '1985-01-17' });
    expect(corePatientRecord(record(1, { ins: { system: 'urn:oid:1.2.3', value: 'X' }, sex: null })).ins).toBeUndefined();
  });

  it('gives keys under each blocking rule, prefixed by the rule, so two rules never share a key', () => {
    const keys = matcher.blockingKeys(record(1, { ins: INS }));
    expect(keys[0]).toBe(`0:${INS.system}|${INS.value}`);
    expect(new Set(keys.map((key) => key.split(':')[0]))).toEqual(new Set(['0', '1', '2', '3', '4']));
    // A swapped day and month gives the same birth date key.
    const swapped = matcher.blockingKeys(record(2, { birthDate: '1985-01-07' }));
    const straight = matcher.blockingKeys(record(3, { birthDate: '1985-07-01' }));
    expect(swapped.filter((key) => key.startsWith('1:'))).toEqual(straight.filter((key) => key.startsWith('1:')));
  });

  it('links a woman under her birth name at one site and her married name with a hyphen lost at the other, with its reason as JSON', () => {
    const decision = matcher.compare(record(1, { usedName: 'LEGRAND' }), record(2, { birthName: 'LEGRAND', givenNames: ['ANNE SOPHIE'] }));
    expect(decision.outcome).toBe('link');
    expect(decision.reason).toMatchObject({ matcher: 'probabilistic', rule: 'score', weights: 'calibrated', agreed: expect.arrayContaining(['familyName', 'givenName', 'birthDate', 'sex']) });
    expect(decision.reason.score).toBeGreaterThanOrEqual(22);
    expect(JSON.parse(JSON.stringify(decision.reason))).toEqual(decision.reason);
  });

  it('never links twins automatically, nor records of one site, nor different INS', () => {
    expect(matcher.compare(record(1), record(2, { givenNames: ['Claire'] })).outcome).toBe('review');
    expect(matcher.compare(record(1), record(1)).outcome).toBe('no-link');
    expect(matcher.compare(record(1, { ins: INS }), record(2, { ins: { ...INS, value: '285017512345679' } }))).toMatchObject({ outcome: 'no-link', reason: { rule: 'different-ins' } });
  });

  it('sends the same INS with a strict trait that differs to review, and links it when they agree', () => {
    expect(matcher.compare(record(1, { ins: INS }), record(2, { ins: INS, birthDate: '1985-01-18' }))).toMatchObject({ outcome: 'review', reason: { rule: 'ins-traits-disagree' } });
    expect(matcher.compare(record(1, { ins: INS }), record(2, { ins: INS }))).toMatchObject({ outcome: 'link', reason: { rule: 'same-ins' } });
  });

  it('learns its weights from records, keeping the calibrated ones when there are too few pairs', () => {
    const few = matcher.learn([record(1), record(2)]);
    expect(few.weights.source).toBe('calibrated');
    expect(few.compare(record(1), record(2)).outcome).toBe('link');
  });
});
