/**
 * Where each frame of the Pixel Data (7FE0,0010) lies in the file, as a list of byte ranges per frame.
 *
 * Native pixel data (PS3.5 §8.1.1): frames follow each other, frame i at `offset + i × frameSize`.
 * Encapsulated pixel data (PS3.5 §A.4): a Basic Offset Table item, then one item per fragment, then a Sequence
 * Delimitation Item; a frame is one or more fragments. Frames are told apart by the Basic Offset Table, else by
 * the Extended Offset Table (7FE0,0001) (PS3.3 §C.7.6.3.1.8), else one fragment per frame when the counts agree,
 * else by the start-of-codestream markers that begin each frame (JPEG SOI, JPEG 2000 SOC).
 */
import type { SyncFileWindow } from './syncFileWindow.ts';

export interface ByteRange {
  offset: number;
  length: number;
}

/** Frames of native pixel data, or a reason why they cannot be cut out. */
export function nativeFrames(valueOffset: number, valueLength: number, frameCount: number, frameBits: number): ByteRange[][] {
  if (frameBits % 8 !== 0 && frameCount > 1) {
    throw new Error('frames of this native pixel data do not start on byte boundaries');
  }
  const frameSize = Math.ceil(frameBits / 8);
  if (frameSize <= 0) throw new Error('Rows, Columns or Bits Allocated are missing');
  if (frameSize * frameCount > valueLength) {
    throw new Error(`pixel data holds ${valueLength} bytes, ${frameCount} frames of ${frameSize} bytes need more`);
  }
  return Array.from({ length: frameCount }, (_, index) => [{ offset: valueOffset + index * frameSize, length: frameSize }]);
}

interface Fragment extends ByteRange {
  /** Offset of the fragment's Item tag. */
  itemOffset: number;
}

function readItems(window: SyncFileWindow, valueOffset: number, littleEndian: boolean): { offsetTable: number[]; fragments: Fragment[] } {
  const u16 = (buffer: Buffer, at: number) => (littleEndian ? buffer.readUInt16LE(at) : buffer.readUInt16BE(at));
  const u32 = (buffer: Buffer, at: number) => (littleEndian ? buffer.readUInt32LE(at) : buffer.readUInt32BE(at));
  const items: Fragment[] = [];
  let position = valueOffset;
  while (position + 8 <= window.size) {
    const header = window.view(position, 8, 16);
    const group = u16(header, 0);
    const element = u16(header, 2);
    if (group !== 0xfffe) throw new Error(`expected an item in the encapsulated pixel data at ${position}`);
    if (element === 0xe0dd) break;
    if (element !== 0xe000) throw new Error(`unexpected (FFFE,${element.toString(16)}) in the encapsulated pixel data`);
    const length = u32(header, 4);
    if (length === 0xffffffff || position + 8 + length > window.size) throw new Error(`truncated fragment at ${position}`);
    items.push({ itemOffset: position, offset: position + 8, length });
    position += 8 + length;
  }
  const [table, ...fragments] = items;
  if (!table) throw new Error('the encapsulated pixel data has no Basic Offset Table item');
  const offsetTable: number[] = [];
  if (table.length > 0) {
    const bytes = window.view(table.offset, table.length);
    for (let at = 0; at + 4 <= table.length; at += 4) offsetTable.push(u32(bytes, at));
  }
  return { offsetTable, fragments };
}

function startsCodestream(window: SyncFileWindow, fragment: Fragment): boolean {
  if (fragment.length < 2) return false;
  const head = window.view(fragment.offset, 2, 16);
  return head[0] === 0xff && (head[1] === 0xd8 || head[1] === 0x4f);
}

function groupByOffsets(fragments: Fragment[], offsets: readonly number[]): ByteRange[][] {
  const first = fragments[0]?.itemOffset ?? 0;
  return offsets.map((start, index) => {
    const end = offsets[index + 1] ?? Number.POSITIVE_INFINITY;
    return fragments
      .filter((fragment) => fragment.itemOffset - first >= start && fragment.itemOffset - first < end)
      .map(({ offset, length }) => ({ offset, length }));
  });
}

/** Frames of encapsulated pixel data; `extendedOffsets` is the Extended Offset Table when the file has one. */
export function encapsulatedFrames(
  window: SyncFileWindow,
  valueOffset: number,
  frameCount: number,
  littleEndian: boolean,
  extendedOffsets?: readonly number[],
): ByteRange[][] {
  const { offsetTable, fragments } = readItems(window, valueOffset, littleEndian);
  const plain = fragments.map(({ offset, length }) => ({ offset, length }));
  let frames: ByteRange[][];
  if (frameCount === 1) frames = [plain];
  else if (offsetTable.length === frameCount) frames = groupByOffsets(fragments, offsetTable);
  else if (extendedOffsets?.length === frameCount) frames = groupByOffsets(fragments, extendedOffsets);
  else if (fragments.length === frameCount) frames = plain.map((fragment) => [fragment]);
  else {
    frames = [];
    for (const fragment of fragments) {
      const current = frames[frames.length - 1];
      if (!current || startsCodestream(window, fragment)) frames.push([{ offset: fragment.offset, length: fragment.length }]);
      else current.push({ offset: fragment.offset, length: fragment.length });
    }
  }
  if (frames.length !== frameCount || frames.some((frame) => frame.length === 0)) {
    throw new Error(`cannot map ${fragments.length} fragments onto ${frameCount} frames`);
  }
  return frames;
}
