/**
 * Identity matching benchmark: a synthetic population of `--people` (default 20,000) across three sites, with the
 * error model of bench/identity/population.ts, matched by server/identity/matching and by a rules-only baseline
 * (exact normalised family name + first given name + birth date + sex) in the same run.
 *
 * Figures are pairwise against the truth, which only this bench knows: a pair is linked when the matcher puts both
 * records in one person. Prints the weights EM found, the blocking's pairs, and a table of targets.
 *
 *   npm run bench:identity [-- --people N] [-- --seed N]
 *
 * Exits 0 when every target is met, 1 when one is missed, 2 on an error.
 */
import { fields } from '../server/identity/matching/comparisonLevels.ts';
import { levelWeight, scoredLevels } from '../server/identity/matching/fellegiSunter.ts';
import { matchRecords } from '../server/identity/matching/matchRecords.ts';
import type { RecordId } from '../server/identity/matching/patientRecord.ts';
import { evaluate, type Figures } from './identity/evaluate.ts';
import { defaultErrorModel, generatePeople, generateRecords } from './identity/population.ts';
import { seededRandom } from './identity/random.ts';
import { rulesBaseline } from './identity/rulesBaseline.ts';
import { runBench } from './shared/runBench.ts';
import { table } from './shared/table.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const ratio = (value: number) => value.toFixed(4);
const count = (value: number) => value.toLocaleString('en-GB');

async function main(): Promise<number> {
  const peopleCount = option('people', 20_000);
  const seed = option('seed', 13);
  const random = seededRandom(seed);
  const people = generatePeople(random, peopleCount);
  const truth = generateRecords(random, people);
  const records = truth.map(({ record }) => record);
  const twins = people.filter((person) => person.twinOf !== undefined).length;
  const withIns = records.filter((record) => record.ins).length;
  const recordsOf = new Map<number, number>();
  for (const { personId } of truth) recordsOf.set(personId, (recordsOf.get(personId) ?? 0) + 1);
  const twinRecordPairs = people.reduce((sum, p) => sum + (p.twinOf !== undefined && p.twinOf > p.id ? (recordsOf.get(p.id) ?? 0) * (recordsOf.get(p.twinOf) ?? 0) : 0), 0);
  console.log(`population: ${count(people.length)} people (${count(twins)} twins: ${count(twinRecordPairs)} pairs of twins' records), ${count(records.length)} records at 3 sites, ${count(withIns)} carrying an INS (seed ${seed})`);
  console.log(`error model: ${Object.entries(defaultErrorModel).map(([name, rate]) => `${name} ${rate}`).join(', ')}`);

  const started = performance.now();
  const result = matchRecords({ records });
  const matchMs = performance.now() - started;
  console.log(`matcher: ${(matchMs / 1000).toFixed(2)} s, ${count(Math.round(records.length / (matchMs / 1000)))} records/s, ${count(result.candidatePairs)} candidate pairs`);
  console.log(`blocking, new pairs by rule: ${Object.entries(result.newPairsByRule).map(([rule, n]) => `${rule} ${count(n)}`).join('; ')}`);
  const oversized = Object.entries(result.oversizedBlocks).filter(([, n]) => n > 0);
  if (oversized.length > 0) console.log(`blocks left out as oversized: ${oversized.map(([rule, n]) => `${rule} ${n}`).join('; ')}`);
  const { weights, iterations, fallback } = result.estimate;
  console.log(`weights: ${weights.source}${fallback ? ` (${fallback})` : ''}, ${iterations} EM iterations, match share λ = ${weights.matchShare.toFixed(4)}`);
  console.log(
    table([
      ['field', ...scoredLevels.map((level) => `${level} m / u / w`)],
      ...fields.map((field) => [
        field,
        ...scoredLevels.map((level) => {
          const { m, u } = weights.probabilities[field][level];
          return `${m.toFixed(4)} / ${u.toFixed(4)} / ${levelWeight(weights, field, level).toFixed(2)}`;
        }),
      ]),
    ]),
  );
  const byRule = new Map<string, number>();
  for (const decision of result.decisions) {
    const key = `${decision.outcome} by ${decision.reasons[0]?.rule ?? '?'}`;
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  console.log(`decisions: ${[...byRule].sort().map(([key, n]) => `${key} ${count(n)}`).join('; ')}`);

  const reviewPairs = result.decisions.filter((d) => d.outcome === 'review').map((d) => [d.a, d.b] as [RecordId, RecordId]);
  const matcher = evaluate(truth, people, result.persons.map((person) => person.records), reviewPairs);
  const baselineStarted = performance.now();
  const baselineGroups = rulesBaseline(records);
  const baselineMs = performance.now() - baselineStarted;
  const baseline = evaluate(truth, people, baselineGroups, []);
  console.log(`true pairs ${count(matcher.truePairs)}; matcher linked ${count(matcher.linkedPairs)} (${count(matcher.correctLinks)} right); baseline linked ${count(baseline.linkedPairs)} (${count(baseline.correctLinks)} right) in ${baselineMs.toFixed(0)} ms`);

  const rows: { measure: string; value: (f: Figures) => string; target: string; met: (f: Figures) => boolean }[] = [
    { measure: 'automatic links: precision', value: (f) => ratio(f.precision), target: '≥ 0.999', met: (f) => f.precision >= 0.999 },
    { measure: 'automatic links: recall', value: (f) => ratio(f.recall), target: '≥ 0.90', met: (f) => f.recall >= 0.9 },
    { measure: 'false links among twins', value: (f) => String(f.twinFalseLinks), target: '0', met: (f) => f.twinFalseLinks === 0 },
    { measure: 'false links, different INS', value: (f) => String(f.differentInsFalseLinks), target: '0', met: (f) => f.differentInsFalseLinks === 0 },
    { measure: 'true pairs linked or in review', value: (f) => ratio(f.foundShare), target: '≥ 0.99', met: (f) => f.foundShare >= 0.99 },
    { measure: 'review queue: possible matches per record', value: (f) => ratio(f.reviewShare), target: '≤ 0.05', met: (f) => f.reviewShare <= 0.05 },
  ];
  console.log('');
  console.log(
    table([
      ['measure', 'matcher', 'rules-only baseline', 'target', 'matcher'],
      ...rows.map((row) => [row.measure, row.value(matcher), row.value(baseline), row.target, row.met(matcher) ? 'met' : 'missed']),
    ]),
  );
  console.log(`records that appear in the review queue: ${ratio(matcher.reviewRecordShare)} of all records (no target)`);
  return rows.every((row) => row.met(matcher)) ? 0 : 1;
}

runBench(main);
