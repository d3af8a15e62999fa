import { expect } from '@playwright/test';
import { test } from './fixtures';
import { STAFF, calendarLines, expectAccessible, logIn, ready, signUp, visit } from './helpers';

const GROUP = '/collectifs/parcs-et-jardins';

test('a new resident joins a collectif, registers for events and subscribes to the agenda', async ({ page }, info) => {
  const stamp = Date.now();
  const name = `Membre ${info.project.name} ${stamp}`;
  await signUp(page, {
    email: `e2e-collectif-${info.project.name}-${stamp}@exemple.fr`,
    password: 'Collectif-Carvin-62',
    name,
    birthDate: '1980-02-03',
    commune: 'Carvin',
  });

  await visit(page, '/collectifs');
  await page.getByRole('link', { name: 'Parcs et jardins' }).click();
  await expect(page).toHaveURL(new RegExp(`${GROUP}$`));
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parcs et jardins');
  await expectAccessible(page);
  await page.getByLabel('Afficher mon nom parmi les membres').check();
  await page.getByRole('button', { name: 'Rejoindre le collectif' }).click();
  await expect(page.getByText('Vous êtes membre de ce collectif.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // A place is left at the plant swap.
  await page.getByRole('link', { name: 'Troc de plantes au jardin partagé' }).click();
  await expect(page).toHaveURL(/\/collectifs\/parcs-et-jardins\/evenements\/\d+$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: "M'inscrire", exact: true }).click();
  await expect(page.getByText('Vous êtes inscrit·e à cet événement.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // The market meeting is full: the waiting list.
  await visit(page, '/agenda');
  await page.getByRole('link', { name: 'Réunion avec les commerçants du marché' }).click();
  await ready(page);
  await page.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
  await expect(page.getByText(/Vous êtes sur la liste d'attente, en position \d+/)).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // Subscribing: the group's feed, as a calendar application reads it.
  await visit(page, GROUP);
  const feed = page.getByRole('link', { name: "S'abonner à l'agenda du collectif (iCalendar)" });
  const lines = await calendarLines(await page.request.get((await feed.getAttribute('href')) as string));
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
  expect(lines).toContain('SUMMARY:Troc de plantes au jardin partagé');
  const events = lines.filter((line) => line === 'BEGIN:VEVENT').length;
  expect(events).toBeGreaterThanOrEqual(2);
  expect(lines.filter((line) => line.startsWith('UID:')).length).toBe(events);
  expect(lines.filter((line) => /^DTSTART:\d{8}T\d{6}Z$/.test(line)).length).toBe(events);
  const global = await calendarLines(await page.request.get('/agenda.ics'));
  expect(global).toContain('SUMMARY:Réunion avec les commerçants du marché');
});

test('staff schedule an event and change the state of a collectif', async ({ page }, info) => {
  const group = info.project.name === 'no-js' ? '/collectifs/3eme-fleur' : '/collectifs/je-bouge-dans-la-ville';
  const title = `Atelier ${info.project.name} ${Date.now()}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, group);

  // Without a title nothing is scheduled and the field says why.
  await page.getByLabel('Lieu').fill('Salle des fêtes');
  await page.getByRole('button', { name: "Programmer l'événement" }).click();
  await expect(page.getByText('Indiquez un titre de 1 à 120 caractères.')).toBeVisible();
  await ready(page);

  await page.locator('#champ-title').fill(title);
  await page.getByLabel('Début (heure de Paris)').fill('2099-05-02T14:00');
  await page.getByLabel('Fin (heure de Paris)').fill('2099-05-02T16:30');
  await page.getByLabel('Lieu').fill('Salle des fêtes');
  await page.getByLabel('Nombre de places').fill('15');
  await page.getByRole('button', { name: "Programmer l'événement" }).click();
  await expect(page).toHaveURL(/\/evenements\/\d+$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('samedi 2 mai 2099, 14 h 00 – 16 h 30')).toBeVisible();
  await expectAccessible(page);

  // A revived group goes back to sleep, or a sleeping one is revived; the history dates it.
  await visit(page, group);
  const asleep = await page.getByText('État : En sommeil').isVisible();
  const target = asleep ? 'Relancé' : 'En sommeil';
  await page.getByLabel('Nouvel état').selectOption({ label: target });
  await page.getByLabel('Précision (facultatif)').fill(`Essai ${info.project.name}`);
  await page.getByRole('button', { name: "Changer l'état" }).click();
  await expect(page.getByText(`État : ${target}`)).toBeVisible();
  await expect(page.locator('.history li').first()).toContainText(`Essai ${info.project.name}`);
  await ready(page);
  await expectAccessible(page);
});
