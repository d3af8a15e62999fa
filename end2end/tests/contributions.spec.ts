import { expect } from '@playwright/test';
import { test } from './fixtures';
import { RESIDENT, STAFF, XSS, expectAccessible, expectNoScriptRan, logIn, ready, visit } from './helpers';

const CALL = 'Se déplacer au quotidien dans les Hauts-de-France';

test('a resident contributes and staff retain the contribution', async ({ page, browser }, info) => {
  const title = `Covoiturage ${info.project.name} ${Date.now()}`;
  await logIn(page, RESIDENT.email, RESIDENT.password);
  await visit(page, '/dialogue');
  await page.getByRole('link', { name: 'Contributions' }).click();
  await expect(page).toHaveURL(/\/dialogue\/contributions$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: CALL }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CALL);
  await ready(page);
  await expectAccessible(page);

  // A short text is named; nothing is published.
  await page.getByLabel('Type de contribution').selectOption({ label: 'Témoignage' });
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Votre contribution').fill('Trop court');
  await page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
  await expect(page.getByText('Le texte : au moins 20 caractères.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  await page.getByLabel('Type de contribution').selectOption({ label: 'Proposition' });
  await page.getByLabel('Titre').fill(title);
  const body = `Une application régionale de covoiturage, gratuite. ${XSS[0]} ${XSS[1]}`;
  await page.getByLabel('Votre contribution').fill(body);
  await page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
  await expect(page).toHaveURL(/\?envoyee=1$/);
  await expect(page.getByText('Merci : votre contribution est publiée.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: title })).toBeVisible();
  // Typed markup is shown as text and never runs.
  await expect(page.locator('li.card', { has: page.getByRole('heading', { level: 3, name: title }) }).getByText(body)).toBeVisible();
  await expectNoScriptRan(page);

  const context = await browser.newContext();
  const staff = await context.newPage();
  await logIn(staff, STAFF.email, STAFF.password);
  await visit(staff, page.url().replace(/\?.*$/, ''));
  const item = staff.locator('li.card', { has: staff.getByRole('heading', { level: 3, name: title }) });
  await item.getByRole('button', { name: /^Retenir/ }).click();
  await expect(staff.locator('li.card', { has: staff.getByRole('heading', { level: 3, name: title }) })).toContainText('Retenue');
  await ready(staff);
  await expectAccessible(staff);
  await context.close();

  // The public list filtered on retained contributions shows it.
  await visit(page, `${new URL(page.url()).pathname}?statut=retenue`);
  await expect(page.getByRole('heading', { level: 3, name: title })).toBeVisible();
});
