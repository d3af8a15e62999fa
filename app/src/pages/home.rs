use crate::platform::i18n::t;
use crate::ui::PageHeading;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let spaces = [
        (
            crate::budget::paths::campaigns(),
            t("Budget citoyen", "Citizen budget"),
            t(
                "Proposez des projets pour votre territoire, puis votez pour vos 3 coups de cœur dès 11 ans.",
                "Propose projects for your area, then vote for your 3 favourites from age 11.",
            ),
        ),
        (
            crate::dialogue::paths::dialogue(),
            t("Dialogue", "Dialogue"),
            t(
                "Pétitions, consultations, forums et contributions : parlez directement à l'institution.",
                "Petitions, surveys, forums and contributions: speak directly to the institution.",
            ),
        ),
        (
            crate::neighbourhood_councils::paths::councils(),
            t("Conseils de quartier", "Neighbourhood councils"),
            t(
                "Des conseils tirés au sort, paritaires, avec deux tiers d'habitants et un tiers d'acteurs locaux.",
                "Councils drawn by lot, with gender parity, two thirds residents and one third local actors.",
            ),
        ),
        (
            crate::citizen_councils::paths::councils(),
            t("Conseils citoyens", "Citizen councils"),
            t(
                "Les conseils des quartiers prioritaires, leurs comptes rendus et le fonds de participation des habitants.",
                "Councils of priority neighbourhoods, their minutes and the residents' micro-grant fund.",
            ),
        ),
        (
            crate::collectifs::paths::collectifs(),
            t("Collectifs", "Groups"),
            t(
                "Des groupes thématiques ouverts à toutes et tous, qui rendent des avis aux élus.",
                "Thematic groups open to all, which give opinions to elected officials.",
            ),
        ),
    ];
    view! {
        <PageHeading title=t("Participer à la vie de votre territoire", "Take part in the life of your area") />
        <p class="lead">
            {t("Agora réunit en un seul lieu les façons de participer proposées par votre collectivité.",
               "Agora brings together in one place the ways your local authority invites you to take part.")}
        </p>
        <ul class="cards">
            {spaces.into_iter().map(|(href, title, text)| view! {
                <li class="card">
                    <h2><A href=href>{title}</A></h2>
                    <p>{text}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
