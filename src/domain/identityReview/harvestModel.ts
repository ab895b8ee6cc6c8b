/**
 * The harvest's progress as the page reads it (`GET /identity/harvest`, identity officers only): per site its state,
 * studies read, patients learnt, watermark (the latest Study Date read, DICOM DA), last run, last success and the
 * error in words. Parsed with zod, shown as text; and what the page polls on: a run under way is asked about every
 * second, an idle harvest not at all.
 */
import { z } from '../zod.ts';
import { formatDicomDateText } from '../dicom/dicomDate.ts';

export const HARVEST_STATES = ['never', 'waiting', 'running', 'done', 'failed'] as const;
export type HarvestState = (typeof HARVEST_STATES)[number];

const siteHarvestSchema = z.object({
  siteId: z.string(),
  state: z.enum(HARVEST_STATES),
  studiesRead: z.number(),
  patientsLearnt: z.number(),
  watermark: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type SiteHarvest = z.infer<typeof siteHarvestSchema>;

const harvestProgressSchema = z.object({ running: z.boolean(), sites: z.array(siteHarvestSchema) });
export type HarvestProgress = z.infer<typeof harvestProgressSchema>;

/** The answer of `GET` or `POST /identity/harvest` (the POST's `started` is left aside). */
export const parseHarvestProgress = (input: unknown): HarvestProgress => harvestProgressSchema.parse(input);

/** How often the page asks while a run is under way. */
export const HARVEST_POLL_MS = 1000;

/** The polling interval for what the page knows: every second while a run is under way, none when idle or unknown. */
export function harvestPollInterval(progress: HarvestProgress | null | undefined): number | false {
  return progress?.running ? HARVEST_POLL_MS : false;
}

/** A watermark (DA, `YYYYMMDD`) as a date in `locale`; `''` when there is none or it is not a date. */
export function watermarkText(watermark: string | null, locale: string): string {
  return watermark === null ? '' : formatDicomDateText(watermark, locale);
}

/** An instant (ISO 8601) as date and time in `locale`; `''` when there is none or it is not an instant. */
export function instantText(iso: string | null, locale: string): string {
  if (iso === null) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(time);
  } catch {
    return new Date(time).toISOString();
  }
}
