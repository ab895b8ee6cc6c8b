/**
 * When things appear on screen, measured in the page itself: an init script installs a MutationObserver that
 * notes, with `performance.now()`, when each `[data-testid=site-status]` is first seen loading and first reaches
 * a terminal state, and when each site's first `[data-testid=study-row]` appears; a PerformanceObserver notes
 * when the search requests (QIDO-RS through the gateway) were sent. The script is a plain string so that no
 * bundler helper leaks into the page.
 */
import type { Page, Request } from '@playwright/test';

/** The states a site's search settles in (contract §4): `not-searched` is settled, `loading` is not. */
export const TERMINAL_SITE_STATES = ['ok', 'partial', 'error', 'timeout', 'not-searched'] as const;

export interface SiteTimings {
  loadingAt?: number;
  terminalAt?: number;
  terminalState?: string;
  firstRowAt?: number;
}

export interface SearchRequestTiming {
  url: string;
  startTime: number;
  responseEnd: number;
}

export interface PageTimings {
  sites: Record<string, SiteTimings>;
  searchRequests: SearchRequestTiming[];
}

/**
 * A QIDO-RS query through the gateway that searches for something: `/sites/{id}/dicom-web/studies|series|instances`
 * with at least one matching key. The header's reachability probe (`studies?limit=1`) is not a search.
 */
export function isSiteSearchUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    return false;
  }
  if (!/^\/sites\/[^/]+\/dicom-web\/(.+\/)?(studies|series|instances)$/.test(parsed.pathname)) return false;
  // The header's liveness probe asks for a UID no archive holds: it is not a search.
  if (parsed.searchParams.get('StudyInstanceUID') === SITE_PROBE_UID) return false;
  const controls = new Set(['limit', 'offset', 'includefield', 'fuzzymatching']);
  return [...parsed.searchParams.keys()].some((name) => !controls.has(name.toLowerCase()));
}

/** The Study Instance UID of the header's site liveness probe (`src/adapters/probeSite.ts`). */
export const SITE_PROBE_UID = '2.25.0';

const SEARCH_URL_TEST = String.raw`function (url) {
  var parsed;
  try { parsed = new URL(url, location.href); } catch (e) { return false; }
  if (!/^\/sites\/[^/]+\/dicom-web\/(.+\/)?(studies|series|instances)$/.test(parsed.pathname)) return false;
  if (parsed.searchParams.get('StudyInstanceUID') === ${JSON.stringify(SITE_PROBE_UID)}) return false;
  var controls = ['limit', 'offset', 'includefield', 'fuzzymatching'];
  var keys = Array.from(parsed.searchParams.keys());
  for (var i = 0; i < keys.length; i++) if (controls.indexOf(keys[i].toLowerCase()) < 0) return true;
  return false;
}`;

export const TIMING_INIT_SCRIPT = String.raw`(function () {
  var terminal = ${JSON.stringify(TERMINAL_SITE_STATES)};
  var isSearch = ${SEARCH_URL_TEST};
  var timings = { sites: {}, searchRequests: [] };
  var stale = new WeakSet();
  window.__passerelleTimings = timings;
  // Forget what was seen so far; the elements on screen now are ignored from here on (a new search replaces them).
  window.__passerelleTimingsReset = function () {
    var shown = document.querySelectorAll('[data-testid=site-status], [data-testid=study-row]');
    for (var i = 0; i < shown.length; i++) stale.add(shown[i]);
    timings.sites = {};
    timings.searchRequests = [];
  };
  function site(id) {
    if (!timings.sites[id]) timings.sites[id] = {};
    return timings.sites[id];
  }
  function scan() {
    var now = performance.now();
    var statuses = document.querySelectorAll('[data-testid=site-status]');
    for (var i = 0; i < statuses.length; i++) {
      if (stale.has(statuses[i])) continue;
      var id = statuses[i].getAttribute('data-site-id');
      var state = statuses[i].getAttribute('data-state');
      if (!id) continue;
      var entry = site(id);
      if (state === 'loading' && entry.loadingAt === undefined) entry.loadingAt = now;
      if (terminal.indexOf(state) >= 0 && entry.terminalAt === undefined) {
        entry.terminalAt = now;
        entry.terminalState = state;
      }
    }
    var rows = document.querySelectorAll('[data-testid=study-row]');
    for (var j = 0; j < rows.length; j++) {
      if (stale.has(rows[j])) continue;
      var rowSite = rows[j].getAttribute('data-site-id');
      if (rowSite && site(rowSite).firstRowAt === undefined) site(rowSite).firstRowAt = now;
    }
  }
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-site-id'] });
  try {
    new PerformanceObserver(function (list) {
      var entries = list.getEntries();
      for (var k = 0; k < entries.length; k++) {
        if (isSearch(entries[k].name)) timings.searchRequests.push({ url: entries[k].name, startTime: entries[k].startTime, responseEnd: entries[k].responseEnd });
      }
    }).observe({ type: 'resource', buffered: true });
  } catch (e) {
    // no resource timing: searchRequests stays empty
  }
})();`;

/** Installs the observer in every document the page opens from now on. */
export async function observeTimings(page: Page): Promise<void> {
  await page.addInitScript({ content: TIMING_INIT_SCRIPT });
}

export async function readTimings(page: Page): Promise<PageTimings> {
  const timings = (await page.evaluate('window.__passerelleTimings')) as PageTimings | undefined;
  if (!timings) throw new Error('the timing observer is not installed in this page (call observeTimings before page.goto)');
  return timings;
}

/**
 * Forgets the timings noted so far, and ignores the site statuses and study rows on screen now: call it just
 * before submitting a search from a page that already shows some.
 */
export async function resetTimings(page: Page): Promise<void> {
  await page.evaluate('window.__passerelleTimingsReset()');
}

/** When the search was sent: the start of its first search request (`undefined` when none completed yet). */
export function searchStartedAt(timings: PageTimings): number | undefined {
  const starts = timings.searchRequests.map((request) => request.startTime);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

/** Records the URLs of every search request the page sends to a site (see {@link isSiteSearchUrl}). */
export function recordSiteSearches(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request: Request) => {
    if (isSiteSearchUrl(request.url())) urls.push(request.url());
  });
  return urls;
}
