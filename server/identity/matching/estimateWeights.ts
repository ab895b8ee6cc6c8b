/**
 * Unsupervised estimation of the weights, the way Splink does it: nothing is known of which pair is one person.
 * - u, each level's probability among different people, from pairs of records drawn at random across sites: nearly
 *   all are different people, and unlike candidate pairs they were not chosen for agreeing on something.
 * - m, each level's probability among one person's records, by expectation–maximisation (Winkler 1988) over the
 *   comparison patterns of the pairs of one blocking rule at a time, u held at its sampled values. Within a rule's
 *   pairs the fields its keys are made of agree by construction and say nothing: they are left out of that session,
 *   and a field's m is the pair-weighted mean over the sessions that did not block on it.
 * - the match share of candidate pairs: the sessions' shares, weighted by their pairs (a pass over all candidates
 *   would count the blocked fields' built-in agreement as evidence).
 *
 * Patterns are counted first (5 fields of 5 levels: at most 3,125 patterns), so an iteration costs the number of
 * distinct patterns, not of pairs. Missing levels carry no information and are left out. A small Dirichlet prior
 * from the calibrated values keeps a level seen in no pair from a zero. When there are too few pairs, or the result
 * says agreement is likelier among different people, the calibrated values stay.
 */
import { fields, patternLevels, type ComparisonVector, type Field, type Level } from './comparisonLevels.ts';
import { calibratedWeights, scoredLevels, type LevelProbabilities, type MatchWeights } from './fellegiSunter.ts';

type Scored = Exclude<Level, 'missing'>;

/** One EM session: the pattern counts of one blocking rule's pairs, and the fields that rule blocks on. */
export interface Session {
  name: string;
  /** `patternCode` → number of pairs. */
  patterns: ReadonlyMap<number, number>;
  blockedFields: readonly Field[];
}

export interface EstimateOptions {
  /** Starting values and prior; the calibrated ones by default. */
  start?: MatchWeights;
  iterations?: number;
  /** Pseudo-pairs of the prior per field (spread over levels by the starting values). */
  priorPairs?: number;
  /** A session with fewer pairs than this estimates nothing. */
  minimumPairs?: number;
}

export interface Estimate {
  weights: MatchWeights;
  /** EM iterations, summed over the sessions. */
  iterations: number;
  /** Pairs per session that estimated something. */
  sessions: Record<string, number>;
  /** Why the calibrated values were kept, where they were. */
  fallback?: string;
}

function blank(): LevelProbabilities {
  const out = {} as LevelProbabilities;
  for (const field of fields) {
    out[field] = { exact: { m: 0, u: 0 }, normalised: { m: 0, u: 0 }, close: { m: 0, u: 0 }, different: { m: 0, u: 0 } };
  }
  return out;
}

/** Whether every field still says more agreement is more likely among one person's records. */
function sane(probabilities: LevelProbabilities): boolean {
  return fields.every((field) => {
    const { exact, different } = probabilities[field];
    return exact.m > exact.u && different.m < different.u;
  });
}

/** The patterns' counts with some fields' levels set to missing. */
function masked(patterns: ReadonlyMap<number, number>, blocked: readonly Field[]): { levels: Level[]; count: number }[] {
  return [...patterns].map(([code, count]) => ({
    levels: patternLevels(code).map((level, i) => (blocked.includes(fields[i] as Field) ? 'missing' : level)),
    count,
  }));
}

function posterior(levelsOfPair: Level[], probabilities: LevelProbabilities, share: number): number {
  let pm = share;
  let pu = 1 - share;
  levelsOfPair.forEach((level, i) => {
    if (level === 'missing') return;
    const cell = probabilities[fields[i] as Field][level];
    pm *= cell.m;
    pu *= cell.u;
  });
  return pm / (pm + pu);
}

/** EM for m and the match share, u fixed. */
function runEm(
  decoded: { levels: Level[]; count: number }[],
  start: MatchWeights,
  u: LevelProbabilities,
  iterations: number,
  priorPairs: number,
): { probabilities: LevelProbabilities; share: number; iterations: number } {
  const total = decoded.reduce((sum, { count }) => sum + count, 0);
  let current = structuredClone(start.probabilities);
  for (const field of fields) for (const level of scoredLevels) current[field][level].u = u[field][level].u;
  let share = start.matchShare;
  let done = 0;
  while (done < iterations) {
    done++;
    const next = blank();
    let matchPairs = 0;
    for (const { levels: pairLevels, count } of decoded) {
      const p = posterior(pairLevels, current, share);
      matchPairs += p * count;
      pairLevels.forEach((level, i) => {
        if (level !== 'missing') next[fields[i] as Field][level].m += p * count;
      });
    }
    let change = Math.abs(matchPairs / total - share);
    share = Math.min(0.999, Math.max(0.001, matchPairs / total));
    for (const field of fields) {
      const mTotal = scoredLevels.reduce((sum, level) => sum + next[field][level].m, 0) + priorPairs;
      for (const level of scoredLevels as Scored[]) {
        const m = (next[field][level].m + priorPairs * start.probabilities[field][level].m) / mTotal;
        change = Math.max(change, Math.abs(m - current[field][level].m));
        next[field][level] = { m, u: u[field][level].u };
      }
    }
    current = next;
    if (change < 1e-6) break;
  }
  return { probabilities: current, share, iterations: done };
}

/**
 * u of each level from random pairs' comparison vectors (missing left out), with one pseudo-pair per field spread by
 * the calibrated values so that no level has a zero.
 */
export function estimateU(vectors: Iterable<ComparisonVector>, start: MatchWeights = calibratedWeights): LevelProbabilities {
  const counts = blank();
  for (const vector of vectors) {
    for (const field of fields) {
      const level = vector[field].level;
      if (level !== 'missing') counts[field][level].u += 1;
    }
  }
  const out = structuredClone(start.probabilities);
  for (const field of fields) {
    const total = scoredLevels.reduce((sum, level) => sum + counts[field][level].u, 0) + 1;
    for (const level of scoredLevels) out[field][level].u = (counts[field][level].u + start.probabilities[field][level].u) / total;
  }
  return out;
}

/** m, u and the match share: u as given (from `estimateU`), m by EM session by session, the share over all candidates. */
export function estimateWeights(
  sessions: readonly Session[],
  u: LevelProbabilities,
  options: EstimateOptions = {},
): Estimate {
  const start = options.start ?? calibratedWeights;
  const iterations = options.iterations ?? 100;
  const priorPairs = options.priorPairs ?? 20;
  const minimumPairs = options.minimumPairs ?? 200;

  const sums = blank();
  const pairsPerField = Object.fromEntries(fields.map((field) => [field, 0])) as Record<Field, number>;
  const used: Record<string, number> = {};
  let totalIterations = 0;
  let sharePairs = 0;
  let sessionPairs = 0;
  for (const session of sessions) {
    const decoded = masked(session.patterns, session.blockedFields);
    const total = decoded.reduce((sum, { count }) => sum + count, 0);
    if (total < minimumPairs) continue;
    const result = runEm(decoded, start, u, iterations, priorPairs);
    totalIterations += result.iterations;
    used[session.name] = total;
    sharePairs += result.share * total;
    sessionPairs += total;
    for (const field of fields) {
      if (session.blockedFields.includes(field)) continue;
      pairsPerField[field] += total;
      for (const level of scoredLevels) sums[field][level].m += result.probabilities[field][level].m * total;
    }
  }

  if (Object.keys(used).length === 0) {
    return { weights: start, iterations: 0, sessions: used, fallback: `no blocking rule gave ${minimumPairs} pairs or more` };
  }
  const probabilities = structuredClone(start.probabilities);
  const missingFields: Field[] = [];
  for (const field of fields) {
    for (const level of scoredLevels) probabilities[field][level].u = u[field][level].u;
    if (pairsPerField[field] === 0) {
      missingFields.push(field);
      continue;
    }
    for (const level of scoredLevels) probabilities[field][level].m = sums[field][level].m / pairsPerField[field];
  }
  if (!sane(probabilities)) {
    return { weights: start, iterations: totalIterations, sessions: used, fallback: 'EM gave a field whose agreement is likelier among different people' };
  }

  const share = sharePairs / sessionPairs;
  return {
    weights: { probabilities, matchShare: Math.min(0.999, Math.max(0.001, share)), source: 'em' },
    iterations: totalIterations,
    sessions: used,
    ...(missingFields.length > 0 ? { fallback: `calibrated m kept for ${missingFields.join(', ')} (no session left them free)` } : {}),
  };
}
