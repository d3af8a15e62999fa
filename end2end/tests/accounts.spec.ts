import { expect } from '@playwright/test';
import { test } from './fixtures';
import { expectAccessible, linkFromMail, logIn, ready, visit } from './helpers';

test('register, confirm by the emailed link, log in, edit the profile, log out', async ({ page }, info) => {
  const email = `e2e-${info.project.name}-${Date.now()}@exemple.fr`;
  const password = 'Beffroi-de-Bethune-62';

  await visit(page, '/compte/inscription');
  // A bad submission first: French messages next to the fields, values kept.
  await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByLabel('Nom affiché').fill('Jeanne Test');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByText('Adresse électronique invalide')).toBeVisible();
  await expect(page.getByText('au moins 8 caractères')).toBeVisible();
  await expect(page.getByLabel('Nom affiché')).toHaveValue('Jeanne Test');
  await ready(page);
  await expectAccessible(page);

  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByLabel('Nom affiché').fill('Jeanne Test');
  await page.getByLabel('Date de naissance').fill('1990-05-04');
  await page.getByLabel('Commune').selectOption({ label: 'Béthune' });
  await page.getByLabel('Quartier ou territoire (facultatif)').selectOption({ label: 'Mont-Liébaud' });
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/compte\/verifiez-vos-courriels/);
  await ready(page);
  await expectAccessible(page);

  const link = await linkFromMail(email, '/compte/verification');
  await visit(page, link);
  await page.getByRole('button', { name: 'Confirmer mon adresse électronique' }).click();
  await expect(page).toHaveURL(/\/compte\/connexion\?verifie=1/);
  await expect(page.getByText('Adresse confirmée')).toBeVisible();

  await logIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte');
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Nom affiché').fill('Jeanne Modifiée');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Profil enregistré.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Mon compte' }).getByRole('link', { name: 'Jeanne Modifiée' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await visit(page, '/compte');
  await expect(page.getByText('Connectez-vous pour voir votre compte.')).toBeVisible();
});

test('a wrong password and an unknown address get the same answer', async ({ page }) => {
  // Unknown addresses are unique per run: failed log-ins are rate-limited per address.
  for (const email of ['organisation@demo.agora.fr', `personne-${Date.now()}@exemple.fr`]) {
    await visit(page, '/compte/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe-123');
    await page.getByRole('button', { name: 'Se connecter' }).last().click();
    await expect(page.getByText('Adresse électronique ou mot de passe incorrect.')).toBeVisible();
  }
});

test('staff reach the roles page and the outbox; residents do not', async ({ page }) => {
  await logIn(page, 'habitante@demo.agora.fr', 'demo-habitante-2026');
  await visit(page, '/admin/comptes');
  await expect(page.getByText("Vous n'avez pas les droits nécessaires")).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await logIn(page, 'equipe@demo.agora.fr', 'demo-equipe-2026');
  await visit(page, '/admin/comptes');
  await expect(page.getByRole('table')).toContainText('habitante@demo.agora.fr');
  await visit(page, '/admin/courriels');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Boîte d'envoi");
});
