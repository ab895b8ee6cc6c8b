import { describe, expect, it } from 'vitest';
import { firstPartBody, multipartBoundary } from './multipartBody.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('multipartBoundary', () => {
  it('reads quoted and bare boundaries of multipart types only', () => {
    expect(multipartBoundary('multipart/related; type="application/octet-stream"; boundary=abc-123')).toBe('abc-123');
    expect(multipartBoundary('multipart/related; boundary="a b"; type=x')).toBe('a b');
    expect(multipartBoundary('application/octet-stream')).toBeUndefined();
    expect(multipartBoundary(null)).toBeUndefined();
  });
});

describe('firstPartBody', () => {
  const type = 'multipart/related; type="application/octet-stream"; boundary=XYZ';

  it('returns the first part’s body, binary-safe', () => {
    const body = encode('--XYZ\r\nContent-Type: application/octet-stream\r\nContent-Length: 9\r\n\r\n%PDF-1.4\n\r\n--XYZ--\r\n');
    expect(decode(firstPartBody(body, type))).toBe('%PDF-1.4\n');
  });

  it('returns a single-part body as it is', () => {
    expect(decode(firstPartBody(encode('%PDF'), 'application/octet-stream'))).toBe('%PDF');
  });

  it('answers undefined for a truncated or boundary-less multipart body', () => {
    expect(firstPartBody(encode('--XYZ\r\nContent-Type: x\r\n\r\n%PDF'), type)).toBeUndefined();
    expect(firstPartBody(encode('nothing here'), type)).toBeUndefined();
    expect(firstPartBody(encode('--XYZ\r\n'), 'multipart/related')).toBeUndefined();
  });
});

describe('firstPartBody by declared length', () => {
  const type = 'multipart/related; type="application/octet-stream"; boundary=b0undary';

  it('takes a part by its declared length, and searches for the delimiter when the length is wrong', () => {
    const answer = encode('--b0undary\r\nContent-Length: 3\r\n\r\nabc\r\n--b0undary--');
    expect(decode(firstPartBody(answer, type))).toBe('abc');
    const lying = encode('--b0undary\r\nContent-Length: 2\r\n\r\nabc\r\n--b0undary--');
    expect(decode(firstPartBody(lying, type))).toBe('abc');
  });
});
