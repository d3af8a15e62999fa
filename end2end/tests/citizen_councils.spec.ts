import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { RESIDENT, STAFF, calendarLines, day, expectAccessible, logIn, ready, signUp, visit } from './helpers';

const PDF = Buffer.from('%PDF-1.4\n% document de test\n');

/** Fills the final report with `sheet` as the report sheet, and sends it. */
async function fileReport(page: Page, sheet: Buffer) {
  await page.getByLabel('Dépenses réelles (euros)').fill('340,50');
  await page.getByLabel('Nombre de participants').fill('42');
  await page.getByLabel('Bilan du projet', { exact: true }).fill('Quarante-deux voisins sont venus, les enfants ont joué tout l’après-midi.');
  await page.getByLabel('Fiche bilan et justificatifs (PDF, 5 Mo au plus)').setInputFiles({ name: 'bilan.pdf', mimeType: 'application/pdf', buffer: sheet });
  await page.getByRole('button', { name: 'Déposer le bilan' }).click();
}

test('staff put the minutes of a month online; a file that is not a PDF is refused', async ({ page }, info) => {
  // Each browser project its own month, so that both run on one demo database.
  const [month, label] = info.project.name === 'no-js' ? ['2020-04', 'Avril 2020'] : ['2020-03', 'Mars 2020'];
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/conseils-citoyens');
  await expect(page.getByRole('link', { name: 'Comptes-rendus de réunion des Conseils Citoyens – Janvier 2020' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Comptes-rendus des Conseils Citoyens 2019' })).toBeVisible();

  await page.getByLabel('Mois de la réunion').fill(month);
  await page.getByLabel('Compte rendu (PDF, 5 Mo au plus)').setInputFiles({ name: 'cr.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html></html>') });
  await page.getByRole('button', { name: 'Mettre en ligne le compte rendu' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le fichier doit être un PDF.' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  await page.getByLabel('Mois de la réunion').fill(month);
  await page.getByLabel('Compte rendu (PDF, 5 Mo au plus)').setInputFiles({ name: 'cr.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Mettre en ligne le compte rendu' }).click();
  await expect(page.getByText('Le compte rendu est en ligne.')).toBeVisible();
  const link = page.getByRole('link', { name: `Comptes-rendus de réunion des Conseils Citoyens – ${label}` }).first();
  await expect(link).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  const response = await page.request.get((await link.getAttribute('href')) as string);
  expect(response.headers()['content-type']).toBe('application/pdf');
});

test('a resident applies to the fund, staff grant within the request, the resident files the report', async ({ page, browser }, info) => {
  // Eight pages, each checked with axe-core, and two sessions.
  test.setTimeout(180_000);
  const title = `Goûter des voisins ${info.project.name} ${Date.now()}`;
  await logIn(page, RESIDENT.email, RESIDENT.password);
  await visit(page, '/conseils-citoyens');
  await page.getByRole('link', { name: 'Fonds de Participation des Habitants' }).first().click();
  await expect(page).toHaveURL(/\/conseils-citoyens\/fonds$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Déposer une demande' }).click();
  await expect(page).toHaveURL(/\/conseils-citoyens\/fonds\/deposer$/);
  await ready(page);
  await expectAccessible(page);

  // More asked than the budget: refused with the reason, what was typed is kept.
  await page.getByLabel('Conseil citoyen').selectOption({ label: 'Alès Tamaris' });
  await page.getByLabel('Quartier du projet').selectOption({ label: 'Alès Tamaris' });
  await page.getByLabel('Titre du projet').fill(title);
  await page.getByLabel('Description du projet').fill('Un goûter au pied des immeubles, avec des jeux pour les enfants.');
  await page.getByLabel('Le projet est porté par').selectOption({ label: "Un groupe d'habitants" });
  await page.getByLabel("Nom de l'association ou du groupe").fill('Les voisins du bâtiment C');
  await page.getByLabel('Date de début').fill(day(40));
  await page.getByLabel('Date de fin').fill(day(40));
  await page.getByLabel('Budget, une dépense par ligne').fill('Goûter ; 150\nJeux ; 300');
  await page.getByLabel('Montant demandé au fonds (euros)').fill('500');
  await page.getByRole('button', { name: 'Déposer la demande' }).click();
  await expect(page.getByText('Le montant demandé dépasse le budget total du projet (450 €).')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await expect(page.getByLabel('Titre du projet')).toHaveValue(title);
  await page.getByLabel('Montant demandé au fonds (euros)').fill('400');
  await page.getByRole('button', { name: 'Déposer la demande' }).click();
  await expect(page).toHaveURL(/\/conseils-citoyens\/fonds\/\d+\?deposee=1$/);
  await expect(page.getByText("Votre demande est déposée : le conseil citoyen l'examine et vous répond par courriel.")).toBeVisible();
  await expect(page.getByText('Déposée, en attente du conseil')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  const address = new URL(page.url()).pathname;

  // Staff see the envelope's balance; more than was asked is refused, then they grant.
  const context = await browser.newContext();
  const staff = await context.newPage();
  await logIn(staff, STAFF.email, STAFF.password);
  await visit(staff, address);
  await expect(staff.getByText(/^Enveloppe \d{4} : .* restants sur 5 000 €\.$/)).toBeVisible();
  await staff.getByLabel('Montant accordé (euros)').fill('500');
  await staff.getByRole('button', { name: 'Accorder', exact: true }).click();
  await expect(staff.getByText('Le montant accordé (500 €) dépasse le montant demandé (400 €).')).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await staff.getByLabel('Montant accordé (euros)').fill('350');
  await staff.getByRole('button', { name: 'Accorder', exact: true }).click();
  await expect(staff.getByText('Aide accordée', { exact: true })).toBeVisible();
  await ready(staff);
  await expectAccessible(staff);
  await context.close();

  // The resident files the report: a PDF sheet, after one that is not.
  await visit(page, address);
  await expect(page.getByText('Aide accordée :')).toBeVisible();
  await fileReport(page, Buffer.from('GIF89a'));
  await expect(page.getByRole('alert').filter({ hasText: 'Bilan non enregistré : Le fichier doit être un PDF.' })).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await fileReport(page, PDF);
  await expect(page.getByText('Le bilan est déposé. Merci !')).toBeVisible();
  await expect(page.getByText('Bilan déposé', { exact: true })).toBeVisible();
  await expect(page.getByText('Dépenses réelles : 340,50 €')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  await visit(page, '/conseils-citoyens/fonds');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
});

test('a resident registers for a council meeting and subscribes to the council agenda', async ({ page, browser }, info) => {
  // Each browser project its own council; a new account, so that a rerun starts afresh.
  const council = info.project.name === 'no-js' ? 'Alès Centre-Ville' : 'Alès Rive Droite';
  const stamp = Date.now();
  await signUp(page, {
    email: `e2e-conseil-${info.project.name}-${stamp}@exemple.fr`,
    password: 'Conseil-Citoyen-30',
    name: `Voisine ${info.project.name} ${stamp}`,
    birthDate: '1975-06-07',
    commune: 'Alès',
  });
  await visit(page, '/conseils-citoyens');
  await page.getByRole('link', { name: council, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(council);
  await ready(page);
  await expectAccessible(page);
  const upcoming = page.locator('h2', { hasText: 'Réunions et événements à venir' }).locator('xpath=following-sibling::ul[1]');
  await upcoming.getByRole('link', { name: `Réunion plénière — ${council}` }).click();
  await expect(page).toHaveURL(/\/conseils-citoyens\/[a-z-]+\/evenements\/\d+$/);
  const address = new URL(page.url()).pathname;
  await ready(page);
  await expect(page.getByRole('link', { name: council })).toBeVisible();
  await page.getByRole('button', { name: "M'inscrire", exact: true }).click();
  await expect(page.getByText('Vous êtes inscrit·e à cet événement.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // The council's feed, as a calendar application reads it, then the global agenda.
  await page.getByRole('link', { name: council }).click();
  await ready(page);
  const feed = page.getByRole('link', { name: "S'abonner à l'agenda du conseil (iCalendar)" });
  const lines = await calendarLines(await page.request.get((await feed.getAttribute('href')) as string));
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines).toContain(`X-WR-CALNAME:Agenda — ${council}`);
  expect(lines).toContain(`SUMMARY:Réunion plénière — ${council}`);
  expect(lines.some((line) => line.startsWith('URL:') && line.endsWith(address))).toBe(true);
  const events = lines.filter((line) => line === 'BEGIN:VEVENT').length;
  expect(events).toBeGreaterThanOrEqual(2);
  expect(lines.filter((line) => /^DTSTART:\d{8}T\d{6}Z$/.test(line)).length).toBe(events);
  await visit(page, '/agenda');
  await expect(page.getByRole('link', { name: `Réunion plénière — ${council}` }).first()).toBeVisible();
  await expectAccessible(page);
  const global = await calendarLines(await page.request.get('/agenda.ics'));
  expect(global.some((line) => line.startsWith('URL:') && line.endsWith(address))).toBe(true);
});

test('staff schedule a meeting of a citizen council', async ({ page }, info) => {
  const title = `Réunion de quartier ${info.project.name} ${Date.now()}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/conseils-citoyens/ales-tamaris');
  await page.locator('#champ-title').fill(title);
  await page.getByLabel('Début (heure de Paris)').fill('2099-09-14T18:00');
  await page.getByLabel('Fin (heure de Paris)').fill('2099-09-14T20:00');
  await page.getByLabel('Lieu').fill('Centre social Tamaris');
  await page.getByRole('button', { name: "Programmer l'événement" }).click();
  await expect(page).toHaveURL(/\/conseils-citoyens\/ales-tamaris\/evenements\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Places sans limite')).toBeVisible();
  await expectAccessible(page);
});
