import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import type { PatientRecord } from './patientRecord.ts';

const siteA = 'urn:oid:1.2.250.1.999.1.1';
const siteB = 'urn:oid:1.2.250.1.999.2.1';
const records: PatientRecord[] = [
  { system: siteA, value: 'A1', birthFamilyName: 'DUPONT', givenNames: ['MARIE'], birthDate: '1975-03-08', sex: 'F' },
  // The same woman: day and month swapped, married name only.
  { system: siteB, value: 'B1', usedFamilyName: 'MARTIN', givenNames: ['Marie'], birthDate: '1975-08-03', sex: 'F' },
  // The same man at both sites: a typo in the first letter of his name and another birth year, same names otherwise.
  { system: siteA, value: 'A2', birthFamilyName: 'LEFEVRE', givenNames: ['PAUL'], birthDate: '1960-01-15', sex: 'M' },
  { system: siteB, value: 'B2', birthFamilyName: 'LEFEVRE', givenNames: ['PAUL'], birthDate: '1961-01-15', sex: 'M' },
  // Another patient of site A, born the same day as A1: never paired with A1 (same site).
  { system: siteA, value: 'A3', birthFamilyName: 'DURAND', givenNames: ['LUC'], birthDate: '1975-03-08', sex: 'M' },
  // INS only in common (every trait missing at one site).
  { system: siteA, value: 'A4', ins: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '180017512345678' }, givenNames: [], sex: 'U' },
  { system: siteB, value: 'B4', ins: { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '180017512345678' }, birthFamilyName: 'ROUX', givenNames: ['ALAIN'], sex: 'M' },
];

function pairsOf(result: ReturnType<typeof candidatePairs>): string[] {
  const out: string[] = [];
  for (let k = 0; k < result.pairs.length; k += 2) out.push(`${records[result.pairs[k] as number]?.value}-${records[result.pairs[k + 1] as number]?.value}`);
  return out.sort();
}

describe('candidatePairs', () => {
  const result = candidatePairs(records);
  it('keeps the pairs any rule finds: swapped date, other birth year, INS alone', () => {
    expect(pairsOf(result)).toEqual(expect.arrayContaining(['A1-B1', 'A2-B2', 'A4-B4']));
  });
  it('never pairs two records of one site', () => {
    expect(pairsOf(result)).not.toContain('A1-A3');
  });
  it('counts each pair once and says which rules found it', () => {
    expect(new Set(pairsOf(result)).size).toBe(pairsOf(result).length);
    const index = pairsOf(result).indexOf('A2-B2');
    expect(result.ruleMasks[index]).toBeGreaterThan(0);
    expect(result.newPairsByRule['family name + first given name']).toBeGreaterThan(0);
  });
  it('leaves out blocks larger than the maximum', () => {
    const crowd: PatientRecord[] = Array.from({ length: 6 }, (_, i) => ({
      system: i % 2 ? siteA : siteB, value: `C${i}`, birthFamilyName: `NAME${'X'.repeat(i)}`, givenNames: [`G${i}`], birthDate: '2000-01-01', sex: 'M' as const,
    }));
    expect(candidatePairs(crowd, undefined, 5).oversizedBlocks['birth date']).toBe(1);
  });
});
