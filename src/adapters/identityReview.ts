/**
 * The identity review API (`/identity/review/…`, identity officers only): reads as TanStack Query options, and the
 * decisions, which carry the session's CSRF token. Every answer is `no-store` at the gateway; after a decision the
 * page invalidates the review's queries and the worklist's identity answers (`['pixm']`, `['identity']`). The
 * harvest's progress (`/identity/harvest`) is read the same way, polled while a run is under way.
 */
import { queryOptions } from '@tanstack/react-query';
import { CSRF_HEADER } from '../domain/auth/currentUser.ts';
import { harvestPollInterval, parseHarvestProgress, type HarvestProgress } from '../domain/identityReview/harvestModel.ts';
import { parseHistory, parsePerson, parsePersons, parseQueuePage, type ReviewChoice } from '../domain/identityReview/reviewModel.ts';

export const REVIEW_BASE = '/identity/review';
export const HARVEST_PATH = '/identity/harvest';

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

/**
 * The harvest's progress per site; `null` when this server harvests nothing (no identity manager: 404). Asked every
 * second while a run is under way, not at all when idle.
 */
export const harvestProgressQuery = () =>
  queryOptions({
    queryKey: ['identity-review', 'harvest'],
    queryFn: async ({ signal }): Promise<HarvestProgress | null> => {
      try {
        return parseHarvestProgress(await get(HARVEST_PATH, signal));
      } catch (error) {
        if (error instanceof ReviewRequestError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 0,
    retry: false,
    refetchInterval: (query) => harvestPollInterval(query.state.data),
  });

/** Starts a run now (or joins the one under way): the answer is the progress, `running` true. */
export async function startHarvest(csrfToken: string): Promise<HarvestProgress> {
  return parseHarvestProgress(await post(HARVEST_PATH, {}, csrfToken));
}
