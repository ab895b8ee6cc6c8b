/**
 * The identity review API (`/identity/review/…`, identity officers only): reads as TanStack Query options, and the
 * decisions, which carry the session's CSRF token. Every answer is `no-store` at the gateway; after a decision the
 * page invalidates the review's queries and the worklist's identity answers (`['pixm']`, `['identity']`).
 */
import { queryOptions } from '@tanstack/react-query';
import { CSRF_HEADER } from '../domain/auth/currentUser.ts';
import { parseHistory, parsePerson, parsePersons, parseQueuePage, type ReviewChoice } from '../domain/identityReview/reviewModel.ts';

export const REVIEW_BASE = '/identity/review';

/** A refused or failed request, with the status and the server's words. */
export class ReviewRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON: the status says it
    }
    throw new ReviewRequestError(response.status, message);
  }
  return response.json();
}

const get = async (path: string, signal?: AbortSignal) =>
  readJson(await fetch(path, { signal, credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } }));

const post = async (path: string, body: unknown, csrfToken: string) =>
  readJson(
    await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: csrfToken },
      body: JSON.stringify(body),
    }),
  );

export const reviewQueueQuery = (offset: number, count: number) =>
  queryOptions({
    queryKey: ['identity-review', 'queue', offset, count],
    queryFn: async ({ signal }) => parseQueuePage(await get(`${REVIEW_BASE}/queue?offset=${offset}&count=${count}`, signal)),
    staleTime: 0,
    retry: false,
  });

export const personSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['identity-review', 'persons', q],
    queryFn: async ({ signal }) => parsePersons(await get(`${REVIEW_BASE}/persons?q=${encodeURIComponent(q)}`, signal)),
    staleTime: 0,
    retry: false,
    enabled: q.trim().length >= 2,
  });

export const personQuery = (personId: string) =>
  queryOptions({
    queryKey: ['identity-review', 'person', personId],
    queryFn: async ({ signal }) => parsePerson(await get(`${REVIEW_BASE}/persons/${encodeURIComponent(personId)}`, signal)),
    staleTime: 0,
    retry: false,
  });

export const personHistoryQuery = (personId: string) =>
  queryOptions({
    queryKey: ['identity-review', 'history', personId],
    queryFn: async ({ signal }) => parseHistory(await get(`${REVIEW_BASE}/persons/${encodeURIComponent(personId)}/history`, signal)),
    staleTime: 0,
    retry: false,
  });

export function decideQueueItem(itemId: string, choice: ReviewChoice, comment: string, csrfToken: string): Promise<unknown> {
  return post(`${REVIEW_BASE}/queue/${encodeURIComponent(itemId)}/decision`, { choice, comment }, csrfToken);
}

export function unlinkRecord(recordId: string, comment: string, csrfToken: string): Promise<unknown> {
  return post(`${REVIEW_BASE}/records/${encodeURIComponent(recordId)}/unlink`, { comment }, csrfToken);
}
