import { expect, type Browser } from '@playwright/test';
import { test } from './fixtures';
import { hydratedProject } from './helpers';

/**
 * What a visitor downloads (compressed, as sent) of the browser's code — WebAssembly and
 * JavaScript — before a page is interactive, on a cold cache. Bytes are stable, so they are checked
 * here; times are not. The goal (issue 21) is 250 KB for the home and vote pages and 300 KB for the
 * others; today every page still loads the whole application (about 1.19 MB), so the check is a
 * ceiling that stops the weight from growing while the split by page is done, and the table shows
 * the distance to the goal.
 */
const CEILING = 1_300_000;
const pages: { path: string; goal: number }[] = [
  { path: '/', goal: 250_000 },
  { path: '/budget/budget-citoyen-pas-de-calais-2024', goal: 250_000 },
  { path: 'first-petition', goal: 300_000 },
  { path: '/dialogue', goal: 300_000 },
  { path: '/dialogue/consultations', goal: 300_000 },
  { path: '/dialogue/forums', goal: 300_000 },
  { path: '/conseils-de-quartier', goal: 300_000 },
  { path: '/conseils-citoyens', goal: 300_000 },
  { path: '/collectifs', goal: 300_000 },
  { path: '/agenda', goal: 300_000 },
  { path: '/compte/connexion', goal: 300_000 },
];

async function codeWeight(browser: Browser, url: string): Promise<{ bytes: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const code: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (/\/pkg\/.*\.(wasm|js)$/.test(new URL(request.url()).pathname)) {
      code.push(request.sizes().then((sizes) => sizes.responseBodySize));
    }
  });
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const sizes = await Promise.all(code);
  await context.close();
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), files: sizes.length };
}

test('no page downloads more code than the ceiling before it is interactive', async ({ browser, server }) => {
  test.skip(!hydratedProject(), 'the code weight is what the hydrated app downloads');
  const listing = await (await fetch(`${server.url}/dialogue/petitions`)).text();
  const petition = listing.match(/href="(\/dialogue\/petitions\/\d+)"/)?.[1];
  expect(petition, 'a petition in the demo list').toBeTruthy();
  const rows: string[] = [];
  const over: string[] = [];
  for (const { path, goal } of pages) {
    const target = path === 'first-petition' ? petition! : path;
    const { bytes, files } = await codeWeight(browser, `${server.url}${target}`);
    expect(files, `${target}: the code is downloaded`).toBeGreaterThan(0);
    rows.push(`${target.padEnd(48)} ${String(bytes).padStart(9)} B in ${files} files (goal ${goal} B)`);
    if (bytes > CEILING) over.push(`${target}: ${bytes} B > ${CEILING} B`);
  }
  console.log(`Code downloaded before each page is interactive (brotli, cold cache):\n${rows.join('\n')}`);
  expect(over, 'pages over the code ceiling').toEqual([]);
});
