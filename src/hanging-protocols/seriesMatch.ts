/**
 * Choosing the series a display set shows: which image series satisfy a {@link SeriesSelector}, best first,
 * and, for a prior, which series is most like the current one (same modality, closest Slice Thickness
 * (0018,0050), same plane, similar Series Description).
 */
import type { SeriesSummary } from '../domain/viewer/seriesChoice.ts';
import { NON_IMAGE_MODALITIES } from './modalityFamily.ts';
import type { PlaneOrientation, SeriesSelector } from './protocolTypes.ts';
import { firstKeyword, foldedWords } from './textMatch.ts';

/** A series as the protocols see it: its summary, with its plane when the caller read it from the images. */
export interface ProtocolSeries extends SeriesSummary {
  orientation?: PlaneOrientation;
}

const CROSS_SECTIONAL = new Set(['CT', 'MR', 'PT', 'NM']);

/**
 * The slice thickness of a series: Slice Thickness when known, else a thickness written in its description
 * (`Thorax 2,5 mm injecté` → 2.5, `3mm` → 3).
 */
export function seriesThicknessMm(series: SeriesSummary): number | undefined {
  if (series.sliceThicknessMm !== undefined) return series.sliceThicknessMm;
  const match = /(\d+(?:[.,]\d+)?)\s*mm\b/i.exec(series.description);
  const value = match?.[1] === undefined ? NaN : Number(match[1].replace(',', '.'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Whether a series satisfies every criterion of a selector (unknown thickness and plane pass). */
export function seriesMatches(series: ProtocolSeries, selector: SeriesSelector): boolean {
  if (NON_IMAGE_MODALITIES.has(series.modality)) return false;
  if (selector.modality && !selector.modality.some((modality) => modality.toUpperCase() === series.modality)) return false;
  if (selector.keywords && firstKeyword(series.description, selector.keywords) === undefined) return false;
  if (selector.excludeKeywords && firstKeyword(series.description, selector.excludeKeywords) !== undefined) return false;
  if (selector.orientation && series.orientation && series.orientation !== selector.orientation) return false;
  if (selector.minImages !== undefined && series.instanceCount < selector.minImages) return false;
  const thickness = seriesThicknessMm(series);
  const range = selector.sliceThicknessMm;
  if (range && thickness !== undefined) {
    if (range.min !== undefined && thickness < range.min) return false;
    if (range.max !== undefined && thickness > range.max) return false;
  }
  return true;
}

/** How much a series looks like `reference`: modality, plane, thickness, description words in common. */
export function likeness(series: ProtocolSeries, reference: ProtocolSeries): number {
  let score = 0;
  if (series.modality === reference.modality) score += 100;
  if (series.orientation !== undefined && series.orientation === reference.orientation) score += 40;
  else if (series.orientation === 'axial' && reference.orientation === undefined) score += 20;
  const a = seriesThicknessMm(series);
  const b = seriesThicknessMm(reference);
  if (a !== undefined && b !== undefined) score += 30 / (1 + Math.abs(a - b));
  const words = new Set(foldedWords(reference.description).filter((word) => !/^\d+$/.test(word) && word !== 'MM'));
  score += 5 * foldedWords(series.description).filter((word) => words.has(word)).length;
  return score;
}

function defaultPreference(series: ProtocolSeries): number {
  return (CROSS_SECTIONAL.has(series.modality) ? 1_000_000 : 0) + (series.orientation === 'axial' ? 100_000 : 0) + series.instanceCount;
}

/**
 * The series satisfying `selector`, best first: the most like `reference` when one is given, otherwise
 * cross-sectional, axial and with most images first; ties by Series Number.
 */
export function rankSeries(series: readonly ProtocolSeries[], selector: SeriesSelector, reference?: ProtocolSeries): ProtocolSeries[] {
  const byNumber = (a: ProtocolSeries, b: ProtocolSeries) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER);
  const score = (candidate: ProtocolSeries) => (reference ? likeness(candidate, reference) : defaultPreference(candidate));
  return series.filter((candidate) => seriesMatches(candidate, selector)).sort((a, b) => score(b) - score(a) || byNumber(a, b));
}
