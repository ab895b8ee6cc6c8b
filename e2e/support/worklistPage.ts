/**
 * Reading the worklist the way contract §4 exposes it: patient groups with their study rows, site statuses.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { demoSites } from '../../server/demo/demoSites.ts';
import { durand } from './demoData.ts';

export interface RowSummary {
  uid: string | null;
  site: string | null;
}

export interface GroupSummary {
  key: string | null;
  linkState: string | null;
  rows: RowSummary[];
}

const GROUPS_SCRIPT = String.raw`Array.from(document.querySelectorAll('[data-testid=patient-group]')).map(function (group) {
  return {
    key: group.getAttribute('data-patient-key'),
    linkState: group.getAttribute('data-link-state'),
    rows: Array.from(group.querySelectorAll('[data-testid=study-row]')).map(function (row) {
      return { uid: row.getAttribute('data-study-uid'), site: row.getAttribute('data-site-id') };
    }),
  };
})`;

/** Every `[data-testid=patient-group]` in page order, with its study rows in display order. */
export async function groupSummaries(page: Page): Promise<GroupSummary[]> {
  return (await page.evaluate(GROUPS_SCRIPT)) as GroupSummary[];
}

/** The study row holding the focused element when that element is a link; `null` otherwise. */
export async function focusedStudyLink(page: Page): Promise<RowSummary | null> {
  return (await page.evaluate(String.raw`(function () {
    var active = document.activeElement;
    var row = active && active.closest('[data-testid=study-row]');
    if (!active || !row || (active.tagName !== 'A' && active.getAttribute('role') !== 'link')) return null;
    return { uid: row.getAttribute('data-study-uid'), site: row.getAttribute('data-site-id') };
  })()`)) as RowSummary | null;
}

/** The text of the first label of a form control. */
export async function labelOf(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    const labels = (element as unknown as { labels?: ArrayLike<{ textContent: string | null }> | null }).labels;
    return labels?.[0]?.textContent?.trim() ?? '';
  });
}

export function siteStatus(page: Page, siteId: string): Locator {
  return page.locator(`[data-testid=site-status][data-site-id="${siteId}"]`);
}

export function studyRow(scope: Page | Locator, uid: string): Locator {
  return scope.locator(`[data-testid=study-row][data-study-uid="${uid}"]`);
}

export function groupWithKey(page: Page, key: string): Locator {
  return page.locator(`[data-testid=patient-group][data-patient-key="${key}"]`);
}

/** The query string of a worklist search (uicontract: the search lives in the URL). */
export function worklistUrl(base: string, search: Record<string, string>): string {
  return `${base}/?${new URLSearchParams(search).toString()}`;
}

export const rowsOf = (studies: readonly { uid: string; siteId: string }[]): RowSummary[] => studies.map((study) => ({ uid: study.uid, site: study.siteId }));

/** Every site's status of the last search reads `ok`, with its name and a latency. */
export async function expectEverySiteOk(page: Page): Promise<void> {
  for (const site of demoSites) {
    const status = siteStatus(page, site.id);
    await expect(status).toHaveAttribute('data-state', 'ok');
    await expect(status).toContainText(site.name);
    await expect(status).toContainText(/\d+\s*ms/);
  }
}

/** The one group of DURAND Marie-Claire, with her four studies from both sites, newest first, linked. */
export async function expectDurandTimeline(page: Page): Promise<void> {
  await expect
    .poll(() => groupSummaries(page), { message: 'one linked group holding the studies of both sites, newest first' })
    .toEqual([{ key: durand.key, linkState: 'linked', rows: rowsOf(durand.studies) }]);
}
