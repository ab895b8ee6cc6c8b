import type { BrowserContext } from '@playwright/test';

export type ViewerName = 'passerelle' | 'ohif';

export interface RunResult {
  viewer: ViewerName;
  firstImageMs: number;
  scrollFps: number;
  scrollChanges: number;
  /** How far the walk through went, and where the wheel events went. */
  scrollNote: string;
  /** Frames fetched per second, first /frames/ request to last response end (Resource Timing). */
  loadFps: number;
  /** Slices decoded per second, first /frames/ request to the last growth of the page's own decoded count. */
  decodedFps: number;
  /** Cores of the machine busy on average from the first image to the end of the series load (all processes). */
  loadBusyCores: number;
  framesFetched: number;
  decoded: number | undefined;
  /** Bytes the image cache holds per decoded slice once the series is in, by the page's own account (`data-cache-bytes` / `data-loaded-count`). */
  cachedBytesPerSlice: number;
}

export interface Target {
  url: string;
  viewportSelector: string;
  /** Done to each fresh browser context before it is measured (Passerelle with sign-in: signing it in). */
  prepareContext?: (context: BrowserContext) => Promise<void>;
}

export const VIEWPORT = { width: 1400, height: 900 };
