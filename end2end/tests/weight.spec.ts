import { expect, type Browser } from '@playwright/test';
import { test } from './fixtures';
import { hydratedProject } from './helpers';

/**
 * What a visitor downloads (compressed, as sent) of the browser's code — WebAssembly and
 * JavaScript — before a page is interactive, on a cold cache. Bytes are stable, so the budget is
 * checked here; times are not, and are measured by the bench (scripts/weight.sh).
 */
const BUDGET = 300_000;
const pages: { path: string; budget: number }[] = [
  { path: '/', budget: 250_000 },
  { path: '/budget/budget-citoyen-pas-de-calais-2024', budget: 250_000 },
  { path: 'first-petition', budget: BUDGET },
  { path: '/dialogue', budget: BUDGET },
  { path: '/dialogue/consultations', budget: BUDGET },
  { path: '/dialogue/forums', budget: BUDGET },
  { path: '/conseils-de-quartier', budget: BUDGET },
  { path: '/conseils-citoyens', budget: BUDGET },
  { path: '/collectifs', budget: BUDGET },
  { path: '/agenda', budget: BUDGET },
  { path: '/compte/connexion', budget: BUDGET },
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

test('each page downloads at most its code budget before it is interactive', async ({ browser, server }) => {
  test.skip(!hydratedProject(), 'the code weight is what the hydrated app downloads');
  const listing = await (await fetch(`${server.url}/dialogue/petitions`)).text();
  const petition = listing.match(/href="(\/dialogue\/petitions\/\d+)"/)?.[1];
  expect(petition, 'a petition in the demo list').toBeTruthy();
  const rows: string[] = [];
  const over: string[] = [];
  for (const { path, budget } of pages) {
    const target = path === 'first-petition' ? petition! : path;
    const { bytes, files } = await codeWeight(browser, `${server.url}${target}`);
    rows.push(`${target.padEnd(48)} ${String(bytes).padStart(9)} B in ${files} files (budget ${budget})`);
    if (bytes > budget) over.push(`${target}: ${bytes} B > ${budget} B`);
  }
  console.log(`Code downloaded before each page is interactive (brotli, cold cache):\n${rows.join('\n')}`);
  expect(over, 'pages over their code budget').toEqual([]);
});
