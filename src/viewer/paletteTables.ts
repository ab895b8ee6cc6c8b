/**
 * PALETTE COLOR images whose colour tables the archive sent as bulk data or inline binary (Orthanc does): the
 * tables are fetched through the site's same-origin root (never the host the archive wrote) and written into the
 * metadata as values, which is where the image loader reads them. A table that cannot be fetched leaves the
 * instance as it was: its frames then show the loader's own failure, not someone else's colours.
 */
import { getBulkData } from '../adapters/getBulkData.ts';
import type { PublicSite } from '../domain/config/publicConfig.ts';
import type { DicomJsonDataset } from '../domain/dicom/dicomJson.ts';
import type { SeriesUid, StudyUid } from '../domain/dicom/identifiers.ts';
import { resolveBulkDataUri } from '../domain/reports/encapsulatedDocument.ts';
import { missingLutSources, withLutValues } from '../domain/viewer/paletteLut.ts';
import type { StackFrame } from '../domain/viewer/stackFrames.ts';

async function tableBytes(url: string, site: PublicSite, signal: AbortSignal): Promise<Uint8Array | undefined> {
  return getBulkData(url, { deadlineMs: site.timeoutMs, signal, maxBytes: MAX_TABLE_BYTES }).catch(() => undefined);
}

/** A colour table has at most 65,536 entries of 2 bytes. */
const MAX_TABLE_BYTES = 2 * 65536 + 1024;

export async function withPaletteTables(
  site: PublicSite,
  series: { studyUid: StudyUid; seriesUid: SeriesUid },
  frames: StackFrame[],
  signal: AbortSignal,
): Promise<StackFrame[]> {
  const filled = new Map<DicomJsonDataset, DicomJsonDataset>();
  for (const frame of frames) {
    if (filled.has(frame.instance)) continue;
    const sources = missingLutSources(frame.instance);
    if (sources.length === 0) continue;
    const tables = new Map<string, Uint8Array>();
    for (const source of sources) {
      if (source.kind === 'inline') {
        tables.set(source.tag, source.bytes);
        continue;
      }
      const url = resolveBulkDataUri(source.uri, site.dicomweb, { ...series, sopInstanceUid: frame.sopInstanceUid });
      const bytes = url ? await tableBytes(url, site, signal) : undefined;
      if (bytes) tables.set(source.tag, bytes);
    }
    filled.set(frame.instance, withLutValues(frame.instance, tables));
  }
  if (filled.size === 0) return frames;
  return frames.map((frame) => ({ ...frame, instance: filled.get(frame.instance) ?? frame.instance }));
}
