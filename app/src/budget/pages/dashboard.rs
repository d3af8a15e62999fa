use super::journal::StaffActs;
use crate::budget::{
    api::{campaign_journal, vote_dashboard},
    model::{Journal, LiveTally, StaffActKind, TerritoryTally},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{Loaded, PageHeading, live};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;

/// `/budget/{slug}/tableau-de-bord`: staff and organisers watch the vote. Server-rendered with the
/// figures of the moment; once hydrated, the page follows the live feed (one update per second at
/// most, whatever the pace of the votes).
#[component]
pub fn DashboardPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(move || slug.get(), vote_dashboard);
    view! {
        <Loaded data missing=t("Tableau de bord du vote", "Vote dashboard") ready=|tally: LiveTally| view! { <Dashboard tally /> } />
    }
}

#[component]
fn Dashboard(tally: LiveTally) -> impl IntoView {
    let slug = tally.slug.clone();
    let title = tally.title.clone();
    // Updates leave titles out: they come from the figures the page was rendered with.
    let titles: HashMap<i64, String> = tally
        .territories
        .iter()
        .flat_map(|territory| &territory.projects)
        .map(|project| (project.id, project.title.clone()))
        .collect();
    let titles = StoredValue::new(titles);
    let current = RwSignal::new(tally);
    let feed = paths::live_feed(&slug);
    // Effects run only in the browser.
    Effect::new(move |_| live::follow(feed.clone(), "decompte", current));
    view! {
        <PageHeading title=format!("Tableau de bord — {title}") />
        <p class="lead" aria-live="polite">
            {move || current.with(|tally| format!(
                "{} bulletins, dont {} sur papier.", tally.ballots, tally.paper_ballots
            ))}
        </p>
        <p>
            <A href=paths::results(&slug)>{t("Résultats détaillés", "Detailed results")}</A>" · "
            <a href=paths::results_csv(&slug) download>{t("Résultats (CSV)", "Results (CSV)")}</a>" · "
            <a href=paths::results_json(&slug) download>{t("Résultats (JSON)", "Results (JSON)")}</a>" · "
            <A href=paths::journal(&slug)>{t("Journal de la campagne", "Campaign journal")}</A>
        </p>
        <PaperBatches slug=slug.clone() />
        <table>
            <caption>{t("Participation par territoire", "Turnout per area")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("Territoire", "Area")}</th>
                    <th scope="col">{t("Votants en ligne", "Online voters")}</th>
                    <th scope="col">{t("Inscrits en âge de voter", "Registered and old enough")}</th>
                    <th scope="col">{t("Participation", "Turnout")}</th>
                </tr>
            </thead>
            <tbody>
                {move || current.with(|tally| tally.territories.iter().map(|territory| view! {
                    <tr>
                        <th scope="row">{territory.territory_name.clone()}</th>
                        <td>{territory.voters}</td>
                        <td>{territory.eligible}</td>
                        <td>{turnout(territory)}</td>
                    </tr>
                }).collect_view())}
            </tbody>
        </table>
        {move || current.with(|tally| tally.territories.iter().map(|territory| view! { <Votes territory=territory.clone() titles /> }).collect_view())}
    }
}

/// Each batch of paper ballots: who entered it, when, how many.
#[component]
fn PaperBatches(slug: String) -> impl IntoView {
    let data = Resource::new(move || slug.clone(), campaign_journal);
    view! {
        <Loaded data ready=|journal: Journal| {
            let batches: Vec<_> = journal.acts.into_iter().filter(|act| act.act == StaffActKind::PaperBallots).collect();
            view! { <StaffActs acts=batches caption=t("Saisies de bulletins papier", "Paper ballots entered") /> }
        } />
    }
}

#[component]
fn Votes(territory: TerritoryTally, titles: StoredValue<HashMap<i64, String>>) -> impl IntoView {
    view! {
        <table>
            <caption>{format!("Voix par projet — {}", territory.territory_name)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("Projet", "Project")}</th>
                    <th scope="col">{t("Voix", "Votes")}</th>
                </tr>
            </thead>
            <tbody>
                {territory.projects.into_iter().map(|project| view! {
                    <tr>
                        <th scope="row">{titles.with_value(|titles| titles.get(&project.id).cloned()).unwrap_or(project.title)}</th>
                        <td>{project.votes}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `42,3 %`, or a dash when nobody in the territory is registered.
fn turnout(territory: &TerritoryTally) -> String {
    territory
        .turnout_permille()
        .map_or_else(|| "—".into(), |permille| format!("{},{}\u{a0}%", permille / 10, permille % 10))
}
