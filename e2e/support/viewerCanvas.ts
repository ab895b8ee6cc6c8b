/**
 * What the viewer specs read of a viewport: opening a study on it, and its canvas read back — how many grey levels
 * it shows and a coarse fingerprint of the picture, to tell a real image from a blank one and two images apart.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ExpectedStudy } from './demoData.ts';
import { gatewayUrl } from './testbedInfo.ts';

export interface OpenedViewer {
  /** The first viewport, `[data-viewport-index="0"]`. */
  viewport: Locator;
  /** Console errors (CSP violations included) and uncaught exceptions since the page opened. */
  errors: string[];
  /** Uncaught exceptions alone. */
  pageErrors: string[];
}

/** Opens the viewer on a study (`query`: display choices such as `?protocol=single-study`) and waits for the first viewport's first image. */
export async function openViewer(page: Page, study: ExpectedStudy, query = ''): Promise<OpenedViewer> {
  const errors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => {
    errors.push(error.message);
    pageErrors.push(error.message);
  });
  await page.goto(`${gatewayUrl()}/viewer/${study.siteId}/${study.uid}${query}`);
  const viewport = page.locator('[data-testid=viewport][data-viewport-index="0"]');
  await expect(viewport).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(viewport).toHaveAttribute('data-study-uid', study.uid);
  await expect(viewport).toHaveAttribute('data-site-id', study.siteId);
  return { viewport, errors, pageErrors };
}

export interface CanvasSample {
  distinct: number;
  /** A coarse fingerprint of the picture: mean grey of an 8 × 8 grid. */
  grid: number[];
}

/** Reads the viewport's canvas back. */
export async function sampleCanvas(viewport: Locator): Promise<CanvasSample> {
  return viewport.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (!context) throw new Error('no 2D context');
    context.drawImage(canvas, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height);
    const levels = new Set<number>();
    const sums = new Array<number>(64).fill(0);
    const counts = new Array<number>(64).fill(0);
    for (let y = 0; y < height; y += 2) {
      for (let x = 0; x < width; x += 2) {
        const grey = data[(y * width + x) * 4] ?? 0;
        levels.add(grey);
        const cell = Math.min(7, Math.floor((y * 8) / height)) * 8 + Math.min(7, Math.floor((x * 8) / width));
        sums[cell] = (sums[cell] ?? 0) + grey;
        counts[cell] = (counts[cell] ?? 0) + 1;
      }
    }
    return { distinct: levels.size, grid: sums.map((sum, index) => Math.round(sum / Math.max(1, counts[index] ?? 1))) };
  });
}

/** How far apart two pictures are (sum of the grid's grey differences). */
export function difference(a: CanvasSample, b: CanvasSample): number {
  return a.grid.reduce((total, value, index) => total + Math.abs(value - (b.grid[index] ?? 0)), 0);
}

/** Polls the canvas until it shows a real picture (the first frame may still be compositing). */
export async function expectPicture(viewport: Locator): Promise<CanvasSample> {
  let sample: CanvasSample | undefined;
  await expect
    .poll(async () => {
      sample = await sampleCanvas(viewport);
      return sample.distinct;
    })
    .toBeGreaterThan(20);
  if (!sample) throw new Error('no canvas sample');
  return sample;
}

/** The z (mm) of a viewport's `data-image-position` (`x\y\z`, contract §4). */
export function zOf(position: string | null): number {
  const z = Number(position?.split('\\')[2]);
  if (!Number.isFinite(z)) throw new Error(`no z in image position "${position ?? ''}"`);
  return z;
}
