import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import {
  MODERATOR,
  RESIDENT,
  STAFF,
  XSS,
  expectAccessible,
  expectNoScriptRan,
  hydratedProject,
  linkFromMail,
  logIn,
  ready,
  visit,
} from './helpers';

// The first test sets the rules the others need (several filings per person): in order, in one worker.
test.describe.configure({ mode: 'default' });

const HOSPITALS = 'Maintenir les urgences et les maternités des hôpitaux de proximité';

async function signatureCount(page: Page): Promise<number> {
  const text = await page.locator('.petition-count').innerText();
  return Number((text.match(/^(\d+) signatures/) as RegExpMatchArray)[1]);
}

test('staff set the CESER petition rules', async ({ page }) => {
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/petitions/regles');
  await page.getByRole('link', { name: 'CESER Hauts-de-France' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 2, name: 'CESER Hauts-de-France' })).toBeVisible();
  // A wrong number is named, and nothing is saved.
  await page.getByLabel('Pétitions déposées par personne').fill('0');
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(page.getByText('Entrez un nombre entier entre 1 et 1000.')).toBeVisible();
  await ready(page);
  // Room for the browser tests: several filings, and signatures from one address in a row.
  await page.getByLabel('Pétitions déposées par personne').fill('50');
  await page.getByLabel('Signatures par minute (par adresse IP et par courriel)').fill('100');
  await page.getByLabel('Signatures par 5 minutes').fill('500');
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(page.getByText('Règles enregistrées.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByLabel('Signatures par 5 minutes')).toHaveValue('500');
});

test('a visitor signs, confirms by the emailed link, and the count moves', async ({ page, browser }, info) => {
  await visit(page, '/dialogue');
  await page.getByRole('link', { name: 'Pétitions' }).click();
  await expect(page).toHaveURL(/\/dialogue\/petitions$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: HOSPITALS }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOSPITALS);
  await ready(page);
  await expectAccessible(page);
  const petitionUrl = page.url();
  const before = await signatureCount(page);

  // A second visitor keeps the page open: once hydrated, its count follows without reloading.
  const watcher = await (await browser.newContext()).newPage();
  await watcher.goto(petitionUrl);
  await ready(watcher);

  const email = `e2e-signature-${info.project.name}-${Date.now()}@exemple.fr`;
  await page.getByLabel('Prénom et nom').fill(XSS[0]);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Commune').selectOption({ label: 'Lens' });
  await page.getByLabel(/J'ai au moins 16 ans/).check();
  await page.getByRole('button', { name: 'Signer cette pétition' }).click();
  await expect(page).toHaveURL(/\?verifiez=1$/);
  await expect(page.getByText('Presque fini')).toBeVisible();
  await ready(page);
  expect(await signatureCount(page)).toBe(before);
  await expectNoScriptRan(page);

  await visit(page, await linkFromMail(email, '/dialogue/petitions/confirmer'));
  await page.getByRole('button', { name: 'Confirmer ma signature' }).click();
  await expect(page).toHaveURL(/\?confirmee=1$/);
  await ready(page);
  await expect(page.getByText('Votre signature est confirmée et comptée.')).toBeVisible();
  expect(await signatureCount(page)).toBe(before + 1);
  await expectAccessible(page);
  if (hydratedProject()) {
    await expect(watcher.locator('.petition-count')).toContainText(`${before + 1} signatures`);
  }
  await watcher.context().close();

  // The same link a second time counts nothing.
  await page.goBack();
  await ready(page);
  await page.getByRole('button', { name: 'Confirmer ma signature' }).click();
  await expect(page.getByText('Ce lien a déjà servi')).toBeVisible();
});

test('a resident drafts a petition, a moderator publishes it, and no markup runs', async ({ page, browser }, info) => {
  const title = `Pétition ${info.project.name} ${Date.now()} ${XSS[1]}`;
  await logIn(page, RESIDENT.email, RESIDENT.password);
  await visit(page, '/dialogue/petitions');
  await page.getByRole('link', { name: 'Lancer une pétition' }).click();
  await expect(page).toHaveURL(/\/dialogue\/petitions\/nouvelle$/);
  await ready(page);
  await expectAccessible(page);

  // Too short: every field says what is wrong and nothing is saved.
  await page.getByLabel('Institution destinataire').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Titre').fill('Court');
  await page.getByLabel('Texte').fill('Trop court.');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page.getByText('Le titre : au moins 10 caractères.')).toBeVisible();
  await expect(page.getByText('Le texte : au moins 50 caractères.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  await page.getByLabel('Institution destinataire').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Texte').fill(`Nous demandons des bancs à l'ombre près des arrêts de bus.\n\n${XSS.join('\n')}`);
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/\/dialogue\/petitions\/\d+\?enregistre=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('section[aria-labelledby="texte-petition"]').getByText(XSS[2])).toBeVisible();
  await expectNoScriptRan(page);
  await expectAccessible(page);
  const petitionPath = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Envoyer à la modération' }).click();
  await expect(page.locator('.badge')).toHaveText('En attente de modération');
  await ready(page);

  const context = await browser.newContext();
  const moderator = await context.newPage();
  await logIn(moderator, MODERATOR.email, MODERATOR.password);
  await visit(moderator, '/dialogue/petitions/moderation');
  await moderator.getByRole('link', { name: title }).click();
  await expect(moderator).toHaveURL(new RegExp(`${petitionPath}$`));
  await ready(moderator);
  await expectAccessible(moderator);
  await moderator.getByRole('button', { name: 'Publier la pétition' }).click();
  await expect(moderator.locator('.badge')).toHaveText('Ouverte aux signatures');
  await expect(moderator.locator('.petition-count')).toContainText('0 signatures sur 4000');
  await expectNoScriptRan(moderator);
  await context.close();
});
