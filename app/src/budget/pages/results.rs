use crate::budget::model::Results;
use crate::budget::{
    api::campaign_results,
    model::{TerritoryResult, money},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/resultats`: per territory, votes, funded projects and why.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(move || slug.get(), campaign_results);
    view! {
        <Loaded data=data ready={move |results: Results| view! {
                <PageHeading title=format!("Résultats — {}", results.title) />
                <p>
                    {format!("{} bulletins, dont {} sur papier. ", results.ballots, results.paper_ballots)}
                    <A href=paths::journal(&results.slug)>{t("Qui a saisi les bulletins papier et labellisé les projets", "Who entered the paper ballots and labelled the projects")}</A>
                </p>
                <p>
                    <a href=paths::results_csv(&results.slug) download>{t("Télécharger les résultats (CSV)", "Download the results (CSV)")}</a>" · "
                    <a href=paths::results_json(&results.slug) download>{t("Télécharger les résultats (JSON)", "Download the results (JSON)")}</a>
                </p>
                {results.provisional.then(|| view! {
                    <p class="alert" role="status">{t("Le vote est en cours : ces résultats sont provisoires.", "The vote is open: these results are provisional.")}</p>
                })}
                {results.territories.into_iter().map(|territory| view! { <Territory slug=results.slug.clone() points=results.points territory /> }).collect_view()}
            }} missing=t("Résultats", "Results") />
        <p><A href=move || paths::campaign(&slug.get())>{t("Retour à la campagne", "Back to the campaign")}</A></p>
    }
}

/// What a project's score counts: votes, or points on cumulative ballots.
fn score_words(points: bool) -> (&'static str, &'static str) {
    if points { (t("Points", "Points"), t("points", "points")) } else { (t("Voix", "Votes"), t("voix", "votes")) }
}

#[component]
fn Territory(slug: String, points: bool, territory: TerritoryResult) -> impl IntoView {
    let name = territory.territory_name.clone();
    let currency = territory.currency.clone();
    let (score_heading, _) = score_words(points);
    view! {
        <section>
            <h2>{name.clone()}</h2>
            <p>
                {format!(
                    "Enveloppe : {} — attribué : {}. ",
                    money(territory.envelope_cents, &currency),
                    money(territory.spent_cents, &currency)
                )}
                <a href=paths::territory_pabulib(&slug, territory.territory_id) download>
                    {format!("Fichier Pabulib (.pb) — {name}")}
                </a>
            </p>
            <Chart points territory=territory.clone() />
            <table>
                <caption>{format!("{score_heading} et décisions — {name}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Projet", "Project")}</th>
                        <th scope="col">{score_heading}</th>
                        <th scope="col">{t("Coût", "Cost")}</th>
                        <th scope="col">{t("Décision", "Decision")}</th>
                    </tr>
                </thead>
                <tbody>
                    {territory.projects.into_iter().map(|project| view! {
                        <tr>
                            <th scope="row">{project.title}</th>
                            <td>{project.votes}</td>
                            <td>{money(project.cost_cents, &currency)}</td>
                            <td>{project.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Votes as horizontal bars, drawn on the server; the table below carries the same figures as text.
#[component]
fn Chart(points: bool, territory: TerritoryResult) -> impl IntoView {
    const ROW: i64 = 28;
    const LABEL: i64 = 250;
    const WIDTH: i64 = 600;
    let max = territory.projects.iter().map(|project| project.votes).max().unwrap_or(0).max(1);
    let height = ROW * i64::try_from(territory.projects.len()).unwrap_or(0) + 4;
    let (score_heading, score) = score_words(points);
    let label = format!(
        "Diagramme des {score} par projet, {} : les projets financés en vert ; détail dans le tableau qui suit.",
        territory.territory_name
    );
    view! {
        <figure class="chart">
            <svg role="img" aria-label=label viewBox=format!("0 0 {WIDTH} {height}") width="100%">
                {territory.projects.into_iter().enumerate().map(|(row, project)| {
                    let y = ROW * i64::try_from(row).unwrap_or(0);
                    let bar = (WIDTH - LABEL - 60) * project.votes / max;
                    let short: String = project.title.chars().take(34).collect();
                    let fill = if project.funded { "#1b6e3a" } else { "#6b6b6b" };
                    view! {
                        <text x="0" y=y + 18 font-size="13" fill="#1a1a1a">{short}</text>
                        <rect x=LABEL y=y + 4 width=bar height=ROW - 8 fill=fill />
                        <text x=LABEL + bar + 6 y=y + 18 font-size="13" fill="#1a1a1a">{project.votes}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{format!("{score_heading} {} (vert : financé).", t("par projet", "per project"))}</figcaption>
        </figure>
    }
}
