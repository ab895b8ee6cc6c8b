/**
 * Viewer benchmark: Passerelle against the published OHIF Viewer (@ohif/app 3.13.2), on the same study served by
 * the same Orthanc, in the same Chromium, alternating runs, a fresh browser context (cold cache) per run.
 *
 * The study is the chu current CT of the demo data (120 slices 512×512, JPEG-LS lossless), loaded into one
 * Orthanc with its DICOMweb plugin. Passerelle runs as deployed (`npm start -- --config`) with one site on that
 * Orthanc, from a private copy of the app taken at the start (so that a rebuild of `dist/` meanwhile does not
 * disturb it). OHIF's built app (the `dist/` of the npm package, fetched on first use into `.cache/ohif/`) is served
 * by a small static server of this bench with a same-origin proxy `/dicom-web` → the Orthanc, and an
 * `app-config.js` written here.
 *
 * Measured per run:
 *  1. first image: from the start of navigation until the viewport shows the image, the same criterion for both:
 *     a screenshot of the central part of the viewport canvas (clear of the corner overlays) whose luminance
 *     has a standard deviation over a threshold and enough bright pixels (Passerelle must also say
 *     `data-state=ready`).
 *  2. scroll: once the series is in, the stack is walked through once with the wheel (one step as soon as the
 *     previous slice is shown), so that every slice is cached and has been drawn; then wheel events are dispatched
 *     in the page, on the element under the viewport's centre, continuously for ~3 s, bouncing at the ends. A
 *     MutationObserver (init script, a plain string: Passerelle's CSP forbids eval) counts the displayed image
 *     changing: Passerelle's `[data-testid=viewport]` `data-image-index`, OHIF's viewport pane text (its overlay
 *     shows the instance number); changes per second.
 *  3. series load, left to each viewer after the first image (both prefetch the stack): slices per second from the
 *     first `/frames/` request to the last `/frames/` response end (Resource Timing in the page) and, where the
 *     page says how many slices it has decoded and cached (Passerelle's `[data-testid=viewport][data-loaded-count]`), to
 *     the moment that count last grew; against the archive alone (every frame fetched from Node, 6 in parallel,
 *     `transfer-syntax=*`, passes taken between the runs).
 *  4. cache bytes per slice, once per viewer: frame requests after the first few are held until the first image
 *     is shown; the growth of the page's ArrayBuffer backing stores (CDP `Runtime.getHeapUsage`, after a forced
 *     GC) from then until every slice is in, per slice added: an estimate. Passerelle also gives its cache's own
 *     account (`data-cache-bytes` on the page root over `data-loaded-count`, read in each run once the series is
 *     in); where it does, that is the figure checked, the estimate printed beside it. OHIF gives none.
 *
 *   npx tsx bench/viewer.ts [--runs N] [--only passerelle|ohif] [--wheel-ms 4] [--sign-in]
 *
 * `--sign-in`: Passerelle runs with `auth` on the demo's OpenID provider (started by the bench); each fresh browser
 * context is signed in as `radiologue` before its run, and the first image is timed from the navigation to the
 * viewer that follows, sign-in not counted (bench/viewer/signedInContext.ts). OHIF has no sign-in.
 *
 * `--wheel-ms`: the interval between wheel events of the scroll measure (4 ms: input faster than any viewer draws).
 *
 * Exits 0 when every target holds on the medians, 1 when one is missed, 2 on an error.
 */
import os from 'node:os';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { launchChromium } from './shared/launchChromium.ts';
import { runBench } from './shared/runBench.ts';
import { setUpViewerBench } from './viewer/benchSetup.ts';
import { cacheBytesPerSlice } from './viewer/cacheBytes.ts';
import { viewerBenchOptions } from './viewer/cliOptions.ts';
import { measure } from './viewer/measureRun.ts';
import { OHIF_VERSION } from './viewer/ohifApp.ts';
import { loadAverage, logRun, reportTargets, type CacheEstimates } from './viewer/report.ts';
import type { RunResult, ViewerName } from './viewer/viewerTypes.ts';

const WATCHDOG_MS = 40 * 60_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function main(): Promise<number> {
  const { runs, only, wheelIntervalMs, signIn } = viewerBenchOptions();
  const lifetime = startBenchLifetime(WATCHDOG_MS);
  const { closers } = lifetime;
  try {
    const { chromium, sliceCount, gatewayUrl, ohifUrl, archive, targets } = await setUpViewerBench(closers, { signIn });

    const loadAtStart = os.loadavg();
    const browser = await launchChromium({ executablePath: chromium, args: CHROMIUM_ARGS }, closers);
    console.log(`Passerelle ${gatewayUrl}${signIn ? ' with sign-in (demo provider; each context signed in before it is measured)' : ''}; OHIF ${OHIF_VERSION} ${ohifUrl}; Chromium ${browser.version()}; ${os.cpus().length} CPU cores, load average ${loadAverage()}`);

    const viewers: ViewerName[] = only ? [only] : ['passerelle', 'ohif'];
    console.log('Warm-up run of each viewer (not counted)…');
    for (const viewer of viewers) await measure(browser, viewer, targets[viewer], sliceCount, wheelIntervalMs);
    const cacheBytes: CacheEstimates = {};
    for (const viewer of viewers) {
      cacheBytes[viewer] = await cacheBytesPerSlice(browser, viewer, targets[viewer], sliceCount);
      console.log(`Cache estimate ${viewer}: ${Math.round(cacheBytes[viewer]?.bytesPerSlice ?? Number.NaN)} bytes per slice over ${cacheBytes[viewer]?.slices} slices`);
    }

    const results: RunResult[] = [];
    const failedRuns: string[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const order = run % 2 === 1 ? viewers : [...viewers].reverse();
      await archive.sample();
      for (const viewer of order) {
        let result: RunResult;
        try {
          result = await measure(browser, viewer, targets[viewer], sliceCount, wheelIntervalMs);
        } catch (error) {
          failedRuns.push(`run ${run} ${viewer}: ${error instanceof Error ? error.message : String(error)}`);
          console.log(`Run ${run}/${runs} ${viewer.padEnd(10)}: FAILED — ${failedRuns.at(-1)}`);
          continue;
        }
        results.push(result);
        logRun(run, runs, result);
      }
    }

    for (const viewer of viewers) {
      if (!results.some((result) => result.viewer === viewer)) throw new Error(`every run of ${viewer} failed:\n${failedRuns.join('\n')}`);
    }
    const archiveFps = archive.fps();
    console.log(`\nArchive alone over the bench: ${archive.frames} frames in ${Math.round(archive.ms())} ms (median of ${archive.samples()} passes) = ${archiveFps.toFixed(1)} frames/s`);
    const missed = reportTargets({ runs, only, wheelIntervalMs, results, cacheBytes, archiveFps });
    console.log(
      `\nLoad average before the browser started: ${loadAtStart.map((value) => value.toFixed(1)).join(' ')}; at the end: ${loadAverage()}` +
        ((loadAtStart[0] ?? 0) > os.cpus().length / 2 ? ' — other work shared the machine before the bench loaded it: figures are noisy' : ''),
    );
    if (failedRuns.length > 0) console.log(`\n${failedRuns.length} run(s) failed and are left out of the medians:\n  ${failedRuns.join('\n  ')}`);
    const failures = missed + failedRuns.length;
    console.log(failures === 0 ? '\nbench: every target holds' : `\nbench: ${failures} target(s) missed or run(s) failed`);
    return failures === 0 ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
