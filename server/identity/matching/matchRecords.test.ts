import { describe, expect, it } from 'vitest';
import { calibratedWeights } from './fellegiSunter.ts';
import type { HumanDecision } from './humanDecision.ts';
import { matchRecords } from './matchRecords.ts';
import { recordId, type PatientRecord, type RecordId } from './patientRecord.ts';

const A = 'urn:oid:1.2.250.1.999.1.1';
const B = 'urn:oid:1.2.250.1.999.2.1';
const C = 'urn:oid:1.2.250.1.999.3.1';
const NIR = 'urn:oid:1.2.250.1.213.1.4.8' as const;

const helene = (system: string, value: string, changes: Partial<PatientRecord> = {}): PatientRecord => ({
  system,
  value,
  birthFamilyName: 'QUEBAULT',
  givenNames: ['HÉLÈNE'],
  birthDate: '1975-03-08',
  sex: 'F',
  ...changes,
});
const id = (system: string, value: string) => recordId({ system, value });
const match = (records: PatientRecord[], humanDecisions: HumanDecision[] = []) =>
  matchRecords({ records, humanDecisions, weights: calibratedWeights });
const personOf = (result: ReturnType<typeof match>, record: RecordId) => result.persons.find((p) => p.records.includes(record))?.id;
const decisionOn = (result: ReturnType<typeof match>, a: RecordId, b: RecordId) =>
  result.decisions.find((d) => (d.a === a && d.b === b) || (d.a === b && d.b === a));

describe('matchRecords', () => {
  it('makes one person of one patient at three sites, written three ways', () => {
    const result = match([
      helene(A, '1'),
      helene(B, '1', { birthFamilyName: 'Quebault', givenNames: ['Hélène', 'Odile'], usedFamilyName: 'Martin' }),
      helene(C, '1', { birthFamilyName: undefined, usedFamilyName: 'MARTIN', givenNames: ['HELENE'], birthDate: '1975-08-03', ins: { system: NIR, value: '275037512345678' } }),
    ]);
    expect(result.persons).toHaveLength(1);
    expect(result.persons[0]?.records).toEqual([id(A, '1'), id(B, '1'), id(C, '1')].sort());
  });

  it('never links one record to two people: two candidates at one site send both to review', () => {
    const result = match([helene(A, '1'), helene(B, '1'), helene(B, '2')]);
    expect(new Set(result.persons.map((p) => p.records.length))).toEqual(new Set([1]));
    for (const other of ['1', '2']) {
      const decision = decisionOn(result, id(A, '1'), id(B, other));
      expect(decision?.outcome).toBe('review');
      expect(decision?.reasons[0]?.rule).toBe('double-link');
    }
  });

  it('never joins two different INS through a record without one', () => {
    const result = match([
      helene(A, '1', { ins: { system: NIR, value: '275037512345678' } }),
      helene(B, '1'),
      helene(C, '1', { ins: { system: NIR, value: '275037512399999' } }),
    ]);
    expect(personOf(result, id(A, '1'))).not.toBe(personOf(result, id(C, '1')));
    expect(result.decisions.some((d) => d.outcome === 'review' && d.reasons[0]?.rule === 'cluster-conflict')).toBe(true);
  });

  it('keeps twins apart even when a third record is close to both', () => {
    const place = { birthPlace: '75056' };
    const result = match([helene(A, '1', place), helene(B, '1', { givenNames: ['ODILE'], ...place }), helene(C, '1', place)]);
    expect(personOf(result, id(B, '1'))).not.toBe(personOf(result, id(A, '1')));
    expect(personOf(result, id(A, '1'))).toBe(personOf(result, id(C, '1')));
    expect(decisionOn(result, id(A, '1'), id(B, '1'))?.reasons[0]?.rule).toBe('twins');
  });

  describe('human decisions are facts the matcher reads, never rewrites', () => {
    const records = [helene(A, '1'), helene(B, '1')];
    const decision = (choice: HumanDecision['choice']): HumanDecision => ({
      a: id(B, '1'),
      b: id(A, '1'),
      choice,
      comment: 'checked with the patient',
      by: 'officer-1',
      at: '2026-12-01T10:00:00Z',
    });

    it('"not the same person" holds against a high score, on every re-run', () => {
      for (let run = 0; run < 2; run++) {
        const result = match(records, [decision('not-same')]);
        expect(result.persons).toHaveLength(2);
        const kept = decisionOn(result, id(A, '1'), id(B, '1'));
        expect(kept).toMatchObject({ outcome: 'no-link', decidedBy: 'human' });
        expect(kept?.reasons[0]).toMatchObject({ rule: 'human-not-same' });
        expect(kept?.reasons[0]?.text).toContain('checked with the patient');
        expect(kept?.reasons[1]?.text).toContain('the matcher proposed link');
      }
    });

    it('"later" keeps the pair in review whatever the score', () => {
      const result = match(records, [decision('later')]);
      expect(decisionOn(result, id(A, '1'), id(B, '1'))).toMatchObject({ outcome: 'review', decidedBy: 'human' });
      expect(result.persons).toHaveLength(2);
    });

    it('a human link holds against a low score and joins even two records of one site', () => {
      const result = match([helene(A, '1'), helene(A, '2', { birthFamilyName: 'MARTIN', birthDate: '1990-01-01' })], [
        { a: id(A, '1'), b: id(A, '2'), choice: 'link' },
      ]);
      expect(result.persons).toHaveLength(1);
      expect(decisionOn(result, id(A, '1'), id(A, '2'))).toMatchObject({ outcome: 'link', decidedBy: 'human' });
    });

    it('the last decision on a pair stands: a link undone', () => {
      const result = match(records, [decision('link'), decision('not-same')]);
      expect(result.persons).toHaveLength(2);
    });

    it('an automatic link never joins a person to a record a human separated from it', () => {
      const result = match([...records, helene(C, '1')], [decision('not-same')]);
      expect(personOf(result, id(A, '1'))).not.toBe(personOf(result, id(B, '1')));
    });

    it('sets aside a decision naming an unknown record', () => {
      const result = match(records, [{ a: id(A, '1'), b: id(C, '404'), choice: 'link' }]);
      expect(result.unknownHumanDecisions).toHaveLength(1);
    });
  });
});
