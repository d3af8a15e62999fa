use crate::budget::{api::list_campaigns, model::CampaignSummary, paths};
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use crate::ui::{Loaded, PageHeading, StaffAction};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget`: the campaigns, newest first.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    let campaigns = Resource::new(|| (), |_| list_campaigns());
    view! {
        <PageHeading title=t("Budget citoyen", "Citizen budget") />
        <p class="lead">
            {t("Les habitants proposent des projets, le Département les labellise, puis chacun vote dès 11 ans pour ses 3 coups de cœur.",
               "Residents propose projects, the Département labels them, then everyone from age 11 votes for their 3 favourites.")}
        </p>
        <StaffAction href=paths::new_campaign() label=t("Nouvelle campagne", "New campaign") />
        <Loaded data=campaigns ready={|campaigns: Vec<CampaignSummary>| {
                if campaigns.is_empty() {
                    view! { <p>{t("Aucune campagne pour le moment.", "No campaign yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {campaigns.into_iter().map(|campaign| {
                                let href = paths::campaign(&campaign.slug);
                                let results = paths::results(&campaign.slug);
                                view! {
                                    <li class="card">
                                        <h2><A href=href>{campaign.title.clone()}</A></h2>
                                        <p>{format!(
                                            "Vote du {} au {} — {} projets labellisés.",
                                            french_date(campaign.vote_opens_at),
                                            french_date(campaign.vote_closes_at - 1),
                                            campaign.labelled,
                                        )}</p>
                                        <p>{t("Territoires : ", "Areas: ")}{campaign.territories.join(", ")}</p>
                                        <p><A href=results>{t("Voir les résultats", "See the results")}</A></p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
        }} />
    }
}
