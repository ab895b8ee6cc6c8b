/**
 * The transfer syntaxes the demo studies use (PS3.5 §10, PS3.6 Annex A) and the generator's implementation
 * identification written in the File Meta Information (PS3.7 §D.3.3.2).
 */
import { uidFromName } from './uid.ts';

export const implicitVrLittleEndian = '1.2.840.10008.1.2';
export const explicitVrLittleEndian = '1.2.840.10008.1.2.1';
export const rleLossless = '1.2.840.10008.1.2.5';
export const jpegLsLossless = '1.2.840.10008.1.2.4.80';
export const jpeg2000Lossless = '1.2.840.10008.1.2.4.90';
export const explicitVrBigEndian = '1.2.840.10008.1.2.2';
export const deflatedExplicitVrLittleEndian = '1.2.840.10008.1.2.1.99';
export const jpegBaseline8Bit = '1.2.840.10008.1.2.4.50';
export const jpegExtended12Bit = '1.2.840.10008.1.2.4.51';
export const jpegLosslessProcess14 = '1.2.840.10008.1.2.4.57';
export const jpegLosslessSv1 = '1.2.840.10008.1.2.4.70';
export const jpegLsNearLossless = '1.2.840.10008.1.2.4.81';
export const jpeg2000 = '1.2.840.10008.1.2.4.91';
export const htj2kLossless = '1.2.840.10008.1.2.4.201';
export const htj2kLosslessRpcl = '1.2.840.10008.1.2.4.202';
export const htj2k = '1.2.840.10008.1.2.4.203';
/** A private Transfer Syntax no viewer knows: the quality-control study shows how an undecodable image is reported. */
export const privateUnknownSyntax = '1.2.999.1';

export type PixelCodec = 'native' | 'rle' | 'jpeg-ls' | 'jpeg-2000' | 'jpeg' | 'htj2k' | 'private';

export interface TransferSyntax {
  uid: string;
  explicitVr: boolean;
  codec: PixelCodec;
  /** Explicit VR Big Endian (PS3.5 §A.3, retired): every binary value most significant byte first. */
  bigEndian?: boolean;
  /** Deflated Explicit VR Little Endian (PS3.5 §A.5): the data set after the File Meta Information is deflated. */
  deflated?: boolean;
}

const transferSyntaxes: readonly TransferSyntax[] = [
  { uid: implicitVrLittleEndian, explicitVr: false, codec: 'native' },
  { uid: explicitVrLittleEndian, explicitVr: true, codec: 'native' },
  { uid: rleLossless, explicitVr: true, codec: 'rle' },
  { uid: jpegLsLossless, explicitVr: true, codec: 'jpeg-ls' },
  { uid: jpeg2000Lossless, explicitVr: true, codec: 'jpeg-2000' },
  { uid: explicitVrBigEndian, explicitVr: true, codec: 'native', bigEndian: true },
  { uid: deflatedExplicitVrLittleEndian, explicitVr: true, codec: 'native', deflated: true },
  { uid: jpegBaseline8Bit, explicitVr: true, codec: 'jpeg' },
  { uid: jpegExtended12Bit, explicitVr: true, codec: 'jpeg' },
  { uid: jpegLosslessProcess14, explicitVr: true, codec: 'jpeg' },
  { uid: jpegLosslessSv1, explicitVr: true, codec: 'jpeg' },
  { uid: jpegLsNearLossless, explicitVr: true, codec: 'jpeg-ls' },
  { uid: jpeg2000, explicitVr: true, codec: 'jpeg-2000' },
  { uid: htj2kLossless, explicitVr: true, codec: 'htj2k' },
  { uid: htj2kLosslessRpcl, explicitVr: true, codec: 'htj2k' },
  { uid: htj2k, explicitVr: true, codec: 'htj2k' },
  { uid: privateUnknownSyntax, explicitVr: true, codec: 'private' },
];

export function transferSyntax(uid: string): TransferSyntax {
  const found = transferSyntaxes.find((candidate) => candidate.uid === uid);
  if (!found) throw new Error(`unsupported transfer syntax ${uid}`);
  return found;
}

export const implementationClassUid = uidFromName('Passerelle demo study generator');
/** At most 16 characters (SH). */
export const implementationVersionName = 'PASSERELLE_DEMO';
