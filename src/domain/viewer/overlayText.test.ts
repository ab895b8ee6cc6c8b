import { describe, expect, it } from 'vitest';
import { imageOverlayText, overlayText } from './overlayText.ts';

describe('overlayText', () => {
  it('reads the overlay lines of an instance', () => {
    const instance = {
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DURAND^MARIE^CLAIRE' }] },
      '00100020': { vr: 'LO', Value: ['A100001'] },
      '00080020': { vr: 'DA', Value: ['20261118'] },
      '00081030': { vr: 'LO', Value: ['TDM THORAX'] },
      '0008103E': { vr: 'LO', Value: ['Thorax 2,5 mm'] },
      '00080060': { vr: 'CS', Value: ['CT'] },
      '00100030': { vr: 'DA', Value: ['19580312'] },
      '00100040': { vr: 'CS', Value: ['F'] },
      '00200011': { vr: 'IS', Value: [2] },
    };
    expect(overlayText(instance, 'fr-FR')).toEqual({
      patientName: 'DURAND, Marie Claire',
      patientId: 'A100001',
      studyDate: '18/11/2026',
      studyDescription: 'TDM THORAX',
      seriesDescription: 'Thorax 2,5 mm',
      modality: 'CT',
      birthDate: '12/03/1958',
      sex: 'F',
      seriesNumber: '2',
    });
  });
  it('answers empty lines for junk', () => {
    expect(overlayText(null, 'fr-FR').patientName).toBe('');
  });
  it('reads slice location and thickness', () => {
    expect(imageOverlayText({ '00201041': { vr: 'DS', Value: ['-12.5'] }, '00180050': { vr: 'DS', Value: [2.5] } })).toEqual({ sliceLocation: '-12.5', sliceThickness: '2.5' });
    expect(imageOverlayText({})).toEqual({ sliceLocation: '', sliceThickness: '' });
  });
});
