/**
 * Builds the browser app when `dist/` is missing or older than its sources, so that `npm start` works on a
 * fresh clone. A deployment that ships a built `dist/` never builds.
 */
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'build', 'package.json'];

/** The newest modification time of a file or of anything under a folder (0 when absent). */
export function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function isBuildStale(root: string, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = fs.existsSync(path.join(root, 'src')) ? Math.max(...SOURCES.map((name) => newestMtime(path.join(root, name)))) : 0;
  return sources > fs.statSync(index).mtimeMs;
}

export async function ensureBuilt(root: string, distDir: string, log: (line: string) => void): Promise<void> {
  if (!isBuildStale(root, distDir)) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error(`the app is not built (${distDir}) and Vite is not installed: run "npm ci" first`);
  }
  const started = Date.now();
  log('Building the app…');
  await vite.build({ root, logLevel: 'warn', configFile: path.join(root, 'vite.config.ts') });
  log(`Built the app in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
