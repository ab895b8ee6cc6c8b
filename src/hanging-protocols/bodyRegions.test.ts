import { describe, expect, it } from 'vitest';
import { bodyRegions, lateralitiesConflict, laterality, sharedRegions } from './bodyRegions.ts';

const regions = (description: string, part?: string) => [...bodyRegions(description, part)].sort();

describe('bodyRegions', () => {
  it('reads French and English chest terms', () => {
    expect(regions('TDM THORAX')).toEqual(['chest']);
    expect(regions('CT Chest')).toEqual(['chest']);
    expect(regions('Scanner poumons')).toEqual(['chest']);
    expect(regions('lung screening')).toEqual(['chest']);
  });
  it('reads chest-abdomen-pelvis in every spelling', () => {
    for (const text of ['TDM TAP', 'CHESTABDPELVIS', 'thorax-abdo-pelvis', 'Thorax Abdomen Pelvis']) {
      expect(regions(text)).toEqual(['abdomen', 'chest', 'pelvis']);
    }
    expect(regions('', 'CHESTABDPELVIS')).toEqual(['abdomen', 'chest', 'pelvis']);
  });
  it('reads abdomen and abdomen-pelvis', () => {
    expect(regions('TDM ABDO')).toEqual(['abdomen']);
    expect(regions('IRM abdominopelvienne')).toEqual(['abdomen', 'pelvis']);
  });
  it('reads the head with or without accents', () => {
    for (const text of ['IRM CÉRÉBRALE', 'IRM cerebrale', 'TDM crâne', 'CT HEAD', 'MR Brain', 'IRM encéphale', 'cerebral']) {
      expect(regions(text)).toEqual(['head']);
    }
  });
  it('reads the spine and the joints', () => {
    expect(regions('IRM rachis lombaire')).toEqual(['spine']);
    expect(regions('IRM rachis cervical')).toEqual(['spine']);
    expect(regions('MR L-spine', 'LSPINE')).toEqual(['spine']);
    expect(regions('IRM GENOU GAUCHE')).toEqual(['knee']);
    expect(regions('MR Right Knee')).toEqual(['knee']);
    expect(regions('Radio épaule droite')).toEqual(['shoulder']);
    expect(regions('XR shoulder')).toEqual(['shoulder']);
  });
  it('joins the description and Body Part Examined, and knows nothing of unknown words', () => {
    expect(regions('Examen', 'CHEST')).toEqual(['chest']);
    expect(regions('Examen de contrôle')).toEqual([]);
    expect(regions('')).toEqual([]);
  });
  it('finds shared regions', () => {
    expect(sharedRegions(bodyRegions('TDM THORAX'), bodyRegions('TDM TAP'))).toEqual(['chest']);
    expect(sharedRegions(bodyRegions('TDM THORAX'), bodyRegions('IRM CEREBRALE'))).toEqual([]);
  });
});

describe('laterality', () => {
  it('prefers the Laterality attribute', () => {
    expect(laterality('GENOU GAUCHE', 'R')).toBe('R');
    expect(laterality('Knee', 'l')).toBe('L');
  });
  it('reads French and English words', () => {
    expect(laterality('IRM GENOU GAUCHE')).toBe('L');
    expect(laterality('IRM genou droit')).toBe('R');
    expect(laterality('MR LEFT KNEE')).toBe('L');
    expect(laterality('XR right shoulder')).toBe('R');
    expect(laterality('Mammographie bilatérale')).toBe('B');
    expect(laterality('TDM THORAX')).toBeUndefined();
  });
  it('a left side and a right side conflict; unknown or both never do', () => {
    expect(lateralitiesConflict('L', 'R')).toBe(true);
    expect(lateralitiesConflict('R', 'L')).toBe(true);
    expect(lateralitiesConflict('L', 'L')).toBe(false);
    expect(lateralitiesConflict('L', 'B')).toBe(false);
    expect(lateralitiesConflict(undefined, 'R')).toBe(false);
  });
});
