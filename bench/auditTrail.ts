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
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startTestbed } from '../scripts/testbed/startTestbed.ts';
import { startAuditTrail } from '../server/audit/startAuditTrail.ts';
import { verifyTrail } from '../server/audit/auditTrail.ts';
import type { RequestUser } from '../server/auth/requestUser.ts';
import { searchRecords } from '../server/db/auditRecordStore.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { createGateway } from '../server/gateway/createGateway.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { median } from './shared/median.ts';
import { projectRoot as root } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { failureText, fetchSeries, imageSeries, newTally, type Series, type Tally } from './shared/seriesFrames.ts';
import { table } from './shared/table.ts';
import { listenOnLoopback as listen, positiveOption as option, testbedArchives, testbedCredentials } from './shared/testbedAccess.ts';

const READERS = 20;
const IN_FLIGHT_PER_READER = 2;
const TARGET_RATIO = 0.95;
const READER_HEADER = 'x-bench-reader';

/** Bench only: the reader named by the request header is the request's user (see the file's comment). */
function benchReaders(gateway: FastifyInstance): void {
  gateway.addHook('onRequest', async (request) => {
    const reader = request.headers[READER_HEADER];
    if (typeof reader !== 'string') return;
    const user: RequestUser = { id: reader, name: `Lecteur ${reader.slice(-2)}`, roles: ['clinician'], organisation: 'Banc d’essai', signedIn: true };
    request.user = user;
  });
}

/** One reader scrolls through a series: every frame in order, a few requests in flight, as a viewer prefetches. */
const scroll = (origin: string, series: Series, reader: string, tally: Tally, until = Infinity) =>
  fetchSeries(origin, series, { [READER_HEADER]: reader }, tally, IN_FLIGHT_PER_READER, until);

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
    const credentials = testbedCredentials(testbed);
    const traced = await createGateway({ config: testbed.config, db: database.db, audit, credentials });
    const untraced = await createGateway({ config: testbed.config, credentials });
    for (const gateway of [traced, untraced]) {
      benchReaders(gateway);
      lifetime.closers.push(() => gateway.close());
    }
    const [tracedOrigin, untracedOrigin] = [await listen(traced), await listen(untraced)];
    const studies = await imageSeries(testbedArchives(testbed));
    console.log(`\n${studies.length} image series: ${studies.map((series) => `${series.siteId}/${series.studyUid.slice(-6)} (${series.frames.length})`).join(', ')}`);

    // 1. Twenty readers scroll at once through the studies, each from its own starting study.
    console.log(`\nScrolling: ${READERS} readers for ${seconds} s through the gateway with the trail…`);
    const viewed = new Map<string, Set<string>>();
    const scrolling = newTally();
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
        `${scrolling.failures.size > 0 ? `; refused or failed: ${failureText(scrolling)}` : ''}`,
    );
    console.log(`Viewings (user × study): ${expected}; view records: ${recorded}; missing: ${missing}; doubled: ${doubled}; without patient: ${withoutPatient}`);
    const chain = await verifyTrail(database.db);
    console.log(`Trail chain: ${chain.ok ? `verifies (${chain.count} records)` : `BROKEN: ${chain.break.message}`}`);

    // 2. Trail on against off, on the same series, alternating which goes first.
    const series = studies[0]!;
    const onAgain = startAuditTrail(database.db, { retentionEveryMs: null });
    const tracedAgain = await createGateway({ config: testbed.config, db: database.db, audit: onAgain, credentials });
    benchReaders(tracedAgain);
    lifetime.closers.push(() => tracedAgain.close());
    lifetime.closers.push(() => onAgain.close().catch(() => undefined));
    const onOrigin = await listen(tracedAgain);
    console.log(`\nTrail on against off: ${READERS} readers × ${series.frames.length} frames of ${series.siteId}/${series.studyUid}, ${rounds} rounds each`);
    const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const measure = async (mode: 'on' | 'off', round: number) => {
      const tally = newTally();
      const begin = performance.now();
      await Promise.all(Array.from({ length: READERS }, (_, index) => scroll(mode === 'on' ? onOrigin : untracedOrigin, series, readerId(index, `${mode}-${round}`), tally)));
      const rate = tally.frames / ((performance.now() - begin) / 1000);
      rates[mode].push(rate);
      console.log(`  round ${round} trail ${mode.padEnd(3)}: ${tally.frames} frames, ${rate.toFixed(0)} frames/s${tally.failures.size > 0 ? ` (failures: ${failureText(tally)})` : ''}`);
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
