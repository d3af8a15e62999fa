use super::{PhaseBadge, window_text};
use crate::consultations::{
    api::consultation_results,
    domain::{Bar, Figures, Kind, Phase, Question, Tally, bar_length, french_tenths, results_public},
    model::{ResultsView, TextAnswer},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::id_param;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/dialogue/consultations/{id}/resultats`: each question's counts, shares and chart.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(move || id.get(), consultation_results);
    view! {
        <Loaded data=data ready={move |results: ResultsView| view! { <Results results /> }} missing=t("Résultats de la consultation", "Consultation results") />
        <p><A href=move || paths::consultation(id.get())>{t("Retour à la consultation", "Back to the consultation")}</A></p>
    }
}

#[component]
fn Results(results: ResultsView) -> impl IntoView {
    let consultation = results.consultation;
    let phase = consultation.phase(results.now);
    let id = consultation.id;
    let texts = results.texts;
    view! {
        <PageHeading title=format!("Résultats — {}", consultation.title) />
        <p>
            <PhaseBadge phase />" "
            {format!("{} · {} · {} réponse(s).", consultation.institution_name, window_text(&consultation), consultation.responses)}
        </p>
        {(phase == Phase::Open).then(|| view! {
            <p class="alert" role="status">{t("La consultation est en cours : ces résultats sont provisoires.", "The consultation is open: these results are provisional.")}</p>
        })}
        {(!results_public(consultation.results_visibility, phase)).then(|| view! {
            <p class="alert" role="status">{t("Ces résultats ne sont pas encore publics : seule l'équipe les voit.", "These results are not public yet: only staff see them.")}</p>
        })}
        {results.can_manage.then(|| view! {
            <p><a href=paths::text_answers(id) download>{t("Réponses libres (CSV, équipe)", "Free-text answers (CSV, staff)")}</a></p>
        })}
        {results.questions.into_iter().zip(results.tallies).enumerate().map(|(index, (question, tally))| {
            let texts: Vec<TextAnswer> = texts.iter().filter(|text| text.question_id == question.id).cloned().collect();
            view! { <QuestionResult number=index + 1 question tally texts /> }
        }).collect_view()}
    }
}

#[component]
fn QuestionResult(number: usize, question: Question, tally: Tally, texts: Vec<TextAnswer>) -> impl IntoView {
    let heading_id = format!("resultat-{}", question.id);
    let prompt = question.prompt.clone();
    let figures = match tally.figures {
        Figures::Counts(bars) => {
            let note = (question.kind == Kind::Multiple).then(|| {
                view! { <p class="hint">{t("Plusieurs réponses possibles : le total peut dépasser 100 %.", "Several answers allowed: the total may exceed 100%.")}</p> }
            });
            view! {
                {note}
                <Chart prompt=prompt.clone() rows=bars.iter().map(|bar| (bar.label.clone(), bar.count)).collect() unit="réponse(s)" />
                <CountsTable prompt bars first=t("Réponse", "Answer") />
            }
            .into_any()
        }
        Figures::Scale { bars, mean_tenths } => view! {
            <p class="mean">
                {match mean_tenths {
                    Some(mean) => format!("Moyenne : {} sur {}", french_tenths(mean), question.scale_max),
                    None => "Moyenne : pas encore de réponse".to_string(),
                }}
            </p>
            <Chart prompt=prompt.clone() rows=bars.iter().map(|bar| (bar.label.clone(), bar.count)).collect() unit="réponse(s)" />
            <CountsTable prompt bars first=t("Valeur", "Value") />
        }
        .into_any(),
        Figures::Ranking(scores) => view! {
            <p class="hint">
                {t(
                    "Points de Borda : chaque classement donne à une option le nombre d'options moins son rang (la première en reçoit le plus).",
                    "Borda points: each ranking gives an option the number of options minus its rank (the first gets the most).",
                )}
            </p>
            <Chart prompt=prompt.clone() rows=scores.iter().map(|score| (score.label.clone(), score.points)).collect() unit="point(s)" />
            <table>
                <caption>{format!("Classement — {prompt}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Option", "Option")}</th>
                        <th scope="col">{t("Rang moyen", "Mean rank")}</th>
                        <th scope="col">{t("Points de Borda", "Borda points")}</th>
                    </tr>
                </thead>
                <tbody>
                    {scores.into_iter().map(|score| view! {
                        <tr>
                            <th scope="row">{score.label}</th>
                            <td>{french_tenths(score.mean_rank_tenths)}</td>
                            <td>{score.points}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        Figures::Texts(count) => view! {
            <p>{format!("{count} réponse(s) libre(s), lues par l'équipe de l'institution.")}</p>
            {(!texts.is_empty()).then(|| view! {
                <ul class="texts">
                    {texts.into_iter().map(|answer| view! { <li>{answer.text}</li> }).collect_view()}
                </ul>
            })}
        }
        .into_any(),
    };
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{number}. {}", question.prompt)}</h2>
            <p>{format!("{} personne(s) ont répondu à cette question.", tally.answered)}</p>
            {figures}
        </section>
    }
}

/// Counts and shares as text: the chart's figures, readable without it.
#[component]
fn CountsTable(prompt: String, bars: Vec<Bar>, first: &'static str) -> impl IntoView {
    view! {
        <table>
            <caption>{format!("Réponses — {prompt}")}</caption>
            <thead>
                <tr>
                    <th scope="col">{first}</th>
                    <th scope="col">{t("Nombre", "Count")}</th>
                    <th scope="col">{t("Part", "Share")}</th>
                </tr>
            </thead>
            <tbody>
                {bars.into_iter().map(|bar| view! {
                    <tr>
                        <th scope="row">{bar.label}</th>
                        <td>{bar.count}</td>
                        <td>{format!("{} %", french_tenths(bar.per_mille))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Horizontal bars drawn on the server; the table beside it carries the same figures as text.
#[component]
fn Chart(prompt: String, rows: Vec<(String, i64)>, unit: &'static str) -> impl IntoView {
    const ROW: i64 = 28;
    const LABEL: i64 = 250;
    const WIDTH: i64 = 600;
    let max = rows.iter().map(|(_, value)| *value).max().unwrap_or(0);
    let height = ROW * i64::try_from(rows.len()).unwrap_or(0) + 4;
    let label = format!("Diagramme en barres, {prompt} ; détail dans le tableau qui suit.");
    view! {
        <figure class="chart">
            <svg role="img" aria-label=label viewBox=format!("0 0 {WIDTH} {height}") width="100%">
                {rows.into_iter().enumerate().map(|(row, (text, value))| {
                    let y = ROW * i64::try_from(row).unwrap_or(0);
                    let bar = bar_length(value, max, WIDTH - LABEL - 90);
                    let short: String = if text.chars().count() > 34 {
                        text.chars().take(33).chain(['…']).collect()
                    } else {
                        text
                    };
                    view! {
                        <text x="0" y=y + 18 font-size="13" fill="#1a1a1a">{short}</text>
                        <rect x=LABEL y=y + 4 width=bar height=ROW - 8 fill="#1f3f8f" />
                        <text x=LABEL + bar + 6 y=y + 18 font-size="13" fill="#1a1a1a">{format!("{value} {unit}")}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}
