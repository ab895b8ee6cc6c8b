import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import type { Closer } from './benchLifetime.ts';

/** Headless Chromium with the given launch options, closed with the bench. */
export async function launchChromium(options: LaunchOptions, closers: Closer[]): Promise<Browser> {
  const browser = await chromium.launch({ ...options, headless: true });
  closers.push(() => browser.close());
  return browser;
}
