import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileHandlePool } from './fileHandlePool.ts';

describe('FileHandlePool', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-pool-'));
  const files = Array.from({ length: 5 }, (_, index) => {
    const file = path.join(dir, `f${index}`);
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 256 }, (_, at) => (at + index) % 256)));
    return file;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads and joins byte ranges', async () => {
    const pool = new FileHandlePool(2);
    const bytes = await pool.read(files[0] ?? '', [{ offset: 10, length: 3 }, { offset: 200, length: 2 }]);
    expect([...bytes]).toEqual([10, 11, 12, 200, 201]);
    await pool.close();
  });

  it('keeps reading correctly while handles are evicted under concurrent use', async () => {
    const pool = new FileHandlePool(2);
    const reads = Array.from({ length: 50 }, (_, index) => {
      const which = index % files.length;
      return pool.read(files[which] ?? '', [{ offset: index, length: 4 }]).then((bytes) => ({ which, index, bytes }));
    });
    for (const { which, index, bytes } of await Promise.all(reads)) {
      expect([...bytes]).toEqual([0, 1, 2, 3].map((k) => (index + k + which) % 256));
    }
    await pool.close();
  });

  it('fails clearly past the end of a file and for a missing file', async () => {
    const pool = new FileHandlePool();
    await expect(pool.read(files[0] ?? '', [{ offset: 250, length: 10 }])).rejects.toThrow(/ended/);
    await expect(pool.read(path.join(dir, 'missing'), [{ offset: 0, length: 1 }])).rejects.toThrow();
    await pool.close();
    await expect(pool.read(files[0] ?? '', [{ offset: 0, length: 1 }])).rejects.toThrow(/closed/);
  });
});
