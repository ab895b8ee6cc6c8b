import { describe, expect, it } from 'vitest';
import { angleTextLines, lengthTextLines, roiTextLines, type RoiLabels } from './measurementText.ts';

const french: RoiLabels = { area: 'Surface', obliqueArea: 'Surface : coupe oblique', mean: 'Moyenne', stdDev: 'Écart type', min: 'Min', max: 'Max' };

describe('measurement text', () => {
  it('writes an ROI in the reader’s words and decimal separator, in modality units', () => {
    expect(roiTextLines({ area: 123.456, areaUnit: 'mm²', mean: 42.125, stdDev: 7.5, min: -3, max: 88, modalityUnit: 'HU' }, french, 'fr-FR')).toEqual([
      'Surface 123,46 mm²',
      'Moyenne 42,13 HU',
      'Écart type 7,5 HU',
      'Min -3 HU',
      'Max 88 HU',
    ]);
  });

  it('says so when the ellipse is oblique, and leaves out what was not computed', () => {
    expect(roiTextLines({ isEmptyArea: true, area: 0, mean: Number.NaN }, french, 'fr-FR')).toEqual(['Surface : coupe oblique']);
    expect(roiTextLines(undefined, french, 'fr-FR')).toEqual([]);
  });

  it('writes lengths and angles with the locale’s separator, none before the first value', () => {
    expect(lengthTextLines(12.345, 'mm', 'en-GB')).toEqual(['12.35 mm']);
    expect(lengthTextLines(1234.5, 'mm', 'fr-FR')).toEqual(['1234,5 mm']);
    expect(lengthTextLines(undefined, 'mm', 'fr-FR')).toEqual([]);
    expect(angleTextLines(89.999, 'fr-FR')).toEqual(['90°']);
  });
});
