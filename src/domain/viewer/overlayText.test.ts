import { describe, expect, it } from 'vitest';
import { overlayText } from './overlayText.ts';

describe('overlayText', () => {
  it('reads the overlay lines of an instance', () => {
    const instance = {
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DURAND^MARIE^CLAIRE' }] },
      '00100020': { vr: 'LO', Value: ['A100001'] },
      '00080020': { vr: 'DA', Value: ['20261118'] },
      '00081030': { vr: 'LO', Value: ['TDM THORAX'] },
      '0008103E': { vr: 'LO', Value: ['Thorax 2,5 mm'] },
      '00080060': { vr: 'CS', Value: ['CT'] },
    };
    expect(overlayText(instance, 'fr-FR')).toEqual({
      patientName: 'DURAND, Marie Claire',
      patientId: 'A100001',
      studyDate: '18/11/2026',
      studyDescription: 'TDM THORAX',
      seriesDescription: 'Thorax 2,5 mm',
      modality: 'CT',
    });
  });
  it('answers empty lines for junk', () => {
    expect(overlayText(null, 'fr-FR').patientName).toBe('');
  });
});
