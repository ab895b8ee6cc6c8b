import { describe, expect, it } from 'vitest';
import { insRulesMatcher, type MatchRecord } from './matcher.ts';

const INS = { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '285017512345678' };
const record = (id: string, overrides: Partial<MatchRecord['traits']> = {}): MatchRecord => ({
  id,
  identifier: { system: `urn:oid:1.2.250.1.999.${id}.1`, value: `P${id}` },
  sourceSite: null,
  traits: { birthName: 'MOREAU', usedName: 'LEGRAND', givenNames: ['Anne-Sophie', 'Marie'], birthDate: '1985-01-17', sex: 'female', ins: INS, ...overrides },
});

describe('the built-in INS matcher', () => {
  it('blocks on the INS only', () => {
    expect(insRulesMatcher.blockingKeys(record('1'))).toEqual([`ins:${INS.system}|${INS.value}`]);
    expect(insRulesMatcher.blockingKeys(record('1', { ins: null }))).toEqual([]);
  });

  it('links the same INS with strict traits that agree, written differently (case, accents, hyphens)', () => {
    const decision = insRulesMatcher.compare(record('1'), record('2', { birthName: 'Moreau', givenNames: ['ANNE SOPHIE'], usedName: null }));
    expect(decision.outcome).toBe('link');
    expect(decision.reason).toMatchObject({ rule: 'same-ins-strict-traits-agree', agreeing: ['birthName', 'firstGivenName', 'birthDate', 'sex'], differing: [] });
  });

  it('sends the same INS with a differing or missing strict trait to review, never to a link', () => {
    expect(insRulesMatcher.compare(record('1'), record('2', { birthDate: '1985-17-01' }))).toMatchObject({ outcome: 'review', reason: { differing: ['birthDate'] } });
    expect(insRulesMatcher.compare(record('1'), record('2', { givenNames: ['Marie'] }))).toMatchObject({ outcome: 'review', reason: { differing: ['firstGivenName'] } });
    expect(insRulesMatcher.compare(record('1'), record('2', { sex: null }))).toMatchObject({ outcome: 'review', reason: { missing: ['sex'] } });
  });

  it('never links different INS, nor records without one', () => {
    expect(insRulesMatcher.compare(record('1'), record('2', { ins: { ...INS, value: '285017512345679' } })).outcome).toBe('no-link');
    expect(insRulesMatcher.compare(record('1'), record('2', { ins: { ...INS, system: 'urn:oid:1.2.250.1.213.1.4.8' } })).outcome).toBe('no-link');
    expect(insRulesMatcher.compare(record('1', { ins: null }), record('2')).outcome).toBe('no-link');
  });
});
