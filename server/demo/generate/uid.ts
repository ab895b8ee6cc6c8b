/**
 * Deterministic DICOM UIDs derived from stable names.
 *
 * PS3.5 §B.2 allows UIDs of the form `2.25.<n>` where `n` is the decimal value of a 128-bit UUID (ITU-T X.667).
 * The UUID here is name-based: the first 128 bits of SHA-256 of the name, with the RFC 9562 version 8 ("custom")
 * and variant bits set. The result is at most 44 characters (`2.25.` + 39 digits), well under the 64-character
 * limit of PS3.5 §9.1, and a decimal integer never has a leading zero.
 */
import { createHash } from 'node:crypto';

/** PS3.5 §9.1: components of digits without leading zeros, separated by dots, at most 64 characters. */
const uidSyntax = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function isValidUid(uid: string): boolean {
  return uid.length > 0 && uid.length <= 64 && uidSyntax.test(uid);
}

/** The UID `2.25.<decimal>` of the name-based UUID of `name`; the same name always gives the same UID. */
export function uidFromName(name: string): string {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  const bytes = Uint8Array.from(digest.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString(10)}`;
}
