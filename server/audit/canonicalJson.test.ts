import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'x', c: true })).toBe('{"a":"x","b":[3,{"a":null,"z":1}],"c":true}');
  });
  it('gives the same text whatever the order the members came in', () => {
    expect(canonicalJson({ study: '1.2.3', site: 'chu' })).toBe(canonicalJson({ site: 'chu', study: '1.2.3' }));
  });
  it('orders names by UTF-16 code units, as RFC 8785 §3.2.3 does, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });
  it('writes numbers and strings as ECMAScript does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'a"b\u0001'])).toBe('[1e+21,0.1,0,"a\\"b\\u0001"]');
  });
  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ a: undefined } as never)).toThrow(/member "a"/);
  });
});
