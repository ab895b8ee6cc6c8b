import fs from 'node:fs';
import path from 'node:path';
import { projectRoot as root } from '../shared/projectRoot.ts';
import { isBuildStale, newestMtime } from '../../server/ensureBuilt.ts';

// Passerelle: a private copy of the app as it is when the bench starts, so that a rebuild of the project's dist/
// during the bench cannot pull its files away from a running page.

const SNAPSHOT_ENTRIES = ['server', 'src', 'public', 'index.html', 'vite.config.ts', 'build', 'package.json', 'tsconfig.json', 'tsconfig.node.json'];

export function snapshotPasserelle(target: string): string {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of SNAPSHOT_ENTRIES) {
    const source = path.join(root, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(target, entry), { recursive: true, preserveTimestamps: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  const dist = path.join(root, 'dist');
  // A built dist/ newer than its sources and not being written right now is copied; otherwise the gateway builds
  // its own at start.
  if (!isBuildStale(root, dist) && Date.now() - newestMtime(dist) > 5000) {
    fs.cpSync(dist, path.join(target, 'dist'), { recursive: true, preserveTimestamps: true });
  } else {
    console.log('Passerelle: dist/ is missing, older than its sources or being written; the bench copy builds its own');
  }
  return target;
}
