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

export type PixelCodec = 'native' | 'rle' | 'jpeg-ls' | 'jpeg-2000';

export interface TransferSyntax {
  uid: string;
  explicitVr: boolean;
  codec: PixelCodec;
}

const transferSyntaxes: readonly TransferSyntax[] = [
  { uid: implicitVrLittleEndian, explicitVr: false, codec: 'native' },
  { uid: explicitVrLittleEndian, explicitVr: true, codec: 'native' },
  { uid: rleLossless, explicitVr: true, codec: 'rle' },
  { uid: jpegLsLossless, explicitVr: true, codec: 'jpeg-ls' },
  { uid: jpeg2000Lossless, explicitVr: true, codec: 'jpeg-2000' },
];

export function transferSyntax(uid: string): TransferSyntax {
  const found = transferSyntaxes.find((candidate) => candidate.uid === uid);
  if (!found) throw new Error(`unsupported transfer syntax ${uid}`);
  return found;
}

export const implementationClassUid = uidFromName('Passerelle demo study generator');
/** At most 16 characters (SH). */
export const implementationVersionName = 'PASSERELLE_DEMO';
