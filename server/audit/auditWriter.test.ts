/**
 * The writer's queueing and health, with `append` a plain function that keeps what it is given (the writing itself
 * is tested against PostgreSQL in auditTrail.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { auditFields, type AuditFields } from './auditRecord.ts';
import { createAuditWriter } from './auditWriter.ts';

const entry = (index: number): AuditFields =>
  auditFields({ recordedAt: new Date(Date.UTC(2026, 2, 1, 8, 0, index)), action: 'search', outcome: 'success', detail: { index } });
const indexes = (batches: readonly (readonly AuditFields[])[]) => batches.map((batch) => batch.map((fields) => fields.detail.index));

describe('the batched audit writer', () => {
  it('returns at once and writes the queue later, in one batch', async () => {
    const written: AuditFields[][] = [];
    const writer = createAuditWriter({ append: async (batch) => void written.push([...batch]), flushMs: 20 });
    expect(writer.record(entry(1))).toBe(true);
    expect(writer.record(entry(2))).toBe(true);
    expect(written).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(indexes(written)).toEqual([[1, 2]]);
    await writer.close();
  });

  it('writes as soon as a batch is full, and never two batches at once', async () => {
    const written: AuditFields[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const writer = createAuditWriter({
      append: async (batch) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        written.push([...batch]);
        inFlight -= 1;
      },
      flushMs: 10_000,
      maxBatch: 2,
    });
    for (let index = 1; index <= 5; index += 1) writer.record(entry(index));
    await writer.close();
    expect(indexes(written).flat()).toEqual([1, 2, 3, 4, 5]);
    expect(written.every((batch) => batch.length <= 2)).toBe(true);
    expect(mostInFlight).toBe(1);
  });

  it('turns unhealthy when a write fails, keeps the records, and heals when a write succeeds', async () => {
    const written: AuditFields[][] = [];
    const errors: unknown[] = [];
    let failing = true;
    const writer = createAuditWriter({
      append: async (batch) => {
        if (failing) throw new Error('database unreachable');
        written.push([...batch]);
      },
      flushMs: 10,
      onError: (error) => errors.push(error),
    });
    writer.record(entry(1));
    await expect(writer.flush()).rejects.toThrow('database unreachable');
    expect(writer.isHealthy()).toBe(false);
    writer.record(entry(2));
    failing = false;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writer.isHealthy()).toBe(true);
    expect(indexes(written).flat()).toEqual([1, 2]);
    expect(errors.length).toBeGreaterThan(0);
    await writer.close();
  });

  it('refuses records past its bound rather than grow without end', async () => {
    const writer = createAuditWriter({ append: () => Promise.reject(new Error('down')), flushMs: 10_000, maxQueue: 2, maxBatch: 10 });
    expect(writer.record(entry(1))).toBe(true);
    expect(writer.record(entry(2))).toBe(true);
    expect(writer.record(entry(3))).toBe(false);
    expect(writer.isHealthy()).toBe(false);
  });
});
