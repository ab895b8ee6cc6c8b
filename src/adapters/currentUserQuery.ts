/**
 * Who is signed in (`GET /auth/session`). A 401 means nobody: the page goes to sign-in (signInRedirect.ts). The
 * session cookie is HttpOnly: this code never sees it, only the gateway's answer.
 */
import { queryOptions } from '@tanstack/react-query';
import { parseCurrentUser, type CurrentUser } from '../domain/auth/currentUser.ts';

export class SignInRequired extends Error {
  constructor() {
    super('sign-in required');
    this.name = 'SignInRequired';
  }
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<CurrentUser> {
  const response = await fetch('/auth/session', { signal, credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) throw new SignInRequired();
  if (!response.ok) throw new Error(`/auth/session: HTTP ${response.status}`);
  return parseCurrentUser(await response.json());
}

export const currentUserQuery = queryOptions({
  queryKey: ['current-user'],
  queryFn: ({ signal }) => fetchCurrentUser(signal),
  staleTime: 60_000,
  retry: (count, error) => !(error instanceof SignInRequired) && count < 1,
});
