/**
 * From the identity provider's claims (ID token and userinfo, OpenID Connect Core §5) to the user Passerelle
 * knows: id, name, organisation and roles, as the configuration's `auth.roles` maps the provider's values.
 */
import type { AuthConfig } from '../../src/domain/config/runtimeConfig.ts';
import type { RequestUser, Role } from './requestUser.ts';

export type Claims = Readonly<Record<string, unknown>>;

type RolesConfig = NonNullable<AuthConfig['roles']>;

/** Without `auth.roles`: the claim `roles`, holding Passerelle's own role names. */
export const DEFAULT_ROLES_CONFIG: RolesConfig = {
  claim: 'roles',
  clinician: ['clinician'],
  identityOfficer: ['identity-officer'],
  auditor: ['auditor'],
};

/** Claims tried, in order, for the user's organisation when the configuration names none. */
export const DEFAULT_ORGANISATION_CLAIMS = ['organisation', 'organization'];

/**
 * The claim at `path`: the claim of that exact name if there is one (names such as `https://x/roles` contain dots),
 * else the dotted path into nested objects (`realm_access.roles`).
 */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let node: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A claim's values as strings: a list, or one string (space-separated, as `scope` is). */
function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter((item) => item !== '');
  return [];
}

/** Passerelle's roles for these claims, in a fixed order; none when the claim is missing or holds no mapped value. */
export function rolesFromClaims(claims: Claims, config: RolesConfig = DEFAULT_ROLES_CONFIG): Role[] {
  const values = new Set(claimValues(claimAt(claims, config.claim)));
  const has = (mapped: readonly string[] | undefined) => (mapped ?? []).some((value) => values.has(value));
  const roles: Role[] = [];
  if (has(config.clinician)) roles.push('clinician');
  if (has(config.identityOfficer)) roles.push('identity-officer');
  if (has(config.auditor)) roles.push('auditor');
  return roles;
}

function firstString(claims: Claims, paths: readonly string[]): string | undefined {
  for (const path of paths) {
    const value = claimAt(claims, path);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      // OIDC `address`-like objects or Keycloak organisation maps: take a `name` where one is given.
      const name = (value as Record<string, unknown>).name;
      if (typeof name === 'string' && name.trim() !== '') return name.trim();
    }
  }
  return undefined;
}

/** The signed-in user these claims describe; `sub` is required (OpenID Connect Core §2). */
export function userFromClaims(claims: Claims, auth: Pick<AuthConfig, 'roles' | 'organisationClaim'>): RequestUser {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new Error('the identity provider sent no subject (sub)');
  const name =
    firstString(claims, ['name']) ??
    ([firstString(claims, ['given_name']), firstString(claims, ['family_name'])].filter(Boolean).join(' ') ||
      firstString(claims, ['preferred_username']));
  const organisation = firstString(claims, auth.organisationClaim ? [auth.organisationClaim] : DEFAULT_ORGANISATION_CLAIMS);
  return {
    id: sub,
    ...(name ? { name } : {}),
    roles: rolesFromClaims(claims, auth.roles ?? DEFAULT_ROLES_CONFIG),
    ...(organisation ? { organisation } : {}),
    signedIn: true,
  };
}
