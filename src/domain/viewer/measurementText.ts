/**
 * The text beside a measurement, in the reader's language and number format: a length, an angle, or an
 * elliptical ROI's area and statistics in modality units (HU for CT after the Modality LUT, PS3.3 §C.11.1).
 */

/** What the elliptical ROI computes on its image (Cornerstone's cached statistics). */
export interface RoiStatistics {
  area?: number;
  areaUnit?: string;
  /** The ellipse is not in the image plane: no area can be given. */
  isEmptyArea?: boolean;
  mean?: number;
  stdDev?: number;
  min?: number;
  max?: number;
  modalityUnit?: string;
}

/** The words of the ROI text, in the UI language. */
export interface RoiLabels {
  area: string;
  obliqueArea: string;
  mean: string;
  stdDev: string;
  min: string;
  max: string;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A measured value with two decimals at most, in `locale` (`12,35` in French). */
export function formatMeasure(value: number, locale: string): string {
  return value.toLocaleString(locale, { maximumFractionDigits: 2, useGrouping: false });
}

function withUnit(value: number, unit: string | undefined, locale: string): string {
  return unit ? `${formatMeasure(value, locale)} ${unit}` : formatMeasure(value, locale);
}

/** The lines of an elliptical ROI: area, mean, standard deviation, minimum and maximum. */
export function roiTextLines(stats: RoiStatistics | undefined, labels: RoiLabels, locale: string): string[] {
  if (!stats) return [];
  const lines: string[] = [];
  if (stats.isEmptyArea) lines.push(labels.obliqueArea);
  else if (isNumber(stats.area)) lines.push(`${labels.area} ${withUnit(stats.area, stats.areaUnit, locale)}`);
  const { modalityUnit } = stats;
  if (isNumber(stats.mean)) lines.push(`${labels.mean} ${withUnit(stats.mean, modalityUnit, locale)}`);
  if (isNumber(stats.stdDev)) lines.push(`${labels.stdDev} ${withUnit(stats.stdDev, modalityUnit, locale)}`);
  if (isNumber(stats.min)) lines.push(`${labels.min} ${withUnit(stats.min, modalityUnit, locale)}`);
  if (isNumber(stats.max)) lines.push(`${labels.max} ${withUnit(stats.max, modalityUnit, locale)}`);
  return lines;
}

/** The line of a length measurement, or none while it has no length yet. */
export function lengthTextLines(length: number | undefined, unit: string | undefined, locale: string): string[] {
  return isNumber(length) ? [withUnit(length, unit, locale)] : [];
}

/** The line of an angle measurement, in degrees. */
export function angleTextLines(angle: number | undefined, locale: string): string[] {
  return isNumber(angle) ? [`${formatMeasure(angle, locale)}°`] : [];
}
