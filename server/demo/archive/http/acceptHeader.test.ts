import { describe, expect, it } from 'vitest';
import { parseAccept, rangeCovers } from './acceptHeader.ts';

describe('Accept header (RFC 9110 §12.5.1)', () => {
  it('parses media ranges with quoted parameters, best quality first', () => {
    const ranges = parseAccept('multipart/related; type="application/octet-stream"; transfer-syntax=*; q=0.5, multipart/related; type="image/jls", text/plain;q=0');
    expect(ranges).toEqual([
      { mediaType: 'multipart/related', params: { type: 'image/jls' }, q: 1 },
      { mediaType: 'multipart/related', params: { type: 'application/octet-stream', 'transfer-syntax': '*' }, q: 0.5 },
    ]);
  });

  it('keeps header order among equal qualities and accepts anything when absent', () => {
    expect(parseAccept('image/png, image/jpeg').map((range) => range.mediaType)).toEqual(['image/png', 'image/jpeg']);
    expect(parseAccept(undefined)).toEqual([{ mediaType: '*/*', params: {}, q: 1 }]);
    expect(parseAccept('  ')).toEqual([{ mediaType: '*/*', params: {}, q: 1 }]);
  });

  it('keeps commas inside quoted parameter values', () => {
    expect(parseAccept('multipart/related; type="a/b,c"').map((range) => range.params.type)).toEqual(['a/b,c']);
  });

  it('matches wildcard ranges', () => {
    const [any, images] = parseAccept('*/*, image/*');
    expect(any && rangeCovers(any, 'image/png')).toBe(true);
    expect(images && rangeCovers(images, 'image/png')).toBe(true);
    expect(images && rangeCovers(images, 'application/pdf')).toBe(false);
  });
});
