/**
 * Transfer Syntaxes (PS3.5 §10, Annex A) as the archive needs them: how the data set is encoded, whether the pixel
 * data is native or encapsulated, and which media type carries the pixel data of each over DICOMweb
 * (PS3.18 §8.7.3.3, Tables 8.7.3-4 and 8.7.3-5).
 */

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_LS_NEAR_LOSSLESS = '1.2.840.10008.1.2.4.81';
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const JPEG_2000 = '1.2.840.10008.1.2.4.91';

/** Data set encoding of a Transfer Syntax (PS3.5 §7.1, §7.3). */
export interface DataSetEncoding {
  explicitVr: boolean;
  littleEndian: boolean;
  deflated: boolean;
}

export function dataSetEncoding(transferSyntaxUid: string): DataSetEncoding {
  if (transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN) return { explicitVr: false, littleEndian: true, deflated: false };
  if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) return { explicitVr: true, littleEndian: false, deflated: false };
  return { explicitVr: true, littleEndian: true, deflated: transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN };
}

/** Native (unencapsulated) little endian pixel data: the same bytes whichever of these three encoded the file. */
export function isNativeLittleEndian(transferSyntaxUid: string): boolean {
  return (
    transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN ||
    transferSyntaxUid === EXPLICIT_VR_LITTLE_ENDIAN ||
    transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
  );
}

/** Pixel data encapsulated in fragments (PS3.5 §A.4): every syntax but the native ones. */
export function isEncapsulated(transferSyntaxUid: string): boolean {
  return !isNativeLittleEndian(transferSyntaxUid) && transferSyntaxUid !== EXPLICIT_VR_BIG_ENDIAN;
}

/**
 * The Transfer Syntax that DICOMweb reports for the stored pixel data: Implicit VR Little Endian shall not be used
 * with Web Services (PS3.18 §8.7.3), and its pixel data is byte for byte the Explicit VR Little Endian one.
 */
export function webTransferSyntax(storedUid: string): string {
  return isNativeLittleEndian(storedUid) ? EXPLICIT_VR_LITTLE_ENDIAN : storedUid;
}

const COMPRESSED_MEDIA_TYPES: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  [RLE_LOSSLESS]: 'image/dicom-rle',
  [JPEG_LS_LOSSLESS]: 'image/jls',
  [JPEG_LS_NEAR_LOSSLESS]: 'image/jls',
  [JPEG_2000_LOSSLESS]: 'image/jp2',
  [JPEG_2000]: 'image/jp2',
  '1.2.840.10008.1.2.4.92': 'image/jpx',
  '1.2.840.10008.1.2.4.93': 'image/jpx',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
};

/** Media type of one frame of pixel data in this Transfer Syntax (PS3.18 Table 8.7.3-5), octet-stream otherwise. */
export function frameMediaType(transferSyntaxUid: string): string {
  return COMPRESSED_MEDIA_TYPES[transferSyntaxUid] ?? 'application/octet-stream';
}
