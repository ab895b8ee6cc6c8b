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
 *     page says how many slices it has decoded (Passerelle's `[data-testid=slice-scrollbar][data-loaded]`), to
 *     the moment that count last grew; against the archive alone (every frame fetched from Node, 6 in parallel,
 *     `transfer-syntax=*`, passes taken between the runs).
 *  4. cache bytes per slice, once per viewer: frame requests after the first few are held until the first image
 *     is shown; the growth of the page's ArrayBuffer backing stores (CDP `Runtime.getHeapUsage`, after a forced
 *     GC) from then until every slice is in, per slice added. Neither viewer exposes Cornerstone's cache to the
 *     page; this is an estimate, not the cache's own account.
 *
 *   npx tsx bench/viewer.ts [--runs N] [--only passerelle|ohif] [--wheel-ms 4]
 *
 * `--wheel-ms`: the interval between wheel events of the scroll measure (4 ms: input faster than any viewer draws).
 *
 * Exits 0 when every target holds on the medians, 1 when one is missed, 2 on an error.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { demoSite } from '../server/demo/demoSites.ts';
import { generateDemoStudies } from '../server/demo/generate/generateDemoStudies.ts';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import { startGateway } from '../e2e/support/startGateway.ts';
import { requirePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc } from '../scripts/testbed/startOrthanc.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OHIF_VERSION = '3.13.2';
const OHIF_DIR = path.join(root, '.cache', 'ohif');
const VIEWPORT = { width: 1400, height: 900 };
const WATCHDOG_MS = 40 * 60_000;
const FIRST_IMAGE_TIMEOUT_MS = 60_000;
const SCROLL_MS = 3000;
const STDDEV_THRESHOLD = 12;
const BRIGHT_SHARE = 0.05;
const SLICE_BYTES = 512 * 512 * 2;
const FRAMES_BEFORE_HOLD = 4;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type ViewerName = 'passerelle' | 'ohif';

interface RunResult {
  viewer: ViewerName;
  firstImageMs: number;
  scrollFps: number;
  scrollChanges: number;
  /** How far the walk through went, and where the wheel events went. */
  scrollNote: string;
  /** Frames fetched per second, first /frames/ request to last response end (Resource Timing). */
  loadFps: number;
  /** Slices decoded per second, first /frames/ request to the last growth of the page's own decoded count. */
  decodedFps: number;
  framesFetched: number;
  decoded: number | undefined;
}

interface Target {
  url: string;
  viewportSelector: string;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function runsFromArgs(): number {
  const value = Number(argValue('--runs') ?? 5);
  if (!Number.isInteger(value) || value < 1 || value > 20) throw new Error('--runs must be a whole number from 1 to 20');
  return value;
}

function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const loadAverage = () => os.loadavg().map((value) => value.toFixed(1)).join(' ');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// PNG (8-bit RGB/RGBA, non-interlaced, as Chromium writes its screenshots) → luminance statistics.

function pngLuminance(png: Buffer): { stddev: number; brightShare: number } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      const colorType = data[9];
      if (bitDepth !== 8 || data[12] !== 0) throw new Error('unexpected PNG format');
      channels = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 0 ? 1 : colorType === 4 ? 2 : 0;
      if (!channels) throw new Error(`unexpected PNG colour type ${colorType}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const current = Buffer.alloc(stride);
  const previous = Buffer.alloc(stride);
  let sum = 0;
  let sumSquares = 0;
  let bright = 0;
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? (current[x - channels] as number) : 0;
      const b = previous[x] as number;
      const c = x >= channels ? (previous[x - channels] as number) : 0;
      let value = line[x] as number;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[x] = value & 0xff;
    }
    for (let x = 0; x < width; x += 1) {
      const base = x * channels;
      const luminance = channels >= 3 ? 0.2126 * (current[base] as number) + 0.7152 * (current[base + 1] as number) + 0.0722 * (current[base + 2] as number) : (current[base] as number);
      sum += luminance;
      sumSquares += luminance * luminance;
      if (luminance > 40) bright += 1;
    }
    current.copy(previous);
  }
  const count = width * height;
  const mean = sum / count;
  return { stddev: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)), brightShare: bright / count };
}

// ---------------------------------------------------------------------------------------------------------------
// OHIF: the published package's built app, fetched on first use.

function ensureOhif(): string {
  const dist = path.join(OHIF_DIR, 'package', 'dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist;
  fs.mkdirSync(OHIF_DIR, { recursive: true });
  console.log(`Fetching @ohif/app@${OHIF_VERSION} into ${OHIF_DIR} (npm pack)…`);
  const pack = spawnSync('npm', ['pack', `@ohif/app@${OHIF_VERSION}`, '--pack-destination', OHIF_DIR, '--silent'], { encoding: 'utf8', timeout: 600_000 });
  if (pack.status !== 0) throw new Error(`npm pack @ohif/app@${OHIF_VERSION} failed: ${pack.stderr || pack.stdout}`);
  const tarball = path.join(OHIF_DIR, pack.stdout.trim().split('\n').pop() as string);
  const untar = spawnSync('tar', ['xzf', tarball, '-C', OHIF_DIR], { encoding: 'utf8', timeout: 300_000 });
  if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);
  fs.rmSync(tarball, { force: true });
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`@ohif/app@${OHIF_VERSION} holds no built app (${dist}/index.html)`);
  return dist;
}

function ohifAppConfig(): string {
  const dataSource = {
    namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
    sourceName: 'dicomweb',
    configuration: {
      friendlyName: 'Bench Orthanc',
      name: 'orthanc',
      wadoUriRoot: '/dicom-web',
      qidoRoot: '/dicom-web',
      wadoRoot: '/dicom-web',
      qidoSupportsIncludeField: true,
      supportsReject: false,
      imageRendering: 'wadors',
      thumbnailRendering: 'wadors',
      enableStudyLazyLoad: true,
      supportsFuzzyMatching: false,
      supportsWildcard: true,
      staticWado: false,
      singlepart: 'bulkdata,video',
      bulkDataURI: { enabled: true, relativeResolution: 'studies' },
      omitQuotationForMultipartRequest: true,
    },
  };
  return `window.config = ${JSON.stringify(
    {
      routerBasename: '/',
      extensions: [],
      modes: [],
      customizationService: {},
      showStudyList: true,
      maxNumberOfWebWorkers: 3,
      showWarningMessageForCrossOrigin: false,
      showCPUFallbackMessage: false,
      showLoadingIndicator: true,
      strictZSpacingForVolumeViewport: true,
      maxNumRequests: { interaction: 100, thumbnail: 75, prefetch: 25 },
      defaultDataSourceName: 'dicomweb',
      dataSources: [dataSource],
    },
    null,
    2,
  )};\n`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Serves OHIF's dist (SPA fallback to index.html) and proxies /dicom-web/* to the archive. */
async function startOhifServer(dist: string, archiveHttpUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const appConfig = ohifAppConfig();
  const archive = new URL(archiveHttpUrl);
  const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/dicom-web/')) {
      const upstream = http.request(
        { host: archive.hostname, port: archive.port, path: request.url, method: request.method, headers: { ...request.headers, host: archive.host } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...isolation });
          answer.pipe(response);
        },
      );
      upstream.on('error', (error) => {
        if (!response.headersSent) response.writeHead(502);
        response.end(String(error));
      });
      request.pipe(upstream);
      return;
    }
    if (url.pathname === '/app-config.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', ...isolation });
      response.end(appConfig);
      return;
    }
    let file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', ...isolation });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Passerelle: a private copy of the app as it is when the bench starts, so that a rebuild of the project's dist/
// during the bench cannot pull its files away from a running page.

const SNAPSHOT_ENTRIES = ['server', 'src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json', 'tsconfig.node.json'];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function snapshotPasserelle(target: string): string {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of SNAPSHOT_ENTRIES) {
    const source = path.join(root, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(target, entry), { recursive: true, preserveTimestamps: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  const dist = path.join(root, 'dist');
  const index = path.join(dist, 'index.html');
  const sources = Math.max(...SNAPSHOT_ENTRIES.map((entry) => newestMtime(path.join(root, entry))));
  // A built dist/ newer than its sources and not being written right now is copied; otherwise the gateway builds
  // its own at start.
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources && Date.now() - newestMtime(dist) > 5000) {
    fs.cpSync(dist, path.join(target, 'dist'), { recursive: true, preserveTimestamps: true });
  } else {
    console.log('Passerelle: dist/ is missing, older than its sources or being written; the bench copy builds its own');
  }
  return target;
}

// ---------------------------------------------------------------------------------------------------------------
// The archive alone.

/**
 * Every frame of the series fetched from Node, 6 in parallel, bodies read to the end. `sample()` times one pass;
 * the rate is the median over all passes so far (one warm-up pass is not counted), so that passes taken between
 * the viewers' runs share the machine's state with them.
 */
async function archiveFrameRate(dicomweb: string, studyUid: string, seriesUid: string): Promise<{ frames: number; sample(): Promise<void>; fps(): number; ms(): number; samples(): number }> {
  const response = await fetch(`${dicomweb}/studies/${studyUid}/series/${seriesUid}/instances`, { headers: { accept: 'application/dicom+json' } });
  const instances = (await response.json()) as Record<string, { Value?: unknown[] }>[];
  const sops = instances.map((instance) => instance['00080018']?.Value?.[0] as string);
  const fetchAll = async () => {
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < sops.length) {
        const sop = sops[next] as string;
        next += 1;
        const answer = await fetch(`${dicomweb}/studies/${studyUid}/series/${seriesUid}/instances/${sop}/frames/1`, {
          headers: { accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*' },
          signal: AbortSignal.timeout(30_000),
        });
        if (!answer.ok) throw new Error(`frame of ${sop}: HTTP ${answer.status}`);
        await answer.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return performance.now() - started;
  };
  await fetchAll();
  const times: number[] = [];
  const ms = () => median(times);
  return {
    frames: sops.length,
    sample: async () => {
      times.push(await fetchAll());
    },
    ms,
    fps: () => (sops.length / ms()) * 1000,
    samples: () => times.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// In the page.

/**
 * Notes each change of the displayed image (by a key read from the DOM), and Passerelle's count of decoded slices
 * (`[data-testid=slice-scrollbar][data-loaded]`, where the build has it) with the time it last grew; raises the
 * resource timing buffer.
 */
const PAGE_INIT_SCRIPT = String.raw`(function () {
  try { performance.setResourceTimingBufferSize(5000); } catch (e) {}
  var state = { key: null, changes: [], loaded: null, loadedAt: null };
  window.__viewerBench = state;
  function currentKey() {
    var passerelle = document.querySelector('[data-testid=viewport][data-image-index]');
    if (passerelle) return 'p' + passerelle.getAttribute('data-image-index');
    var pane = document.querySelector('[data-cy=viewport-pane]') || document.querySelector('.viewport-wrapper');
    if (pane) return 'o' + pane.textContent;
    return null;
  }
  function check() {
    var now = performance.now();
    var key = currentKey();
    if (key !== null && key !== state.key) {
      state.key = key;
      state.changes.push(now);
    }
    var bar = document.querySelector('[data-testid=slice-scrollbar][data-loaded]');
    if (bar) {
      var loaded = Number(bar.getAttribute('data-loaded'));
      if (state.loaded === null || loaded > state.loaded) { state.loaded = loaded; state.loadedAt = now; }
    }
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['data-image-index', 'data-loaded'] });
})();`;

interface PageState {
  key: string | null;
  changes: number[];
  loaded: number | null;
  loadedAt: number | null;
}

/** Frames fetched per the page's Resource Timing: count, first start, last response end (page ms). */
async function frameTimings(page: Page): Promise<{ count: number; firstStart: number; lastEnd: number }> {
  return page.evaluate(() => {
    const entries = performance.getEntriesByType('resource').filter((entry) => /\/frames\/\d/.test(entry.name)) as PerformanceResourceTiming[];
    return {
      count: entries.length,
      firstStart: entries.length ? Math.min(...entries.map((entry) => entry.startTime)) : Number.NaN,
      lastEnd: entries.length ? Math.max(...entries.map((entry) => entry.responseEnd)) : Number.NaN,
    };
  });
}

async function readState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const state = (window as unknown as { __viewerBench?: PageState }).__viewerBench;
    return { key: state?.key ?? null, changes: state?.changes ?? [], loaded: state?.loaded ?? null, loadedAt: state?.loadedAt ?? null };
  });
}

async function viewportBox(page: Page, target: Target): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const locator = page.locator(target.viewportSelector).first();
  if ((await locator.count()) === 0) return null;
  const box = await locator.boundingBox();
  return box && box.width > 50 && box.height > 50 ? box : null;
}

/** The centre of the viewport (half its width and height, clear of the corner overlays) shows an image. */
async function showsImage(page: Page, target: Target): Promise<boolean> {
  const box = await viewportBox(page, target);
  if (!box) return false;
  const clip = { x: box.x + box.width / 4, y: box.y + box.height / 4, width: box.width / 2, height: box.height / 2 };
  const png = await page.screenshot({ clip, animations: 'allow', caret: 'initial', timeout: 10_000 });
  const { stddev, brightShare } = pngLuminance(png);
  return stddev > STDDEV_THRESHOLD && brightShare > BRIGHT_SHARE;
}

async function backingStoreBytes(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const usage = (await session.send('Runtime.getHeapUsage')) as { backingStorageSize?: number; usedSize: number };
    if (usage.backingStorageSize === undefined) throw new Error('this Chromium reports no backingStorageSize');
    return usage.backingStorageSize;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Intervals between the starts of successive first-image polls (their resolution), all runs. */
const pollIntervals: number[] = [];

async function waitForFirstImage(page: Page, viewer: ViewerName, target: Target, started: number): Promise<number> {
  let previous: number | undefined;
  while (Date.now() - started < FIRST_IMAGE_TIMEOUT_MS) {
    const polled = Date.now();
    if (previous !== undefined) pollIntervals.push(polled - previous);
    previous = polled;
    const ready = viewer === 'ohif' || (await page.locator('[data-testid=viewport][data-state=ready]').count()) > 0;
    if (ready && (await showsImage(page, target).catch(() => false))) return polled - started;
    await sleep(20);
  }
  const states = await page
    .locator('[data-testid=viewport]')
    .evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-state')}${element.textContent ? ` "${element.textContent.slice(0, 160)}"` : ''}`))
    .catch(() => []);
  throw new Error(`${viewer}: no image within ${FIRST_IMAGE_TIMEOUT_MS} ms (${page.url()}; viewports: ${states.join(' | ') || 'none'})`);
}

/** Waits (bounded) until every slice has been fetched, and decoded where the page says so. */
async function waitForAllFrames(page: Page, sliceCount: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = await frameTimings(page);
    const state = await readState(page);
    if (frames.count >= sliceCount && (state.loaded === null || state.loaded >= sliceCount)) return;
    if (Date.now() > deadline) return;
    await sleep(50);
  }
}

/**
 * Wheel events dispatched in the page on the element under the viewport's centre (what a real wheel hits), one
 * every `wheelIntervalMs` for `durationMs`, bouncing between the ends of the stack; resolves with the elapsed page time.
 */
async function wheelInPage(
  page: Page,
  point: { x: number; y: number },
  sliceCount: number,
  durationMs: number,
  wheelIntervalMs: number,
): Promise<{ elapsed: number; sent: number; target: string }> {
  return page.evaluate(
    ({ x, y, count, duration, interval }) =>
      new Promise<{ elapsed: number; sent: number; target: string }>((resolve) => {
        const target = document.elementFromPoint(x, y) ?? document.body;
        const name = `${target.tagName.toLowerCase()}${target.className && typeof target.className === 'string' ? `.${target.className.trim().split(/\s+/).join('.')}` : ''}`;
        const started = performance.now();
        let sent = 0;
        const timer = setInterval(() => {
          const elapsed = performance.now() - started;
          if (elapsed >= duration) {
            clearInterval(timer);
            resolve({ elapsed, sent, target: name });
            return;
          }
          const leg = Math.floor(sent / (count - 1));
          const deltaY = leg % 2 === 0 ? -100 : 100;
          sent += 1;
          target.dispatchEvent(new WheelEvent('wheel', { deltaY, deltaMode: 0, clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, view: window }));
        }, interval);
      }),
    { x: point.x, y: point.y, count: sliceCount, duration: durationMs, interval: wheelIntervalMs },
  );
}

async function measure(browser: Browser, viewer: ViewerName, target: Target, sliceCount: number, wheelIntervalMs: number): Promise<RunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    // 1. First image.
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    const firstImageMs = await waitForFirstImage(page, viewer, target, started);

    // 3. Series load, left to the viewer.
    await waitForAllFrames(page, sliceCount, 60_000);
    const frames = await frameTimings(page);
    const state = await readState(page);
    const loadFps = (frames.count / (frames.lastEnd - frames.firstStart)) * 1000;
    const decodedFps = state.loaded !== null && state.loadedAt !== null ? (state.loaded / (state.loadedAt - frames.firstStart)) * 1000 : Number.NaN;

    // 2. Walk once through the stack with the wheel, one step as soon as the previous slice is shown, so that every
    // slice is cached and has been displayed; then continuous wheel input.
    const box = await viewportBox(page, target);
    if (!box) throw new Error(`${viewer}: viewport vanished`);
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    const walkDeadline = Date.now() + 120_000;
    let walked = 0;
    for (let step = 1; step < sliceCount && Date.now() < walkDeadline; step += 1) {
      const before = (await readState(page)).key;
      await page.mouse.wheel(0, 100);
      const stepDeadline = Date.now() + 5_000;
      while ((await readState(page)).key === before && Date.now() < stepDeadline) await sleep(5);
      if ((await readState(page)).key === before) break;
      walked += 1;
    }
    await sleep(300);
    const changesBefore = (await readState(page)).changes.length;
    const wheeled = await wheelInPage(page, centre, sliceCount, SCROLL_MS, wheelIntervalMs);
    const scrollMs = wheeled.elapsed;
    await sleep(100);
    const scrollChanges = (await readState(page)).changes.length - changesBefore;
    return {
      viewer,
      firstImageMs,
      scrollFps: (scrollChanges / scrollMs) * 1000,
      scrollChanges,
      scrollNote: `walked ${walked + 1}/${sliceCount} slices; ${wheeled.sent} wheel events on ${wheeled.target}`,
      loadFps,
      decodedFps,
      framesFetched: frames.count,
      decoded: state.loaded ?? undefined,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * Bytes per cached slice, estimated: the first few frame requests go through (the first image, thumbnails), later
 * ones are held until the first
 * image is shown and the page's ArrayBuffer backing stores have been read (after a forced GC); then they are
 * released, and once every slice is in (and a forced GC) the stores are read again: the growth per slice added.
 */
async function cacheBytesPerSlice(browser: Browser, viewer: ViewerName, target: Target, sliceCount: number): Promise<{ bytesPerSlice: number; slices: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    let passed = 0;
    let holding = true;
    const held: (() => Promise<void>)[] = [];
    await page.route(/\/frames\/\d/, (route) => {
      if (holding && passed >= FRAMES_BEFORE_HOLD) {
        held.push(() => route.continue());
        return;
      }
      passed += 1;
      void route.continue();
    });
    const release = async () => {
      holding = false;
      for (const next of held.splice(0)) await next().catch(() => undefined);
    };
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60_000 });
    try {
      await waitForFirstImage(page, viewer, target, started);
    } catch {
      // The first image shown is not among the first frames asked for: no baseline with a single slice cached.
      await release();
      return { bytesPerSlice: Number.NaN, slices: 0 };
    }
    await sleep(1000);
    const framesBefore = (await frameTimings(page)).count;
    const before = await backingStoreBytes(page);
    await release();
    await waitForAllFrames(page, sliceCount, 60_000);
    await sleep(2000);
    const framesAfter = (await frameTimings(page)).count;
    const after = await backingStoreBytes(page);
    const slices = framesAfter - framesBefore;
    return { bytesPerSlice: slices > 0 ? (after - before) / slices : Number.NaN, slices };
  } finally {
    await context.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const runs = runsFromArgs();
  const only = argValue('--only') as ViewerName | undefined;
  if (only !== undefined && only !== 'passerelle' && only !== 'ohif') throw new Error('--only must be passerelle or ohif');
  const wheelIntervalMs = Number(argValue('--wheel-ms') ?? 4);
  if (!(wheelIntervalMs >= 1 && wheelIntervalMs <= 100)) throw new Error('--wheel-ms must be from 1 to 100');
  const closers: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const close of closers.splice(0).reverse()) {
      await Promise.resolve()
        .then(close)
        .catch(() => undefined);
    }
  };
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const prerequisites = requirePrerequisites();
    const dist = ensureOhif();
    const cacheDir = path.join(root, '.cache', 'demo');
    const manifest = await generateDemoStudies(cacheDir, (line) => console.log(line));
    const chu = demoSite('chu');
    const seriesSizes = new Map<string, number>();
    for (const file of manifest.files.filter((candidate) => candidate.site === 'chu')) {
      const key = `${file.studyInstanceUid}|${file.seriesInstanceUid}`;
      seriesSizes.set(key, (seriesSizes.get(key) ?? 0) + 1);
    }
    const [largest, sliceCount] = [...seriesSizes.entries()].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const [studyUid, seriesUid] = largest.split('|') as [string, string];
    const studyFiles = manifest.files.filter((file) => file.site === 'chu' && file.studyInstanceUid === studyUid).map((file) => path.join(cacheDir, file.path));

    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-viewer-bench-'));
    closers.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const orthanc = await startOrthanc({ name: chu.id, workDir: path.join(workDir, 'orthanc'), orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
    closers.push(() => orthanc.stop());
    await loadInstances(orthanc.httpUrl, studyFiles);
    console.log(`Orthanc ${orthanc.dicomweb}: study ${studyUid} (${studyFiles.length} instances; CT series of ${sliceCount} slices)`);

    const config: RuntimeConfig = {
      sites: [{ id: chu.id, name: chu.name, dicomweb: orthanc.dicomweb, issuerOfPatientId: chu.issuerOfPatientId, patientIdSystem: chu.patientIdSystem, timeoutMs: 30_000 }],
    };
    const configFile = path.join(workDir, 'passerelle.json');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const gateway = await startGateway(configFile, snapshotPasserelle(path.join(workDir, 'passerelle')));
    closers.push(() => gateway.stop());
    const ohif = await startOhifServer(dist, orthanc.httpUrl);
    closers.push(() => ohif.close());

    const archive = await archiveFrameRate(orthanc.dicomweb, studyUid, seriesUid);
    for (let i = 0; i < 3; i += 1) await archive.sample();
    console.log(`Archive alone: ${archive.frames} frames in ${Math.round(archive.ms())} ms (6 in parallel, median of 3) = ${archive.fps().toFixed(1)} frames/s`);

    const loadAtStart = os.loadavg();
    const browser = await chromium.launch({ executablePath: prerequisites.chromium, args: CHROMIUM_ARGS, headless: true });
    closers.push(() => browser.close());
    console.log(`Passerelle ${gateway.url}; OHIF ${OHIF_VERSION} ${ohif.url}; Chromium ${browser.version()}; ${os.cpus().length} CPU cores, load average ${loadAverage()}`);

    const targets: Record<ViewerName, Target> = {
      passerelle: { url: `${gateway.url}/viewer/${encodeURIComponent(chu.id)}/${studyUid}`, viewportSelector: '[data-testid=viewport] .viewport-canvas' },
      ohif: { url: `${ohif.url}/viewer?StudyInstanceUIDs=${studyUid}`, viewportSelector: '[data-cy=viewport-pane] canvas.cornerstone-canvas, .viewport-element canvas' },
    };
    const viewers: ViewerName[] = only ? [only] : ['passerelle', 'ohif'];
    console.log('Warm-up run of each viewer (not counted)…');
    for (const viewer of viewers) await measure(browser, viewer, targets[viewer], sliceCount, wheelIntervalMs);
    const cacheBytes: Partial<Record<ViewerName, { bytesPerSlice: number; slices: number }>> = {};
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
        console.log(
          `Run ${run}/${runs} ${viewer.padEnd(10)}: first image ${Math.round(result.firstImageMs)} ms, scroll ${result.scrollFps.toFixed(1)} images/s (${result.scrollChanges} changes; ${result.scrollNote}), ` +
            `fetched ${result.framesFetched} frames at ${result.loadFps.toFixed(1)} frames/s` +
            (result.decoded === undefined ? '' : `, decoded ${result.decoded} at ${result.decodedFps.toFixed(1)} slices/s`),
        );
      }
    }

    const medians = (viewer: ViewerName) => {
      const own = results.filter((result) => result.viewer === viewer);
      return {
        firstImageMs: median(own.map((result) => result.firstImageMs)),
        scrollFps: median(own.map((result) => result.scrollFps)),
        loadFps: median(own.map((result) => result.loadFps)),
        decodedFps: median(own.map((result) => result.decodedFps)),
        bytesPerSlice: cacheBytes[viewer]?.bytesPerSlice ?? Number.NaN,
      };
    };
    for (const viewer of viewers) {
      if (!results.some((result) => result.viewer === viewer)) throw new Error(`every run of ${viewer} failed:\n${failedRuns.join('\n')}`);
    }
    const archiveFps = archive.fps();
    console.log(`\nArchive alone over the bench: ${archive.frames} frames in ${Math.round(archive.ms())} ms (median of ${archive.samples()} passes) = ${archiveFps.toFixed(1)} frames/s`);
    const p = medians('passerelle');
    const o = medians('ohif');
    // Decoded where the page says so (Passerelle's own count), fetched (Resource Timing) otherwise.
    const pLoad = Number.isFinite(p.decodedFps) ? p.decodedFps : p.loadFps;
    const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');
    const checks = [
      { name: 'first image (ms)', p: p.firstImageMs, o: o.firstImageMs, ratio: p.firstImageMs / o.firstImageMs, target: 'Passerelle ≤ 0.5 × OHIF', pass: only ? undefined : p.firstImageMs <= 0.5 * o.firstImageMs },
      { name: 'scroll, cached (images/s)', p: p.scrollFps, o: o.scrollFps, ratio: p.scrollFps / o.scrollFps, target: 'Passerelle ≥ 1.5 × OHIF', pass: only ? undefined : p.scrollFps >= 1.5 * o.scrollFps },
      {
        name: `series load (slices/s; archive alone ${archiveFps.toFixed(1)})${Number.isFinite(p.decodedFps) ? ', Passerelle decoded' : ', fetched'}`,
        p: pLoad,
        o: o.loadFps,
        ratio: pLoad / archiveFps,
        target: 'Passerelle ≥ 0.80 × archive',
        pass: only === 'ohif' ? undefined : pLoad >= 0.8 * archiveFps,
      },
      {
        name: 'bytes per cached slice (estimate)',
        p: p.bytesPerSlice,
        o: o.bytesPerSlice,
        ratio: p.bytesPerSlice / SLICE_BYTES,
        target: `Passerelle ≤ 1.05 × ${SLICE_BYTES}`,
        pass: only === 'ohif' ? undefined : p.bytesPerSlice <= 1.05 * SLICE_BYTES,
      },
    ];
    const format = (value: number) => (Number.isFinite(value) ? (Math.abs(value) >= 100 ? String(Math.round(value)) : value.toFixed(1)) : '—');
    const rows = [['measure', 'Passerelle', 'OHIF 3.13', 'ratio', 'target', 'pass']];
    for (const check of checks) rows.push([check.name, format(check.p), format(check.o), ratio(check.ratio), check.target, check.pass === undefined ? 'n/a' : check.pass ? 'pass' : 'FAIL']);
    console.log(
      `\nMedians of ${runs} runs per viewer (cache bytes: one held-frames pass each). Ratios: Passerelle / OHIF, Passerelle / archive, Passerelle / 512×512×2.` +
        `\nScroll: a wheel event every ${wheelIntervalMs} ms in the page.` +
        `\nFirst-image polls every ${Math.round(median(pollIntervals))} ms (median; a viewport screenshot each).` +
        `\nOHIF series load, fetched: ${ratio(o.loadFps / archiveFps)} × archive; Passerelle fetched (Resource Timing): ${format(p.loadFps)} frames/s = ${ratio(p.loadFps / archiveFps)} × archive.\n${table(rows)}`,
    );
    console.log(
      `\nLoad average before the browser started: ${loadAtStart.map((value) => value.toFixed(1)).join(' ')}; at the end: ${loadAverage()}` +
        ((loadAtStart[0] ?? 0) > os.cpus().length / 2 ? ' — other work shared the machine before the bench loaded it: figures are noisy' : ''),
    );
    if (failedRuns.length > 0) console.log(`\n${failedRuns.length} run(s) failed and are left out of the medians:\n  ${failedRuns.join('\n  ')}`);
    const failures = checks.filter((check) => check.pass === false).length + failedRuns.length;
    console.log(failures === 0 ? '\nbench: every target holds' : `\nbench: ${failures} target(s) missed or run(s) failed`);
    return failures === 0 ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);

