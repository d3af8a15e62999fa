import { expect } from '@playwright/test';
import { test } from './fixtures';
import { STAFF, XSS, day, expectAccessible, expectNoScriptRan, expectShownAsText, logIn, ready, visit } from './helpers';

const MOBILITY = 'Mobilités douces : vos déplacements à vélo et à pied';

test('a visitor answers the soft-mobility survey and sees the charts', async ({ page }) => {
  // Each test has its own browser context: a visitor without the answer cookie, in either project.
  await visit(page, '/dialogue');
  await page.getByRole('link', { name: 'Consultations' }).click();
  await expect(page).toHaveURL(/\/dialogue\/consultations$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByRole('link', { name: MOBILITY }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MOBILITY);
  await ready(page);
  await expectAccessible(page);

  await page.getByRole('radio', { name: 'À vélo' }).check();
  // Every option checked where three at most are allowed: the server names the problem.
  for (const option of await page.getByRole('checkbox').all()) {
    await option.check();
  }
  await page.getByRole('radio', { name: '2', exact: true }).check();
  const priorities = [
    'Sécuriser les abords des écoles',
    'Relier les villes par des véloroutes',
    'Rendre les trottoirs accessibles à tous',
    'Développer les parkings vélo dans les gares',
  ];
  for (const [index, label] of priorities.entries()) {
    await page.getByLabel(label).selectOption(String(index + 1));
  }
  await page.getByLabel(/Une remarque ou une proposition/).fill(XSS.join(' '));
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('Cochez au plus 3 réponse(s) : vous en avez coché 5.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);
  // What was chosen is still there.
  await expect(page.getByRole('radio', { name: 'À vélo' })).toBeChecked();
  await expect(page.getByLabel('Relier les villes par des véloroutes')).toHaveValue('2');

  await page.getByRole('checkbox', { name: 'Des douches et des vestiaires au travail' }).uncheck();
  await page.getByRole('checkbox', { name: "Une aide à l'achat d'un vélo à assistance électrique" }).uncheck();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page).toHaveURL(/\?merci=1$/);
  await expect(page.getByText('Merci ! Votre réponse est enregistrée.')).toBeVisible();
  await ready(page);
  await expect(page.getByText('Vous avez déjà répondu à cette consultation.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer mes réponses' })).toHaveCount(0);
  await expectNoScriptRan(page);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Voir les résultats' }).click();
  await expect(page).toHaveURL(/\/resultats$/);
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Résultats — ${MOBILITY}`);
  await expect(page.getByRole('img', { name: /^Diagramme en barres, Comment vous rendez-vous/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Diagramme en barres, Classez ces priorités/ })).toBeVisible();
  await expect(page.getByText(/^Moyenne : \d,\d sur 5$/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'À vélo' })).toContainText(/\d+,\d %/);
  // Free texts are for staff: the public sees how many, not what.
  await expect(page.getByText(XSS[0])).toHaveCount(0);
  await expectNoScriptRan(page);
  await expectAccessible(page);
});

test('staff build a small questionnaire and publish it', async ({ page }, info) => {
  const title = `Horaires des bus du soir ${info.project.name} ${Date.now()} ${XSS[0]}`;
  await logIn(page, STAFF.email, STAFF.password);
  await visit(page, '/dialogue/consultations');
  await page.getByRole('link', { name: 'Nouvelle consultation' }).click();
  await expect(page).toHaveURL(/\/dialogue\/consultations\/nouvelle$/);
  await ready(page);
  await expectAccessible(page);
  await page.getByLabel('Institution').selectOption({ label: 'CESER Hauts-de-France' });
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Présentation').fill(`Dites-nous à quelle heure vous rentrez le soir. ${XSS.join(' ')}`);
  await page.getByLabel(/^Ouverture/).fill(day(0));
  await page.getByLabel(/^Clôture/).fill(day(14));
  await page.getByLabel('Qui peut répondre').selectOption({ label: 'Tout le monde, avec ou sans compte' });
  await page.getByLabel('Publication des résultats').selectOption({ label: 'Seulement après la clôture' });
  await page.getByRole('button', { name: 'Créer la consultation' }).click();
  await expect(page).toHaveURL(/\/questionnaire\?enregistre=1$/);
  await expect(page.getByText('Consultation créée. Ajoutez ses questions, puis publiez-la.')).toBeVisible();
  await ready(page);
  await expectAccessible(page);

  // One option is not enough: the message names the field, and what was typed stays.
  await page.getByLabel('Type de question').selectOption({ label: 'Choix unique' });
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill('Quelle ligne prenez-vous le soir ?');
  await page.getByLabel('Options, une par ligne').fill('Ligne 1');
  await page.getByRole('button', { name: 'Ajouter la question' }).click();
  await expect(page.getByText('Indiquez de 2 à 20 options, une par ligne.')).toBeVisible();
  await ready(page);
  await expect(page.getByRole('textbox', { name: 'Question', exact: true })).toHaveValue('Quelle ligne prenez-vous le soir ?');
  await page.getByLabel('Options, une par ligne').fill(`Ligne 1\nLigne 2\n${XSS[1]}`);
  await page.getByRole('button', { name: 'Ajouter la question' }).click();
  await expect(page).toHaveURL(/\?ajoutee=1$/);
  await expect(page.getByText('Question ajoutée.')).toBeVisible();
  await ready(page);

  await page.getByLabel('Type de question').selectOption({ label: 'Texte libre' });
  await page.getByRole('textbox', { name: 'Question', exact: true }).fill(XSS[3]);
  await page.getByLabel('Réponse obligatoire').uncheck();
  await page.getByRole('button', { name: 'Ajouter la question' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: '(Texte libre, facultative)' })).toBeVisible();
  await ready(page);
  await page.getByRole('button', { name: /^Retirer « "><svg/ }).click();
  await expect(page).toHaveURL(/\?retiree=1$/);
  await expect(page.getByText('Question retirée.')).toBeVisible();
  await ready(page);
  await expect(page.getByRole('button', { name: /^Retirer/ })).toHaveCount(1);
  await expectNoScriptRan(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Publier la consultation' }).click();
  await expect(page).toHaveURL(/\?publiee=1$/);
  await expect(page.getByText('Consultation publiée.')).toBeVisible();
  await ready(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('group', { name: /Quelle ligne prenez-vous le soir/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: XSS[1] })).toBeVisible();
  await expectShownAsText(page, XSS[5]);
  await visit(page, '/dialogue/consultations');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expectNoScriptRan(page);
});
