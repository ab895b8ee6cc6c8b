/**
 * How the corpus gallery opens one study and reads what the reader got: an IID study launch (RAD-106), the
 * viewer's `protocol=single-study`, the wait until every viewport is `ready` or `error`, then the pixel check. One
 * page is reused (navigations inside the app after the first load, as a reader's clicks would; a fresh load after a
 * study that raised an uncaught error or never settled); a page that stops answering is reported and replaced.
 */
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { CorpusFile } from '../../scripts/testbed/dicomCorpus.ts';
import { checkPixels, type PixelVerdict } from './corpusPixels.ts';
import type { Seen } from './corpusReport.ts';

/** What the page did while one study was open. */
export interface PageEvents {
  /** Uncaught exceptions: message and first stack frames. */
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to the archive that failed or answered an error, `STATUS METHOD path`. */
  archiveRequests: string[];
}

export const noEvents = (): PageEvents => ({ pageErrors: [], consoleErrors: [], archiveRequests: [] });

/** A page operation that did not end in time: the page's main thread is stuck. */
class PageStuck extends Error {}

async function within<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageStuck(`${what} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([operation, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface GalleryPage {
  /** Opens `file`'s study and says what the reader got; `events` collects what the page did meanwhile. */
  open(file: CorpusFile, events: PageEvents): Promise<Seen>;
}

/**
 * A gallery page on `baseUrl`, whose site is `siteId`; `settleMs` bounds each study's wait. A study whose picture
 * fails the check leaves a screenshot of the page in `screenshotDir`, named after the file; `useReference` false
 * sets a file's reference rendering aside.
 */
export function galleryPage(
  context: BrowserContext,
  options: { baseUrl: string; siteId: string; settleMs: number; screenshotDir: string; useReference: (file: CorpusFile) => boolean },
): GalleryPage {
  const { baseUrl, siteId, settleMs, screenshotDir, useReference } = options;
  let page: Page | undefined;
  let events = noEvents();
  /** The app may no longer follow navigations inside it (an uncaught error unmounted it; a study never settled). */
  let reload = true;

  const newPage = async (): Promise<Page> => {
    const created = await context.newPage();
    created.on('pageerror', (error) => events.pageErrors.push((error.stack ?? error.message).split('\n').slice(0, 5).join('\n')));
    created.on('console', (message) => {
      if (message.type() === 'error') events.consoleErrors.push(message.text());
    });
    created.on('crash', () => events.pageErrors.push('the page crashed'));
    const archivePath = (url: string) => decodeURIComponent(new URL(url).pathname + new URL(url).search).replace(`/sites/${siteId}/dicom-web`, '');
    created.on('response', (response) => {
      if (response.url().includes(`/sites/${siteId}/`) && response.status() >= 400) events.archiveRequests.push(`${response.status()} ${response.request().method()} ${archivePath(response.url())}`);
    });
    created.on('requestfailed', (request) => {
      if (request.url().includes(`/sites/${siteId}/`)) events.archiveRequests.push(`failed (${request.failure()?.errorText ?? '?'}) ${request.method()} ${archivePath(request.url())}`);
    });
    return created;
  };

  /** Goes to `path` of the app: a first load, then navigations inside the app (history and popstate). */
  const go = async (target: Page, path: string, fresh: boolean) => {
    if (fresh) await target.goto(`${baseUrl}${path}`, { timeout: settleMs });
    else
      await target.evaluate((next) => {
        window.history.pushState(null, '', next);
        window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
      }, path);
  };

  const visibleReason = async (target: Page): Promise<string | undefined> => {
    for (const selector of ['[data-testid=viewport-error]', '[data-testid=launch-error]']) {
      const texts = (await target.locator(selector).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (texts.length > 0) return texts.join(' | ');
    }
    return undefined;
  };

  /** Checks the picture again after each of a few drawn frames: the first may still be compositing when ready. */
  const settledPixels = async (target: Page, file: CorpusFile): Promise<PixelVerdict> => {
    const viewport = target.locator('[data-testid=viewport]').first();
    const index = Number((await viewport.getAttribute('data-image-index')) ?? 0);
    const check = () => checkPixels(viewport, file, index, useReference(file));
    let verdict = await check();
    for (let attempt = 0; attempt < 6 && !verdict.ok; attempt++) {
      await target.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      verdict = await check();
    }
    return verdict;
  };

  /** Waits until every viewport on the page is this study's and `ready` or `error` (true), or the bound passes. */
  const settle = (target: Page, uid: string): Promise<boolean> =>
    target
      .waitForFunction(
        (study) => {
          const viewports = [...document.querySelectorAll('[data-testid=viewport]')];
          return (
            viewports.length > 0 &&
            viewports.every((viewport) => viewport.getAttribute('data-study-uid') === study && ['ready', 'error'].includes(viewport.getAttribute('data-state') ?? ''))
          );
        },
        uid,
        { timeout: settleMs },
      )
      .then(() => true)
      .catch(() => false);

  const openOn = async (target: Page, fresh: boolean, file: CorpusFile): Promise<Seen> => {
    const viewerPath = `/viewer/${siteId}/${file.studyUid}`;
    await go(target, `/IHEInvokeImageDisplay?requestType=STUDY&studyUID=${file.studyUid}&protocol=single-study`, fresh);
    const launched = await Promise.race([
      target.waitForURL((url) => url.pathname === viewerPath, { timeout: settleMs }).then(() => true),
      target.locator('[data-testid=launch-error]').waitFor({ timeout: settleMs }).then(() => false),
    ]).catch(() => undefined);
    if (launched !== true) {
      const reason = await visibleReason(target);
      return reason ? { kind: 'error', message: `launch: ${reason}` } : { kind: 'silent', detail: `the launch did not reach ${viewerPath} within ${settleMs} ms` };
    }
    // The launch page opens the viewer without display choices: the protocol is the viewer's own parameter.
    if (new URL(target.url()).searchParams.get('protocol') !== 'single-study') await go(target, `${viewerPath}?protocol=single-study`, false);
    const settled = await settle(target, file.studyUid);
    const states = await target.locator('[data-testid=viewport]').evaluateAll((viewports) => viewports.map((viewport) => viewport.getAttribute('data-state') ?? ''));
    const reason = await visibleReason(target);
    if (states.includes('error') || (!settled && reason)) {
      return reason ? { kind: 'error', message: reason } : { kind: 'silent', detail: `a viewport reads error with no reason shown (${states.join(', ')})` };
    }
    if (!settled) return { kind: 'silent', detail: `viewports ${states.join(', ') || 'absent'}, no reason shown (waited up to ${settleMs} ms)` };
    const verdict = await settledPixels(target, file);
    if (!verdict.ok) await target.screenshot({ path: path.join(screenshotDir, `${file.file}.png`) });
    return verdict.ok ? { kind: 'shown', check: verdict.detail } : { kind: 'silent', detail: `ready, but the picture is wrong or blank: ${verdict.detail}` };
  };

  return {
    open: async (file, collected) => {
      events = collected;
      const fresh = reload || page === undefined;
      page ??= await newPage();
      try {
        const seen = await within(openOn(page, fresh, file), 2 * settleMs, 'opening the study');
        reload = seen.kind === 'silent' || collected.pageErrors.length > 0;
        return seen;
      } catch (error) {
        if (!(error instanceof PageStuck)) throw error;
        // The page's main thread is stuck (or the page is gone): a fresh page for the next study.
        const stuck = page;
        page = undefined;
        reload = true;
        await within(stuck.close({ runBeforeUnload: false }), 10_000, 'closing the stuck page').catch(() => undefined);
        return { kind: 'silent', detail: `the page stopped answering: ${error.message}` };
      }
    },
  };
}
