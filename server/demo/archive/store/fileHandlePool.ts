/**
 * Open file handles kept for reuse, least recently used closed first, so that a viewer scrolling through a series
 * reads each frame with one positional read and no open/close. A handle in use is never closed under a reader.
 */
import fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { ByteRange } from '../dicom/pixelDataLayout.ts';

interface Entry {
  handle: Promise<FileHandle>;
  users: number;
  evicted: boolean;
}

/** At most `maxOpen` files stay open (default 256: a long series scrolled end to end keeps its handles). */
export class FileHandlePool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly maxOpen = 256) {}

  /** Reads the concatenation of `ranges` of `file` into one buffer. */
  async read(file: string, ranges: readonly ByteRange[]): Promise<Buffer> {
    const total = ranges.reduce((sum, range) => sum + range.length, 0);
    const out = Buffer.allocUnsafe(total);
    await this.withHandle(file, async (handle) => {
      let at = 0;
      for (const range of ranges) {
        let done = 0;
        while (done < range.length) {
          const { bytesRead } = await handle.read(out, at + done, range.length - done, range.offset + done);
          if (bytesRead === 0) throw new Error(`${file} ended before byte ${range.offset + range.length}`);
          done += bytesRead;
        }
        at += range.length;
      }
    });
    return out;
  }

  private async withHandle<T>(file: string, use: (handle: FileHandle) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the file handle pool is closed');
    const entry = this.entries.get(file) ?? this.openEntry(file);
    this.entries.delete(file);
    this.entries.set(file, entry);
    entry.users += 1;
    this.evict();
    try {
      return await use(await entry.handle);
    } finally {
      entry.users -= 1;
      if (entry.evicted && entry.users === 0) await closeQuietly(entry);
    }
  }

  private openEntry(file: string): Entry {
    const entry: Entry = { handle: fs.open(file, 'r'), users: 0, evicted: false };
    // A file that fails to open is forgotten, so that a later request tries again.
    entry.handle.catch(() => {
      if (this.entries.get(file) === entry) this.entries.delete(file);
    });
    return entry;
  }

  private evict(): void {
    for (const [file, entry] of this.entries) {
      if (this.entries.size <= this.maxOpen) break;
      this.entries.delete(file);
      entry.evicted = true;
      if (entry.users === 0) void closeQuietly(entry);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) entry.evicted = true;
    await Promise.all(entries.filter((entry) => entry.users === 0).map(closeQuietly));
  }
}

async function closeQuietly(entry: Entry): Promise<void> {
  try {
    await (await entry.handle).close();
  } catch {
    // a handle that never opened, or is already closed
  }
}
