/**
 * Unsupervised estimation of m, u and the match share by expectation–maximisation over the candidate pairs'
 * comparison patterns (Winkler 1988; as Splink does): nothing is known of which pair is one person.
 *
 * Patterns are counted first (5 fields of 5 levels: at most 3,125 patterns), so each iteration costs the number
 * of distinct patterns, not of pairs. Missing levels carry no information and are left out of a field's
 * probabilities. A small Dirichlet prior from the calibrated values keeps a level seen in no pair from a zero.
 */
import { fields, patternLevels, type Level } from './comparisonLevels.ts';
import { calibratedWeights, scoredLevels, type LevelProbabilities, type MatchWeights } from './fellegiSunter.ts';

export interface EstimateOptions {
  /** Starting values and prior; the calibrated ones by default. */
  start?: MatchWeights;
  iterations?: number;
  /** Pseudo-pairs of the prior per field (spread over levels by the starting values). */
  priorPairs?: number;
  /** Fewer candidate pairs than this and the starting values are kept. */
  minimumPairs?: number;
}

export interface Estimate {
  weights: MatchWeights;
  iterations: number;
  /** Why the calibrated values were kept, when they were. */
  fallback?: string;
}

type Scored = Exclude<Level, 'missing'>;

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

/** m, u and the match share estimated from counted comparison patterns (`patternCode` → number of pairs). */
export function estimateWeights(patterns: ReadonlyMap<number, number>, options: EstimateOptions = {}): Estimate {
  const start = options.start ?? calibratedWeights;
  const iterations = options.iterations ?? 50;
  const priorPairs = options.priorPairs ?? 20;
  const minimumPairs = options.minimumPairs ?? 500;
  const total = [...patterns.values()].reduce((sum, count) => sum + count, 0);
  if (total < minimumPairs) return { weights: start, iterations: 0, fallback: `${total} candidate pairs, fewer than ${minimumPairs}` };

  const decoded = [...patterns].map(([code, count]) => ({ levels: patternLevels(code), count }));
  let current = structuredClone(start.probabilities);
  let share = start.matchShare;
  let done = 0;
  for (; done < iterations; done++) {
    const next = blank();
    let matchPairs = 0;
    for (const { levels, count } of decoded) {
      let pm = share;
      let pu = 1 - share;
      levels.forEach((level, i) => {
        if (level === 'missing') return;
        const field = fields[i] as (typeof fields)[number];
        pm *= current[field][level].m;
        pu *= current[field][level].u;
      });
      const posterior = pm / (pm + pu);
      matchPairs += posterior * count;
      levels.forEach((level, i) => {
        if (level === 'missing') return;
        const cell = next[fields[i] as (typeof fields)[number]][level];
        cell.m += posterior * count;
        cell.u += (1 - posterior) * count;
      });
    }
    let change = Math.abs(matchPairs / total - share);
    share = Math.min(0.999, Math.max(0.001, matchPairs / total));
    for (const field of fields) {
      const mTotal = scoredLevels.reduce((sum, level) => sum + next[field][level].m, 0) + priorPairs;
      const uTotal = scoredLevels.reduce((sum, level) => sum + next[field][level].u, 0) + priorPairs;
      for (const level of scoredLevels as Scored[]) {
        const m = (next[field][level].m + priorPairs * start.probabilities[field][level].m) / mTotal;
        const u = (next[field][level].u + priorPairs * start.probabilities[field][level].u) / uTotal;
        change = Math.max(change, Math.abs(m - current[field][level].m), Math.abs(u - current[field][level].u));
        next[field][level] = { m, u };
      }
    }
    current = next;
    if (change < 1e-6) {
      done++;
      break;
    }
  }
  if (!sane(current)) return { weights: start, iterations: done, fallback: 'EM gave a field whose agreement is likelier among different people' };
  return { weights: { probabilities: current, matchShare: share, source: 'em' }, iterations: done };
}
