import { expect } from '@playwright/test';
import { test } from './fixtures';
import { ORGANISER, STAFF, expectAccessible, logIn, ready, visit } from './helpers';

// The demo organiser facilitates this collectif.
const GROUP = '/collectifs/place-du-handicap-dans-la-ville';

test('a facilitator publishes an opinion and it goes through the whole chain up to the answer', async ({ page, browser }, info) => {
  // Nine pages checked with axe-core, two sessions and a visitor.
  test.setTimeout(180_000);
  const title = `Avis sur les trottoirs ${info.project.name} ${Date.now()}`;
  await logIn(page, ORGANISER.email, ORGANISER.password);
  await visit(page, GROUP);

  // A file that is not a PDF is refused and nothing is published.
  const publish = async (buffer: Buffer) => {
    await page.getByLabel('Type de document').selectOption({ label: 'Avis' });
    await page.getByLabel('Titre du document').fill(title);
    await page.getByLabel('Date du document').fill('2026-11-30');
    await page.getByLabel('Document (PDF, 5 Mo au plus)').setInputFiles({ name: 'avis.pdf', mimeType: 'application/pdf', buffer });
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
  };
  await publish(Buffer.from('<svg></svg>'));
  await expect(page.getByRole('alert').filter({ hasText: 'Le document doit être un fichier PDF.' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await publish(Buffer.from('%PDF-1.4\n% avis sur les trottoirs\n%%EOF\n'));
  await expect(page).toHaveURL(/\/publications\/\d+\?publiee=1$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Étape actuelle : brouillon')).toBeVisible();
  await expectAccessible(page);
  const address = new URL(page.url()).pathname;

  // The draft is not public yet.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(address);
  await expect(visitor.getByText('Élément introuvable.')).toBeVisible();

  await page.getByRole('button', { name: 'Transmettre au bureau municipal' }).click();
  await expect(page.getByText('Étape actuelle : transmis au bureau municipal')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // The municipal bureau returns it with remarks; the collectif sends it again.
  const context = await browser.newContext();
  const staff = await context.newPage();
  await logIn(staff, STAFF.email, STAFF.password);
  await visit(staff, address);
  await staff.getByRole('button', { name: 'Renvoyer avec remarques' }).click();
  await expect(staff.getByText('Indiquez les remarques du bureau.')).toBeVisible();
  await ready(staff);
  await staff.getByLabel('Remarques du bureau').fill('Précisez les rues concernées.');
  await staff.getByRole('button', { name: 'Renvoyer avec remarques' }).click();
  await expect(staff.getByText('Étape actuelle : renvoyé avec remarques')).toBeVisible();
  await expect(staff.getByText('Remarques : Précisez les rues concernées.')).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);

  await visit(page, address);
  await page.getByRole('button', { name: 'Transmettre au bureau municipal' }).click();
  await expect(page.getByText('Étape actuelle : transmis au bureau municipal')).toBeVisible();

  // Validated, presented to a commission on a date, answered.
  await visit(staff, address);
  await staff.getByRole('button', { name: "Valider l'avis" }).click();
  await expect(staff.getByText('Étape actuelle : validé par le bureau municipal')).toBeVisible();
  await ready(staff);
  await staff.getByLabel("Commission d'élus").fill('Commission travaux et accessibilité');
  await staff.getByLabel('Date de la séance').fill('2026-12-17');
  await staff.getByRole('button', { name: 'Enregistrer la présentation' }).click();
  await expect(staff.getByText('Commission : Commission travaux et accessibilité, séance du 17 décembre 2026')).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByLabel('Réponse').fill('La ville abaissera douze bordures de trottoir en 2027.');
  await staff.getByRole('button', { name: 'Publier la réponse' }).click();
  await expect(staff.getByText('Étape actuelle : réponse de la municipalité publiée')).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await context.close();

  // Anyone follows it in the tracker, reads every dated step, and gets its PDF and the feed.
  await visit(visitor, '/collectifs/avis');
  const row = visitor.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('réponse de la municipalité publiée');
  await row.getByRole('link', { name: title }).click();
  await expect(visitor).toHaveURL(new RegExp(`${address}$`));
  await ready(visitor);
  await expect(visitor.locator('ol.history li')).toHaveCount(7);
  await expect(visitor.getByText('Réponse : La ville abaissera douze bordures de trottoir en 2027.')).toBeVisible();
  await expectAccessible(visitor);
  const pdf = await visitor.request.get(`${address}/document.pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const feed = await visitor.request.get(`${GROUP}/publications.atom`);
  expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(await feed.text()).toContain(`<title>Avis — ${title}</title>`);
});

test('publications are listed by year and month with their size, and the tracker shows every stage', async ({ page }) => {
  await visit(page, '/collectifs/publications');
  await expect(page.getByRole('heading', { level: 2, name: '2025' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'octobre 2025' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Télécharger \(PDF – \d+ (o|Ko)\) — Avis sur la gestion différenciée/ })).toBeVisible();
  await expect(page.getByText('Avis sur le stationnement rue de la Gare')).toHaveCount(0);

  await visit(page, '/collectifs/avis');
  for (const stage of ['transmis au bureau municipal', 'renvoyé avec remarques', 'validé par le bureau municipal', 'présenté en commission', 'réponse de la municipalité publiée']) {
    await expect(page.getByRole('cell', { name: stage, exact: true }).first()).toBeVisible();
  }

  await visit(page, '/collectifs/parcs-et-jardins');
  await expect(page.getByRole('heading', { level: 2, name: 'Publications' })).toBeVisible();
  await page.getByRole('link', { name: 'Avis sur la gestion différenciée des espaces verts', exact: true }).click();
  await ready(page);
  await expect(page.getByText('Commission : Commission cadre de vie et environnement, séance du 20 novembre 2025')).toBeVisible();
  await expectAccessible(page);
});
