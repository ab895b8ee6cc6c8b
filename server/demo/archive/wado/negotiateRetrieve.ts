/**
 * Content negotiation of WADO-RS retrieves (PS3.18 §8.7.3, §8.7.5): the Acceptable Media Types are tried best
 * first, and the first one this archive can produce without transcoding wins; none → 406 Not Acceptable.
 *
 * Frames and bulk data (PS3.18 §8.7.3.3): `multipart/related; type="application/octet-stream"` without a
 * `transfer-syntax` parameter means Explicit VR Little Endian (Table 8.7.3-4), which native pixel data is;
 * `transfer-syntax=*` means the stored syntax; a compressed media type (`image/jls`, `image/jp2`,
 * `image/dicom-rle`…, Table 8.7.3-5) or a `transfer-syntax` parameter is served when it is the stored one.
 * Instances (PS3.18 §8.7.3.1): `multipart/related; type="application/dicom"`, the stored file as it is; without a
 * `transfer-syntax` parameter too (a Part 10 file names its own Transfer Syntax), rather than transcoding.
 */
import { parseAccept, type MediaRange } from '../http/acceptHeader.ts';
import { notAcceptable } from '../http/httpProblem.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, frameMediaType, isNativeLittleEndian, webTransferSyntax } from '../dicom/transferSyntax.ts';

export interface PixelRepresentation {
  /** The `type` of the multipart/related response. */
  rootType: string;
  /** Content-Type of each part. */
  partType: string;
  transferSyntax: string;
}

const OCTET_STREAM = 'application/octet-stream';

/** The root type and transfer syntax a range asks for, or undefined when it is not a multipart range. */
function multipartRequest(range: MediaRange): { type: string; transferSyntax: string | undefined } | undefined {
  if (range.mediaType === '*/*' || range.mediaType === 'multipart/*') return { type: '*', transferSyntax: '*' };
  if (range.mediaType !== 'multipart/related') return undefined;
  return { type: range.params.type ?? OCTET_STREAM, transferSyntax: range.params['transfer-syntax'] };
}

function acceptText(accept: string | undefined): string {
  return accept === undefined ? '(none)' : `"${accept}"`;
}

/** How to send pixel data or other bulk data stored in `storedSyntax`. */
export function negotiatePixelData(accept: string | undefined, storedSyntax: string): PixelRepresentation {
  const web = webTransferSyntax(storedSyntax);
  const native = isNativeLittleEndian(storedSyntax);
  const stored = frameMediaType(storedSyntax);
  const sameSyntax = (asked: string | undefined) => asked === '*' || asked === web || asked === storedSyntax;
  for (const range of parseAccept(accept)) {
    const asked = multipartRequest(range);
    if (!asked) continue;
    if (asked.type === '*' || asked.type === '*/*') {
      return { rootType: stored, partType: `${stored}; transfer-syntax=${web}`, transferSyntax: web };
    }
    if (asked.type === OCTET_STREAM) {
      const ok = asked.transferSyntax === undefined ? native : sameSyntax(asked.transferSyntax);
      if (ok) return { rootType: OCTET_STREAM, partType: `${OCTET_STREAM}; transfer-syntax=${web}`, transferSyntax: web };
      continue;
    }
    if (asked.type === stored && (asked.transferSyntax === undefined || sameSyntax(asked.transferSyntax))) {
      return { rootType: stored, partType: `${stored}; transfer-syntax=${web}`, transferSyntax: web };
    }
  }
  const hint = native
    ? `multipart/related; type="${OCTET_STREAM}"`
    : `multipart/related; type="${stored}" or multipart/related; type="${OCTET_STREAM}"; transfer-syntax=${web} (or transfer-syntax=*)`;
  throw notAcceptable(
    `the pixel data is stored in ${storedSyntax} and this archive does not transcode; Accept was ${acceptText(accept)}. Ask for ${hint}` +
      (native ? '' : `; ${OCTET_STREAM} without transfer-syntax means ${EXPLICIT_VR_LITTLE_ENDIAN}`),
  );
}

/**
 * How to send whole instances, stored in `storedSyntaxes`: multipart, or single part for one instance. A range
 * with a `transfer-syntax` other than `*` is only satisfied when every instance is stored in it.
 */
export function negotiateInstances(accept: string | undefined, storedSyntaxes: readonly string[]): { multipart: boolean } {
  for (const range of parseAccept(accept)) {
    const single = range.mediaType === 'application/dicom' && storedSyntaxes.length === 1;
    const asked = single ? { type: 'application/dicom', transferSyntax: range.params['transfer-syntax'] } : multipartRequest(range);
    if (!asked) continue;
    const type = asked.type === '*' || asked.type === '*/*' ? 'application/dicom' : asked.type;
    const ts = asked.transferSyntax;
    const syntaxOk = ts === undefined || ts === '*' || storedSyntaxes.every((stored) => ts === stored);
    if (type === 'application/dicom' && syntaxOk) return { multipart: !single };
  }
  throw notAcceptable(
    `instances are sent as multipart/related; type="application/dicom" in their stored Transfer Syntax (${[...new Set(storedSyntaxes)].join(', ')}), ` +
      `this archive does not transcode; Accept was ${acceptText(accept)}`,
  );
}
