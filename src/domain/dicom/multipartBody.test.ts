import { describe, expect, it } from 'vitest';
import { firstPart, firstPartBody, multipartBoundary } from './multipartBody.ts';

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

describe('firstPart', () => {
  const type = 'multipart/related; type="application/octet-stream"; boundary=b0undary';

  it('gives the part’s own media type with the body, as WADO-RS frames come', () => {
    const answer = encode('--b0undary\r\ncontent-type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.80\r\n\r\n\u00ff\u00d8x\r\n--b0undary--');
    const part = firstPart(answer, type);
    expect(part?.contentType).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.80');
    expect(part?.body.length).toBe(encode('\u00ff\u00d8x').length);
  });

  it('takes a part by its declared length, and searches for the delimiter when the length is wrong', () => {
    const answer = encode('--b0undary\r\nContent-Length: 3\r\n\r\nabc\r\n--b0undary--');
    expect(decode(firstPart(answer, type)?.body)).toBe('abc');
    const lying = encode('--b0undary\r\nContent-Length: 2\r\n\r\nabc\r\n--b0undary--');
    expect(decode(firstPart(lying, type)?.body)).toBe('abc');
  });

  it('has no media type for a part without one, and the answer’s own for a single-part answer', () => {
    expect(firstPart(encode('--b0undary\r\n\r\nabc\r\n--b0undary--'), type)?.contentType).toBeUndefined();
    expect(firstPart(encode('abc'), 'image/jls')).toEqual({ contentType: 'image/jls', body: encode('abc') });
  });
});
