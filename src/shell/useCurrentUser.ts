import { useQuery } from '@tanstack/react-query';
import { currentUserQuery } from '../adapters/currentUserQuery.ts';
import { hasRole, type CurrentUser, type Role } from '../domain/auth/currentUser.ts';

/**
 * The signed-in user (or the local user without sign-in), undefined while the gateway is asked or when nobody is
 * signed in. Components show only what the user's roles allow: `useHasRole('auditor')` for an "Audit" link.
 */
export function useCurrentUser(): CurrentUser | undefined {
  return useQuery(currentUserQuery).data;
}

export function useHasRole(role: Role): boolean {
  return hasRole(useCurrentUser(), role);
}
