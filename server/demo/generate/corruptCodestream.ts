/**
 * A deliberately unreadable JPEG-LS frame, for testing how viewers cope with one bad image in a series: the
 * codestream keeps its valid headers (SOI, SOF55 frame header, any LSE/DRI segments and the SOS scan header,
 * ISO/IEC 14495-1 §C.2), then only the first bytes of the entropy-coded scan and an EOI marker. Archives store
 * it as is (they do not decode pixel data on storage); any decoder fails on the cut scan.
 */

const marker = 0xff;
const startOfImage = 0xd8;
const endOfImage = 0xd9;
const startOfFrameJpegLs = 0xf7;
const startOfScan = 0xda;

/** Entropy-coded bytes kept after the scan header by default: far too few for any real image. */
export const keptScanBytes = 64;

/** Offset of the first entropy-coded byte of the codestream's first scan, after walking its marker segments. */
export function scanDataOffset(codestream: Uint8Array): number {
  if (codestream[0] !== marker || codestream[1] !== startOfImage) throw new Error('not a JPEG codestream: no SOI marker');
  let offset = 2;
  let jpegLs = false;
  while (offset + 4 <= codestream.length) {
    if (codestream[offset] !== marker) throw new Error(`expected a marker at byte ${offset}`);
    const code = codestream[offset + 1] ?? 0;
    const length = ((codestream[offset + 2] ?? 0) << 8) | (codestream[offset + 3] ?? 0);
    if (code === startOfFrameJpegLs) jpegLs = true;
    if (code === startOfScan) {
      if (!jpegLs) throw new Error('not a JPEG-LS codestream: no SOF55 before the scan');
      return offset + 2 + length;
    }
    offset += 2 + length;
  }
  throw new Error('no SOS marker in the codestream');
}

/** `codestream` with its scan cut after `kept` entropy-coded bytes and closed by EOI: headers valid, image not. */
export function truncatedJpegLsScan(codestream: Uint8Array, kept = keptScanBytes): Uint8Array {
  const scan = scanDataOffset(codestream);
  if (scan + kept + 2 >= codestream.length) throw new Error('codestream too short to cut');
  const cut = new Uint8Array(scan + kept + 2);
  cut.set(codestream.subarray(0, scan + kept));
  // An entropy-coded byte after 0xFF holds 7 bits only (§A.1): never leave a dangling 0xFF before EOI.
  if (cut[scan + kept - 1] === marker) cut[scan + kept - 1] = 0x7f;
  cut[scan + kept] = marker;
  cut[scan + kept + 1] = endOfImage;
  return cut;
}
