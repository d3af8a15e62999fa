import { expect } from '@playwright/test';
import { test } from './fixtures';
import { hydratedProject, visit } from './helpers';

test('hydrated forms answer in place, without a page load', async ({ page }) => {
  test.skip(!hydratedProject(), 'only the hydrated app can do this');
  await visit(page, '/compte/connexion');
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByLabel('Adresse électronique').fill(`inconnu-${Date.now()}@exemple.fr`);
  await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe-123');
  await page.getByRole('button', { name: 'Se connecter' }).last().click();
  await expect(page.getByText('Adresse électronique ou mot de passe incorrect.')).toBeVisible();
  // Same document (the marker survived) and no error in the URL: the server function ran over fetch.
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  expect(page.url()).not.toContain('__err');
});
