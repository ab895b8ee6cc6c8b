/**
 * The on-disk cache of generated studies. A cache is valid when its `manifest.json` has the current generator
 * version and options and every file it lists exists. A new cache is built in a sibling temporary directory
 * and moved into place with renames, so an interrupted run never leaves a partial cache behind.
 */
import { access, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export const manifestFileName = 'manifest.json';

interface ManifestShape {
  generatorVersion: number;
  sliceScale?: number;
  files: { path: string }[];
}

function isManifestShape(value: unknown): value is ManifestShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ManifestShape>;
  return typeof candidate.generatorVersion === 'number' && Array.isArray(candidate.files)
    && candidate.files.every((file: unknown) => typeof file === 'object' && file !== null && typeof (file as { path?: unknown }).path === 'string');
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The manifest in `dir` if the cache there is complete and matches `expected`, else undefined. */
export async function readValidManifest<T extends ManifestShape>(dir: string, expected: { generatorVersion: number; sliceScale: number }): Promise<T | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.join(dir, manifestFileName), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isManifestShape(parsed)) return undefined;
  if (parsed.generatorVersion !== expected.generatorVersion || (parsed.sliceScale ?? 1) !== expected.sliceScale) return undefined;
  const present = await Promise.all(parsed.files.map((file) => exists(path.join(dir, file.path))));
  return present.every(Boolean) ? (parsed as T) : undefined;
}

function siblingName(dir: string, kind: 'partial' | 'stale', pid: number): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}.${kind}-${pid}`);
}

/** The temporary directory this process builds a new cache for `dir` in. */
export function partialDirectory(dir: string): string {
  return siblingName(dir, 'partial', process.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary siblings of `dir` left by processes that no longer run. */
export async function removeAbandonedSiblings(dir: string): Promise<void> {
  const prefix = `.${path.basename(dir)}.`;
  let names: string[];
  try {
    names = await readdir(path.dirname(dir));
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(partial|stale)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    const pid = match?.[2] ? Number(match[2]) : undefined;
    if (pid !== undefined && pid !== process.pid && !processAlive(pid)) {
      await rm(path.join(path.dirname(dir), name), { recursive: true, force: true });
    }
  }
}

/**
 * Moves the finished `partial` directory to `dir`, replacing any previous cache there. If another process
 * installed a valid cache first, keeps that one and discards `partial`; returns whether `partial` was installed.
 */
export async function installDirectory(partial: string, dir: string, isValid: () => Promise<boolean>): Promise<boolean> {
  const stale = siblingName(dir, 'stale', process.pid);
  if (await exists(dir)) {
    if (await isValid()) {
      await rm(partial, { recursive: true, force: true });
      return false;
    }
    await rm(stale, { recursive: true, force: true });
    await rename(dir, stale);
  }
  try {
    await rename(partial, dir);
  } catch (error) {
    if (!(await isValid())) throw error;
    await rm(partial, { recursive: true, force: true });
    return false;
  } finally {
    await rm(stale, { recursive: true, force: true });
  }
  return true;
}
