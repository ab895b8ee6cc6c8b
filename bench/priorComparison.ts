/**
 * Prior-comparison benchmark: the cost of opening the current study beside its prior, and of scrolling two
 * synchronised viewports, against the same viewer showing the current study alone, in one run.
 *
 * The test bed of the end-to-end tests (two Orthanc archives with the demo studies, the PIXm service) and
 * Passerelle started on it as deployed. The study is DURAND's current CT at the CHU (120 slices 512², JPEG-LS);
 * its relevant prior is the CGFL TAP (80 slices, JPEG 2000), at the other site, found through the identity service.
 * Alternating runs in fresh browser contexts (cold caches), medians:
 *  - single: `/viewer/{chu}/{ct}?protocol=single-study`, time from navigation to the first image of viewport 0;
 *  - comparison: `/viewer/{chu}/{ct}` (the hanging protocol puts the prior in viewport 1), time from navigation to
 *    the first image of the prior in viewport 1 — target ≤ 1.3 × single;
 *  - scroll: once every slice of the viewports is cached, wheel events on viewport 0 every 4 ms for 3 s, bouncing
 *    at the ends; distinct images shown per second in viewport 0 (and, in the comparison, in the prior viewport,
 *    which follows by position: fewer distinct slices, as it has 5 mm slices against 2.5) — target: the driving
 *    viewport's rate in the comparison ≥ 0.8 × single.
 *
 *   npx tsx bench/priorComparison.ts [--runs N]
 *
 * Exits 0 when both targets hold on the medians, 1 when one is missed, 2 on an error.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { startTestbed } from '../scripts/testbed/startTestbed.ts';
import { locatePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { startGateway } from '../e2e/support/startGateway.ts';
import { demoStudy } from '../e2e/support/demoData.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { launchChromium } from './shared/launchChromium.ts';
import { median } from './shared/median.ts';
import { projectRoot } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { sleep } from './shared/sleep.ts';
import { table } from './shared/table.ts';
import { wheelInPage } from './viewer/wheelInPage.ts';
import { COMPARISON_INIT_SCRIPT, imageChanges, timeToImage, viewportSelector, waitUntilLoaded } from './comparison/comparisonPage.ts';

const SCROLL_MS = 3000;
const WHEEL_INTERVAL_MS = 4;
const FIRST_IMAGE_RATIO_TARGET = 1.3;
const SCROLL_RATIO_TARGET = 0.8;

type Mode = 'single' | 'comparison';
interface Run {
  mode: Mode;
  firstImageMs: number;
  scrollFps: number;
  followerFps: number;
}

function runsOption(): number {
  const index = process.argv.indexOf('--runs');
  const value = index === -1 ? 5 : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error('--runs takes a whole number ≥ 1');
  return value;
}

async function measure(browser: Browser, mode: Mode, baseUrl: string): Promise<Run> {
  const current = demoStudy('chu/A100001/ct-thorax-2026-11-18');
  const prior = demoStudy('cgfl/B-778899/ct-tap-2026-06-30');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: COMPARISON_INIT_SCRIPT });
    const started = Date.now();
    await page.goto(`${baseUrl}/viewer/${current.siteId}/${current.uid}${mode === 'single' ? '?protocol=single-study' : ''}`, { waitUntil: 'commit' });
    const firstImageMs = mode === 'single' ? await timeToImage(page, 0, current.uid, started) : await timeToImage(page, 1, prior.uid, started);
    const viewports = mode === 'single' ? [0] : [0, 1];
    await waitUntilLoaded(page, viewports);
    const box = await page.locator(viewportSelector(0)).boundingBox();
    if (!box) throw new Error('viewport 0 vanished');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await sleep(300);
    const before = await imageChanges(page);
    const wheeled = await wheelInPage(page, centre, 120, SCROLL_MS, WHEEL_INTERVAL_MS);
    await sleep(100);
    const after = await imageChanges(page);
    const rate = (index: string) => (((after[index] ?? 0) - (before[index] ?? 0)) / wheeled.elapsed) * 1000;
    return { mode, firstImageMs, scrollFps: rate('0'), followerFps: mode === 'single' ? Number.NaN : rate('1') };
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const runs = runsOption();
  const lifetime = startBenchLifetime(30 * 60_000);
  try {
    const located = locatePrerequisites();
    if (!('found' in located)) throw new Error('Chromium or Orthanc missing: see `npm test`');
    const testbed = await startTestbed({ cacheDir: path.join(projectRoot, '.cache', 'demo') });
    lifetime.closers.push(() => testbed.stop());
    const gateway = await startGateway(testbed.configFile, projectRoot, { env: testbed.gatewayEnv });
    lifetime.closers.push(() => gateway.stop());
    const browser = await launchChromium({ executablePath: located.found.chromium, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }, lifetime.closers);
    console.log(`Passerelle ${gateway.url}; Chromium ${browser.version()}; ${os.cpus().length} CPU cores, load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    console.log('Warm-up run of each mode (not counted)…');
    await measure(browser, 'single', gateway.url);
    await measure(browser, 'comparison', gateway.url);
    const results: Run[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const order: Mode[] = run % 2 === 1 ? ['single', 'comparison'] : ['comparison', 'single'];
      for (const mode of order) {
        const result = await measure(browser, mode, gateway.url);
        results.push(result);
        console.log(
          `Run ${run}/${runs} ${mode.padEnd(10)}: first image ${result.firstImageMs} ms; scroll ${result.scrollFps.toFixed(1)} images/s` +
            (mode === 'comparison' ? ` (prior follows at ${result.followerFps.toFixed(1)} images/s)` : ''),
        );
      }
    }
    const of = (mode: Mode, pick: (run: Run) => number) => median(results.filter((run) => run.mode === mode).map(pick));
    const single = { first: of('single', (run) => run.firstImageMs), scroll: of('single', (run) => run.scrollFps) };
    const comparison = { first: of('comparison', (run) => run.firstImageMs), scroll: of('comparison', (run) => run.scrollFps), follower: of('comparison', (run) => run.followerFps) };
    const firstRatio = comparison.first / single.first;
    const scrollRatio = comparison.scroll / single.scroll;
    const firstOk = firstRatio <= FIRST_IMAGE_RATIO_TARGET;
    const scrollOk = scrollRatio >= SCROLL_RATIO_TARGET;
    console.log(`\nMedians of ${runs} runs each:\n`);
    console.log(
      table([
        ['measure', 'current alone', 'with the prior', 'ratio', 'target', ''],
        ['first image (ms): current alone / prior viewport', `${single.first}`, `${comparison.first}`, firstRatio.toFixed(2), `≤ ${FIRST_IMAGE_RATIO_TARGET}`, firstOk ? 'met' : 'MISSED'],
        ['scroll, driving viewport (images/s)', single.scroll.toFixed(1), comparison.scroll.toFixed(1), scrollRatio.toFixed(2), `≥ ${SCROLL_RATIO_TARGET}`, scrollOk ? 'met' : 'MISSED'],
        ['scroll, prior following (images/s)', '', comparison.follower.toFixed(1), '', '', ''],
      ]),
    );
    console.log(`\nLoad average at the end: ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}`);
    return firstOk && scrollOk ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
