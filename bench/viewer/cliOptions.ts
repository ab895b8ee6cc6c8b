import type { ViewerName } from './viewerTypes.ts';

export interface ViewerBenchOptions {
  runs: number;
  only: ViewerName | undefined;
  wheelIntervalMs: number;
  /** Passerelle with sign-in (`--sign-in`): the demo's provider, each context signed in before it is measured. */
  signIn: boolean;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** `--runs N` (default 5), `--only passerelle|ohif`, `--wheel-ms` (default 4), `--sign-in`. */
export function viewerBenchOptions(): ViewerBenchOptions {
  const runs = Number(argValue('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error('--runs must be a whole number from 1 to 20');
  const only = argValue('--only') as ViewerName | undefined;
  if (only !== undefined && only !== 'passerelle' && only !== 'ohif') throw new Error('--only must be passerelle or ohif');
  const wheelIntervalMs = Number(argValue('--wheel-ms') ?? 4);
  if (!(wheelIntervalMs >= 1 && wheelIntervalMs <= 100)) throw new Error('--wheel-ms must be from 1 to 100');
  return { runs, only, wheelIntervalMs, signIn: process.argv.includes('--sign-in') };
}
