import { expect } from '@playwright/test';
import { test } from './fixtures';
import { MODERATOR, ORGANISER, RESIDENT, XSS, expectAccessible, expectNoScriptRan, logIn, ready, visit } from './helpers';

const THEME = 'Mobilités douces : quelles priorités pour la région ?';

test('start a thread, reply, flag, and a moderator hides the post', async ({ page, browser }, info) => {
  const title = `Covoiturage ${info.project.name} ${Date.now()}`;
  await logIn(page, RESIDENT.email, RESIDENT.password);
  await visit(page, '/dialogue/forums');
  await page.getByRole('link', { name: THEME }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(THEME);
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByText('Premières tendances')).toBeVisible();

  await page.getByLabel('Titre du fil').fill(title);
  await page
    .getByLabel('Premier message')
    .fill(`Un **site de covoiturage** régional.\n\n${XSS[1]}\n\n[lien](javascript:window.__xss=1)`);
  await page.getByRole('button', { name: 'Publier le fil' }).click();
  await expect(page).toHaveURL(/\/dialogue\/forums\/fil\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.post-body strong')).toHaveText('site de covoiturage');
  await expect(page.getByText(XSS[1])).toBeVisible();
  await expectNoScriptRan(page);
  await expectAccessible(page);
  const threadUrl = page.url();

  // Another resident replies to the post, then flags it.
  const context = await browser.newContext();
  const other = await context.newPage();
  await logIn(other, ORGANISER.email, ORGANISER.password);
  await visit(other, threadUrl);
  await other.getByRole('link', { name: /^Répondre/ }).first().click();
  await ready(other);
  await expect(other.getByRole('heading', { level: 2, name: 'Répondre au message' })).toBeVisible();
  await other.getByLabel('Votre message').fill('Bonne idée, avec des places réservées aux abords des gares.');
  await other.getByRole('button', { name: 'Publier' }).click();
  await expect(other.getByText('Bonne idée, avec des places réservées')).toBeVisible();
  await ready(other);
  await expectAccessible(other);
  await other.getByRole('link', { name: /^Signaler/ }).first().click();
  await ready(other);
  await other.getByLabel('Motif du signalement').fill(`Lien suspect ${XSS[4]}`);
  await other.getByRole('button', { name: 'Signaler' }).click();
  await expect(other.getByText('Merci : la modération va examiner ce message.')).toBeVisible();
  await context.close();

  const moderation = await browser.newContext();
  const moderator = await moderation.newPage();
  await logIn(moderator, MODERATOR.email, MODERATOR.password);
  await visit(moderator, '/dialogue/forums/moderation');
  const card = moderator.locator('li.card', { hasText: title });
  await expect(card).toContainText(`Lien suspect ${XSS[4]}`);
  await expectNoScriptRan(moderator);
  await card.getByLabel('Motif (visible par l\'auteur)').fill(`Lien douteux retiré. ${XSS[2]}`);
  await card.getByRole('button', { name: 'Masquer' }).click();
  await expect(moderator.locator('li.card', { hasText: title })).toHaveCount(0);
  await ready(moderator);
  await expectAccessible(moderator);
  await moderation.close();

  await visit(page, threadUrl);
  await expect(page.getByText(`Message masqué par la modération. Motif : Lien douteux retiré. ${XSS[2]}`)).toBeVisible();
  await expectNoScriptRan(page);
});
