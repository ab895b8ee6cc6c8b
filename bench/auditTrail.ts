/**
 * Audit-trail benchmark: does the trail record each reader's viewing of each study exactly once, however many frames
 * they scroll through, and does writing it leave frame streaming as fast as without it?
 *
 * The real test bed (two Orthanc archives with the demo studies, PostgreSQL) behind two gateways in this process:
 * one writing the trail into the test bed's database, one without a trail.
 *
 * 1. Scrolling: 20 readers, each a distinct user, scroll at once for `--seconds` (default 60) through the image
 *    series of the demo studies (every frame of a series in order, two requests in flight, then the next study)
 *    through the gateway with the trail. Then the `study-view` records are counted against what each reader did:
 *    exactly one per user and study, none lost, none doubled.
 * 2. Trail on against off: the same 20 readers fetch every frame of the same series through each gateway in turn,
 *    `--rounds` times (default 3) in alternating order; frames per second of each, and their ratio (target ≥ 0.95).
 *
 * Sign-in is not part of this bench: a bench-only hook names each reader's user from a request header, where the
 * signed-in gateway takes the user from the session. Nothing outside this file can set a user that way.
 *
 *   npm run bench:audit [-- --seconds N] [-- --rounds N]
 *
 * Exits 0 when the counts are exact and the ratio holds, 1 when one does not, 2 on an error.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { startTestbed } from '../scripts/testbed/startTestbed.ts';
import type { DemoManifest } from '../server/demo/generate/generateDemoStudies.ts';
import { startAuditTrail } from '../server/audit/startAuditTrail.ts';
import { verifyTrail } from '../server/audit/auditTrail.ts';
import type { RequestUser } from '../server/auth/requestUser.ts';
import { searchRecords } from '../server/db/auditRecordStore.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { createGateway } from '../server/gateway/createGateway.ts';
import { demoSites } from '../server/demo/demoSites.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { median } from './shared/median.ts';
import { projectRoot as root } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { table } from './shared/table.ts';

const READERS = 20;
const IN_FLIGHT_PER_READER = 2;
const TARGET_RATIO = 0.95;
const FRAME_ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const READER_HEADER = 'x-bench-reader';
const IMAGE_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.4']);

interface Series {
  siteId: string;
  studyUid: string;
  seriesUid: string;
  frames: string[];
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Bench only: the reader named by the request header is the request's user (see the file's comment). */
function benchReaders(gateway: FastifyInstance): void {
  gateway.addHook('onRequest', async (request) => {
    const reader = request.headers[READER_HEADER];
    if (typeof reader !== 'string') return;
    const user: RequestUser = { id: reader, name: `Lecteur ${reader.slice(-2)}`, roles: ['clinician'], organisation: 'Banc d’essai', signedIn: true };
    request.user = user;
  });
}

async function listen(gateway: FastifyInstance): Promise<string> {
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
}

/** The image series of the demo studies (the largest of each study), with their frames in instance order. */
async function imageSeries(archives: ReadonlyMap<string, string>): Promise<Series[]> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.cache', 'demo', 'manifest.json'), 'utf8')) as DemoManifest;
  const counts = new Map<string, { site: string; studyUid: string; seriesUid: string; count: number }>();
  for (const file of manifest.files) {
    if (!IMAGE_CLASSES.has(file.sopClassUid)) continue;
    const key = `${file.site} ${file.studyInstanceUid} ${file.seriesInstanceUid}`;
    const entry = counts.get(key) ?? { site: file.site, studyUid: file.studyInstanceUid, seriesUid: file.seriesInstanceUid, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const largest = new Map<string, { site: string; studyUid: string; seriesUid: string; count: number }>();
  for (const entry of counts.values()) if ((largest.get(entry.studyUid)?.count ?? 0) < entry.count) largest.set(entry.studyUid, entry);
  const result: Series[] = [];
  for (const entry of [...largest.values()].filter((candidate) => candidate.count >= 10)) {
    const siteId = demoSites.find((site) => site.key === entry.site)?.id ?? entry.site;
    const dicomweb = archives.get(siteId);
    if (!dicomweb) continue;
    const answer = await fetch(`${dicomweb}/studies/${entry.studyUid}/series/${entry.seriesUid}/instances?includefield=00200013`, { headers: { accept: 'application/dicom+json' } });
    const instances = (await answer.json()) as Record<string, { Value?: unknown[] }>[];
    const ordered = instances
      .map((instance) => ({ sop: String(instance['00080018']?.Value?.[0] ?? ''), number: Number(instance['00200013']?.Value?.[0] ?? 0) }))
      .sort((a, b) => a.number - b.number);
    const base = `/sites/${siteId}/dicom-web/studies/${entry.studyUid}/series/${entry.seriesUid}`;
    result.push({ siteId, studyUid: entry.studyUid, seriesUid: entry.seriesUid, frames: ordered.map(({ sop }) => `${base}/instances/${sop}/frames/1`) });
  }
  return result.sort((a, b) => b.frames.length - a.frames.length);
}

interface Tally {
  frames: number;
  bytes: number;
  failures: Map<number, number>;
}

async function fetchFrame(origin: string, url: string, reader: string, tally: Tally): Promise<boolean> {
  const answer = await fetch(`${origin}${url}`, { headers: { accept: FRAME_ACCEPT, [READER_HEADER]: reader } });
  const body = await answer.arrayBuffer();
  if (answer.status !== 200) {
    tally.failures.set(answer.status, (tally.failures.get(answer.status) ?? 0) + 1);
    return false;
  }
  tally.frames += 1;
  tally.bytes += body.byteLength;
  return true;
}

/** One reader scrolls through a series: every frame in order, a few requests in flight, as a viewer prefetches. */
async function scroll(origin: string, series: Series, reader: string, tally: Tally, until = Infinity): Promise<boolean> {
  let next = 0;
  let served = false;
  const lane = async () => {
    while (next < series.frames.length && Date.now() < until) {
      const url = series.frames[next++]!;
      if (await fetchFrame(origin, url, reader, tally)) served = true;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT_PER_READER }, lane));
  return served;
}

const readerId = (index: number, prefix = 'lecteur') => `${prefix}-${String(index + 1).padStart(2, '0')}`;

async function main(): Promise<number> {
  const seconds = option('seconds', 60);
  const rounds = option('rounds', 3);
  const lifetime = startBenchLifetime((seconds + 600) * 1000);
  try {
    const testbed = await startTestbed({ cacheDir: path.join(root, '.cache', 'demo'), log: (line) => console.log(line) });
    lifetime.closers.push(() => testbed.stop());
    const database = await openDatabase({ kind: 'server', url: testbed.database.appUrl });
    lifetime.closers.push(() => database.close());
    const audit = startAuditTrail(database.db, { retentionEveryMs: null });
    lifetime.closers.push(() => audit.close().catch(() => undefined));
    const traced = await createGateway({ config: testbed.config, db: database.db, audit });
    const untraced = await createGateway({ config: testbed.config });
    for (const gateway of [traced, untraced]) {
      benchReaders(gateway);
      lifetime.closers.push(() => gateway.close());
    }
    const [tracedOrigin, untracedOrigin] = [await listen(traced), await listen(untraced)];
    const studies = await imageSeries(new Map(testbed.config.sites.map((site) => [site.id, site.dicomweb])));
    console.log(`\n${studies.length} image series: ${studies.map((series) => `${series.siteId}/${series.studyUid.slice(-6)} (${series.frames.length})`).join(', ')}`);

    // 1. Twenty readers scroll at once through the studies, each from its own starting study.
    console.log(`\nScrolling: ${READERS} readers for ${seconds} s through the gateway with the trail…`);
    const viewed = new Map<string, Set<string>>();
    const scrolling: Tally = { frames: 0, bytes: 0, failures: new Map() };
    const started = Date.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: READERS }, async (_, index) => {
        const reader = readerId(index);
        const studiesSeen = new Set<string>();
        viewed.set(reader, studiesSeen);
        for (let step = index; Date.now() < until; step += 1) {
          const series = studies[step % studies.length]!;
          if (await scroll(tracedOrigin, series, reader, scrolling, until)) studiesSeen.add(series.studyUid);
        }
      }),
    );
    const scrollSeconds = (Date.now() - started) / 1000;
    await audit.close();

    const rows = [['reader', 'studies viewed', 'view records', 'missing', 'doubled']];
    let expected = 0;
    let recorded = 0;
    let missing = 0;
    let doubled = 0;
    for (const [reader, studiesSeen] of viewed) {
      const records = (await searchRecords(database.db, { userId: reader, limit: 100_000 })).filter((record) => record.action === 'study-view' && record.outcome === 'success');
      const perStudy = new Map<string, number>();
      for (const record of records) perStudy.set(record.studyUid ?? '', (perStudy.get(record.studyUid ?? '') ?? 0) + 1);
      const lost = [...studiesSeen].filter((uid) => !perStudy.has(uid)).length;
      const twice = [...perStudy.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0) + [...perStudy.keys()].filter((uid) => !studiesSeen.has(uid)).length;
      expected += studiesSeen.size;
      recorded += records.length;
      missing += lost;
      doubled += twice;
      rows.push([reader, String(studiesSeen.size), String(records.length), String(lost), String(twice)]);
    }
    const withoutPatient = (await searchRecords(database.db, { limit: 100_000 })).filter((record) => record.action === 'study-view' && record.patientId === null).length;
    console.log(table(rows));
    console.log(
      `\n${scrolling.frames} frames (${(scrolling.bytes / 2 ** 20).toFixed(0)} MiB) in ${scrollSeconds.toFixed(1)} s: ${(scrolling.frames / scrollSeconds).toFixed(0)} frames/s` +
        `${scrolling.failures.size > 0 ? `; refused or failed: ${[...scrolling.failures].map(([status, count]) => `${count} × HTTP ${status}`).join(', ')}` : ''}`,
    );
    console.log(`Viewings (user × study): ${expected}; view records: ${recorded}; missing: ${missing}; doubled: ${doubled}; without patient: ${withoutPatient}`);
    const chain = await verifyTrail(database.db);
    console.log(`Trail chain: ${chain.ok ? `verifies (${chain.count} records)` : `BROKEN: ${chain.break.message}`}`);

    // 2. Trail on against off, on the same series, alternating which goes first.
    const series = studies[0]!;
    const onAgain = startAuditTrail(database.db, { retentionEveryMs: null });
    const tracedAgain = await createGateway({ config: testbed.config, db: database.db, audit: onAgain });
    benchReaders(tracedAgain);
    lifetime.closers.push(() => tracedAgain.close());
    lifetime.closers.push(() => onAgain.close().catch(() => undefined));
    const onOrigin = await listen(tracedAgain);
    console.log(`\nTrail on against off: ${READERS} readers × ${series.frames.length} frames of ${series.siteId}/${series.studyUid}, ${rounds} rounds each`);
    const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const measure = async (mode: 'on' | 'off', round: number) => {
      const tally: Tally = { frames: 0, bytes: 0, failures: new Map() };
      const begin = performance.now();
      await Promise.all(Array.from({ length: READERS }, (_, index) => scroll(mode === 'on' ? onOrigin : untracedOrigin, series, readerId(index, `${mode}-${round}`), tally)));
      const rate = tally.frames / ((performance.now() - begin) / 1000);
      rates[mode].push(rate);
      console.log(`  round ${round} trail ${mode.padEnd(3)}: ${tally.frames} frames, ${rate.toFixed(0)} frames/s${tally.failures.size > 0 ? ` (failures: ${[...tally.failures].map(([s, c]) => `${c} × ${s}`).join(', ')})` : ''}`);
    };
    await measure('off', 0); // warm-up of both paths, not counted
    await measure('on', 0);
    rates.on = [];
    rates.off = [];
    for (let round = 1; round <= rounds; round += 1) {
      const order: ('on' | 'off')[] = round % 2 === 1 ? ['off', 'on'] : ['on', 'off'];
      for (const mode of order) await measure(mode, round);
    }
    const ratio = median(rates.on) / median(rates.off);
    console.log(`\nMedian frames/s: trail off ${median(rates.off).toFixed(0)}, trail on ${median(rates.on).toFixed(0)}: ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO})`);

    const exact = missing === 0 && doubled === 0 && expected > 0 && chain.ok;
    console.log(exact ? 'Counts: exactly one view record per user and study.' : 'Counts: NOT exact.');
    return exact && ratio >= TARGET_RATIO ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
