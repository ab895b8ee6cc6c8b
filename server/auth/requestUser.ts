/**
 * Who is asking: the user the gateway attaches to each request (`request.user`) once it knows them, from the
 * session when `auth` is configured, or the local user of a loopback-only deployment without sign-in. Routes check
 * roles here and the audit trail records this user; nothing reads identity from the browser's own claims.
 */
export type Role = 'clinician' | 'identity-officer' | 'auditor';

export const ALL_ROLES: readonly Role[] = ['clinician', 'identity-officer', 'auditor'];

export interface RequestUser {
  /** Stable id from the provider (`sub`), or `local` without sign-in. */
  id: string;
  name?: string;
  roles: readonly Role[];
  organisation?: string;
  /** False for the local user of a deployment without `auth` (loopback only, "no sign-in" in every page). */
  signedIn: boolean;
}

/** The user of a deployment without `auth`: it serves only its own machine, so that machine's user has every role. */
export const LOCAL_USER: RequestUser = { id: 'local', name: 'local user (no sign-in)', roles: ALL_ROLES, signedIn: false };

export function hasRole(user: RequestUser | undefined, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the gateway's authentication hook before any route runs; undefined only when nobody is signed in. */
    user?: RequestUser;
  }
}
