/**
 * Who is signed in, as the gateway tells the app (`GET /auth/session`): the user's id, name, roles and
 * organisation, whether they signed in (false for the local user of a deployment without sign-in), and the CSRF
 * token the app sends on state-changing requests. Never a token of the identity provider.
 */
import { z } from '../zod.ts';

export type Role = 'clinician' | 'identity-officer' | 'auditor';

export interface CurrentUser {
  id: string;
  name?: string;
  roles: readonly Role[];
  organisation?: string;
  signedIn: boolean;
  csrfToken: string;
}

/** The header the gateway reads the CSRF token from on POST, PUT, PATCH and DELETE. */
export const CSRF_HEADER = 'X-Passerelle-CSRF';

const sessionSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  roles: z.array(z.string()),
  organisation: z.string().optional(),
  signedIn: z.boolean(),
  csrfToken: z.string(),
});

const knownRoles: readonly string[] = ['clinician', 'identity-officer', 'auditor'];

export function parseCurrentUser(input: unknown): CurrentUser {
  const parsed = sessionSchema.parse(input);
  return {
    id: parsed.id,
    ...(parsed.name !== undefined ? { name: parsed.name } : {}),
    roles: parsed.roles.filter((role): role is Role => knownRoles.includes(role)),
    ...(parsed.organisation !== undefined ? { organisation: parsed.organisation } : {}),
    signedIn: parsed.signedIn,
    csrfToken: parsed.csrfToken,
  };
}

export function hasRole(user: CurrentUser | undefined, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}

/** The gateway's sign-in address that comes back to this page (path and query, same origin only). */
export function signInPath(pathname: string, search: string): string {
  return `/auth/login?return=${encodeURIComponent(`${pathname}${search}`)}`;
}

/** The page the provider sends users to after sign-out: it must not send them to sign in again by itself. */
export const SIGNED_OUT_PATH = '/signed-out';
