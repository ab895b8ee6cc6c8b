/**
 * Random access to a file through one reusable read window, so that walking the elements of a Part 10 file reads
 * only the bytes it looks at (the header, then a few bytes per pixel data fragment) rather than the whole file.
 */
import fs from 'node:fs';

export class SyncFileWindow {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
    /** Bytes read at least on each miss. */
    private readonly chunk = 64 * 1024,
  ) {}

  static open(file: string): SyncFileWindow {
    const fd = fs.openSync(file, 'r');
    try {
      return new SyncFileWindow(fd, fs.fstatSync(fd).size);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** A view of `length` bytes at `offset`, valid until the next call; throws past the end of the file. */
  view(offset: number, length: number, readAhead = this.chunk): Buffer {
    if (offset < 0 || offset + length > this.size) {
      throw new RangeError(`read of ${length} bytes at ${offset} goes past the end of the file (${this.size} bytes)`);
    }
    const windowEnd = this.windowStart + this.window.length;
    if (offset < this.windowStart || offset + length > windowEnd) {
      const wanted = Math.min(Math.max(length, readAhead), this.size - offset);
      const buffer = Buffer.allocUnsafe(wanted);
      let filled = 0;
      while (filled < wanted) {
        const read = fs.readSync(this.fd, buffer, filled, wanted - filled, offset + filled);
        if (read === 0) throw new RangeError(`file ended at ${offset + filled}, before its reported size`);
        filled += read;
      }
      this.window = buffer;
      this.windowStart = offset;
    }
    return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
  }

  /** A copy of `length` bytes at `offset`, as a standalone ArrayBuffer. */
  copy(offset: number, length: number): ArrayBuffer {
    const out = new ArrayBuffer(length);
    const target = new Uint8Array(out);
    let done = 0;
    while (done < length) {
      const part = Math.min(length - done, 1 << 24);
      target.set(this.view(offset + done, part, part), done);
      done += part;
    }
    return out;
  }
}
