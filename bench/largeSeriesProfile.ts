/**
 * Where the page's main thread goes while the 6,000-slice series loads and while it is scrolled: a CPU profile
 * (CDP `Profiler`) of Passerelle on the large-series bench's archive, summed by function (self and inclusive time).
 *
 * Before that, one wheel step as soon as the series' display order is in: how soon the viewer follows it.
 *
 *   npx tsx bench/largeSeriesProfile.ts [--load-ms 20000] [--scroll-ms 3000] [--out profile-dir] [--cache dir] [--wheel-only]
 *
 * `--cache`: where the generated archive is (`.cache` by default; a copy lets it run beside the bench); `--wheel-only`
 * stops after the wheel step. The profiles are written as `.cpuprofile` files, which DevTools opens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePrerequisites } from '../scripts/testbed/prerequisites.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { launchChromium } from './shared/launchChromium.ts';
import { projectRoot } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { sleep } from './shared/sleep.ts';
import { startViewers } from './viewer/benchSetup.ts';
import { viewportBox, waitForFirstImage } from './viewer/firstImage.ts';
import { ensureOhif } from './viewer/ohifApp.ts';
import { PAGE_INIT_SCRIPT, readState } from './viewer/pageState.ts';
import { VIEWPORT } from './viewer/viewerTypes.ts';
import { wheelInPage } from './viewer/wheelInPage.ts';
import { startWholeBodyArchive, wholeBodyUids } from './largeSeries/wholeBodyCt.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** Self and inclusive milliseconds by function, and the share of the time the thread was idle. */
function summarise(profile: CpuProfile, top = 30): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url).replace(/-[\w-]{8}\.js$/, '.js')}:${node.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') idle += ms;
    self.set(name(node), (self.get(name(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at) as ProfileNode);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  });
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`)
      .join('\n');
  return `total ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms (${((idle / total) * 100).toFixed(1)} %)\nself:\n${rows(self)}\ninclusive:\n${rows(inclusive)}`;
}

async function main(): Promise<number> {
  const loadMs = Number(option('--load-ms', '20000'));
  const scrollMs = Number(option('--scroll-ms', '3000'));
  const out = option('--out', fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-profile-')));
  fs.mkdirSync(out, { recursive: true });
  const lifetime = startBenchLifetime(30 * 60_000);
  const { closers } = lifetime;
  try {
    const prerequisites = requirePrerequisites();
    const orthanc = await startWholeBodyArchive(option('--cache', path.join(projectRoot, '.cache')), prerequisites, (line) => console.log(line));
    closers.push(() => orthanc.stop());
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-profile-work-'));
    closers.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const viewers = await startViewers(closers, workDir, orthanc, ensureOhif());
    const target = viewers.targets(wholeBodyUids.studyUid).passerelle;
    const browser = await launchChromium({ executablePath: prerequisites.chromium, args: ['--no-sandbox', '--disable-background-networking'] }, closers);
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript({ content: PAGE_INIT_SCRIPT });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const started = Date.now();
    await page.goto(target.url, { waitUntil: 'commit' });
    const firstImageMs = await waitForFirstImage(page, 'passerelle', target, started, 120_000);
    console.log(`first image ${firstImageMs} ms`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=viewport]')?.getAttribute('data-loaded-count') ?? 0) > 1, undefined, { timeout: 120_000 });
    console.log(`display order in after ${Date.now() - started} ms`);
    // A wheel step right after the order is in: does the viewer follow it, and how soon?
    const openBox = await viewportBox(page, target);
    if (openBox) {
      await page.mouse.move(openBox.x + openBox.width / 2, openBox.y + openBox.height / 2);
      const before = (await readState(page)).key;
      const wheelAt = Date.now();
      await page.mouse.wheel(0, 100);
      while ((await readState(page)).key === before && Date.now() - wheelAt < 15_000) await sleep(5);
      console.log(`first wheel step after the order: ${(await readState(page)).key === before ? 'NOT followed in 15 s' : `followed in ${Date.now() - wheelAt} ms`}`);
    }
    const profileLoad = async (label: string, ms: number) => {
      const before = (await readState(page)).loaded ?? 0;
      await cdp.send('Profiler.start');
      await sleep(ms);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const after = (await readState(page)).loaded ?? 0;
      fs.writeFileSync(path.join(out, `${label}.cpuprofile`), JSON.stringify(profile));
      console.log(`\n== ${label}: ${ms} ms, loaded ${before} → ${after} (${(((after - before) / ms) * 1000).toFixed(1)} slices/s)\n${summarise(profile)}`);
    };
    if (process.argv.includes('--wheel-only')) return 0;
    await profileLoad('load', loadMs);
    const box = await viewportBox(page, target);
    if (!box) throw new Error('viewport vanished');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    for (let step = 1; step < 120; step += 1) {
      const before = (await readState(page)).key;
      await page.mouse.wheel(0, 100);
      const deadline = Date.now() + 5000;
      while ((await readState(page)).key === before && Date.now() < deadline) await sleep(5);
    }
    await sleep(300);
    const changesBefore = (await readState(page)).changes.length;
    await cdp.send('Profiler.start');
    const wheeled = await wheelInPage(page, centre, 120, scrollMs, 4);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const changes = (await readState(page)).changes.length - changesBefore;
    fs.writeFileSync(path.join(out, 'scroll.cpuprofile'), JSON.stringify(profile));
    console.log(`\n== scroll: ${wheeled.sent} wheel events in ${wheeled.elapsed.toFixed(0)} ms, ${changes} slices shown (${((changes / wheeled.elapsed) * 1000).toFixed(1)} /s)\n${summarise(profile)}`);
    console.log(`\nprofiles in ${out}`);
    return 0;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
