import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const STAFF = { email: 'equipe@demo.agora.fr', password: 'demo-equipe-2026' };
export const RESIDENT = { email: 'habitante@demo.agora.fr', password: 'demo-habitante-2026' };
export const MODERATOR = { email: 'moderation@demo.agora.fr', password: 'demo-moderation-2026' };
export const ORGANISER = { email: 'organisation@demo.agora.fr', password: 'demo-organisation-2026' };

/** Markup a visitor may type anywhere: each would set `window.__xss` if the page ran it. */
export const XSS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 1">',
  '<a href="javascript:window.__xss = 1">lien</a>',
  '"><svg onload="window.__xss = 1">',
  "<iframe srcdoc='<script>parent.__xss = 1</script>'></iframe>",
  '<b onmouseover=window.__xss=1 style="display:block;width:100vw;height:100vh">gras',
];

/** Nothing typed has run: the page never set the marker the payloads set (scripts run only hydrated). */
export async function expectNoScriptRan(page: Page) {
  if (hydratedProject()) {
    await page.mouse.move(200, 200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  }
}

/** `payload` is on the page as the text that was typed, and nothing ran. */
export async function expectShownAsText(page: Page, payload: string) {
  await expect(page.getByText(payload).first()).toBeVisible();
  await expectNoScriptRan(page);
}

/** A date `offset` days from today, as a date field wants it. */
export function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export function hydratedProject(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Waits until the WASM has hydrated the page (the app marks <html data-hydrated>), when JS runs. */
export async function ready(page: Page) {
  if (hydratedProject()) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

export async function visit(page: Page, path: string) {
  await page.goto(path);
  await ready(page);
  await expectAccessible(page);
}

/** Pages already checked by this worker, so a page seen at many steps is checked once per mode. */
const checkedPages = new Set<string>();

/**
 * What makes a page distinct for accessibility: the mode, language, path (numeric ids folded),
 * query keys, whether someone is signed in and how many alerts and forms it shows.
 * `AGORA_AXE_EVERY_VISIT=1` checks every visit instead.
 */
async function pageKey(page: Page): Promise<string | null> {
  if (process.env.AGORA_AXE_EVERY_VISIT === '1') return null;
  const url = new URL(page.url());
  return [
    test.info().project.name,
    await page.locator('html').getAttribute('lang'),
    url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id'),
    [...url.searchParams.keys()].sort().join('&'),
    await page.getByRole('button', { name: /Se déconnecter|Log out/ }).count(),
    await page.locator('[role="alert"]').count(),
    await page.locator('form').count(),
  ].join('|');
}

/**
 * Runs axe-core on the page as the visitor sees it, once per distinct page (see `pageKey`). axe cannot run where JavaScript is off, so for
 * that project the same URL is opened in a context whose app scripts and WASM are blocked: the
 * server-rendered page, never hydrated, with the same cookies.
 */
export async function expectAccessible(page: Page) {
  const key = await pageKey(page);
  if (key !== null) {
    if (checkedPages.has(key)) return;
    checkedPages.add(key);
  }
  let target = page;
  let cleanup = async () => {};
  if (!hydratedProject()) {
    const browser = page.context().browser() as Browser;
    // Contexts made inside a test inherit the project options: turn scripts back on for axe.
    const context = await browser.newContext({
      storageState: await page.context().storageState(),
      javaScriptEnabled: true,
    });
    await context.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    target = await context.newPage();
    await target.goto(page.url());
    cleanup = () => context.close();
  }
  const results = await new AxeBuilder({ page: target }).analyze();
  await cleanup();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(violations, `axe-core violations on ${page.url()}`).toEqual([]);
}

export async function logIn(page: Page, email: string, password: string) {
  await visit(page, '/compte/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(page).toHaveURL(/\/compte$|\/compte\?/);
  await ready(page);
}

/** The body of an `.eml` file as the server writes it: plain 8-bit text, or quoted-printable. */
function emlBody(text: string): string {
  const message = text.replace(/\r\n/g, '\n');
  const split = message.indexOf('\n\n');
  const headers = message.slice(0, split).toLowerCase();
  const body = message.slice(split + 2);
  if (!/^content-transfer-encoding: quoted-printable$/m.test(headers)) {
    return body;
  }
  const bytes = body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * The newest link to `path` sent to `recipient`, read from the mail folder the server delivers to
 * without SMTP (`AGORA_MAIL_DIR`), as the machine's operator would: staff cannot read it on the web.
 * Waits up to 15 seconds for the message to be delivered.
 */
export async function linkFromMail(recipient: string, path: string): Promise<string> {
  const dir = process.env.AGORA_MAIL_DIR;
  expect(dir, 'AGORA_MAIL_DIR names the server mail folder').toBeTruthy();
  const pattern = new RegExp(`https?://\\S+${path}\\?jeton=[0-9a-f]+`);
  let link: string | undefined;
  await expect
    .poll(
      () => {
        // Names are `<milliseconds>-<outbox id>.eml`: newest last.
        const names = readdirSync(dir as string).filter((name) => name.endsWith('.eml')).sort().reverse();
        for (const name of names) {
          const text = readFileSync(join(dir as string, name), 'utf8');
          const to = /^to:\s*(.*)$/im.exec(text.split(/\r?\n\r?\n/)[0]);
          const found = to && to[1].trim().toLowerCase() === recipient.toLowerCase() && pattern.exec(emlBody(text));
          if (found) {
            link = found[0];
            return true;
          }
        }
        return false;
      },
      { message: `no ${path} link mailed to ${recipient} in ${dir}`, timeout: 15_000 },
    )
    .toBe(true);
  return link as string;
}

export interface NewAccount {
  email: string;
  password: string;
  name: string;
  birthDate: string;
  commune: string;
}

/** Creates an account through the registration form, confirms it from the mail folder and logs in. */
export async function signUp(page: Page, account: NewAccount) {
  await visit(page, '/compte/inscription');
  await page.getByLabel('Adresse électronique').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByLabel('Nom affiché').fill(account.name);
  await page.getByLabel('Date de naissance').fill(account.birthDate);
  await page.getByLabel('Commune').selectOption({ label: account.commune });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/compte\/verifiez-vos-courriels/);
  await visit(page, await linkFromMail(account.email, '/compte/verification'));
  await page.getByRole('button', { name: 'Confirmer mon adresse électronique' }).click();
  await expect(page).toHaveURL(/\/compte\/connexion\?verifie=1/);
  await logIn(page, account.email, account.password);
}

/** The feed's content lines, after checking CRLF endings and 75-octet folding, unfolded. */
export async function calendarLines(response: APIResponse): Promise<string[]> {
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const text = await response.text();
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) {
      lines[lines.length - 1] += line.slice(1);
    } else {
      lines.push(line);
    }
  }
  return lines;
}
