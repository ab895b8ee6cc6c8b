/**
 * Reports beside the images, against the real test bed: the CHU chest CT's Basic Text SR shows as text with its
 * verifying observer, the cancer centre's encapsulated PDF is drawn page by page (pixels read back from the
 * canvas), the worklist's report marker opens the viewer on the report, a corrupt PDF gives a message naming the
 * site, and nothing breaks the Content-Security-Policy. pdf.js is fetched only when a PDF is shown.
 */
import { expect, test, type Page } from '@playwright/test';
import { reportChuCt2026, reportCgflTap2026 } from '../server/demo/generate/demoReports.ts';
import { cgfl, demoStudy, durand, type ExpectedStudy } from './support/demoData.ts';
import { gatewayUrl } from './support/testbedInfo.ts';
import { studyRow, worklistUrl } from './support/worklistPage.ts';

const chuCurrentCt = () => demoStudy('chu/A100001/ct-thorax-2026-11-18');

interface Watched {
  errors: string[];
  violations: string[];
  requests: string[];
}

/** Console errors, CSP violation events and every URL the page asks for, from the first request on. */
async function watch(page: Page): Promise<Watched> {
  const watched: Watched = { errors: [], violations: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('request', (request) => watched.requests.push(request.url()));
  await page.exposeFunction('reportCspViolation', (text: string) => watched.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return watched;
}

const viewerUrl = (study: ExpectedStudy, search = '') => `${gatewayUrl()}/viewer/${study.siteId}/${study.uid}${search}`;
const pdfRequests = (watched: Watched) => watched.requests.filter((url) => /PdfDocumentView|pdf\.worker/.test(url));
/**
 * Violations other than zod's start-up probe for code generation (`Function('')` in a try, in the entry bundle,
 * refused and caught: zod then validates without it). Nothing may be refused to the report panel or pdf.js.
 */
const cspViolations = (watched: Watched) => watched.violations.filter((text) => !/^script-src eval \S*\/assets\/index-[\w-]+\.js:/.test(text));
const cspConsoleErrors = (watched: Watched) => watched.errors.filter((text) => /Content Security Policy|Refused to/i.test(text));

test('the CHU chest CT opens with its Structured Report as text, observer included; the Report button toggles it', async ({ page }) => {
  const watched = await watch(page);
  const study = chuCurrentCt();
  await page.goto(viewerUrl(study, '?report=1'));
  const report = page.locator(`[data-testid=report][data-study-uid="${study.uid}"]`);
  await expect(report).toBeVisible();
  const findings = reportChuCt2026.sections.find((section) => section.heading.meaning === 'Résultats')!;
  await expect(report).toContainText(findings.paragraphs[0]!);
  await expect(report).toContainText(reportChuCt2026.sections.at(-1)!.paragraphs[0]!);
  await expect(report.getByRole('heading', { name: 'Conclusion' })).toBeVisible();
  await expect(report.getByTestId('report-observers')).toContainText('LEROY, Thomas');
  await expect(page.locator('[data-testid=viewport][data-viewport-index="0"]')).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });

  // The button is reachable from the keyboard and labelled; it hides and shows the panel.
  const toggle = page.getByRole('button', { name: /^(Report|Compte rendu)$/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(report).toHaveCount(0);
  await expect(page).not.toHaveURL(/report=1/);
  await page.keyboard.press('Enter');
  await expect(report).toBeVisible();
  await expect(page).toHaveURL(/report=1/);

  expect(pdfRequests(watched), 'pdf.js is loaded only for a PDF').toEqual([]);
  expect(cspViolations(watched)).toEqual([]);
  expect(cspConsoleErrors(watched)).toEqual([]);
  expect(watched.errors).toEqual([]);
});

test('the cancer centre TAP shows its encapsulated PDF: a drawn page with dark text on white, and its text', async ({ page }) => {
  const watched = await watch(page);
  const study = durand.cgflTap;
  await page.goto(viewerUrl(study, '?report=1'));
  const report = page.locator(`[data-testid=report][data-study-uid="${study.uid}"]`);
  const firstPage = report.locator('[data-testid=report-page][data-page-number="1"]');
  await expect(firstPage).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await expect(firstPage).toContainText(/Page 1 (of|sur) 1/);
  await expect(firstPage.locator('.textLayer')).toContainText(reportCgflTap2026.sections.at(-1)!.paragraphs[0]!);

  const pixels = await firstPage.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D context');
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    let white = 0;
    for (let index = 0; index < data.length; index += 4) {
      const grey = ((data[index] ?? 0) + (data[index + 1] ?? 0) + (data[index + 2] ?? 0)) / 3;
      if (grey < 100) dark += 1;
      else if (grey > 240) white += 1;
    }
    return { dark, white, total: data.length / 4, width: canvas.width };
  });
  expect(pixels.width, 'the page fits the panel, not a thumbnail').toBeGreaterThan(450);
  expect(pixels.white / pixels.total, 'mostly white paper').toBeGreaterThan(0.8);
  expect(pixels.dark / pixels.total, 'dark text pixels').toBeGreaterThan(0.004);

  expect(pdfRequests(watched).length, 'pdf.js and its worker came from the same origin').toBeGreaterThanOrEqual(2);
  for (const url of pdfRequests(watched)) expect(new URL(url).origin).toBe(new URL(gatewayUrl()).origin);
  expect(cspViolations(watched)).toEqual([]);
  expect(cspConsoleErrors(watched)).toEqual([]);
  expect(watched.errors).toEqual([]);
});

test('the worklist’s report marker opens the viewer on the study with its report', async ({ page }) => {
  const watched = await watch(page);
  const study = durand.cgflTap;
  await page.goto(worklistUrl(gatewayUrl(), { patientName: 'durand' }));
  const marker = studyRow(page, study.uid).getByTestId('report-marker');
  await expect(marker).toBeVisible({ timeout: 30_000 });
  await marker.click();
  await expect(page).toHaveURL(new RegExp(`/viewer/${study.siteId}/${study.uid.replace(/\./g, '\\.')}\\?.*report=1`));
  const report = page.locator(`[data-testid=report][data-study-uid="${study.uid}"]`);
  await expect(report.locator('[data-testid=report-page][data-page-number="1"]')).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  expect(cspViolations(watched)).toEqual([]);
  expect(cspConsoleErrors(watched)).toEqual([]);
});

test('a corrupt PDF gives a message in the panel that names the site', async ({ page }) => {
  const watched = await watch(page);
  await page.route('**/bulk/00420011', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=B' },
      body: '--B\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.4 this is not a document\r\n--B--\r\n',
    }),
  );
  const study = durand.cgflTap;
  await page.goto(viewerUrl(study, '?report=1'));
  const error = page.locator(`[data-testid=report][data-study-uid="${study.uid}"] [data-testid=report-error]`);
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(cgfl.name);
  expect(cspViolations(watched)).toEqual([]);
  expect(cspConsoleErrors(watched)).toEqual([]);
});

test('a report series in the series browser opens the report panel, not a viewport', async ({ page }) => {
  const watched = await watch(page);
  const study = chuCurrentCt();
  await page.goto(viewerUrl(study));
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  const seriesBefore = await viewport.getAttribute('data-series-uid');
  await expect(page.getByTestId('report')).toHaveCount(0);
  await page.locator('[data-testid=series-tile][data-modality=SR] button').click();
  await expect(page.locator(`[data-testid=report][data-study-uid="${study.uid}"]`)).toContainText(reportChuCt2026.sections[0]!.paragraphs[0]!);
  await expect(page).toHaveURL(/report=1/);
  await expect(viewport).toHaveAttribute('data-series-uid', seriesBefore!);
  expect(cspViolations(watched)).toEqual([]);
  expect(watched.errors).toEqual([]);
});

test('a study whose archive lists only its report series opens on the report instead of “no image series”', async ({ page }) => {
  const study = chuCurrentCt();
  // The archive's own answer, with the image series left out: what a study holding only a report looks like.
  await page.route(`**/studies/${study.uid}/series`, async (route) => {
    const response = await route.fetch();
    const series = (await response.json()) as Record<string, { Value?: unknown[] }>[];
    await route.fulfill({ response, json: series.filter((entry) => entry['00080060']?.Value?.[0] === 'SR') });
  });
  await page.goto(viewerUrl(study));
  const report = page.locator(`[data-testid=report][data-study-uid="${study.uid}"]`);
  await expect(report).toContainText(reportChuCt2026.sections[0]!.paragraphs[0]!);
  await expect(page.getByTestId('viewport')).toHaveCount(0);
});
