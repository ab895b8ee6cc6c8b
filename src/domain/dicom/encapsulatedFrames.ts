/**
 * The frames of encapsulated Pixel Data (PS3.5 §A.4), read item by item by their declared lengths: Item
 * (FFFE,E000) after Item until the Sequence Delimitation Item (FFFE,E0DD). A reader that finds the end of an
 * undefined-length Pixel Data by searching for the delimiter's bytes cuts a codestream that happens to hold them
 * (real JPEG 2000 files do); walking the items does not.
 */

const ITEM = 0xe000;
const DELIMITER = 0xe0dd;

/** The fragments after the Basic Offset Table, and that table, from the start of Pixel Data's value. */
export function encapsulatedFragments(bytes: Uint8Array, valueOffset: number, littleEndian = true): { offsets: number[]; fragments: Uint8Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const items: Uint8Array[] = [];
  let at = valueOffset;
  while (at + 8 <= bytes.length) {
    const group = view.getUint16(at, littleEndian);
    const element = view.getUint16(at + 2, littleEndian);
    const length = view.getUint32(at + 4, littleEndian);
    at += 8;
    if (group !== 0xfffe || element === DELIMITER) break;
    if (element !== ITEM) break;
    const end = Math.min(bytes.length, at + length);
    items.push(bytes.subarray(at, end));
    at = end;
  }
  const [table, ...fragments] = items;
  const offsets: number[] = [];
  if (table) for (let index = 0; index + 4 <= table.length; index += 4) offsets.push(new DataView(table.buffer, table.byteOffset + index, 4).getUint32(0, littleEndian));
  return { offsets, fragments };
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Frame `frameIndex` (0-based) of `numberOfFrames`: all fragments for a single frame; by the Basic Offset Table
 * when it has one entry a frame; else one fragment a frame when there are as many; `undefined` when it cannot tell.
 */
export function encapsulatedFrame(bytes: Uint8Array, valueOffset: number, frameIndex: number, numberOfFrames: number): Uint8Array | undefined {
  const { offsets, fragments } = encapsulatedFragments(bytes, valueOffset);
  if (fragments.length === 0) return undefined;
  if (numberOfFrames <= 1) return concatenate(fragments);
  if (offsets.length === numberOfFrames) {
    // Offsets count from the first fragment's Item tag: each fragment takes 8 bytes of tag and length.
    const starts: number[] = [];
    let position = 0;
    for (const fragment of fragments) {
      starts.push(position);
      position += 8 + fragment.length;
    }
    const from = offsets[frameIndex] ?? -1;
    const to = offsets[frameIndex + 1] ?? Number.POSITIVE_INFINITY;
    const parts = fragments.filter((_, index) => (starts[index] ?? -1) >= from && (starts[index] ?? -1) < to);
    return parts.length > 0 ? concatenate(parts) : undefined;
  }
  return fragments.length === numberOfFrames ? fragments[frameIndex] : undefined;
}
