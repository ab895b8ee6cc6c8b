/**
 * Patient banner colours for the tumour board: each distinct person (patient group key, never a name or a
 * Patient ID, which two people can share) gets a distinct colour from a fixed palette of distinct hues, each
 * with a text colour that reaches the WCAG 2.1 contrast ratio of 4.5:1 (success criterion 1.4.3). Past the
 * palette, colours repeat but a pattern and the patient's number still tell two people apart.
 */
import type { PatientKey } from '../dicom/patientKey.ts';

/** One palette entry: the banner's background and the text colour drawn on it. */
export interface BannerSwatch {
  background: string;
  text: string;
}

/** Distinct hues, ordered so that neighbours differ most. */
export const BANNER_PALETTE: readonly BannerSwatch[] = [
  { background: '#0b4f9c', text: '#ffffff' },
  { background: '#ffd43b', text: '#1a1a1a' },
  { background: '#b71c1c', text: '#ffffff' },
  { background: '#2b7a3b', text: '#ffffff' },
  { background: '#6a1b9a', text: '#ffffff' },
  { background: '#e8590c', text: '#1a1a1a' },
  { background: '#0b7285', text: '#ffffff' },
  { background: '#a61e6e', text: '#ffffff' },
];

/** The marks laid over a repeated colour: `solid` while the palette lasts, then these. */
export const BANNER_PATTERNS = ['solid', 'stripes', 'dots', 'checks'] as const;
export type BannerPattern = (typeof BANNER_PATTERNS)[number];

/** A patient's banner: colour, pattern and number (1-based, in order of first appearance on the board). */
export interface PatientBannerStyle extends BannerSwatch {
  number: number;
  pattern: BannerPattern;
}

/**
 * One style per distinct patient key, in order of first appearance in `keys`. Two different keys get two
 * different colours while the palette lasts, and always two different numbers; past the palette, a colour's
 * second use carries a pattern its first use does not. The same keys in the same order always give the same
 * styles, so a presenter's window and a follower's agree.
 */
export function assignBannerStyles(keys: readonly PatientKey[]): Map<PatientKey, PatientBannerStyle> {
  const styles = new Map<PatientKey, PatientBannerStyle>();
  for (const key of keys) {
    if (styles.has(key)) continue;
    const ordinal = styles.size;
    const swatch = BANNER_PALETTE[ordinal % BANNER_PALETTE.length] ?? { background: '#0b4f9c', text: '#ffffff' };
    const cycle = Math.floor(ordinal / BANNER_PALETTE.length);
    const pattern = BANNER_PATTERNS[cycle % BANNER_PATTERNS.length] ?? 'solid';
    styles.set(key, { ...swatch, number: ordinal + 1, pattern });
  }
  return styles;
}

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1, definition of relative luminance). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => channel(parseInt(part ?? '0', 16)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** Contrast ratio of two colours, from 1 to 21 (WCAG 2.1, definition of contrast ratio). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Hue of a `#rrggbb` colour in degrees (0–360). */
export function hueOf(hex: string): number {
  const value = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((part) => part / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  if (delta === 0) return 0;
  const hue = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return (hue * 60 + 360) % 360;
}
