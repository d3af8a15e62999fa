import { expect } from '@playwright/test';
import { test } from './fixtures';
import { RESIDENT, STAFF, day, expectAccessible, hydratedProject, logIn, ready, visit } from './helpers';

const NEXT = '/budget/budget-citoyen-pas-de-calais-2025';
const VOTING = '/budget/budget-citoyen-pas-de-calais-2024';
// One transparent pixel.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==',
  'base64',
);

test('a resident submits a project, finds it in their list and edits it before review', async ({ page }, info) => {
  const title = `Boîtes à livres ${info.project.name} ${Date.now()}`;
  await logIn(page, RESIDENT.email, RESIDENT.password);
  await visit(page, NEXT);
  await page.getByRole('link', { name: 'Déposer un projet' }).click();
  await expect(page).toHaveURL(new RegExp(`${NEXT}/deposer$`));
  await ready(page);
  await expectAccessible(page);

  // A cost above the territory's envelope is refused with the reason, and what was typed stays.
  await page.getByRole('textbox', { name: 'Titre' }).fill(title);
  await page.getByRole('textbox', { name: 'Résumé' }).fill('Dix boîtes à livres installées par les habitants.');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Des menuisiers bénévoles les fabriquent, les écoles les décorent, les bibliothèques les remplissent.');
  await page.getByRole('combobox', { name: 'Catégorie' }).selectOption('Culture');
  await page.getByRole('combobox', { name: 'Territoire' }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: 'Coût estimé (en euros)' }).fill('60 000');
  await page.getByRole('button', { name: 'Déposer le projet' }).click();
  await expect(page.getByText(/Le coût dépasse l'enveloppe du territoire/)).toBeVisible();
  await ready(page);
  await expect(page.getByRole('textbox', { name: 'Titre' })).toHaveValue(title);
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'Coût estimé (en euros)' }).fill('4 500');
  await page.getByRole('button', { name: 'Déposer le projet' }).click();
  await expect(page).toHaveURL(new RegExp(`${NEXT}/mes-projets\\?depose=\\d+$`));
  await ready(page);
  await expect(page.getByText('Votre projet est déposé.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: title }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Reçu, à examiner')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Modifier le projet' }).click();
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Titre' }).fill(`${title} (revu)`);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page).toHaveURL(/\?modifie=1$/);
  await ready(page);
  await expect(page.getByText('1 modification enregistrée.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (revu)`);

  // An image: a file that is not one is refused with the reason, a real one is shown with its description.
  const image = page.getByLabel('Fichier image');
  await image.setInputFiles({ name: 'boites.png', mimeType: 'image/png', buffer: Buffer.from('<svg></svg>') });
  await page.getByRole('textbox', { name: "Description de l'image" }).fill('Une boîte à livres en bois');
  await page.getByRole('button', { name: "Envoyer l'image" }).click();
  await expect(page.getByRole('alert').filter({ hasText: "Ce fichier n'est pas une image JPEG, PNG ou WebP." })).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await page.getByLabel('Fichier image').setInputFiles({ name: 'boites.png', mimeType: 'image/png', buffer: PIXEL_PNG });
  await page.getByRole('textbox', { name: "Description de l'image" }).fill('Une boîte à livres en bois');
  await page.getByRole('button', { name: "Envoyer l'image" }).click();
  await expect(page.getByText("L'image est enregistrée.")).toBeVisible();
  await expect(page.getByRole('img', { name: 'Une boîte à livres en bois' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);
});

test('staff change a project cost, in place when hydrated, and read it in the history', async ({ page }) => {
  // Each browser project edits its own project, so that both can run at once.
  const name = hydratedProject() ? 'Ressourcerie de quartier' : "Bibliothèque d'objets";
  const cost = hydratedProject() ? '7 777' : '6 666';
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, `${VOTING}/revue`);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await ready(page);
  await expectAccessible(page);
  const shown = page.locator('dd', { has: page.getByRole('button', { name: 'Modifier : coût estimé' }) });

  if (hydratedProject()) {
    // A refused value shows at once, then the old one comes back with the reason.
    const before = (await shown.innerText()).split('\n')[0];
    await page.getByRole('button', { name: 'Modifier : coût estimé' }).click();
    await page.getByLabel('Nouveau coût estimé').fill('beaucoup');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Coût estimé non modifié' })).toContainText('Écrivez le coût en euros');
    await expect(shown).toContainText(before);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Modifier : coût estimé' }).click();
    await page.getByLabel('Nouveau coût estimé').fill(cost);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Coût estimé enregistré.' })).toBeVisible();
    await expect(shown).toContainText(`${cost.replace(' ', '\u202f')}\u00a0€`);
    await page.reload();
    await ready(page);
    await expect(page.locator('dd').filter({ hasText: `${cost.replace(' ', '\u202f')}\u00a0€` })).toBeVisible();
  } else {
    // Without JavaScript there are no in-place buttons: the edit form does the same.
    await expect(page.getByRole('button', { name: 'Modifier : coût estimé' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Modifier le projet' }).click();
    await ready(page);
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Coût estimé (en euros)' }).fill(cost);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect(page).toHaveURL(/\?modifie=1$/);
    await expect(page.getByText('1 modification enregistrée.')).toBeVisible();
  }

  await page.getByRole('link', { name: 'Historique des modifications' }).click();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Historique de « ${name} »`);
  const row = page.getByRole('row').filter({ hasText: 'Coût estimé' }).first();
  await expect(row).toContainText('Étienne Équipe');
  await expect(row).toContainText(`${cost.replace(' ', '\u202f')}\u00a0€`);
  await expectAccessible(page);
});

test('staff set up a campaign; a mistake is named and what was typed stays', async ({ page }, info) => {
  const title = `Budget e2e ${info.project.name} ${Date.now()}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/budget');
  await page.getByRole('link', { name: 'Nouvelle campagne' }).click();
  await expect(page).toHaveURL(/\/budget\/nouvelle$/);
  await ready(page);
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'Titre' }).fill(title);
  await page.getByRole('textbox', { name: 'Présentation' }).fill('Une campagne créée par le test de bout en bout.');
  await page.getByRole('textbox', { name: 'Règles, pour les habitants' }).fill('Dès 11 ans, jusqu’à 3 projets.');
  await page.getByLabel('Premier jour du dépôt des projets').fill(day(1));
  await page.getByLabel('Dernier jour du dépôt').fill(day(30));
  // The vote may not open before submission ends.
  await page.getByLabel('Premier jour du vote').fill(day(10));
  await page.getByLabel('Dernier jour du vote').fill(day(90));
  await page.getByRole('textbox', { name: 'Arrageois', exact: true }).fill('30 000');
  await page.getByRole('button', { name: 'Créer la campagne' }).click();
  await expect(page.getByText(/Le vote s'ouvre après le dernier jour du dépôt/)).toBeVisible();
  await ready(page);
  await expect(page.getByRole('textbox', { name: 'Titre' })).toHaveValue(title);
  await expect(page.getByRole('textbox', { name: 'Arrageois', exact: true })).toHaveValue('30 000');
  await expectAccessible(page);

  await page.getByLabel('Premier jour du vote').fill(day(60));
  await page.getByRole('button', { name: 'Créer la campagne' }).click();
  await expect(page).toHaveURL(/\/budget\/budget-e2e-.*\?creee=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('La campagne est créée.', { exact: false })).toBeVisible();
  await expect(page.getByText(/Le dépôt des projets est ouvert jusqu'au/)).toHaveCount(0);
  await expectAccessible(page);
});

test('staff edit in place in the review list too', async ({ page }) => {
  test.skip(!hydratedProject(), 'in-place editing is the hydrated app; without it the edit form serves');
  const name = 'Transport solidaire à la demande';
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, `${VOTING}/revue`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

  await row.getByRole('button', { name: `Modifier : titre de « ${name} »` }).click();
  await row.getByLabel(`Nouveau titre de « ${name} »`).fill('  ');
  await row.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(row.getByRole('alert')).toHaveText('Titre non modifié : Indiquez le titre.');
  await expect(row.getByRole('link', { name, exact: true })).toBeVisible();

  await row.getByRole('button', { name: `Modifier : coût estimé de « ${name} »` }).click();
  await row.getByLabel(`Nouveau coût estimé de « ${name} »`).fill('5 555');
  await row.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(row.getByRole('status')).toHaveText('Coût estimé enregistré.');
  await expect(row).toContainText('5\u202f555\u00a0€');
  await expectAccessible(page);
});

test('staff merge a duplicate into the project kept, before the vote', async ({ page }) => {
  // Each browser project merges its own pair of the next campaign's projects.
  const [duplicate, kept] = hydratedProject()
    ? ['Épicerie solidaire itinérante', 'Repair café mensuel']
    : ['Jardin partagé des Tilleuls', 'Ressourcerie de quartier'];
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, `${NEXT}/revue`);
  await page.getByRole('link', { name: duplicate, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(duplicate);
  await ready(page);
  await expectAccessible(page);

  const target = page.getByRole('combobox', { name: 'Projet à garder' });
  const value = await target.locator('option', { hasText: kept }).getAttribute('value');
  await target.selectOption(value as string);
  await page.getByRole('button', { name: 'Fusionner avec ce projet' }).click();
  await expect(page).toHaveURL(new RegExp(`${NEXT}/revue$`));
  await ready(page);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: duplicate, exact: true }) });
  await expect(row).toContainText(`Fusionné avec « ${kept} »`);
  await expect(row.getByRole('button', { name: /^Labelliser/ })).toHaveCount(0);
  await expectAccessible(page);

  // The duplicate's page leads to the project kept.
  await row.getByRole('link', { name: duplicate, exact: true }).click();
  await ready(page);
  await page.getByRole('link', { name: 'Voir le projet gardé' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kept);
});
