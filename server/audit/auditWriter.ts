/**
 * Writes the audit trail off the request path: `record()` only queues, and the queue is written every `flushMs` or
 * as soon as `maxBatch` records wait, one batch at a time (so that each batch chains from the one before it and the
 * chain never forks), each batch in one transaction by `append`.
 *
 * When a write fails, the writer turns unhealthy: the gateway then refuses new views rather than serve them untraced.
 * The failed records stay queued and are written again on the next tick, in order; the first write that succeeds makes
 * the writer healthy again. Past `maxQueue` waiting records, `record()` refuses (returns false) instead of growing.
 */
import type { AuditFields } from './auditRecord.ts';

export interface AuditWriterOptions {
  /** Writes one batch, in order, in one transaction; rejects if nothing of it was written. */
  append(batch: readonly AuditFields[]): Promise<void>;
  flushMs?: number;
  maxBatch?: number;
  maxQueue?: number;
  /** Told of each failed write (for the server's log); the writer carries on. */
  onError?(error: unknown): void;
}

export interface AuditWriter {
  /** Queues a record; false when the trail cannot take it (the caller must then refuse what it was about to serve). */
  record(fields: AuditFields): boolean;
  /** False from a failed write until a write succeeds again. */
  isHealthy(): boolean;
  /** Writes what is queued now; resolves when it is written, rejects if it could not be. */
  flush(): Promise<void>;
  /** Writes what is queued and stops the timer. */
  close(): Promise<void>;
}

export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const flushMs = options.flushMs ?? 200;
  const maxBatch = options.maxBatch ?? 500;
  const maxQueue = options.maxQueue ?? 50_000;
  const queue: AuditFields[] = [];
  let healthy = true;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const writeQueued = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      try {
        await options.append(batch);
      } catch (error) {
        healthy = false;
        options.onError?.(error);
        throw error;
      }
      queue.splice(0, batch.length);
      healthy = true;
    }
  };
  /** Batches are written one after the other: a flush waits for the one in progress. */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const next = writing.catch(() => undefined).then(writeQueued);
    writing = next;
    next.catch(() => schedule());
    return next;
  };
  const schedule = () => {
    if (timer || closed || queue.length === 0) return;
    timer = setTimeout(() => void flush().catch(() => undefined), flushMs);
    timer.unref?.();
  };

  return {
    record(fields) {
      if (closed || queue.length >= maxQueue) {
        healthy = false;
        return false;
      }
      queue.push(fields);
      if (queue.length >= maxBatch) void flush().catch(() => undefined);
      else schedule();
      return true;
    },
    isHealthy: () => healthy && !closed,
    flush,
    async close() {
      closed = true;
      await flush();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
