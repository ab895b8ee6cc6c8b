import { describe, expect, it } from 'vitest';
import { dataSetStart, sniffDataSetSyntax } from './part10Syntax.ts';

function bytesOf(...chunks: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const chunk of chunks) out.push(...(typeof chunk === 'string' ? [...chunk].map((char) => char.charCodeAt(0)) : chunk));
  return new Uint8Array(out);
}

const preamble = bytesOf(new Array<number>(128).fill(0), 'DICM');
/** (0002,0001) OB version, (0002,0002) UI without (0002,0010). */
const metaWithoutSyntax = bytesOf([0x02, 0, 0x01, 0], 'OB', [0, 0, 2, 0, 0, 0, 0, 1], [0x02, 0, 0x02, 0], 'UI', [4, 0], '1.2\0');

function file(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('sniffDataSetSyntax', () => {
  it('finds the data set after the preamble and the meta group', () => {
    const bytes = file(preamble, metaWithoutSyntax, bytesOf([0x08, 0, 0x05, 0], 'CS', [0, 0]));
    expect(dataSetStart(bytes)).toBe(132 + metaWithoutSyntax.length);
  });

  it('reads explicit VR little endian', () => {
    expect(sniffDataSetSyntax(file(preamble, metaWithoutSyntax, bytesOf([0x08, 0, 0x05, 0], 'CS', [10, 0], 'ISO_IR 100')))).toBe('1.2.840.10008.1.2.1');
  });

  it('reads implicit VR little endian', () => {
    expect(sniffDataSetSyntax(file(preamble, metaWithoutSyntax, bytesOf([0x08, 0, 0x05, 0], [10, 0, 0, 0], 'ISO_IR 100')))).toBe('1.2.840.10008.1.2');
  });

  it('reads explicit VR big endian', () => {
    expect(sniffDataSetSyntax(file(preamble, metaWithoutSyntax, bytesOf([0, 0x08, 0, 0x05], 'CS', [0, 10], 'ISO_IR 100')))).toBe('1.2.840.10008.1.2.2');
  });

  it('reads a file without preamble or meta information', () => {
    expect(sniffDataSetSyntax(bytesOf([0x08, 0, 0x16, 0], [4, 0, 0, 0], '1.2\0'))).toBe('1.2.840.10008.1.2');
  });

  it('falls back to explicit little endian on a truncated file', () => {
    expect(sniffDataSetSyntax(bytesOf([0x08]))).toBe('1.2.840.10008.1.2.1');
  });
});
