/**
 * The pre-login transaction (state, nonce, PKCE verifier, where to return, the redirect URI used) between
 * `/auth/login` and `/auth/callback`, kept in a short-lived sealed HttpOnly cookie so that any gateway instance
 * can finish a sign-in another one started.
 */
import type { SignInChecks } from './oidcClient.ts';
import { seal, unseal } from './sealing.ts';

export interface SignInTransaction extends SignInChecks {
  returnPath: string;
  redirectUri: string;
  startedAt: number;
}

/** Ten minutes to sign in at the provider; the cookie has the same Max-Age. */
export const SIGN_IN_TTL_SECONDS = 600;

const CONTEXT = 'sign-in transaction';

export function sealTransaction(key: Buffer, transaction: SignInTransaction): string {
  return seal(key, JSON.stringify(transaction), CONTEXT).toString('base64url');
}

/** The transaction of this cookie value if this gateway sealed it less than ten minutes before `now`. */
export function openTransaction(key: Buffer, cookieValue: string | undefined, now: number): SignInTransaction | undefined {
  if (!cookieValue) return undefined;
  const text = unseal(key, Buffer.from(cookieValue, 'base64url'), CONTEXT);
  if (text === undefined) return undefined;
  const transaction = JSON.parse(text) as SignInTransaction;
  if (now - transaction.startedAt > SIGN_IN_TTL_SECONDS * 1000 || now < transaction.startedAt - 60_000) return undefined;
  return transaction;
}
