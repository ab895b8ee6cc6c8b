import { describe, expect, it } from 'vitest';
import { calibratedWeights, type MatchWeights } from './matching/fellegiSunter.ts';
import { minimumNamesForFrequencies, nameFrequencies } from './matching/nameFrequencies.ts';
import { frequenciesFromJson, frequenciesToJson, weightsFromJson, weightsToJson } from './storedWeights.ts';

const learnt: MatchWeights = {
  ...calibratedWeights,
  source: 'em',
  matchShare: 0.21,
  probabilities: { ...calibratedWeights.probabilities, birthDate: { ...calibratedWeights.probabilities.birthDate, exact: { m: 0.95, u: 0.0002 } } },
};

describe('learnt weights as stored JSON', () => {
  it('reads back the weights it wrote, through a JSON text', () => {
    const read = weightsFromJson(JSON.parse(JSON.stringify(weightsToJson(learnt))));
    expect(read).toEqual({ ok: true, weights: learnt });
  });

  it('refuses a row it cannot score with, saying why', () => {
    expect(weightsFromJson(null)).toMatchObject({ ok: false });
    expect(weightsFromJson({ ...weightsToJson(learnt), source: 'guess' })).toMatchObject({ ok: false, reason: expect.stringContaining('source') });
    const broken = JSON.parse(JSON.stringify(learnt)) as { probabilities: { sex: { exact: { m: unknown } } } };
    broken.probabilities.sex.exact.m = 0;
    expect(weightsFromJson(broken)).toMatchObject({ ok: false, reason: 'sex.exact: m and u must be probabilities' });
    const missing = JSON.parse(JSON.stringify(learnt)) as { probabilities: Record<string, unknown> };
    delete missing.probabilities.givenName;
    expect(weightsFromJson(missing)).toMatchObject({ ok: false, reason: expect.stringContaining('givenName') });
  });

  it('stores no name frequencies for a small population (they adjust nothing there), and reads back those of a large one', () => {
    const record = (index: number) => ({ system: 'urn:oid:1.2.250.1.999.1.1', value: `P${index}`, birthFamilyName: index % 3 === 0 ? 'MARTIN' : `NOM${index % 400}`, givenNames: [index % 2 === 0 ? 'Anne' : 'Paul'], sex: 'F' as const });
    expect(frequenciesToJson(nameFrequencies([record(1), record(2)]))).toBeNull();
    expect(frequenciesToJson(undefined)).toBeNull();
    const large = nameFrequencies(Array.from({ length: minimumNamesForFrequencies + 10 }, (_, index) => record(index)));
    const read = frequenciesFromJson(JSON.parse(JSON.stringify(frequenciesToJson(large))));
    expect(read).toEqual(large);
    expect(read?.familyName.get('MARTIN')).toBe(large.familyName.get('MARTIN'));
    expect(frequenciesFromJson({ familyName: 'x' })).toBeUndefined();
  });
});
