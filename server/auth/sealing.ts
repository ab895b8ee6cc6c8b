/**
 * Keys and sealing of what the server keeps about a sign-in: the provider's tokens in the session table and the
 * pre-login transaction in its cookie are encrypted and authenticated with AES-256-GCM (NIST SP 800-38D).
 *
 * The keys are derived with HKDF-SHA-256 (RFC 5869) from the gateway's OpenID Connect client secret: every gateway
 * instance of a deployment already holds that secret, so they all derive the same keys and read each other's
 * sessions without a new secret to configure. Rotating the client secret at the provider ends every session.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AuthKeys {
  /** Seals tokens and the sign-in transaction (AES-256-GCM). */
  sealing: Buffer;
  /** Signs the per-session CSRF token (HMAC-SHA-256). */
  csrf: Buffer;
}

const SALT = 'passerelle-auth-v1';

export function deriveAuthKeys(clientSecret: string): AuthKeys {
  if (clientSecret.length < 16) throw new Error('the client secret is too short to derive keys from (at least 16 characters)');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', clientSecret, SALT, info, 32));
  return { sealing: derive('sealing'), csrf: derive('csrf') };
}

/** Keys of a gateway without `auth` (one loopback process): random for this process's life. */
export function randomAuthKeys(): AuthKeys {
  return { sealing: randomBytes(32), csrf: randomBytes(32) };
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * `version ‖ iv ‖ ciphertext ‖ tag`. `context` (the session id, or the transaction's purpose) is authenticated
 * with it, so a sealed value copied to another session's row does not open there.
 */
export function seal(key: Buffer, plaintext: string, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body, cipher.getAuthTag()]);
}

/** The plaintext, or undefined when the value was not sealed by this key for this context (or was altered). */
export function unseal(key: Buffer, sealed: Uint8Array, context: string): string | undefined {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** HMAC-SHA-256 of `value`, base64url. */
export function mac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

export function equalStrings(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A session id: 256 random bits, base64url. */
export function randomSessionId(): string {
  return randomBytes(32).toString('base64url');
}
