/**
 * Every state each `[data-testid=site-status]` showed (contract §4), with the number of that site's study rows on
 * screen at that moment, noted in the page by a MutationObserver: what a reader, or a script, trusting the first
 * answer would have seen. The script is a plain string so that no bundler helper leaks into the page.
 */
import type { Page } from '@playwright/test';

export interface SiteStateSeen {
  site: string;
  state: string;
  rows: number;
}

const SITE_STATE_LOG_SCRIPT = String.raw`(function () {
  var log = [];
  var last = {};
  window.__passerelleSiteStates = log;
  function scan() {
    var statuses = document.querySelectorAll('[data-testid=site-status]');
    for (var i = 0; i < statuses.length; i++) {
      var site = statuses[i].getAttribute('data-site-id');
      var state = statuses[i].getAttribute('data-state');
      if (!site) continue;
      var rows = document.querySelectorAll('[data-testid=study-row][data-site-id="' + site + '"]').length;
      var key = state + '|' + rows;
      if (last[site] === key) continue;
      last[site] = key;
      log.push({ site: site, state: state, rows: rows });
    }
  }
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-site-id'] });
})();`;

/** Notes the site states of every document the page opens from now on. */
export async function logSiteStates(page: Page): Promise<void> {
  await page.addInitScript({ content: SITE_STATE_LOG_SCRIPT });
}

/** What `site` showed so far, in order (consecutive repeats left out). */
export async function siteStatesSeen(page: Page, site: string): Promise<SiteStateSeen[]> {
  const log = (await page.evaluate('window.__passerelleSiteStates')) as SiteStateSeen[] | undefined;
  if (!log) throw new Error('the site state log is not installed in this page (call logSiteStates before page.goto)');
  return log.filter((entry) => entry.site === site);
}
