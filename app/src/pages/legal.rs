//! The footer's three pages: accessibility statement, legal notice, personal data.
use crate::platform::i18n::t;
use crate::ui::PageHeading;
use leptos::prelude::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <PageHeading title=t("Déclaration d'accessibilité", "Accessibility statement") />
        <p>{t("Agora s'engage à rendre ses services accessibles conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
              "Agora is committed to making its services accessible in accordance with article 47 of French law 2005-102.")}</p>
        <h2>{t("État de conformité", "Compliance status")}</h2>
        <p>{t("Agora est partiellement conforme au référentiel général d'amélioration de l'accessibilité (RGAA 4.1). Chaque page est vérifiée automatiquement (axe-core) avec et sans JavaScript ; un audit manuel complet reste à conduire.",
              "Agora partially complies with the RGAA 4.1. Every page is checked automatically (axe-core) with and without JavaScript; a full manual audit remains to be done.")}</p>
        <h2>{t("Ce qui est fait", "What is done")}</h2>
        <ul>
            <li>{t("Tous les formulaires fonctionnent sans JavaScript.", "Every form works without JavaScript.")}</li>
            <li>{t("Un lien d'évitement mène directement au contenu.", "A skip link leads straight to the content.")}</li>
            <li>{t("Les contrastes respectent le niveau AA et le focus clavier reste visible.", "Contrasts meet level AA and keyboard focus stays visible.")}</li>
            <li>{t("Les pages s'affichent dès 320 pixels de large.", "Pages display from 320 pixels wide.")}</li>
        </ul>
        <h2>{t("Signaler un défaut", "Report a problem")}</h2>
        <p>{t("Si vous ne pouvez pas accéder à un contenu ou un service, écrivez à la collectivité qui l'a publié : une alternative vous sera proposée. Vous pouvez aussi saisir le Défenseur des droits.",
              "If you cannot access a content or service, write to the authority that published it: an alternative will be offered. You may also contact the Défenseur des droits.")}</p>
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    view! {
        <PageHeading title=t("Mentions légales", "Legal notice") />
        <p>{t("Éditeur : la collectivité qui exploite cette instance d'Agora (voir la page de chaque espace).",
              "Publisher: the local authority running this Agora instance (see each space's page).")}</p>
        <p>{t("Hébergement : serveurs de la collectivité ou de son prestataire, en France.", "Hosting: the authority's or its provider's servers, in France.")}</p>
        <p>{t("Logiciel : Agora, logiciel libre (AGPL-3.0 ou ultérieure).", "Software: Agora, free software (AGPL-3.0 or later).")}</p>
    }
}

#[component]
pub fn PersonalDataPage() -> impl IntoView {
    view! {
        <PageHeading title=t("Données personnelles", "Personal data") />
        <p>{t("Agora ne collecte que ce qu'il faut pour participer : adresse électronique, nom affiché, date de naissance (pour vérifier l'âge requis), commune et quartier.",
              "Agora only collects what participation needs: email address, display name, date of birth (to check the required age), town and neighbourhood.")}</p>
        <ul>
            <li>{t("Les mots de passe sont conservés sous forme de condensat Argon2id, jamais en clair.", "Passwords are stored as Argon2id hashes, never in clear.")}</li>
            <li>{t("Les votes sont secrets : le registre des votants est séparé des bulletins.", "Votes are secret: the register of voters is kept apart from the ballots.")}</li>
            <li>{t("Depuis « Mon compte », vous pouvez télécharger toutes vos données (JSON) ou supprimer votre compte.", "From “My account” you can download all your data (JSON) or delete your account.")}</li>
            <li>{t("Seuls deux cookies sont utilisés : la session (si vous êtes connecté·e) et la langue choisie. Aucun traceur publicitaire.", "Only two cookies are used: the session (when logged in) and the chosen language. No advertising trackers.")}</li>
        </ul>
    }
}
