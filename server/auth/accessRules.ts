/**
 * Who may call what (contract §5): patient data needs a signed-in user with the right role. The gateway's
 * authorization hook applies `accessFor` to every request's path; a route outside these prefixes that needs a
 * role adds `requireRole(role)` as its preHandler.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { hasRole, type Role } from './requestUser.ts';

/** `role`: a signed-in user with that role; `signed-in`: any signed-in user; `public`: anyone. */
export type Access = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'role'; role: Role };

const RULES: readonly { prefix: string; access: Access }[] = [
  { prefix: '/sites/', access: { kind: 'role', role: 'clinician' } },
  { prefix: '/identity/pixm', access: { kind: 'role', role: 'clinician' } },
  // The manager's CapabilityStatement holds no patient data; its queries are for clinicians, and its feeds declare
  // `access: 'bearer'` (feeding systems authenticate with their own token).
  { prefix: '/identity/fhir/metadata', access: { kind: 'public' } },
  { prefix: '/identity/fhir', access: { kind: 'role', role: 'clinician' } },
  // The identity review (server/identity/reviewRoutes.ts): identity officers only.
  { prefix: '/identity/review/', access: { kind: 'role', role: 'identity-officer' } },
  { prefix: '/identity/', access: { kind: 'signed-in' } },
  { prefix: '/audit/', access: { kind: 'role', role: 'auditor' } },
];

/**
 * What a request to this path (raw, before any decoding) needs. The app's own pages (`/audit`, `/viewer/…`) are
 * public: they are the same index.html for everyone, and hold no data until their API calls pass these rules.
 */
export function accessFor(path: string): Access {
  const lower = path.toLowerCase();
  for (const rule of RULES) {
    if (lower.startsWith(rule.prefix)) return rule.access;
  }
  return { kind: 'public' };
}

/** The answer when the user may not: 401 without a user, 403 without the role; undefined when they may. */
export function refusal(request: FastifyRequest, access: Access): { status: 401 | 403; error: string } | undefined {
  if (access.kind === 'public') return undefined;
  if (!request.user) return { status: 401, error: 'sign-in required' };
  if (access.kind === 'role' && !hasRole(request.user, access.role)) return { status: 403, error: `the role ${access.role} is required` };
  return undefined;
}

export function sendRefusal(reply: FastifyReply, refused: { status: 401 | 403; error: string }): FastifyReply {
  return reply.code(refused.status).header('cache-control', 'no-store').send({ error: refused.error });
}

/** A preHandler for a route of its own: `app.get('/x', { preHandler: requireRole('auditor') }, handler)`. */
export function requireRole(role: Role): preHandlerAsyncHookHandler {
  return async function requireRoleHandler(request, reply) {
    const refused = refusal(request, { kind: 'role', role });
    if (refused) return sendRefusal(reply, refused);
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `bearer`: the route authenticates its callers itself (a feeding system's bearer token, contract §6), so the
     * gateway's session rule for its path does not apply; the CSRF check does not apply to requests that carry an
     * Authorization header and no session cookie either.
     */
    access?: 'bearer';
  }
}
