/**
 * How a frame may be asked of an archive without making it transcode what it stores.
 *
 * Frames are asked for in their stored transfer syntax (`transfer-syntax=*`, PS3.18 §8.7.3.5.2). Two stored
 * syntaxes have no frame representation of their own: Explicit VR Big Endian and Deflated Explicit VR Little
 * Endian (PS3.18 Table 8.7.3-4 sends native frames as little endian only), so an archive can only send their frames
 * by converting them. Such an instance, and any instance whose frame request the archive refuses as a fault of
 * that resource, is taken whole, as stored (`application/dicom; transfer-syntax=*`, PS3.18 §8.7.3.5.1), and
 * decoded in the browser. The frame endpoint is never asked again for it in another syntax: Orthanc 1.10 with
 * DICOMweb 1.7 answers 500 for `*` on such instances and its process dies on the next native frame request.
 */
import { stringValue, stringValues } from './dicomJson.ts';

export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Stored syntaxes whose frames exist over DICOMweb only as a conversion by the archive. */
const WITHOUT_FRAME_REPRESENTATION = new Set([EXPLICIT_VR_BIG_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]);

/** The Accept of a whole instance as the archive stores it (PS3.18 §8.7.3.5.1, Table 8.7.3-2). */
export const STORED_INSTANCE_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/**
 * The stored transfer syntax an instance's metadata names: Transfer Syntax UID (0002,0010) when the archive
 * includes the file meta information, else the only Available Transfer Syntax UID (0008,3002); `undefined` when
 * it names neither (Orthanc 1.10 gives neither) or several.
 */
export function storedTransferSyntax(instance: unknown): string | undefined {
  const meta = stringValue(instance, '00020010');
  if (meta) return meta;
  const available = stringValues(instance, '00083002');
  return available.length === 1 ? available[0] : undefined;
}

/** Whether frames of an instance stored in `syntax` can only be had by taking the whole instance. */
export function hasNoFrameRepresentation(syntax: string | undefined): boolean {
  return syntax !== undefined && WITHOUT_FRAME_REPRESENTATION.has(syntax);
}

/**
 * Whether an archive's answer to a frame request says that this resource cannot be sent as stored, so that the
 * instance is to be taken whole: 406 (not acceptable), a server error about it, or a 400 (Orthanc 1.10 answers
 * "Bad file format" for frames it cannot cut out of its own file; the request itself is the same for every
 * frame). 502, 503 and 504 say the archive itself is unreachable, down or slow: asking it for more would only add
 * load.
 */
export function isFrameRefusal(status: number): boolean {
  return status === 400 || status === 406 || (status >= 500 && status <= 599 && status !== 502 && status !== 503 && status !== 504);
}

/** The syntax the browser decodes a frame from a stored instance in: a deflated data set is inflated first. */
export function decodedFrameSyntax(storedSyntax: string): string {
  return storedSyntax === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN ? EXPLICIT_VR_LITTLE_ENDIAN : storedSyntax;
}
