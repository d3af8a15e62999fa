use super::window_text;
use crate::neighbourhood_councils::{api::list_councils, model::CouncilCard, paths};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-de-quartier`: Béthune's councils, each drawn by lot.
#[component]
pub fn CouncilsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_councils());
    view! {
        <PageHeading title=t("Conseils de quartier", "Neighbourhood councils") />
        <p class="lead">
            {t("Au plus 12 membres tirés au sort par quartier, à parité, pour deux tiers d'habitants et un tiers d'acteurs du quartier (associations, commerces, artisans, institutions). Le tirage est public et chacun peut le recalculer.",
               "At most 12 members per neighbourhood drawn by lot, with parity, two thirds residents and one third local actors (associations, shops, craftspeople, institutions). The draw is public and anyone can recompute it.")}
        </p>
        <Loaded data ready={|cards: Vec<CouncilCard>| view! {
            <ul class="cards">
                {cards.into_iter().map(|card| {
                    let href = paths::council(&card.council.slug);
                    let window = window_text(&card.council, card.open);
                    view! {
                        <li class="card">
                            <h2><A href=href>{card.council.name.clone()}</A></h2>
                            <p>{card.members}" / "{card.council.seats}" "{t("sièges pourvus", "seats filled")}</p>
                            <p>{card.candidacies}" "{t("candidature(s) pour ce tour", "candidacies this round")}</p>
                            <p>{window}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }} />
    }
}
