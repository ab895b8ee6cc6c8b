/**
 * The audit trail as the gateway will use it: one object that records views (once per viewing), searches, look-ups
 * and refusals through the batched writer, says whether the trail can take more (when it cannot, the gateway refuses
 * new views), and runs retention once at start and then daily.
 */
import type { AppDatabase } from '../db/databaseSchema.ts';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../src/domain/config/runtimeConfig.ts';
import { auditFields, type AuditEntry } from './auditRecord.ts';
import { appendToTrail } from './auditTrail.ts';
import { createAuditWriter } from './auditWriter.ts';
import { applyRetention } from './retention.ts';
import { createViewCoalescer } from './viewCoalescing.ts';

export interface StudyView {
  at: Date;
  user: { id: string; name?: string; roles?: readonly string[]; organisation?: string };
  clientAddress?: string;
  siteId: string;
  studyUid: string;
  /** The archive's own Patient ID of the study, with its issuer and identifier system, resolved by the server. */
  patient?: { id: string; issuer?: string; system?: string };
}

export interface AuditTrail {
  /** Records a successful access to a study's images, once per viewing. False: the trail cannot take it, refuse the view. */
  recordView(view: StudyView): boolean;
  /** Records anything else (a search, a look-up, a refusal), every time. False: the trail cannot take it. */
  record(entry: AuditEntry): boolean;
  isHealthy(): boolean;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

export function startAuditTrail(
  db: AppDatabase,
  options: { retentionDays?: number; retentionEveryMs?: number | null; viewingWindowMs?: number; flushMs?: number; log?: (line: string) => void } = {},
): AuditTrail {
  const log = options.log ?? (() => undefined);
  const writer = createAuditWriter({
    append: async (batch) => void (await appendToTrail(db, batch)),
    ...(options.flushMs !== undefined ? { flushMs: options.flushMs } : {}),
    onError: (error) => log(`audit trail: cannot write (${(error as Error).message}); new views are refused until it can`),
  });
  const viewings = createViewCoalescer(options.viewingWindowMs !== undefined ? { windowMs: options.viewingWindowMs } : {});
  const retentionDays = options.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  const retain = () =>
    applyRetention(db, { retentionDays, now: new Date() }).then(
      ({ deletedCount }) => deletedCount > 0 && log(`audit trail: retention removed ${deletedCount} records older than ${retentionDays} days`),
      (error: unknown) => log(`audit trail: retention failed (${(error as Error).message})`),
    );
  const everyMs = options.retentionEveryMs === undefined ? DAY_MS : options.retentionEveryMs;
  let timer: ReturnType<typeof setInterval> | undefined;
  let retaining: Promise<unknown> = Promise.resolve();
  if (everyMs !== null) {
    retaining = retain();
    timer = setInterval(() => (retaining = retain()), everyMs);
    timer.unref?.();
  }

  return {
    recordView(view) {
      // Checked first: a viewing must not be marked open by an access that was never recorded.
      if (!writer.isHealthy()) return false;
      if (!viewings.opensViewing({ userId: view.user.id, siteId: view.siteId, studyUid: view.studyUid, at: view.at })) return true;
      return writer.record(
        auditFields({
          recordedAt: view.at,
          user: view.user,
          ...(view.clientAddress !== undefined ? { clientAddress: view.clientAddress } : {}),
          action: 'study-view',
          outcome: 'success',
          siteId: view.siteId,
          studyUid: view.studyUid,
          ...(view.patient ? { patient: view.patient } : {}),
        }),
      );
    },
    record: (entry) => writer.record(auditFields(entry)),
    isHealthy: () => writer.isHealthy(),
    async close() {
      if (timer) clearInterval(timer);
      await retaining;
      await writer.close();
    },
  };
}
