import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is not reachable here.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

const perWorkerServers = Boolean(process.env.AGORA_BIN);

export default defineConfig({
  testDir: './tests',
  // Generous: three servers and three browsers share two cores in CI.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // With AGORA_BIN, each worker starts its own server and database (tests/fixtures.ts), so tests
  // spread over workers; against one server started by hand they run one at a time.
  fullyParallel: perWorkerServers,
  workers: perWorkerServers ? Number(process.env.E2E_WORKERS ?? 3) : 1,
  // One retry: a test that passes only on its second run is reported as flaky, not hidden.
  retries: 1,
  reporter: [['list']],
  use: {
    launchOptions,
    locale: 'fr-FR',
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
