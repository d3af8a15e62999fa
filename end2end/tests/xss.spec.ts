import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  RESIDENT,
  STAFF,
  XSS,
  day,
  expectAccessible,
  expectNoScriptRan,
  expectShownAsText,
  logIn,
  ready,
  visit,
} from './helpers';

// The text fields of the dialogue platform the flow specs do not already fill with the payloads:
// each gets markup typed in, and every page that shows it must show it as text, with nothing run.

async function signedIn(browser: Browser, account: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, account.email, account.password);
  return page;
}

test('contributions: call title and description, contribution title, synthesis', async ({ page, browser }, info) => {
  const call = `Appel ${info.project.name} ${Date.now()} ${XSS[3]}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/contributions/nouvel-appel');
  await page.getByLabel('Institution').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Titre').fill(call);
  await page.getByLabel('Description').fill(`Racontez-nous. ${XSS.join(' ')}`);
  await page.getByLabel(/^Ouverture/).fill(day(0));
  await page.getByLabel(/^Clôture/).fill(day(30));
  await page.getByRole('button', { name: "Ouvrir l'appel" }).click();
  await expect(page).toHaveURL(/\/dialogue\/contributions\/\d+\?enregistre=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(call);
  await expectShownAsText(page, XSS[4]);
  await expectAccessible(page);
  const callUrl = page.url().replace(/\?.*$/, '');

  const resident = await signedIn(browser, RESIDENT);
  await visit(resident, callUrl);
  const title = `Témoignage ${XSS[1]}`;
  await resident.getByLabel('Type de contribution').selectOption({ label: 'Témoignage' });
  await resident.getByLabel('Titre').fill(title);
  await resident.getByLabel('Votre contribution').fill('Je prends le bus chaque matin, il est souvent plein.');
  await resident.getByRole('button', { name: 'Envoyer ma contribution' }).click();
  await expect(resident).toHaveURL(/\?envoyee=1$/);
  await ready(resident);
  await expect(resident.getByRole('heading', { level: 3, name: title })).toBeVisible();
  await expectNoScriptRan(resident);
  await resident.context().close();

  await visit(page, callUrl);
  await page.getByLabel('Synthèse publiée').fill(`Ce que nous retenons. ${XSS.join('\n')}`);
  await page.getByRole('button', { name: 'Publier la synthèse' }).click();
  await expect(page).toHaveURL(/\?synthese=1$/);
  await ready(page);
  await expectShownAsText(page, XSS[2]);
  await visit(page, '/dialogue/contributions');
  await expectShownAsText(page, call);
});
