import { expect } from '@playwright/test';
import { test } from './fixtures';
import { ORGANISER, STAFF, expectAccessible, hydratedProject, logIn, ready, signUp, visit } from './helpers';

const CAMPAIGN = '/budget/budget-citoyen-pas-de-calais-2024';
const NEXT = '/budget/budget-citoyen-pas-de-calais-2025';

test('a new resident votes for 3 projects, gets a receipt, and changes the ballot', async ({ page, browser }, info) => {
  // Eleven pages, each checked with axe: without JavaScript every step is a full page load.
  // A fresh account, so that this test does not depend on who already voted.
  const email = `e2e-vote-${info.project.name}-${Date.now()}@exemple.fr`;
  await signUp(page, {
    email,
    password: 'Budget-Citoyen-62',
    name: 'Votante Test',
    birthDate: '2010-03-14',
    commune: 'Arras',
  });

  await visit(page, '/budget');
  await page.getByRole('link', { name: 'Budget citoyen du Pas-de-Calais 2024' }).click();
  await expect(page).toHaveURL(new RegExp(`${CAMPAIGN}$`));
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget citoyen du Pas-de-Calais 2024');
  await expectAccessible(page);

  // The filters are a plain GET form.
  await page.getByLabel('Catégorie').selectOption('Alimentation');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/categorie=Alimentation/);
  await ready(page);
  await expectAccessible(page);

  const choices = page.getByRole('checkbox', { name: /^Choisir ce projet/ });
  expect(await choices.count()).toBeGreaterThanOrEqual(3);
  if (hydratedProject()) {
    await expect(page.getByText('0 / 3 choisis')).toBeVisible();
  }
  for (const n of [0, 1, 2]) {
    await choices.nth(n).check();
  }
  if (hydratedProject()) {
    await expect(page.getByText('3 / 3 choisis')).toBeVisible();
  }
  await page.getByRole('button', { name: 'Valider mon vote' }).click();

  // Nothing is cast before the voter confirms the choices shown back to them.
  await expect(page).toHaveURL(/\/confirmer\?choix=\d+&choix=\d+&choix=\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Vos choix (3)' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirmer mon vote' }).click();

  await expect(page).toHaveURL(/\/merci\?recu=[A-Z0-9-]{14}$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merci pour votre vote');
  const code = new URL(page.url()).searchParams.get('recu') as string;
  await expect(page.locator('.receipt-code')).toHaveText(code);
  await expectAccessible(page);

  // The campaign lets voters change their ballot until the vote closes: their choices come back checked.
  await visit(page, CAMPAIGN);
  await expect(page.getByText('Vous avez voté : vos choix sont cochés ci-dessous.')).toBeVisible();
  const checked = page.getByRole('checkbox', { name: /^Choisir ce projet/, checked: true });
  await expect(checked).toHaveCount(3);
  if (hydratedProject()) {
    await expect(page.getByText('3 / 3 choisis')).toBeVisible();
  }
  await checked.first().uncheck();
  await page.getByRole('button', { name: 'Modifier mon vote' }).click();
  await expect(page.getByText('Ce bulletin remplacera celui que vous avez déjà déposé.')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmer la modification' }).click();
  await expect(page).toHaveURL(/\/merci\?recu=[A-Z0-9-]{14}$/);
  await ready(page);
  const changed = new URL(page.url()).searchParams.get('recu') as string;
  expect(changed).not.toBe(code);
  await expect(page.locator('.receipt-code')).toHaveText(changed);
  await visit(page, CAMPAIGN);
  await expect(page.getByRole('checkbox', { name: /^Choisir ce projet/, checked: true })).toHaveCount(2);
  // The first receipt went with the ballot it proved.
  await visit(page, `${CAMPAIGN}/merci?recu=${code}`);
  await expect(page.getByText('Ce code de reçu est inconnu pour cette campagne.')).toBeVisible();

  await visit(page, `${CAMPAIGN}/resultats`);
  await expect(page.getByRole('heading', { level: 2, name: 'Arrageois' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Diagramme des voix par projet, Arrageois/ })).toBeVisible();
});

test('staff reject a project with a reason before the vote; the journal records who did it', async ({ page }, info) => {
  // One project per browser project of the next campaign, which is still under review.
  const title = info.project.name === 'no-js' ? 'Atelier vélo participatif' : 'Cuisine collective du marché';
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, `${NEXT}/revue`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Revue des projets');

  const row = page.getByRole('row', { name: new RegExp(title) });
  // Without a reason the rejection is refused.
  await row.getByRole('button', { name: /^Refuser/ }).click();
  await expect(page.getByText('Indiquez le motif du refus')).toBeVisible();
  await ready(page);

  const reason = 'Projet déjà financé par la commune.';
  await page.getByRole('row', { name: new RegExp(title) }).getByLabel(/^Motif du refus/).fill(reason);
  await page.getByRole('row', { name: new RegExp(title) }).getByRole('button', { name: /^Refuser/ }).click();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText(`Refusé — motif : ${reason}`);
  await ready(page);
  await expectAccessible(page);

  // The journal names who rejected it; a visitor reads the act, not the rejected project's title.
  await page.getByRole('link', { name: 'Journal de la campagne' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Journal — /);
  await expect(page.getByRole('row', { name: `A refusé le projet « ${title} »` })).toContainText('Étienne Équipe');
  await ready(page);
  await expectAccessible(page);
  await page.context().clearCookies();
  await visit(page, `${NEXT}/journal`);
  await expect(page.getByRole('row', { name: /^.*A refusé le projet n° \d+/ }).first()).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
});

test('labels are frozen once the vote opens', async ({ page }) => {
  await logIn(page, ORGANISER.email, ORGANISER.password);
  await visit(page, `${CAMPAIGN}/revue`);
  await expect(page.getByText('Le vote a commencé : les labels sont figés, les projets ne changent plus de statut.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Refuser|Labelliser)/ })).toHaveCount(0);
  // Paper ballots are for staff: organisers get no link to enter them.
  await expect(page.getByRole('link', { name: 'Saisir des bulletins papier' })).toHaveCount(0);
});

test('staff enter paper ballots: any wrong line stores none', async ({ page }) => {
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, `${CAMPAIGN}/revue`);
  await page.getByRole('link', { name: 'Saisir des bulletins papier' }).click();
  await expect(page).toHaveURL(/\/bulletins-papier$/);
  await ready(page);
  await expectAccessible(page);
  const numbers = await page.locator('tbody tr td:first-child').allInnerTexts();
  expect(numbers.length).toBeGreaterThanOrEqual(3);
  const before = await page.getByText(/bulletin\(s\) papier saisi\(s\)/).innerText();

  await page.getByLabel('Bulletins, un par ligne').fill(`${numbers[0]}, ${numbers[1]}\n${numbers[2]}; ${numbers[2]}`);
  await page.getByRole('button', { name: 'Enregistrer les bulletins' }).click();
  await expect(page.getByText(/^Aucun bulletin enregistré\. Ligne 2 : Chaque projet ne peut être choisi qu'une fois\./)).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByText(/bulletin\(s\) papier saisi\(s\)/)).toHaveText(before);

  await page.getByLabel('Bulletins, un par ligne').fill(`${numbers[0]}, ${numbers[1]}\n${numbers[2]}`);
  await page.getByRole('button', { name: 'Enregistrer les bulletins' }).click();
  await expect(page).toHaveURL(/\?enregistres=2$/);
  await expect(page.getByText('2 bulletin(s) papier enregistré(s).')).toBeVisible();
});

test('the organisers dashboard follows the ballots as they come', async ({ page, browser }, info) => {
  await logIn(page, ORGANISER.email, ORGANISER.password);
  await visit(page, `${CAMPAIGN}/revue`);
  await page.getByRole('link', { name: 'Suivre le vote en direct' }).click();
  await expect(page).toHaveURL(/\/tableau-de-bord$/);
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByRole('table', { name: 'Participation par territoire' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Saisies de bulletins papier' })).toContainText('120 bulletins papier saisis');
  const count = page.locator('p.lead');
  const ballots = async () => Number((await count.innerText()).match(/^(\d+) bulletins/)?.[1]);
  const before = await ballots();

  // A new resident votes in another window.
  const voter = await (await browser.newContext()).newPage();
  await signUp(voter, {
    email: `e2e-tableau-${info.project.name}-${Date.now()}@exemple.fr`,
    password: 'Budget-Citoyen-62',
    name: 'Votant Tableau',
    birthDate: '1990-05-04',
    commune: 'Arras',
  });
  await visit(voter, CAMPAIGN);
  await voter.getByRole('checkbox', { name: /^Choisir ce projet/ }).first().check();
  await voter.getByRole('button', { name: 'Valider mon vote' }).click();
  await voter.getByRole('button', { name: 'Confirmer mon vote' }).click();
  await expect(voter).toHaveURL(/\/merci\?recu=/);
  await voter.context().close();

  // Hydrated, the figure moves by itself; without JavaScript, on the next load.
  if (!hydratedProject()) {
    await page.reload();
  }
  await expect(count).toHaveText(new RegExp(`^${before + 1} bulletins`));
  const download = page.getByRole('link', { name: 'Résultats (CSV)' });
  await expect(download).toHaveAttribute('href', `${CAMPAIGN}/resultats.csv`);

  // Both counting rules side by side, territory by territory.
  await visit(page, `${CAMPAIGN}/comparaison`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Comparer les règles');
  await expect(page.getByRole('columnheader', { name: 'Parts égales' }).first()).toBeVisible();
});

test('the Toulouse 2024 campaign, imported from its Pabulib file, shows its results', async ({ page }) => {
  await visit(page, '/budget');
  await expect(page.getByRole('link', { name: 'Budget participatif Toulouse 2024' })).toBeVisible();
  await visit(page, '/budget/pabulib-toulouse-2024/resultats');
  await expect(page.getByRole('heading', { level: 2, name: 'Toulouse' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Diagramme des voix par projet, Toulouse/ })).toBeVisible();
  await expect(page.getByText('7260 bulletins', { exact: false })).toBeVisible();
  await expectAccessible(page);
});
