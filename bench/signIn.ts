/**
 * Sign-in and audit benchmark: does a gateway with sign-in and the audit trail stream a series' frames as fast as
 * one with neither?
 *
 * Real parts throughout: the test bed (two Orthanc archives with the demo studies, the chu one behind HTTP Basic,
 * PostgreSQL), the demo's OpenID provider (oidc-provider), and gateways in this process on the test bed's
 * configuration: one with `auth` (sessions in the test bed's database) and the audit trail writing into it, one
 * with neither (the local user of a loopback deployment). The user `radiologue` signs in through the provider's
 * form (authorization code flow with PKCE, as a browser goes through it), which gives the session cookie the
 * fetchers send.
 *
 * Then `--fetchers` (default 6, a browser's connections per host) pull every frame of the demo's chu CT (its
 * largest series, 120 slices, `transfer-syntax=*`) `--passes` times (default 3) through each gateway in turn, for
 * `--rounds` rounds (default 5) in rotating order after one warm-up round each; frames per second of each, their
 * medians and ratio (target ≥ 0.95). A third gateway, sign-in on and the trail off (the same session: they share the
 * database), says which of the two costs what. The trail is then read back: the user's views must be there.
 *
 *   npm run bench:sign-in [-- --rounds N] [-- --passes N] [-- --fetchers N]
 *
 * Exits 0 when the ratio holds and every frame was served, 1 when not, 2 on an error.
 */
import os from 'node:os';
import path from 'node:path';
import { startTestbed } from '../scripts/testbed/startTestbed.ts';
import { startAuditTrail } from '../server/audit/startAuditTrail.ts';
import { browserLikeClient, signInAtDemoProvider } from '../server/auth/testing/browserLikeClient.ts';
import { searchRecords } from '../server/db/auditRecordStore.ts';
import { openDatabase } from '../server/db/openDatabase.ts';
import { demoSite } from '../server/demo/demoSites.ts';
import { demoRolesConfig } from '../server/demo/idp/demoUsers.ts';
import { PASSERELLE_CLIENT_ID, startDemoIdp } from '../server/demo/idp/startDemoIdp.ts';
import { createGateway } from '../server/gateway/createGateway.ts';
import { startBenchLifetime } from './shared/benchLifetime.ts';
import { watchCpu } from './shared/cpuBusy.ts';
import { median } from './shared/median.ts';
import { projectRoot as root } from './shared/projectRoot.ts';
import { runBench } from './shared/runBench.ts';
import { failureText, fetchSeries, imageSeries, newTally } from './shared/seriesFrames.ts';
import { table } from './shared/table.ts';
import { listenOnLoopback, positiveOption, testbedArchives, testbedCredentials } from './shared/testbedAccess.ts';

const TARGET_RATIO = 0.95;
const USER = 'radiologue';
/** Named in the configuration as `auth` requires; the secret itself is handed to the gateway in this process. */
const SECRET_ENV = 'PASSERELLE_BENCH_OIDC_SECRET';

/** Both on, sign-in alone (the trail off: where the cost lies when there is one), both off. */
type Mode = 'on' | 'sign-in' | 'off';
const MODES: readonly Mode[] = ['off', 'sign-in', 'on'];
const MODE_NAMES: Record<Mode, string> = { on: 'sign-in and audit on', 'sign-in': 'sign-in on, audit off', off: 'sign-in and audit off' };

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');

async function main(): Promise<number> {
  const rounds = positiveOption('rounds', 5);
  const passes = positiveOption('passes', 3);
  const fetchers = positiveOption('fetchers', 6);
  const lifetime = startBenchLifetime(20 * 60_000);
  const { closers } = lifetime;
  try {
    const testbed = await startTestbed({ cacheDir: path.join(root, '.cache', 'demo'), log: (line) => console.log(line) });
    closers.push(() => testbed.stop());
    const database = await openDatabase({ kind: 'server', url: testbed.database.appUrl });
    closers.push(() => database.close());
    const audit = startAuditTrail(database.db, { retentionEveryMs: null });
    closers.push(() => audit.close().catch(() => undefined));
    const idp = await startDemoIdp();
    closers.push(() => idp.close());

    const credentials = testbedCredentials(testbed);
    const signInConfig = { ...testbed.config, auth: { issuer: idp.issuer, clientId: PASSERELLE_CLIENT_ID, clientSecretEnv: SECRET_ENV, roles: demoRolesConfig } };
    const signedGateway = await createGateway({ config: signInConfig, db: database.db, audit, credentials, clientSecret: idp.clientSecret });
    const untracedGateway = await createGateway({ config: signInConfig, db: database.db, credentials, clientSecret: idp.clientSecret });
    const openGateway = await createGateway({ config: { ...testbed.config, database: undefined }, credentials });
    closers.push(() => signedGateway.close(), () => untracedGateway.close(), () => openGateway.close());
    const origins: Record<Mode, string> = { on: await listenOnLoopback(signedGateway), 'sign-in': await listenOnLoopback(untracedGateway), off: await listenOnLoopback(openGateway) };
    idp.allowGateway([origins.on]);

    // A real sign-in through the provider's page; the session cookie is all the fetchers carry.
    const client = browserLikeClient();
    const landed = await signInAtDemoProvider(client, `${origins.on}/auth/login?return=/`, USER);
    const session = await client.request(`${origins.on}/auth/session`);
    const who = session.ok ? ((await session.json()) as { id: string; roles: string[] }) : undefined;
    const cookie = client.cookies(origins.on).get('passerelle-session');
    if (!who || !cookie) throw new Error(`sign-in as ${USER} failed: landed on ${landed.url} (HTTP ${landed.response.status}), /auth/session HTTP ${session.status}`);
    console.log(`\nSigned in at ${idp.issuer} as ${who.id} (${who.roles.join(', ')}) on the gateway with sign-in and audit, ${origins.on}`);
    // Sessions live in the shared database: the same cookie opens the session on the second gateway with sign-in.
    const headers: Record<Mode, Record<string, string>> = { on: { cookie: `passerelle-session=${cookie}` }, 'sign-in': { cookie: `passerelle-session=${cookie}` }, off: {} };

    const chu = demoSite('chu');
    const series = (await imageSeries(testbedArchives(testbed))).find((candidate) => candidate.siteId === chu.id);
    if (!series) throw new Error(`no image series of ${chu.id} in the test bed`);
    // Sign-in is really on: the same frame without the cookie is refused.
    const anonymous = await fetch(`${origins.on}${series.frames[0]}`);
    await anonymous.arrayBuffer();
    if (anonymous.status !== 401) throw new Error(`a frame without a session answered HTTP ${anonymous.status}, not 401: sign-in is not on`);

    console.log(
      `\nSign-in and audit on against both off: ${fetchers} fetchers × ${series.frames.length} frames of ${series.siteId}/${series.studyUid} × ${passes} passes, ` +
        `${rounds} rounds each after a warm-up; ${os.cpus().length} CPU cores, load average ${loadAverage()}`,
    );
    const rates: Record<Mode, number[]> = { on: [], 'sign-in': [], off: [] };
    let failed = 0;
    const measure = async (mode: Mode, round: number) => {
      const tally = newTally();
      const begin = performance.now();
      for (let pass = 0; pass < passes; pass += 1) await fetchSeries(origins[mode], series, headers[mode], tally, fetchers);
      const rate = tally.frames / ((performance.now() - begin) / 1000);
      if (round > 0) {
        rates[mode].push(rate);
        failed += [...tally.failures.values()].reduce((sum, count) => sum + count, 0);
      }
      console.log(`  ${round === 0 ? 'warm-up' : `round ${round}`} ${MODE_NAMES[mode].padEnd(21)}: ${tally.frames} frames, ${(tally.bytes / 2 ** 20).toFixed(0)} MiB, ${rate.toFixed(0)} frames/s${tally.failures.size > 0 ? ` (failures: ${failureText(tally)})` : ''}`);
    };
    for (const mode of MODES) await measure(mode, 0);
    const cpu = watchCpu();
    for (let round = 1; round <= rounds; round += 1) {
      // Each gateway first, middle and last in turn.
      const order = MODES.map((_, index) => MODES[(index + round) % MODES.length]!);
      for (const mode of order) await measure(mode, round);
    }
    const busyCores = cpu.stop();

    await audit.close();
    const views = (await searchRecords(database.db, { userId: USER, limit: 1000 })).filter((record) => record.action === 'study-view' && record.studyUid === series.studyUid && record.outcome === 'success');

    const ratio = median(rates.on) / median(rates.off);
    const pass = ratio >= TARGET_RATIO && failed === 0 && views.length > 0;
    console.log(
      `\n${table([
        ['gateway', 'median frames/s', 'rounds'],
        ...MODES.map((mode) => [MODE_NAMES[mode], median(rates[mode]).toFixed(0), rates[mode].map((rate) => rate.toFixed(0)).join(' ')]),
      ])}`,
    );
    console.log(`\nRatio on / off: ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO}); sign-in alone / off: ${(median(rates['sign-in']) / median(rates.off)).toFixed(3)}; failed frames: ${failed}`);
    console.log(`Audit trail: ${views.length} view record(s) of ${series.studyUid} by ${USER} (at least one expected, one per viewing)`);
    console.log(`Cores busy during the rounds (whole machine, of ${os.cpus().length}): ${busyCores.toFixed(2)}; load average at the end ${loadAverage()}`);
    console.log(pass ? '\nbench: the target holds' : '\nbench: target missed');
    return pass ? 0 : 1;
  } finally {
    await lifetime.end();
  }
}

runBench(main);
