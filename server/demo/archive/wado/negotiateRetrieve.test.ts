import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../http/httpProblem.ts';
import { negotiateInstances, negotiatePixelData } from './negotiateRetrieve.ts';

const IMPLICIT = '1.2.840.10008.1.2';
const EXPLICIT = '1.2.840.10008.1.2.1';
const JLS = '1.2.840.10008.1.2.4.80';
const RLE = '1.2.840.10008.1.2.5';
const OCTETS = 'multipart/related; type="application/octet-stream"';

describe('WADO-RS content negotiation (PS3.18 §8.7.3)', () => {
  it('serves native pixel data as Explicit VR Little Endian by default', () => {
    expect(negotiatePixelData(OCTETS, IMPLICIT)).toEqual({ rootType: 'application/octet-stream', partType: `application/octet-stream; transfer-syntax=${EXPLICIT}`, transferSyntax: EXPLICIT });
    expect(negotiatePixelData(`${OCTETS}; transfer-syntax=${EXPLICIT}`, IMPLICIT).transferSyntax).toBe(EXPLICIT);
  });

  it('refuses compressed pixel data without a matching syntax or media type', () => {
    expect(() => negotiatePixelData(OCTETS, JLS)).toThrow(HttpProblem);
    expect(() => negotiatePixelData(`${OCTETS}; transfer-syntax=${EXPLICIT}`, JLS)).toThrow(/does not transcode/);
    expect(() => negotiatePixelData('multipart/related; type="image/jp2"', JLS)).toThrow(HttpProblem);
    expect(() => negotiatePixelData('image/jls', JLS)).toThrow(HttpProblem);
  });

  it('serves the stored syntax for transfer-syntax=*, the same syntax, or its media type', () => {
    expect(negotiatePixelData(`${OCTETS}; transfer-syntax=*`, JLS).partType).toBe(`application/octet-stream; transfer-syntax=${JLS}`);
    expect(negotiatePixelData(`${OCTETS}; transfer-syntax=${RLE}`, RLE).partType).toBe(`application/octet-stream; transfer-syntax=${RLE}`);
    expect(negotiatePixelData('multipart/related; type="image/dicom-rle"', RLE).rootType).toBe('image/dicom-rle');
    expect(negotiatePixelData(`multipart/related; type="image/jls"; transfer-syntax=${JLS}`, JLS).partType).toBe(`image/jls; transfer-syntax=${JLS}`);
    expect(negotiatePixelData('*/*', JLS).rootType).toBe('image/jls');
    expect(negotiatePixelData(undefined, EXPLICIT).rootType).toBe('application/octet-stream');
  });

  it('negotiates instances as multipart, or single part for one instance', () => {
    expect(negotiateInstances('multipart/related; type="application/dicom"', [JLS, EXPLICIT])).toEqual({ multipart: true });
    expect(negotiateInstances('application/dicom', [JLS])).toEqual({ multipart: false });
    expect(() => negotiateInstances('application/dicom', [JLS, EXPLICIT])).toThrow(HttpProblem);
    expect(negotiateInstances(`multipart/related; type="application/dicom"; transfer-syntax=${JLS}`, [JLS])).toEqual({ multipart: true });
    expect(() => negotiateInstances(`multipart/related; type="application/dicom"; transfer-syntax=${EXPLICIT}`, [IMPLICIT])).toThrow(HttpProblem);
    expect(negotiateInstances(`multipart/related; type="application/dicom"; transfer-syntax=${EXPLICIT}, */*;q=0.1`, [IMPLICIT])).toEqual({ multipart: true });
  });
});
