import { describe, expect, it } from 'vitest';
import { loaderMetadata } from './loaderMetadata.ts';

const complete = {
  '00080060': { vr: 'CS', Value: ['CT'] },
  '00280002': { vr: 'US', Value: [1] },
  '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
  '00280100': { vr: 'US', Value: [16] },
  '00280101': { vr: 'US', Value: [12] },
  '00280102': { vr: 'US', Value: [11] },
  '00280103': { vr: 'US', Value: [1] },
};

describe('loaderMetadata', () => {
  it('leaves a complete instance as it is', () => {
    expect(loaderMetadata(complete)).toBe(complete);
  });

  it('gives a missing Modality the standard Other (the loader throws without one)', () => {
    const { '00080060': _modality, ...withoutModality } = complete;
    expect(loaderMetadata(withoutModality)['00080060']).toEqual({ vr: 'CS', Value: ['OT'] });
  });

  it('implies the pixel description from what the file says', () => {
    const filled = loaderMetadata({ '00280002': { vr: 'US', Value: [3] }, '00280100': { vr: 'US', Value: [8] } });
    expect(filled['00280004']?.Value).toEqual(['RGB']);
    expect(filled['00280101']?.Value).toEqual([8]);
    expect(filled['00280102']?.Value).toEqual([7]);
    expect(filled['00280103']?.Value).toEqual([0]);
  });

  it('never changes a value the file has', () => {
    const filled = loaderMetadata({ ...complete, '00080060': { vr: 'CS', Value: [] } });
    expect(filled['00280101']?.Value).toEqual([12]);
    expect(filled['00080060']?.Value).toEqual(['OT']);
  });
});
