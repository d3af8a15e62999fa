import { expect, type Browser, type Page } from '@playwright/test';
import { test } from './fixtures';
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
  signUp,
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

test('forums: theme title and question, synthesis, post edit, display name', async ({ page, browser }, info) => {
  const theme = `Forum ${info.project.name} ${Date.now()} ${XSS[3]}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/forums/nouveau');
  await page.getByLabel('Institution').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Thème').fill(theme);
  await page.getByLabel('Question qui guide le débat').fill(`Que proposez-vous ? ${XSS.join(' ')}`);
  await page.getByLabel(/^Ouverture/).fill(day(0));
  await page.getByLabel(/^Clôture/).fill(day(30));
  await page.getByRole('button', { name: 'Ouvrir le forum' }).click();
  await expect(page).toHaveURL(/\/dialogue\/forums\/\d+\?enregistre=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(theme);
  await expectShownAsText(page, XSS[4]);
  await expectAccessible(page);

  await page.getByLabel('Synthèse des grandes tendances').fill(`Les tendances.\n\n${XSS.join('\n\n')}`);
  await page.getByRole('button', { name: 'Épingler' }).click();
  await expect(page).toHaveURL(/\?synthese=1$/);
  await ready(page);
  await expect(page.locator('section[aria-labelledby="synthese"]').getByText(XSS[2])).toBeVisible();
  await expectNoScriptRan(page);
  await expectAccessible(page);

  // The author edits their own post within the quarter of an hour.
  await page.getByLabel('Titre du fil').fill(`Fil ${XSS[0]}`);
  await page.getByLabel('Premier message').fill('Un premier message pour ouvrir la discussion.');
  await page.getByRole('button', { name: 'Publier le fil' }).click();
  await expect(page).toHaveURL(/\/dialogue\/forums\/fil\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Fil ${XSS[0]}`);
  await expectNoScriptRan(page);
  await page.getByRole('link', { name: 'Modifier', exact: true }).first().click();
  await ready(page);
  await page.getByLabel('Message', { exact: true }).fill(`Message corrigé. ${XSS[5]}`);
  await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
  await expect(page).toHaveURL(/\?modifie=1/);
  await ready(page);
  await expectShownAsText(page, XSS[5]);
  await expectAccessible(page);
  const threadUrl = page.url().replace(/[?#].*$/, '');
  await visit(page, '/dialogue/forums');
  await expectShownAsText(page, theme);

  // A display name is text a resident types too: it shows as such beside their reply.
  const name = `Nom ${XSS[1]}`.slice(0, 60);
  const resident = await (await browser.newContext()).newPage();
  await signUp(resident, {
    email: `e2e-nom-${info.project.name}-${Date.now()}@exemple.fr`,
    password: 'Forum-Citoyen-59',
    name,
    birthDate: '1985-06-01',
    commune: 'Arras',
  });
  await visit(resident, threadUrl);
  await resident.getByLabel('Votre message').fill('Une réponse signée de mon nom.');
  await resident.getByRole('button', { name: 'Publier' }).click();
  await expect(resident.getByText('Une réponse signée de mon nom.')).toBeVisible();
  await ready(resident);
  await expectShownAsText(resident, name);
  await resident.context().close();
});

async function draftPetition(page: Page, title: string): Promise<string> {
  await visit(page, '/dialogue/petitions/nouvelle');
  await page.getByLabel('Institution destinataire').selectOption({ label: 'Ville de Béthune' });
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Texte').fill("Nous demandons un abri à vélos couvert devant chaque école de la ville.");
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(page).toHaveURL(/\/dialogue\/petitions\/\d+\?enregistre=1$/);
  await ready(page);
  await page.getByRole('button', { name: 'Envoyer à la modération' }).click();
  await expect(page.locator('.badge')).toHaveText('En attente de modération');
  await ready(page);
  return new URL(page.url()).pathname;
}

test("petitions: refusal reason and the institution's answer", async ({ page, browser }, info) => {
  // Béthune's threshold set to one signature, so that a single signature brings the answer form.
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/petitions/regles');
  await page.getByRole('link', { name: 'Ville de Béthune' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Ville de Béthune' })).toBeVisible();
  await page.getByLabel('Type de seuil').selectOption({ label: 'Nombre fixe de signatures' });
  await page.getByLabel('Seuil fixe (signatures)').fill('1');
  await page.getByLabel('Pétitions déposées par personne').fill('50');
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(page.getByText('Règles enregistrées.')).toBeVisible();
  await ready(page);

  const resident = await signedIn(browser, RESIDENT);
  const stamp = `${info.project.name} ${Date.now()}`;
  const refused = await draftPetition(resident, `Abris à vélos refusés ${stamp}`);
  const answered = await draftPetition(resident, `Abris à vélos répondus ${stamp}`);

  await visit(page, refused);
  await page.getByLabel('Motif du refus').fill(`Hors du champ de la ville. ${XSS[0]} ${XSS[1]}`);
  await page.getByRole('button', { name: 'Refuser la pétition' }).click();
  await expect(page.locator('.badge')).toHaveText('Refusée');
  await ready(page);
  await visit(resident, refused);
  await expectShownAsText(resident, XSS[1]);

  await visit(page, answered);
  await page.getByRole('button', { name: 'Publier la pétition' }).click();
  await expect(page.locator('.badge')).toHaveText('Ouverte aux signatures');
  await ready(page);
  await page.getByRole('button', { name: 'Signer cette pétition' }).click();
  await expect(page.locator('.badge')).toHaveText('Seuil atteint');
  await ready(page);
  await page.getByRole('combobox', { name: 'Décision', exact: true }).selectOption({ label: "Saisine de l'institution" });
  await page.getByLabel('Réponse publiée').fill(`La ville étudie la demande.\n\n${XSS.join('\n\n')}`);
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(page.locator('.badge')).toHaveText('Réponse publiée');
  await ready(page);
  await visit(resident, answered);
  await expectShownAsText(resident, XSS[2]);
  await expectShownAsText(resident, XSS[5]);
  await resident.context().close();
});
