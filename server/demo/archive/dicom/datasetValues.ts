/**
 * Typed reads of element values from a data set in the DICOM JSON Model shape (PS3.18 §F.2).
 */
import type { DcmjsDataset } from './dcmjsApi.ts';

/** Binary VRs (PS3.5 Table 6.2-1) whose values are bytes rather than text or numbers. */
export const BINARY_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

export function values(dataset: DcmjsDataset, tag: string): unknown[] {
  return dataset[tag]?.Value ?? [];
}

/** First value as text: strings as they are, numbers in decimal, person names by their alphabetic group. */
export function firstString(dataset: DcmjsDataset, tag: string): string | undefined {
  const value = values(dataset, tag)[0];
  return valueAsText(value);
}

export function valueAsText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'Alphabetic' in value) {
    const alphabetic = (value as { Alphabetic?: unknown }).Alphabetic;
    return typeof alphabetic === 'string' ? alphabetic : undefined;
  }
  return undefined;
}

export function firstNumber(dataset: DcmjsDataset, tag: string): number | undefined {
  const value = values(dataset, tag)[0];
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

export function numbers(dataset: DcmjsDataset, tag: string): number[] {
  return values(dataset, tag)
    .map((value) => (typeof value === 'number' ? value : Number(value)))
    .filter((value) => Number.isFinite(value));
}
