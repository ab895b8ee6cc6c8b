/**
 * The corpus gallery's pixel check: the viewport's canvas is read back (drawn into a 2D canvas, shrunk to at most
 * {@link READ_SIZE} pixels a side, as luminance), the image's fitted rectangle is cut out of it (from rows, columns
 * and pixel aspect: the stack viewport fits the whole image, centred, before any zoom) and reduced to the same
 * grid as the file's reference rendering, and the two are compared by Spearman rank correlation, which no VOI
 * window changes. Without a reference, a weaker check: a real picture inside the rectangle, nothing outside it.
 */
import type { Locator } from '@playwright/test';
import type { CorpusFile } from '../../scripts/testbed/dicomCorpus.ts';
import { crop, downsample, fittedRect, gridSize, spearman, variance, varianceOutside, type LuminanceImage, type Rect } from '../../scripts/testbed/imageComparison.ts';

/** The longest side of the canvas as read back. */
const READ_SIZE = 480;
/**
 * Rank correlation with the reference at least this. Calibrated on the corpus: right pictures reach 0.87 to 1.00,
 * but for ExplVR_BigEnd.dcm (0.80: a mostly uniform yellow field, whose near-equal cells rank at random); wrong
 * ones stayed at 0.45 and below (16-bit RGB RLE 0.18, sign-wrapped JPEG 2000 -0.71).
 */
export const MIN_CORRELATION = 0.7;
/** Grid variance (8-bit luminance²) at least this: not a blank picture. */
export const MIN_VARIANCE = 4;
/** A reference grid whose standard deviation is under this fraction of its brightest cell is near-uniform. */
const FLAT_REFERENCE = 0.02;
/** A near-uniform picture must stand at least this many grey levels off the background. */
const MIN_CONTRAST = 20;

/** The verdict on the picture: `ok` with what was measured, or why not. */
export interface PixelVerdict {
  ok: boolean;
  detail: string;
}

/** The first canvas of a viewport as luminance, shrunk to at most READ_SIZE a side, with the canvas's own size. */
async function readCanvas(viewport: Locator): Promise<{ image: LuminanceImage; canvasWidth: number; canvasHeight: number }> {
  const read = await viewport.locator('canvas').first().evaluate((canvas: HTMLCanvasElement, most: number) => {
    const scale = Math.min(1, most / Math.max(canvas.width, canvas.height));
    const width = Math.max(1, Math.round(canvas.width * scale));
    const height = Math.max(1, Math.round(canvas.height * scale));
    const copy = document.createElement('canvas');
    copy.width = width;
    copy.height = height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    const luminance = new Uint8Array(width * height);
    for (let i = 0; i < luminance.length; i++) luminance[i] = Math.round(0.299 * data[4 * i]! + 0.587 * data[4 * i + 1]! + 0.114 * data[4 * i + 2]!);
    let text = '';
    for (let i = 0; i < luminance.length; i += 0x8000) text += String.fromCharCode(...luminance.subarray(i, i + 0x8000));
    return { width, height, base64: btoa(text), canvasWidth: canvas.width, canvasHeight: canvas.height };
  }, READ_SIZE);
  const values = Uint8Array.from(Buffer.from(read.base64, 'base64'));
  return { image: { width: read.width, height: read.height, values }, canvasWidth: read.canvasWidth, canvasHeight: read.canvasHeight };
}

/** Mean of the picture inside `rect` less the mean outside it: how far the drawn image stands out of the background. */
function contrastWithBackground(image: LuminanceImage, rect: Rect): number {
  const inside = crop(image, rect, 1).values;
  let total = 0;
  for (let i = 0; i < image.values.length; i++) total += image.values[i]!;
  const insideTotal = Array.from(inside).reduce((sum, value) => sum + value, 0);
  const outsideCount = image.values.length - inside.length;
  return insideTotal / inside.length - (outsideCount > 0 ? (total - insideTotal) / outsideCount : 0);
}

/**
 * Checks the picture of `viewport` against `file`'s reference frame `frameIndex` (the displayed image's index;
 * the last frame when the reference has fewer). `useReference` false (a reference known to be wrong) takes the
 * weaker check. A near-uniform reference (a white page with specks) has no ranks worth correlating: the picture
 * must then stand out of the background, drawn in its rectangle.
 */
export async function checkPixels(viewport: Locator, file: CorpusFile, frameIndex: number, useReference = true): Promise<PixelVerdict> {
  const rows = file.rows ?? 0;
  const columns = file.columns ?? 0;
  if (!rows || !columns) return { ok: false, detail: 'the file has no Rows and Columns' };
  const { image } = await readCanvas(viewport);
  const rect = fittedRect(image.width, image.height, columns, rows, file.pixelAspect);
  const inset = Math.min(1, rect.width / 8, rect.height / 8);
  const reference = file.reference;
  if ('failure' in reference || !useReference) {
    const grid = gridSize(rows, columns);
    const cells = downsample(crop(image, rect, inset), grid.width, grid.height);
    const inside = variance(cells);
    const outside = varianceOutside(image, rect, 2);
    const why = 'failure' in reference ? reference.failure.slice(0, 80) : 'the reference is known wrong for this file';
    const detail = `no reference (${why}): variance inside ${inside.toFixed(1)}, outside ${outside.toFixed(1)}`;
    return { ok: inside >= MIN_VARIANCE && outside < 1, detail };
  }
  const cells = downsample(crop(image, rect, inset), reference.width, reference.height);
  const frame = reference.frames[Math.min(frameIndex, reference.frames.length - 1)]!;
  const referenceSpread = Math.sqrt(variance(frame)) / Math.max(1, ...frame);
  if (referenceSpread < FLAT_REFERENCE) {
    const contrast = contrastWithBackground(image, rect);
    const detail = `near-uniform reference (relative spread ${referenceSpread.toFixed(3)}): drawn ${contrast.toFixed(1)} grey levels off the background`;
    return { ok: Math.abs(contrast) >= MIN_CONTRAST && varianceOutside(image, rect, 2) < 1, detail };
  }
  const rho = spearman(cells, frame);
  const spread = variance(cells);
  const others = reference.frames.length > 1 ? `, best frame ${Math.max(...reference.frames.map((other) => spearman(cells, other))).toFixed(2)}` : '';
  const detail = `Spearman ${rho.toFixed(2)} with ${reference.tool} frame ${Math.min(frameIndex, reference.frames.length - 1)}${others}, variance ${spread.toFixed(1)}`;
  return { ok: rho >= MIN_CORRELATION && spread >= MIN_VARIANCE, detail };
}
