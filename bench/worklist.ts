/**
 * Worklist benchmark: does the federated search show each site's results as soon as that site answers, and is the
 * whole search only as slow as its slowest site (parallel), not the sum of them (sequential)?
 *
 * Three archives behind one gateway (`npm start -- --config`): site 1 serves the chu demo files, site 2 the cgfl
 * demo files behind a proxy that holds every QIDO-RS search for 2 s, site 3 accepts connections and never answers
 * (timeoutMs 5000); plus the demo PIXm. In Chromium (as configured for Playwright), "durand" is searched and, in
 * the page, a MutationObserver notes when each `[data-testid=site-status]` first reaches a terminal
 * state and when each site's first `[data-testid=study-row]` appears, relative to the moment the search requests
 * were sent. Each site's own QIDO latency is measured from Node through the gateway (median of 5).
 *
 *   npx tsx bench/worklist.ts [--runs N] [--url]
 *
 * By default the search is typed into the form once the page has settled; `--url` opens `/?patientName=durand`
 * directly instead, so that the search runs while the app is still starting.
 *
 * Exits 0 when every bound holds on the medians, 1 when one is missed, 2 on an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import playwrightConfig from '../playwright.config.ts';
import { startDemoArchive } from '../server/demo/archive/startDemoArchive.ts';
import { demoSite } from '../server/demo/demoSites.ts';
import { generateDemoStudies } from '../server/demo/generate/generateDemoStudies.ts';
import { demoPixmPersons, startDemoPixm } from '../server/demo/pixm/startDemoPixm.ts';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import { startHungServer } from '../e2e/support/hungServer.ts';
import { isSiteSearchUrl, readTimings, resetTimings, searchStartedAt, TIMING_INIT_SCRIPT, type PageTimings } from '../e2e/support/pageTimings.ts';
import { startGateway } from '../e2e/support/startGateway.ts';
import { startDelayingProxy } from './delayingProxy.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { launchChromium } from './shared/launchChromium.ts';
import { median } from './shared/median.ts';
import { projectRoot as root } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { sleep } from './shared/sleep.ts';
import { table } from './shared/table.ts';

const DELAY_MS = 2000;
const HUNG_TIMEOUT_MS = 5000;
const SITE_TIMEOUT_MS = 8000;
const SLACK_MS = 100;
const WATCHDOG_MS = 9 * 60_000;
const HUNG_SITE = { id: 'bench-hung', name: 'Site bloqué (banc d’essai)', issuer: 'BENCH-HUNG', system: 'urn:oid:1.2.250.1.999.9.1' };

type SiteRole = 'direct' | 'delayed' | 'hung';

interface BenchSite {
  id: string;
  role: SiteRole;
}

interface RunSite {
  firstRowMs?: number;
  terminalMs?: number;
  terminalState?: string;
  /** This site's search requests as the page's resource timing saw them (those that got an answer). */
  requests?: { sentMs: number; answeredMs: number }[];
}

type Mode = 'form' | 'url';

interface RunResult {
  sites: Record<string, RunSite>;
  /** First search URL per site, as the page sent it. */
  searchUrls: Record<string, string>;
}

function modeFromArgs(): Mode {
  return process.argv.includes('--url') ? 'url' : 'form';
}

function runsFromArgs(): number {
  const index = process.argv.indexOf('--runs');
  const value = index >= 0 ? Number(process.argv[index + 1]) : 5;
  if (!Number.isInteger(value) || value < 1 || value > 20) throw new Error('--runs must be a whole number from 1 to 20');
  return value;
}

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : `${Math.round(value)} ms`);

function siteIdOfSearch(url: string): string | undefined {
  return /\/sites\/([^/]+)\/dicom-web\//.exec(new URL(url).pathname)?.[1];
}

async function waitForTerminalStates(page: Page, ids: readonly string[], timeoutMs: number): Promise<PageTimings> {
  // Polled from Node: the page's Content-Security-Policy forbids the eval a string predicate would need.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await readTimings(page);
    if (ids.every((id) => seen.sites[id]?.terminalAt !== undefined)) return seen;
    if (Date.now() > deadline) throw new Error(`not every site reached a terminal state within ${timeoutMs} ms: ${JSON.stringify(seen.sites)}`);
    await sleep(100);
  }
}

/**
 * One search in a fresh browser context. `form` (default): open `/`, let the reachability checks of every site
 * settle, then type the name and press Enter, as a user does. `url`: open `/?patientName=durand` directly, so the
 * search runs while the app is still starting.
 */
async function measureInBrowser(browser: Browser, gatewayUrl: string, sites: readonly BenchSite[], mode: Mode): Promise<RunResult> {
  const viewport = playwrightConfig.use?.viewport;
  const context = await browser.newContext(viewport ? { viewport } : {});
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: TIMING_INIT_SCRIPT });
    const searchUrls: Record<string, string> = {};
    page.on('request', (request) => {
      const url = request.url();
      const siteId = isSiteSearchUrl(url) ? siteIdOfSearch(url) : undefined;
      if (siteId && !searchUrls[siteId]) searchUrls[siteId] = url;
    });
    const ids = sites.map((site) => site.id);
    if (mode === 'form') {
      await page.goto(`${gatewayUrl}/`, { timeout: 60_000 });
      await waitForTerminalStates(page, ids, HUNG_TIMEOUT_MS + 30_000);
      const name = page.locator('input[name=patientName]');
      await name.fill('durand');
      await resetTimings(page);
      await name.press('Enter');
    } else {
      await page.goto(`${gatewayUrl}/?patientName=durand`, { timeout: 60_000 });
    }
    const timings = await waitForTerminalStates(page, ids, HUNG_TIMEOUT_MS + 30_000);
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify(timings, null, 1));
    const started = searchStartedAt(timings);
    if (started === undefined) throw new Error('no search request to a site was seen in the page (resource timing)');
    const result: RunResult = { sites: {}, searchUrls };
    for (const site of sites) {
      const seen = timings.sites[site.id] ?? {};
      const entry: RunSite = {};
      if (seen.firstRowAt !== undefined) entry.firstRowMs = seen.firstRowAt - started;
      if (seen.terminalAt !== undefined) entry.terminalMs = seen.terminalAt - started;
      if (seen.terminalState !== undefined) entry.terminalState = seen.terminalState;
      const ownRequests = timings.searchRequests.filter((request) => siteIdOfSearch(request.url) === site.id);
      if (ownRequests.length > 0) entry.requests = ownRequests.map((request) => ({ sentMs: request.startTime - started, answeredMs: request.responseEnd - started }));
      result.sites[site.id] = entry;
    }
    return result;
  } finally {
    await context.close();
  }
}

/** One QIDO request through the gateway, body read to the end; milliseconds. */
async function timeQuery(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: 'application/dicom+json' }, signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

async function ownLatency(url: string, role: SiteRole): Promise<{ ms: number; statuses: number[] }> {
  const samples: { ms: number; status: number }[] = [];
  if (role === 'hung') {
    samples.push(...(await Promise.all(Array.from({ length: 5 }, () => timeQuery(url)))));
  } else {
    for (let i = 0; i < 5; i += 1) samples.push(await timeQuery(url));
  }
  return { ms: median(samples.map((sample) => sample.ms)), statuses: [...new Set(samples.map((sample) => sample.status))] };
}

let gatewayOutput = '';
let gatewayExit: string | undefined;

async function main(): Promise<number> {
  const runs = runsFromArgs();
  const mode = modeFromArgs();
  const lifetime = startBenchLifetime(WATCHDOG_MS);
  const { closers } = lifetime;

  try {
    const cacheDir = path.join(root, '.cache', 'demo');
    const manifest = await generateDemoStudies(cacheDir, (line) => console.log(line));
    const filesOf = (site: 'chu' | 'cgfl') => manifest.files.filter((file) => file.site === site).map((file) => path.join(cacheDir, file.path));
    const chu = demoSite('chu');
    const cgfl = demoSite('cgfl');

    const chuArchive = await startDemoArchive({ files: filesOf('chu'), name: chu.id });
    closers.push(() => chuArchive.close());
    const cgflArchive = await startDemoArchive({ files: filesOf('cgfl'), name: cgfl.id });
    closers.push(() => cgflArchive.close());
    const cgflSlow = await startDelayingProxy(cgflArchive.url, DELAY_MS);
    closers.push(() => cgflSlow.close());
    const hung = await startHungServer();
    closers.push(() => hung.close());
    const pixm = await startDemoPixm({
      // The hung site's identifier domain must be known to the PIX Manager, or every query naming it is refused.
      persons: [...demoPixmPersons(), { identifiers: [{ system: HUNG_SITE.system, value: 'BENCH-NOBODY' }] }],
    });
    closers.push(() => pixm.close());

    const config: RuntimeConfig = {
      sites: [
        { id: chu.id, name: chu.name, dicomweb: chuArchive.url, issuerOfPatientId: chu.issuerOfPatientId, patientIdSystem: chu.patientIdSystem, timeoutMs: SITE_TIMEOUT_MS },
        { id: cgfl.id, name: cgfl.name, dicomweb: cgflSlow.url, issuerOfPatientId: cgfl.issuerOfPatientId, patientIdSystem: cgfl.patientIdSystem, timeoutMs: SITE_TIMEOUT_MS },
        { id: HUNG_SITE.id, name: HUNG_SITE.name, dicomweb: `${hung.url}/dicom-web`, issuerOfPatientId: HUNG_SITE.issuer, patientIdSystem: HUNG_SITE.system, timeoutMs: HUNG_TIMEOUT_MS },
      ],
      identity: { pixm: pixm.url },
    };
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
    closers.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const configFile = path.join(workDir, 'passerelle.json');
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
    const gateway = await startGateway(configFile, root);
    closers.push(() => gateway.stop());
    gateway.process.stdout?.on('data', (chunk: Buffer) => (gatewayOutput = (gatewayOutput + chunk.toString()).slice(-4000)));
    gateway.process.stderr?.on('data', (chunk: Buffer) => (gatewayOutput = (gatewayOutput + chunk.toString()).slice(-4000)));
    gateway.process.once('exit', (code, signal) => {
      gatewayExit = `the gateway exited (${code ?? signal}) during the bench; its last output:\n${gatewayOutput}`;
    });
    const sites: BenchSite[] = [
      { id: chu.id, role: 'direct' },
      { id: cgfl.id, role: 'delayed' },
      { id: HUNG_SITE.id, role: 'hung' },
    ];

    const launchOptions = playwrightConfig.use?.launchOptions ?? {};
    const browser = await launchChromium(launchOptions, closers);
    console.log(`Gateway ${gateway.url}; Chromium ${browser.version()} (${launchOptions.executablePath ?? 'bundled'}); ${os.cpus().length} CPU cores`);

    console.log('Warm-up run…');
    const warmUp = await measureInBrowser(browser, gateway.url, sites, mode);
    const own: Record<string, { ms: number; statuses: number[] }> = {};
    for (const site of sites) {
      const searchUrl = warmUp.searchUrls[site.id];
      if (!searchUrl) throw new Error(`the page sent no search to site ${site.id}`);
      own[site.id] = await ownLatency(searchUrl, site.role);
      console.log(`Own QIDO latency of ${site.id} through the gateway (median of 5): ${ms(own[site.id]?.ms)}, HTTP ${own[site.id]?.statuses.join('/')} — ${searchUrl}`);
    }

    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run += 1) {
      const result = await measureInBrowser(browser, gateway.url, sites, mode);
      results.push(result);
      const line = sites
        .map((site) => {
          const entry = result.sites[site.id];
          const requests = (entry?.requests ?? []).map((request) => `${ms(request.sentMs)}→${ms(request.answeredMs)}`).join(', ');
          return `${site.id}: rows ${ms(entry?.firstRowMs)}, ${entry?.terminalState ?? '?'} ${ms(entry?.terminalMs)} [requests ${requests || 'none answered'}]`;
        })
        .join(' | ');
      console.log(`Run ${run}/${runs}: ${line}`);
    }

    let failures = 0;
    const rows: string[][] = [['site', 'role', 'own latency', 'results on screen', 'terminal state', 'expected bound', 'pass']];
    for (const site of sites) {
      const ownMs = own[site.id]?.ms ?? Number.NaN;
      const rowTimes = results.map((result) => result.sites[site.id]?.firstRowMs ?? Number.POSITIVE_INFINITY);
      const terminalTimes = results.map((result) => result.sites[site.id]?.terminalMs ?? Number.POSITIVE_INFINITY);
      const states = [...new Set(results.map((result) => result.sites[site.id]?.terminalState ?? 'none'))];
      const rowMedian = median(rowTimes);
      const terminalMedian = median(terminalTimes);
      const problems: string[] = [];
      let bound: string;
      if (site.role === 'hung') {
        const limit = HUNG_TIMEOUT_MS + SLACK_MS;
        bound = `timeout in [${HUNG_TIMEOUT_MS - SLACK_MS}, ${limit}] ms`;
        if (states.length !== 1 || states[0] !== 'timeout') problems.push(`state ${states.join('/')}`);
        if (!(terminalMedian <= limit && terminalMedian >= HUNG_TIMEOUT_MS - SLACK_MS)) problems.push('terminal time');
        if (rowTimes.some((value) => Number.isFinite(value))) problems.push('rows from a site that never answers');
      } else {
        const limit = ownMs + SLACK_MS;
        bound = site.role === 'delayed' ? `own + ${SLACK_MS} ms (2 s delay + ${SLACK_MS} ms)` : `own + ${SLACK_MS} ms`;
        bound += ` = ${Math.round(limit)} ms`;
        if (site.role === 'delayed' && !(ownMs >= DELAY_MS)) problems.push('the proxy delay is not in effect');
        if (states.length !== 1 || states[0] !== 'ok') problems.push(`state ${states.join('/')}`);
        if (!(rowMedian <= limit)) problems.push('results on screen');
        if (!(terminalMedian <= limit)) problems.push('terminal time');
      }
      if (problems.length > 0) failures += 1;
      rows.push([
        site.id,
        site.role,
        ms(ownMs),
        ms(rowMedian),
        `${states.join('/')} ${ms(terminalMedian)}`,
        bound,
        problems.length === 0 ? 'pass' : `FAIL (${problems.join(', ')})`,
      ]);
    }
    console.log(`\nMedians of ${runs} runs, search ${mode === 'form' ? 'submitted from the form' : 'opened as /?patientName=durand'} (times from the moment the search requests were sent):\n${table(rows)}`);

    const totals = results.map((result) => Math.max(...sites.map((site) => result.sites[site.id]?.terminalMs ?? Number.POSITIVE_INFINITY)));
    const total = median(totals);
    const ownTimes = sites.map((site) => own[site.id]?.ms ?? Number.NaN);
    const slowest = Math.max(...ownTimes);
    const sum = ownTimes.reduce((a, b) => a + b, 0);
    console.log(
      `\nWhole search (last site terminal): ${ms(total)}; slowest site alone: ${ms(slowest)}; sum of sites: ${ms(sum)}` +
        `\n  total / slowest site = ${(total / slowest).toFixed(2)} (1.00 = fully parallel)` +
        `\n  total / sum of sites = ${(total / sum).toFixed(2)} (1.00 = one site after another)`,
    );
    console.log(failures === 0 ? '\nbench: every bound holds' : `\nbench: ${failures} site(s) missed a bound`);
    return failures === 0 ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main, () => gatewayExit);
