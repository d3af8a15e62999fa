import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One Agora server per Playwright worker, over its own fresh demo database. */
interface Server {
  url: string;
  dataDir: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Agora server did not start:\n${readFileSync(log, 'utf8').slice(-4000)}`);
}

/**
 * With `AGORA_BIN` set (scripts/test.sh sets it), each worker starts that binary on a free port with
 * a database of its own, so workers run side by side without seeing each other's data. Without it,
 * the tests run against `AGORA_BASE_URL` (a server started by hand), one worker at a time.
 */
export const test = base.extend<object, { server: Server }>({
  server: [
    async ({}, use) => {
      const bin = process.env.AGORA_BIN;
      if (!bin) {
        await use({ url: process.env.AGORA_BASE_URL ?? 'http://127.0.0.1:3000', dataDir: process.env.AGORA_DATA_DIR ?? '' });
        return;
      }
      const dataDir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const log = join(dataDir, 'server.log');
      const out = openSync(log, 'a');
      const child = spawn(bin, ['serve', '--demo'], {
        env: {
          ...process.env,
          DATABASE_URL: `sqlite://${dataDir}/agora.db`,
          AGORA_DATA_DIR: dataDir,
          AGORA_MAIL_DIR: join(dataDir, 'mail'),
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          AGORA_BASE_URL: url,
          RUST_LOG: process.env.RUST_LOG ?? 'warn',
        },
        stdio: ['ignore', out, out],
      });
      try {
        await waitUntilReady(url, child, log);
        // Helpers that read what this worker's server wrote (its mail) find it here.
        process.env.AGORA_DATA_DIR = dataDir;
        process.env.AGORA_MAIL_DIR = join(dataDir, 'mail');
        await use({ url, dataDir });
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});
