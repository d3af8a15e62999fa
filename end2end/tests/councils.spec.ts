import { expect } from '@playwright/test';
import { test } from './fixtures';
import { STAFF, expectAccessible, logIn, ready, signUp, visit } from './helpers';

/** Each browser project seats its own council, so that both run on one demo database. */
function councilOf(project: string): { slug: string; name: string; prefix: string } {
  return project === 'no-js'
    ? { slug: 'pierrette', name: 'Pierrette', prefix: 'PIE-' }
    : { slug: 'gare', name: 'Gare', prefix: 'GAR-' };
}

/** A date `years` years and `days` days before today, as a date field wants it. */
function yearsAgo(years: number, days: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

test('a 17-year-old applies with an authorisation, staff verify and draw before witnesses, anyone reads the record', async ({ page, browser }, info) => {
  // Fifteen pages, each checked with axe-core, and two sessions.
  test.setTimeout(180_000);
  const council = councilOf(info.project.name);
  const base = `/conseils-de-quartier/${council.slug}`;
  const stamp = Date.now();
  const name = `Lina ${info.project.name} ${stamp}`;
  // 17 on the draw day (in 55 days): 17 a month from now.
  const birthDate = yearsAgo(17, 30);
  await signUp(page, {
    email: `e2e-conseil-${info.project.name}-${stamp}@exemple.fr`,
    password: 'Conseil-Bethune-62',
    name,
    birthDate,
    commune: 'Béthune',
  });

  await visit(page, '/conseils-de-quartier');
  await page.getByRole('link', { name: council.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}$`));
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Candidater' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/candidater$`));
  await ready(page);
  await expectAccessible(page);

  // Outside the town: refused with the reason, what was typed is kept.
  await page.getByLabel('Prénom et nom').fill(name);
  await page.getByLabel('Genre').selectOption({ label: 'Femme' });
  await page.getByLabel('Je candidate comme').selectOption({ label: 'Habitant·e du quartier' });
  await page.getByLabel('Date de naissance').fill(birthDate);
  await page.getByLabel('Adresse (domicile, ou siège de la structure)').fill('3 rue des Lilas');
  await page.getByLabel('Code postal').fill('62000');
  await page.getByLabel("J'accepte que mon nom soit publié si je suis tiré·e au sort.").check();
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page.getByText('le code postal doit être 62400')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByLabel('Prénom et nom')).toHaveValue(name);
  await page.getByLabel('Code postal').fill('62400');
  await page.getByLabel("J'accepte que mon nom soit publié si je suis tiré·e au sort.").check();
  await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
  await expect(page).toHaveURL(new RegExp(`${base}\\?candidature=envoyee$`));
  await expect(page.getByText("Votre candidature est enregistrée : l'équipe municipale la vérifie avant le tirage.")).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  const pseudonym = (await page.locator('#ma-candidature ~ p strong').first().innerText()).trim();
  expect(pseudonym.startsWith(council.prefix)).toBe(true);

  // The parental authorisation: a file that is neither a PDF nor a photo is refused, a PDF is kept.
  const file = page.getByLabel("Fichier de l'autorisation");
  await file.setInputFiles({ name: 'autorisation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<svg></svg>') });
  await page.getByRole('button', { name: "Envoyer l'autorisation" }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le fichier doit être un PDF ou une photo (JPEG ou PNG).' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await page.getByLabel("Fichier de l'autorisation").setInputFiles({
    name: 'autorisation.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% autorisation signée\n'),
  });
  await page.getByRole('button', { name: "Envoyer l'autorisation" }).click();
  await expect(page.getByText("L'autorisation parentale est enregistrée.")).toBeVisible();
  await expect(page.getByText('Autorisation reçue.')).toBeVisible();
  await ready(page);

  // Staff check the candidacy, publish the pool and draw with public dice before two witnesses.
  const context = await browser.newContext();
  const staff = await context.newPage();
  await logIn(staff, STAFF.email, STAFF.password);
  await visit(staff, `${base}/candidatures`);
  const card = staff.locator('li.card', { hasText: pseudonym });
  await expect(card.getByRole('link', { name: "Voir l'autorisation parentale" })).toBeVisible();
  await card.getByRole('button', { name: `Accepter ${pseudonym}` }).click();
  await expect(staff.locator('li.card', { hasText: pseudonym }).getByText('Acceptée', { exact: true })).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByRole('link', { name: 'Vers le tirage au sort' }).click();
  await expect(staff).toHaveURL(new RegExp(`${base}/tirage$`));
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByRole('button', { name: 'Clore les candidatures et publier le vivier' }).click();
  await expect(staff.getByRole('heading', { level: 2, name: /^Vivier publié le/ })).toBeVisible();
  await expect(staff.getByRole('cell', { name: pseudonym, exact: true })).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByLabel('Sources publiques, une par ligne').fill('Dés lancés en séance : 6 2 5 1 3\nLoto du 2 décembre 2026 : 4 18 22 31 47');
  await staff.getByLabel('Témoins présents, un par ligne').fill('Nadia Benali\nPaul Vermeulen');
  await staff.getByRole('button', { name: 'Tirer au sort' }).click();
  await expect(staff.getByText('Témoins : Nadia Benali, Paul Vermeulen')).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await context.close();

  // Anyone reads the public record and downloads it; the council now has its 12 members.
  const visitor = await (await browser.newContext()).newPage();
  await visit(visitor, `${base}/tirage`);
  await expect(visitor.getByText('Témoins : Nadia Benali, Paul Vermeulen')).toBeVisible();
  await expect(visitor.getByText(name)).toHaveCount(0);
  const response = await visitor.request.get(`${base}/tirages/1.json`);
  expect(response.status()).toBe(200);
  const record = await response.json();
  expect(record.format).toBe('agora-sortition-record');
  expect(record.draw.witnesses).toEqual(['Nadia Benali', 'Paul Vermeulen']);
  expect(record.draw.selected).toHaveLength(12);
  expect(record.announcement.pool.candidates.map((c: { id: string }) => c.id)).toContain(pseudonym);
  await visit(visitor, base);
  await expect(visitor.getByRole('heading', { name: 'Membres' })).toBeVisible();
  await expect(visitor.locator('h2:has-text("Membres") + ul li')).toHaveCount(12);
});

test('the councils, their record and Catorive’s minutes are public', async ({ page }) => {
  await visit(page, '/conseils-de-quartier/catorive');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conseil de quartier Catorive');
  await expect(page.getByText('Habitant·es : 8')).toBeVisible();
  const minutes = page.getByRole('link', { name: 'Compte rendu (PDF)' }).first();
  const response = await page.request.get((await minutes.getAttribute('href')) as string);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await page.getByRole('link', { name: 'Le tirage au sort public et son dossier vérifiable' }).click();
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByText('Témoins : Marie-Claude Dutoit, habitante, Jean Lemaire, huissier de justice')).toBeVisible();
});
