/**
 * What every route of the demo archive works from: the index of the files, the pool of open file handles that
 * frames are read through, and the cache of rendered images.
 */
import type { LruCache } from './store/lruCache.ts';
import type { ArchiveIndex } from './store/archiveIndex.ts';
import type { FileHandlePool } from './store/fileHandlePool.ts';

export interface ArchiveContext {
  index: ArchiveIndex;
  files: FileHandlePool;
  /** Rendered PNGs by instance, frame and viewport. */
  rendered: LruCache<string, Buffer>;
}
