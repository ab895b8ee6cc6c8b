import { describe, expect, it } from 'vitest';
import { firstKeyword, foldText, foldedWords, hasKeyword } from './textMatch.ts';

describe('foldText', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText('  Crâne / encéphale  ')).toBe('CRANE ENCEPHALE');
    expect(foldText('THORAX-ABDO-PELVIS')).toBe('THORAX ABDO PELVIS');
    expect(foldText('Thorax 2,5 mm injecté')).toBe('THORAX 2 5 MM INJECTE');
    expect(foldText('cœur')).toBe('COEUR');
    expect(foldedWords('')).toEqual([]);
  });
});

describe('hasKeyword', () => {
  it('matches whole words only, in French or English, whatever the case and accents', () => {
    expect(hasKeyword('Ax T2 TSE', 't2')).toBe(true);
    expect(hasKeyword('AxT21', 'T2')).toBe(false);
    expect(hasKeyword('IRM CÉRÉBRALE', 'cerebrale')).toBe(true);
    expect(hasKeyword('THORAX-ABDO-PELVIS', 'abdo pelvis')).toBe(true);
    expect(hasKeyword('anything', '  ')).toBe(false);
    expect(firstKeyword('Sag FLAIR 3D', ['T1', 'FLAIR'])).toBe('FLAIR');
    expect(firstKeyword('Sag FLAIR 3D', ['DWI'])).toBeUndefined();
  });
});
