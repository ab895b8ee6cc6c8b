/**
 * Identity manager throughput: the bench population (bench/identity/population.ts) fed through the manager
 * (server/identity/identityManager.ts, the same `feed` the ITI-104 route calls, with its matching), then ITI-83
 * cross-references (`crossReference`, what the PIXm route answers) at 50 in flight.
 * Once on the embedded PGlite and once on a real PostgreSQL server (Debian's, started on loopback), in the same run.
 *
 * With `--clients N`, N feeding systems each send their next ITI-104 feed when the last is answered (feeds that
 * arrive together share a transaction). With `--batch N`, N records per `feedMany` transaction (the harvest's path:
 * a page of studies at a time).
 *
 *   npm run bench:identity:feed [-- --people N] [-- --seed N] [-- --queries N] [-- --clients N | --batch N]
 *
 * Targets: ≥ 500 records/s fed, PIXm p95 ≤ 20 ms at 50 concurrent queries. Exits 1 when one is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../scripts/testbed/testDatabase.ts';
import { startPostgres } from '../scripts/testbed/startPostgres.ts';
import { openDatabase, type OpenDatabase } from '../server/db/openDatabase.ts';
import { createIdentityManager } from '../server/identity/identityManager.ts';
import type { PatientRecord } from '../server/identity/matching/patientRecord.ts';
import type { RecordTraits, Sex } from '../server/identity/patientTraits.ts';
import { generatePeople, generateRecords, sites } from './identity/population.ts';
import { seededRandom } from './identity/random.ts';
import { runBench } from './shared/runBench.ts';
import { table } from './shared/table.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const sexOf: Record<PatientRecord['sex'], Sex> = { M: 'male', F: 'female', O: 'other', U: 'unknown' };

function traitsOf(record: PatientRecord): RecordTraits {
  const given = record.firstGivenName && record.givenNames[0] !== record.firstGivenName ? [record.firstGivenName, ...record.givenNames] : [...record.givenNames];
  return {
    birthName: record.birthFamilyName ?? null,
    usedName: record.usedFamilyName ?? null,
    givenNames: given,
    birthDate: record.birthDate ?? null,
    sex: sexOf[record.sex],
    ins: record.ins ? { system: record.ins.system, value: record.ins.value } : null,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface Figures {
  database: string;
  records: number;
  feedSeconds: number;
  recordsPerSecond: number;
  persons: number;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
}

async function measure(label: string, handle: OpenDatabase, records: readonly PatientRecord[], queries: number, batch: number, clients: number): Promise<Figures> {
  const manager = createIdentityManager({ db: handle.db, sites: sites.map((site, index) => ({ id: `site-${index + 1}`, patientIdSystem: site.system })) });
  const started = performance.now();
  let lastReport = started;
  let fed = 0;
  const report = () => {
    if (performance.now() - lastReport < 10_000) return;
    lastReport = performance.now();
    console.log(`  ${label}: ${fed} records fed, ${Math.round(fed / ((lastReport - started) / 1000))} records/s`);
  };
  if (batch > 1) {
    for (let index = 0; index < records.length; index += batch) {
      const slice = records.slice(index, index + batch);
      await manager.feedMany(slice.map((record) => ({ identifier: { system: record.system, value: record.value }, traits: traitsOf(record) })), 'bench-feed');
      fed += slice.length;
      report();
    }
  } else {
    // `clients` feeding systems, each sending its next ITI-104 feed when the last one is answered.
    let next = 0;
    const client = async () => {
      while (next < records.length) {
        const record = records[next++] as PatientRecord;
        await manager.feed({ system: record.system, value: record.value }, traitsOf(record), 'bench-feed');
        fed++;
        report();
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
  }
  const feedSeconds = (performance.now() - started) / 1000;

  // As the gateway does at start: the look-ups below measure a running manager, not the first read of its table.
  const warmStarted = performance.now();
  await manager.warm();
  console.log(`  ${label}: cross-reference table read in ${Math.round(performance.now() - warmStarted)} ms`);

  // 50 in flight, each a PIXm cross-reference of a record drawn in a fixed order across the population.
  const latencies: number[] = [];
  const targets = sites.map((site) => site.system);
  let nextQuery = 0;
  const personIds = new Set<string>();
  const worker = async () => {
    while (nextQuery < queries) {
      const record = records[(nextQuery++ * 7919) % records.length] as PatientRecord;
      const source = { system: record.system, value: record.value };
      const t0 = performance.now();
      const answer = await manager.crossReference(source, targets.filter((system) => system !== record.system));
      latencies.push(performance.now() - t0);
      if (!answer.ok) throw new Error(`PIXm answered ${answer.status} for ${record.system}|${record.value}`);
      for (const id of answer.personIds) personIds.add(id);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  latencies.sort((a, b) => a - b);
  return {
    database: label,
    records: records.length,
    feedSeconds,
    recordsPerSecond: records.length / feedSeconds,
    persons: personIds.size,
    queries,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function main(): Promise<number> {
  const peopleCount = option('people', 10_000);
  const seed = option('seed', 13);
  const queries = option('queries', 5_000);
  const batch = option('batch', 1);
  const clients = option('clients', 1);
  const random = seededRandom(seed);
  const records = generateRecords(random, generatePeople(random, peopleCount)).map(({ record }) => record);
  console.log(`population: ${peopleCount} people, ${records.length} records at 3 sites (seed ${seed}), ${batch === 1 ? `ITI-104 feeds from ${clients} feeding client${clients === 1 ? '' : 's'} in flight` : `${batch} feeds per transaction (feedMany, the harvest's path)`}; load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}, ${os.cpus().length} CPUs`);

  const results: Figures[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-feed-bench-'));
  const embedded = await openDatabase({ kind: 'embedded', dataDir });
  try {
    results.push(await measure('embedded PGlite', embedded, records, queries, batch, clients));
  } finally {
    await embedded.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const server = await startPostgres();
  try {
    const database = await createTestDatabase(server.adminUrl, 'identity_feed_bench');
    const handle = await openDatabase({ kind: 'server', url: database.appUrl });
    try {
      results.push(await measure('PostgreSQL server', handle, records, queries, batch, clients));
    } finally {
      await handle.close();
      await database.drop();
    }
  } finally {
    await server.stop();
  }

  const met = (f: Figures) => f.recordsPerSecond >= 500 && f.p95 <= 20;
  console.log('');
  console.log(
    table([
      ['database', 'records fed', 'seconds', 'records/s (≥ 500)', 'PIXm queries at 50 in flight', 'p50 ms', 'p95 ms (≤ 20)', 'p99 ms', 'targets'],
      ...results.map((f) => [f.database, String(f.records), f.feedSeconds.toFixed(1), f.recordsPerSecond.toFixed(0), String(f.queries), f.p50.toFixed(1), f.p95.toFixed(1), f.p99.toFixed(1), met(f) ? 'met' : 'missed']),
    ]),
  );
  console.log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  return results.every(met) ? 0 : 1;
}

runBench(main);
