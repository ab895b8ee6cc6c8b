/**
 * From stored values to 8-bit display values (PS3.3 §C.11 and PS3.18 §8.3.5.1): the Modality LUT as Rescale Slope
 * and Intercept (§C.11.1.1.2), then the VOI LUT as the first Window Center/Width of the header, or the one asked
 * with the `window` parameter (§C.11.2.1.2.1, LINEAR), or the values' range when there is none; MONOCHROME1 is
 * inverted. Colour images are clamped to 0–255. Then scaled to fit the viewport (PS3.18 §8.3.5.1.2).
 */
import type { DcmjsDataset } from '../dicom/dcmjsApi.ts';
import { firstNumber, firstString } from '../dicom/datasetValues.ts';
import type { DecodedFrame } from './decodeFrame.ts';

export interface DisplayImage {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: Uint8Array;
}

export interface VoiWindow {
  center: number;
  width: number;
}

function windowFromHeader(dataset: DcmjsDataset): VoiWindow | undefined {
  const center = firstNumber(dataset, '00281050');
  const width = firstNumber(dataset, '00281051');
  return center !== undefined && width !== undefined && width >= 1 ? { center, width } : undefined;
}

function grayscale(frame: DecodedFrame, dataset: DcmjsDataset, requested: VoiWindow | undefined): Uint8Array {
  const slope = firstNumber(dataset, '00281053') ?? 1;
  const intercept = firstNumber(dataset, '00281052') ?? 0;
  const count = frame.rows * frame.columns;
  const modality = new Float32Array(count);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index += 1) {
    const value = (frame.values[index] ?? 0) * slope + intercept;
    modality[index] = value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const window = requested ?? windowFromHeader(dataset) ?? { center: (min + max) / 2 + 0.5, width: Math.max(1, max - min + 1) };
  const low = window.center - 0.5 - (window.width - 1) / 2;
  const high = window.center - 0.5 + (window.width - 1) / 2;
  const invert = (firstString(dataset, '00280004') ?? '').trim() === 'MONOCHROME1';
  const out = new Uint8Array(count);
  for (let index = 0; index < count; index += 1) {
    const value = modality[index] ?? 0;
    let display: number;
    if (value <= low) display = 0;
    else if (value > high) display = 255;
    else display = ((value - (window.center - 0.5)) / Math.max(window.width - 1, 1) + 0.5) * 255;
    const byte = Math.round(Math.min(255, Math.max(0, display)));
    out[index] = invert ? 255 - byte : byte;
  }
  return out;
}

function color(frame: DecodedFrame, dataset: DcmjsDataset): Uint8Array {
  const bitsStored = firstNumber(dataset, '00280101') ?? 8;
  const scale = bitsStored > 8 ? 255 / (2 ** bitsStored - 1) : 1;
  return Uint8Array.from(frame.values, (value) => Math.round(Math.min(255, Math.max(0, value * scale))));
}

/**
 * Fits `image` into `maxWidth` × `maxHeight`, keeping its aspect: box average when shrinking, nearest when
 * enlarging (unless `enlarge` is false, as for thumbnails).
 */
export function fitToViewport(image: DisplayImage, maxWidth: number, maxHeight: number, enlarge = true): DisplayImage {
  const fit = Math.min(maxWidth / image.width, maxHeight / image.height);
  const scale = enlarge ? fit : Math.min(1, fit);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  if (width === image.width && height === image.height) return image;
  const { channels } = image;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      for (let c = 0; c < channels; c += 1) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy += 1) for (let sx = x0; sx < x1; sx += 1) sum += image.pixels[(sy * image.width + sx) * channels + c] ?? 0;
        pixels[(y * width + x) * channels + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return { width, height, channels, pixels };
}

export function toDisplayImage(frame: DecodedFrame, dataset: DcmjsDataset, window?: VoiWindow): DisplayImage {
  const pixels = frame.samples === 1 ? grayscale(frame, dataset, window) : color(frame, dataset);
  return { width: frame.columns, height: frame.rows, channels: frame.samples, pixels };
}
