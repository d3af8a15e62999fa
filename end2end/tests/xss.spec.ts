import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  MODERATOR,
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

test('forums: theme, question, thread title, edited post, author name, flag and hide reasons, synthesis', async ({ page, browser }, info) => {
  const tag = `${info.project.name} ${Date.now()}`;
  const theme = `Forum ${tag} ${XSS[1]}`;
  const threadTitle = `Fil ${tag} ${XSS[3]}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/forums/nouveau');
  await page.getByLabel('Institution').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Thème', { exact: true }).fill(theme);
  await page.getByLabel('Question qui guide le débat').fill(`Quelles priorités ? ${XSS.join(' ')}`);
  await page.getByLabel(/^Ouverture/).fill(day(0));
  await page.getByLabel(/^Clôture/).fill(day(30));
  await page.getByRole('button', { name: 'Ouvrir le forum' }).click();
  await expect(page).toHaveURL(/\/dialogue\/forums\/\d+\?enregistre=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(theme);
  await expectShownAsText(page, XSS[4]);
  await expectAccessible(page);
  const themeUrl = page.url().replace(/\?.*$/, '');

  await page.getByLabel('Synthèse des grandes tendances').fill(`Trois tendances. ${XSS.join('\n\n')}`);
  await page.getByRole('button', { name: 'Épingler' }).click();
  await expect(page).toHaveURL(/\?synthese=1$/);
  await ready(page);
  await expectShownAsText(page, XSS[0]);

  await page.getByLabel('Titre du fil').fill(threadTitle);
  await page.getByLabel('Premier message').fill('Un premier message sans balise.');
  await page.getByRole('button', { name: 'Publier le fil' }).click();
  await expect(page).toHaveURL(/\/dialogue\/forums\/fil\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(threadTitle);
  const threadUrl = page.url();
  // The author edits the post within the quarter of an hour.
  await page.getByRole('link', { name: 'Modifier', exact: true }).first().click();
  await ready(page);
  await page.getByLabel('Message', { exact: true }).fill(`Message modifié. ${XSS.join('\n\n')}`);
  await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
  await expect(page).toHaveURL(/\?modifie=1/);
  await ready(page);
  await expectShownAsText(page, XSS[2]);
  await expectAccessible(page);

  // A resident whose display name is markup replies, then flags the post with a markup reason.
  const resident = await (await browser.newContext()).newPage();
  const name = `Camille ${XSS[1]}`;
  await signUp(resident, browser, {
    email: `e2e-xss-${info.project.name}-${Date.now()}@exemple.fr`,
    password: 'un mot de passe assez long',
    name,
    birthDate: '1990-05-04',
    commune: 'Béthune',
  });
  await visit(resident, threadUrl);
  await resident.getByLabel('Votre message').fill('Je réponds sans balise.');
  await resident.getByRole('button', { name: 'Publier' }).click();
  await expect(resident.getByText('Je réponds sans balise.')).toBeVisible();
  await ready(resident);
  await expectShownAsText(resident, name);
  await resident.getByRole('link', { name: /^Signaler/ }).first().click();
  await ready(resident);
  await resident.getByLabel('Motif du signalement').fill(`Suspect ${XSS[5]}`);
  await resident.getByRole('button', { name: 'Signaler' }).click();
  await expect(resident.getByText('Merci : la modération va examiner ce message.')).toBeVisible();
  await resident.context().close();

  const moderator = await signedIn(browser, MODERATOR);
  await visit(moderator, '/dialogue/forums/moderation');
  const card = moderator.locator('li.card', { hasText: `Fil ${tag}` });
  await expect(card).toContainText(XSS[5]);
  await expectNoScriptRan(moderator);
  await card.getByLabel("Motif (visible par l'auteur)").fill(`Retiré ${XSS[0]}`);
  await card.getByRole('button', { name: 'Masquer' }).click();
  await expect(moderator.locator('li.card', { hasText: `Fil ${tag}` })).toHaveCount(0);
  await moderator.context().close();

  await visit(page, threadUrl);
  await expectShownAsText(page, `Motif : Retiré ${XSS[0]}`);
  await visit(page, themeUrl);
  await expectShownAsText(page, threadTitle);
  await visit(page, '/dialogue/forums');
  await expectShownAsText(page, theme);
});

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

test("petitions: a moderator's reason for refusal and the institution's published answer", async ({ page, browser }, info) => {
  // One signature reaches Béthune's threshold, so the institution's answer can be written.
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/petitions/regles');
  await page.getByRole('link', { name: 'Ville de Béthune' }).click();
  await ready(page);
  await page.getByLabel('Type de seuil').selectOption({ label: 'Nombre fixe de signatures' });
  await page.getByLabel('Seuil fixe (signatures)').fill('1');
  await page.getByLabel('Pétitions déposées par personne').fill('50');
  await page.getByLabel('Signatures par minute (par adresse IP et par courriel)').fill('100');
  await page.getByLabel('Signatures par 5 minutes').fill('500');
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(page.getByText('Règles enregistrées.')).toBeVisible();

  const resident = await signedIn(browser, RESIDENT);
  const moderator = await signedIn(browser, MODERATOR);
  const draft = async (title: string): Promise<string> => {
    await visit(resident, '/dialogue/petitions/nouvelle');
    await resident.getByLabel('Institution destinataire').selectOption({ label: 'Ville de Béthune' });
    await resident.getByLabel('Titre').fill(title);
    await resident.getByLabel('Texte').fill('Nous demandons un abri à vélos couvert devant chaque école de la ville.');
    await resident.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(resident).toHaveURL(/\/dialogue\/petitions\/\d+\?enregistre=1$/);
    await ready(resident);
    await resident.getByRole('button', { name: 'Envoyer à la modération' }).click();
    await expect(resident.locator('.badge')).toHaveText('En attente de modération');
    await ready(resident);
    const path = new URL(resident.url()).pathname;
    await visit(moderator, path);
    return path;
  };

  const refused = await draft(`Abris à vélos ${info.project.name} ${Date.now()} refusée`);
  const reason = `Hors du champ de la ville. ${XSS.join(' ')}`;
  await moderator.getByLabel('Motif du refus').fill(reason);
  await moderator.getByRole('button', { name: 'Refuser la pétition' }).click();
  await expect(moderator.locator('.badge')).toHaveText('Refusée');
  await visit(resident, refused);
  await expectShownAsText(resident, XSS[3]);

  const answered = await draft(`Abris à vélos ${info.project.name} ${Date.now()} acceptée`);
  await moderator.getByRole('button', { name: 'Publier la pétition' }).click();
  await expect(moderator.locator('.badge')).toHaveText('Ouverte aux signatures');
  await moderator.context().close();
  await visit(resident, answered);
  await resident.getByRole('button', { name: 'Signer cette pétition' }).click();
  await expect(resident.locator('.badge')).toHaveText('Seuil atteint');
  await resident.context().close();

  await visit(page, answered);
  await page.getByLabel('Décision', { exact: true }).selectOption({ label: "Saisine de l'institution" });
  await page.getByLabel('Réponse publiée').fill(`Le conseil municipal étudiera la demande. ${XSS.join('\n')}`);
  await page.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(page.locator('.badge')).toHaveText('Réponse publiée');
  await ready(page);
  await expectShownAsText(page, XSS[5]);
  await expectAccessible(page);
});
