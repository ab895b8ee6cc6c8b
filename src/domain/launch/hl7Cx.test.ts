import { describe, expect, it } from 'vitest';
import { decodeHl7Escapes, parseHl7Cx } from './hl7Cx.ts';

describe('HL7 v2 CX (patientID of RAD-106)', () => {
  it('reads the ID and a namespace ID', () => {
    expect(parseHl7Cx('A100001^^^CHU-DIJON')).toEqual({ kind: 'cx', cx: { id: 'A100001', assigningAuthority: { namespaceId: 'CHU-DIJON' } } });
  });

  it('reads a universal ID and its type', () => {
    expect(parseHl7Cx('B-778899^^^&1.2.250.1.999.2.1&ISO')).toEqual({
      kind: 'cx',
      cx: { id: 'B-778899', assigningAuthority: { universalId: '1.2.250.1.999.2.1', universalIdType: 'ISO' } },
    });
  });

  it('reads all three parts of the assigning authority and skips the other components', () => {
    expect(parseHl7Cx('42^7^M10^CHU-DIJON&1.2.3&ISO^MR^FAC')).toEqual({
      kind: 'cx',
      cx: { id: '42', assigningAuthority: { namespaceId: 'CHU-DIJON', universalId: '1.2.3', universalIdType: 'ISO' } },
    });
  });

  it('has no assigning authority when CX.4 is missing or empty', () => {
    expect(parseHl7Cx('A100001')).toEqual({ kind: 'cx', cx: { id: 'A100001', assigningAuthority: {} } });
    expect(parseHl7Cx('A100001^^^')).toEqual({ kind: 'cx', cx: { id: 'A100001', assigningAuthority: {} } });
    expect(parseHl7Cx('A100001^^^&&')).toEqual({ kind: 'cx', cx: { id: 'A100001', assigningAuthority: {} } });
    expect(parseHl7Cx('A100001^^CHU-DIJON')).toEqual({ kind: 'cx', cx: { id: 'A100001', assigningAuthority: {} } });
  });

  it('decodes escapes after splitting, so an escaped delimiter is data', () => {
    expect(parseHl7Cx('A\\S\\B\\T\\C\\R\\D\\F\\E^^^CHU\\T\\DIJON')).toEqual({
      kind: 'cx',
      cx: { id: 'A^B&C~D|E', assigningAuthority: { namespaceId: 'CHU&DIJON' } },
    });
    expect(parseHl7Cx('A\\E\\B^^^X')).toEqual({ kind: 'cx', cx: { id: 'A\\B', assigningAuthority: { namespaceId: 'X' } } });
  });

  it('keeps an empty ID empty, for the caller to refuse', () => {
    expect(parseHl7Cx('^^^CHU-DIJON')).toEqual({ kind: 'cx', cx: { id: '', assigningAuthority: { namespaceId: 'CHU-DIJON' } } });
    expect(parseHl7Cx('  ^^^CHU-DIJON')).toEqual({ kind: 'cx', cx: { id: '', assigningAuthority: { namespaceId: 'CHU-DIJON' } } });
  });

  it('trims padding around the ID and the authority', () => {
    expect(parseHl7Cx(' 123 ^^^ CHU-DIJON ')).toEqual({ kind: 'cx', cx: { id: '123', assigningAuthority: { namespaceId: 'CHU-DIJON' } } });
  });

  it('refuses what cannot be read exactly', () => {
    expect(parseHl7Cx('1~2^^^CHU-DIJON')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('several') });
    expect(parseHl7Cx('A&B^^^CHU-DIJON')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('&') });
    expect(parseHl7Cx('A\\S^^^CHU-DIJON')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('not closed') });
    expect(parseHl7Cx('A\\X41\\^^^CHU-DIJON')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('unsupported') });
    expect(parseHl7Cx('A^^^CHU\\H\\DIJON')).toMatchObject({ kind: 'invalid' });
  });

  it('does not take a delimiter inside an escape for a separator', () => {
    // `\^\` is not a known escape: the whole is refused rather than split at the `^`.
    expect(parseHl7Cx('A\\^\\^^^X')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('unsupported') });
  });

  it('decodes the five delimiter escapes and nothing else', () => {
    expect(decodeHl7Escapes('\\F\\\\S\\\\T\\\\R\\\\E\\')).toEqual({ value: '|^&~\\' });
    expect(decodeHl7Escapes('plain')).toEqual({ value: 'plain' });
    expect(decodeHl7Escapes('\\.br\\')).toMatchObject({ reason: expect.any(String) });
    expect(decodeHl7Escapes('\\\\')).toMatchObject({ reason: expect.any(String) });
  });

  it('reads hostile text as plain data', () => {
    expect(parseHl7Cx('<script>alert(1)</script>^^^CHU-DIJON')).toEqual({
      kind: 'cx',
      cx: { id: '<script>alert(1)</script>', assigningAuthority: { namespaceId: 'CHU-DIJON' } },
    });
  });
});
