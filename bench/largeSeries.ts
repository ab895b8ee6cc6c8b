/**
 * Large-series benchmark: a whole-body CT of 6,000 slices 512×512 (JPEG-LS lossless, generated once into an Orthanc
 * of its own under `.cache/large-series/`, see largeSeries/wholeBodyCt.ts) beside the demo's 120-slice CT in the
 * same Orthanc, Passerelle and the published OHIF Viewer on both, in the same Chromium, in the same run.
 *
 * Measured per viewer and series (bench/viewer's measure): first image; cached scroll (for the large series over
 * its first 120 slices, once walked through); series load from the page's Resource Timing (for the large series
 * over the first `LOAD_WINDOW_MS` of its load: the cache holds a part of it only), Passerelle's slices fetched and
 * decoded, OHIF's fetched (its decoding cannot be seen from outside: an upper bound of its load). Then, on the large
 * series, the page's memory while the stack is scrolled end to end with real wheel input, four notches a step, in
 * at most ten minutes (largeSeries/pageMemory.ts).
 *
 *   npx tsx bench/largeSeries.ts [--only passerelle|ohif] [--wheel-ms 4]
 *
 * One run of each (the large series takes minutes): figures move by 10–20 % from run to run on a shared machine.
 * Exits 0 when every target holds, 1 when one is missed, 2 on an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageCacheBytes } from '../src/domain/viewer/imageCacheBudget.ts';
import { requirePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { loadInstances } from '../scripts/testbed/startOrthanc.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { launchChromium } from './shared/launchChromium.ts';
import { projectRoot } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { demoCtStudy, startViewers } from './viewer/benchSetup.ts';
import { viewerBenchOptions } from './viewer/cliOptions.ts';
import { measure } from './viewer/measureRun.ts';
import { ensureOhif, OHIF_VERSION } from './viewer/ohifApp.ts';
import { loadAverage, logRun } from './viewer/report.ts';
import type { ViewerName } from './viewer/viewerTypes.ts';
import { reportLargeSeries, type LargeSeriesFigures } from './largeSeries/largeReport.ts';
import { scrollMemory } from './largeSeries/pageMemory.ts';
import { startWholeBodyArchive, WHOLE_BODY_SLICES, wholeBodyUids } from './largeSeries/wholeBodyCt.ts';

const WATCHDOG_MS = 60 * 60_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOAD_WINDOW_MS = 60_000;
/** OHIF reads the whole series' metadata (30 MB) before its first image. */
const FIRST_IMAGE_TIMEOUT_MS = 240_000;
const SCROLL_SLICES = 120;

async function main(): Promise<number> {
  const { only, wheelIntervalMs } = viewerBenchOptions();
  const lifetime = startBenchLifetime(WATCHDOG_MS);
  const { closers } = lifetime;
  try {
    const prerequisites = requirePrerequisites();
    const dist = ensureOhif();
    const small = await demoCtStudy();
    const orthanc = await startWholeBodyArchive(path.join(projectRoot, '.cache'), prerequisites, (line) => console.log(line));
    closers.push(() => orthanc.stop());
    await loadInstances(orthanc.httpUrl, small.studyFiles);
    console.log(`Orthanc ${orthanc.dicomweb}: the ${WHOLE_BODY_SLICES}-slice whole-body CT and the demo's ${small.sliceCount}-slice CT`);
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-large-series-bench-'));
    closers.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const viewers = await startViewers(closers, workDir, orthanc, dist);
    const smallTargets = viewers.targets(small.studyUid);
    const largeTargets = viewers.targets(wholeBodyUids.studyUid);

    const browser = await launchChromium({ executablePath: prerequisites.chromium, args: CHROMIUM_ARGS }, closers);
    console.log(`Passerelle ${viewers.gatewayUrl}; OHIF ${OHIF_VERSION} ${viewers.ohifUrl}; Chromium ${browser.version()}; ${os.cpus().length} CPU cores, load average ${loadAverage()}`);
    const names: ViewerName[] = only ? [only] : ['passerelle', 'ohif'];
    console.log('Warm-up run of each viewer on the small series (not counted)…');
    for (const viewer of names) await measure(browser, viewer, smallTargets[viewer], small.sliceCount, wheelIntervalMs);

    const failures: string[] = [];
    const attempt = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        console.log(`${what}: FAILED — ${failures.at(-1)}`);
        return undefined;
      }
    };
    const figures: LargeSeriesFigures = { small: {}, large: {}, memory: {}, cacheBudgetBytes: 0, largeSlices: WHOLE_BODY_SLICES, smallSlices: small.sliceCount };
    for (const viewer of names) {
      const smallRun = await attempt(`${viewer} ${small.sliceCount} slices`, () => measure(browser, viewer, smallTargets[viewer], small.sliceCount, wheelIntervalMs));
      if (smallRun) logRun(1, 1, (figures.small[viewer] = smallRun));
      const largeRun = await attempt(`${viewer} ${WHOLE_BODY_SLICES} slices`, () =>
        measure(browser, viewer, largeTargets[viewer], WHOLE_BODY_SLICES, wheelIntervalMs, { loadWindowMs: LOAD_WINDOW_MS, scrollSlices: SCROLL_SLICES, firstImageTimeoutMs: FIRST_IMAGE_TIMEOUT_MS }),
      );
      if (largeRun) logRun(1, 1, (figures.large[viewer] = largeRun));
    }
    // The budget Passerelle gives itself here: no `imageCacheMB` is configured, so it follows the device's memory.
    const page = await browser.newPage();
    const deviceMemory = await page.evaluate(() => (navigator as Navigator & { deviceMemory?: number }).deviceMemory);
    await page.close();
    figures.cacheBudgetBytes = imageCacheBytes(undefined, deviceMemory);
    for (const viewer of names) {
      figures.memory[viewer] = await attempt(`${viewer} scroll end to end`, () => scrollMemory(browser, viewer, largeTargets[viewer], WHOLE_BODY_SLICES, FIRST_IMAGE_TIMEOUT_MS));
    }
    console.log(`\nOne run each; load average at the end ${loadAverage()}. Series load over the first ${LOAD_WINDOW_MS / 1000} s of the large series' load.`);
    const missed = reportLargeSeries(figures) + failures.length;
    if (failures.length > 0) console.log(`\n${failures.length} measure(s) failed:\n  ${failures.join('\n  ')}`);
    console.log(missed === 0 ? '\nbench: every target holds' : `\nbench: ${missed} target(s) missed`);
    return missed === 0 ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
