import { defineConfig } from '@playwright/test';
import { locatePrerequisites } from './scripts/testbed/prerequisites.ts';

const located = locatePrerequisites();
const chromium = 'found' in located ? located.found.chromium : '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['./e2e/support/failureDigest.ts']],
  globalSetup: './e2e/support/globalSetup.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
