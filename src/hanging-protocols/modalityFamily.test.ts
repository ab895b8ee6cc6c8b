import { describe, expect, it } from 'vitest';
import { imageModalities, modalityFamilies, modalityFamily } from './modalityFamily.ts';

describe('modalityFamily', () => {
  it('groups modalities as images are compared', () => {
    expect(modalityFamily('CT')).toBe('CT');
    expect(['CR', 'DX', 'DR'].map(modalityFamily)).toEqual(['radiography', 'radiography', 'radiography']);
    expect(['PT', 'NM'].map(modalityFamily)).toEqual(['nuclear', 'nuclear']);
    expect(modalityFamily('mg')).toBe('MG');
    expect(modalityFamily('US')).toBe('US');
    expect(modalityFamily('XC')).toBe('other');
  });
  it('gives reports and other non-image modalities no family', () => {
    expect(modalityFamily('SR')).toBeUndefined();
    expect(modalityFamily('DOC')).toBeUndefined();
    expect(imageModalities(['SR', 'ct', 'CT', 'DOC'])).toEqual(['CT']);
    expect([...modalityFamilies(['SR', 'DOC'])]).toEqual([]);
  });
});
