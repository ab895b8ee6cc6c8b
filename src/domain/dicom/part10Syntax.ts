/**
 * The transfer syntax of a Part 10 file whose file meta information does not say it (PS3.10 §7.1 requires
 * (0002,0010), but real files miss it, and some have no meta information or preamble at all): read from the
 * encoding of the first data set element after the meta group (PS3.5 §7.1).
 */
import { EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './storedSyntax.ts';

/** VRs with a reserved 2 bytes and a 32-bit length in explicit VR (PS3.5 §7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const VR = /^[A-Z]{2}$/;

function hasPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0);
}

/** Where the data set starts: after the preamble, prefix and group 0002 (always explicit VR little endian). */
export function dataSetStart(bytes: Uint8Array): number {
  let at = hasPrefix(bytes) ? 132 : 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (at + 8 <= bytes.length && view.getUint16(at, true) === 0x0002) {
    const vr = ascii(bytes, at + 4);
    if (!VR.test(vr)) break;
    if (LONG_VRS.has(vr)) {
      if (at + 12 > bytes.length) break;
      at += 12 + view.getUint32(at + 8, true);
    } else {
      at += 8 + view.getUint16(at + 6, true);
    }
  }
  return at;
}

/** The transfer syntax the data set of `bytes` is encoded in, judged from its first element. */
export function sniffDataSetSyntax(bytes: Uint8Array): string {
  const at = dataSetStart(bytes);
  if (at + 6 > bytes.length) return EXPLICIT_VR_LITTLE_ENDIAN;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const explicit = VR.test(ascii(bytes, at + 4));
  const littleGroup = view.getUint16(at, true);
  const bigGroup = view.getUint16(at, false);
  if (explicit && bigGroup < littleGroup && bigGroup <= 0x00ff) return EXPLICIT_VR_BIG_ENDIAN;
  return explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
}
