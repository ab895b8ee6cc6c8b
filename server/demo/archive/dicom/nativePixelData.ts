/**
 * Pixel data that is sent from memory rather than read from the file: native pixel data of a data set stored in
 * Explicit VR Big Endian (PS3.5 §A.3) or Deflated Explicit VR Little Endian (§A.5). Over DICOMweb, native frames
 * are Explicit VR Little Endian (PS3.18 §8.7.3.3, Table 8.7.3-4): these syntaxes describe how the data set is
 * encoded, not a pixel data encoding of their own, so their frames are kept byte-swapped or inflated, in memory.
 */
import type { ByteRange } from './pixelDataLayout.ts';
import type { FileHandlePool } from '../store/fileHandlePool.ts';
import type { InstanceRecord } from './indexPart10File.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transferSyntax.ts';

/** Little endian words from big endian ones (Bits Allocated 16 or 32); bytes as they are for 8. */
export function swapToLittleEndian(bytes: Uint8Array, bitsAllocated: number): Uint8Array {
  const size = bitsAllocated > 16 ? 4 : bitsAllocated > 8 ? 2 : 1;
  if (size === 1) return bytes.slice();
  const out = new Uint8Array(bytes.length);
  for (let at = 0; at + size <= bytes.length; at += size) {
    for (let k = 0; k < size; k++) out[at + k] = bytes[at + size - 1 - k] ?? 0;
  }
  return out;
}

/** The Transfer Syntax in which this instance's frames are sent: the stored one, or native little endian. */
export function pixelTransferSyntax(instance: InstanceRecord): string {
  return instance.pixelData?.memory ? EXPLICIT_VR_LITTLE_ENDIAN : instance.transferSyntaxUid;
}

/** The bytes of `ranges` of the instance's pixel data, from memory or from its file. */
export async function readPixelRanges(files: FileHandlePool, instance: InstanceRecord, ranges: readonly ByteRange[]): Promise<Buffer> {
  const memory = instance.pixelData?.memory;
  if (!memory) return files.read(instance.file, ranges);
  return Buffer.concat(ranges.map((range) => Buffer.from(memory.subarray(range.offset, range.offset + range.length))));
}
