import { describe, expect, it } from 'vitest';
import { encapsulatedFrame } from './encapsulatedFrames.ts';

function item(element: number, body: number[]): number[] {
  const length = body.length;
  return [0xfe, 0xff, element & 0xff, element >> 8, length & 0xff, (length >> 8) & 0xff, 0, 0, ...body];
}
const bytesOf = (...parts: number[][]) => new Uint8Array(parts.flat());

describe('encapsulatedFrame', () => {
  it('keeps a fragment that holds the bytes of a sequence delimiter', () => {
    const codestream = [0xff, 0x4f, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0, 0xff, 0xd9];
    const bytes = bytesOf(item(0xe000, []), item(0xe000, codestream), item(0xe0dd, []));
    expect([...(encapsulatedFrame(bytes, 0, 0, 1) ?? [])]).toEqual(codestream);
  });

  it('joins the fragments of a single frame', () => {
    const bytes = bytesOf(item(0xe000, []), item(0xe000, [1, 2]), item(0xe000, [3, 4]), item(0xe0dd, []));
    expect([...(encapsulatedFrame(bytes, 0, 0, 1) ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('finds the frames of a multi-frame image by the offset table, else one fragment a frame', () => {
    const withTable = bytesOf(item(0xe000, [0, 0, 0, 0, 20, 0, 0, 0]), item(0xe000, [1, 2]), item(0xe000, [3, 4]), item(0xe000, [5, 6]), item(0xe0dd, []));
    expect([...(encapsulatedFrame(withTable, 0, 0, 2) ?? [])]).toEqual([1, 2, 3, 4]);
    expect([...(encapsulatedFrame(withTable, 0, 1, 2) ?? [])]).toEqual([5, 6]);
    const withoutTable = bytesOf(item(0xe000, []), item(0xe000, [1]), item(0xe000, [2]), item(0xe0dd, []));
    expect([...(encapsulatedFrame(withoutTable, 0, 1, 2) ?? [])]).toEqual([2]);
  });
});
