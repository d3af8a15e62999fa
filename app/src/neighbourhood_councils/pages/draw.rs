use crate::neighbourhood_councils::{
    api::{AnnounceWithdrawal, PublishPool, RunDraw, draw_page},
    model::{DrawOutcome, DrawPageView, DrawStep, gender_label},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::{routing::slug_param, time::french_date};
use crate::ui::{Field, FormAlert, Loaded, SelectField, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, Copy)]
struct Actions {
    publish: ServerAction<PublishPool>,
    draw: ServerAction<RunDraw>,
    withdraw: ServerAction<AnnounceWithdrawal>,
}

/// `/conseils-de-quartier/{slug}/tirage`: the public record of the round — the pool announced
/// before the draw with every probability, then the sources, witnesses, seed and panel; staff run
/// each step here.
#[component]
pub fn DrawPage() -> impl IntoView {
    let slug = slug_param();
    let actions = Actions { publish: ServerAction::new(), draw: ServerAction::new(), withdraw: ServerAction::new() };
    let data = Resource::new(
        move || {
            (
                slug.get(),
                actions.publish.version().get(),
                actions.draw.version().get(),
                actions.withdraw.version().get(),
            )
        },
        |(slug, ..)| draw_page(slug),
    );
    view! {
        <Loaded data missing=t("Conseil introuvable", "Council not found") ready=move |page: DrawPageView| view! { <Record page actions /> } />
    }
}

#[component]
fn Record(page: DrawPageView, actions: Actions) -> impl IntoView {
    let slug = page.council.slug.clone();
    let last_drawn = page.steps.last().map(|step| step.drawn.is_some());
    view! {
        <crate::ui::PageHeading title=format!("{} — {}", t("Tirage au sort", "Draw by lot"), page.council.name) />
        <p class="lead">
            {t("Tour", "Round")}" "{page.council.round.clone()}" · "{t("tirage prévu le", "draw planned on")}" "{page.council.draw_day.clone()}
        </p>
        <p>
            {t("Le vivier (pseudonymes, genre déclaré, catégorie) et la probabilité de chacun d'être tiré sont publiés avant le tirage. La loterie LEXIMIN rend la plus petite de ces probabilités aussi grande que possible, tout en respectant les quotas. La graine vient de nombres publics saisis devant des témoins (RFC 3797) : chacun peut recalculer le tirage avec",
               "The pool (pseudonyms, declared gender, category) and everyone's probability of being drawn are published before the draw. The LEXIMIN lottery makes the smallest of these probabilities as large as possible while meeting the quotas. The seed comes from public numbers typed in front of witnesses (RFC 3797): anyone can recompute the draw with")}
            " "<code>"agora sortition verify"</code>"."
        </p>
        {if page.steps.is_empty() {
            view! { <p>{t("Le vivier de ce tour n'est pas encore publié.", "This round's pool is not published yet.")}</p> }.into_any()
        } else {
            page.steps.into_iter().map(|step| view! { <Step step slug=slug.clone() /> }).collect_view().into_any()
        }}
        {page.staff.then(|| view! {
            <StaffForms slug=slug.clone() last_drawn accepted=page.accepted pending=page.pending panel=page.panel actions />
        })}
        <p><A href=paths::council(&slug)>{t("Retour au conseil", "Back to the council")}</A></p>
    }
}

#[component]
fn Step(step: DrawStep, slug: String) -> impl IntoView {
    let heading = if step.replacement_of.is_empty() {
        format!("{} {}", t("Vivier publié le", "Pool published on"), french_date(step.published_at))
    } else {
        format!(
            "{} {} — {} {}",
            t("Remplacement annoncé le", "Replacement announced on"),
            french_date(step.published_at),
            t("se retire :", "withdrawing:"),
            step.replacement_of.join(", ")
        )
    };
    let announcement = paths::draw_document(&slug, step.sequence);
    view! {
        <section aria-label=heading.clone()>
            <h2>{heading.clone()}</h2>
            <ul class="name-list">
                <li>{t("Empreinte SHA-256 du vivier :", "SHA-256 of the pool:")}" "<code class="hash">{step.pool_sha256.clone()}</code></li>
                <li>{t("Empreinte SHA-256 de l'annonce :", "SHA-256 of the announcement:")}" "<code class="hash">{step.announcement_sha256.clone()}</code></li>
                <li>{step.seats}" "{t("siège(s) à pourvoir parmi", "seat(s) to fill among")}" "{step.pool.len()}" "{t("candidat·es", "candidates")}</li>
                <li>{t("Probabilité la plus basse :", "Lowest probability:")}" "{step.minimum_probability.clone()}" · "{step.panels}" "{t("panels possibles dans la loterie", "possible panels in the lottery")}</li>
                {step.greedy_minimum.clone().map(|greedy| view! {
                    <li>
                        {t("Avec l'ancienne méthode (la catégorie la moins remplie d'abord), la probabilité la plus basse serait d'environ", "With the legacy method (least-filled category first), the lowest probability would be about")}
                        " "{greedy}" "{t("(estimée sur 1 000 tirages).", "(estimated over 1,000 draws).")}
                    </li>
                })}
            </ul>
            <h3>{t("Quotas", "Quotas")}</h3>
            <ul class="name-list">{step.quotas.iter().map(|quota| view! { <li>{quota.text()}</li> }).collect_view()}</ul>
            <p><a href=announcement rel="external" type="application/json">{t("Télécharger l'annonce (JSON)", "Download the announcement (JSON)")}</a></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t("Vivier et probabilités", "Pool and probabilities")>
                <table>
                    <caption>{t("Vivier et probabilités de sélection", "Pool and selection probabilities")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Pseudonyme", "Pseudonym")}</th>
                            <th scope="col">{t("Genre", "Gender")}</th>
                            <th scope="col">{t("Catégorie", "Category")}</th>
                            <th scope="col">{t("Probabilité", "Probability")}</th>
                            <th scope="col">{t("Tiré·e", "Drawn")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {step.pool.into_iter().map(|row| view! {
                            <tr>
                                <td>{row.id}</td>
                                <td>{row.values.first().map(|g| gender_label(g)).unwrap_or_default()}</td>
                                <td>{row.values.get(1).cloned().unwrap_or_default()}</td>
                                <td>{row.probability}</td>
                                <td>{if row.selected { t("oui", "yes") } else { "" }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {step.drawn.map(|drawn| view! { <Outcome drawn slug=slug.clone() /> })}
        </section>
    }
}

#[component]
fn Outcome(drawn: DrawOutcome, slug: String) -> impl IntoView {
    let record = paths::draw_document(&slug, drawn.sequence);
    view! {
        <h3>{t("Tirage du", "Draw of")}" "{french_date(drawn.drawn_at)}</h3>
        <ul class="name-list">
            <li>{t("Sources publiques :", "Public sources:")}" "{drawn.sources.join(" ; ")}</li>
            <li>{t("Témoins :", "Witnesses:")}" "{drawn.witnesses.join(", ")}</li>
            <li>{t("Clé RFC 3797 :", "RFC 3797 key:")}" "<code>{drawn.key}</code></li>
            <li>{t("Graine :", "Seed:")}" "<code class="hash">{drawn.seed}</code></li>
            <li>{t("Tiré·es :", "Drawn:")}" "<strong>{drawn.selected.join(", ")}</strong></li>
            <li>{t("Empreinte SHA-256 du dossier :", "SHA-256 of the record:")}" "<code class="hash">{drawn.record_sha256}</code></li>
        </ul>
        <p><a href=record rel="external" type="application/json">{t("Télécharger le dossier complet du tirage (JSON)", "Download the full draw record (JSON)")}</a></p>
    }
}

#[component]
fn StaffForms(
    slug: String,
    last_drawn: Option<bool>,
    accepted: i64,
    pending: i64,
    panel: Vec<(String, String)>,
    actions: Actions,
) -> impl IntoView {
    let publish_error = error_of(actions.publish);
    let draw_error = error_of(actions.draw);
    let withdraw_error = error_of(actions.withdraw);
    let form_slug = slug.clone();
    let form = match last_drawn {
        None => view! {
            <h3>{t("Publier le vivier", "Publish the pool")}</h3>
            <p>{accepted}" "{t("candidature(s) acceptée(s),", "accepted candidacies,")}" "{pending}" "{t("à vérifier.", "to check.")}</p>
            <FormAlert error=publish_error />
            <ActionForm action=actions.publish attr:class="form">
                <input type="hidden" name="slug" value=form_slug />
                <button type="submit" class="primary">{t("Clore les candidatures et publier le vivier", "Close applications and publish the pool")}</button>
            </ActionForm>
        }.into_any(),
        Some(false) => view! {
            <h3>{t("Procéder au tirage", "Run the draw")}</h3>
            <FormAlert error=draw_error />
            <ActionForm action=actions.draw attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=form_slug />
                <Field
                    label=t("Sources publiques, une par ligne", "Public sources, one per line")
                    name="sources"
                    kind="textarea"
                    hint=t("Les dés lancés (« 3 5 1 6 2 ») ou « Loto du 4 mars 2027 : 5 12 23 34 45 ».", "Dice rolled (“3 5 1 6 2”) or “Loto of 4 March 2027: 5 12 23 34 45”.")
                    error=draw_error
                />
                <Field label=t("Témoins présents, un par ligne", "Witnesses present, one per line") name="witnesses" kind="textarea" error=draw_error />
                <button type="submit" class="primary">{t("Tirer au sort", "Draw by lot")}</button>
            </ActionForm>
        }.into_any(),
        Some(true) => view! {
            <h3>{t("Un membre se retire", "A member withdraws")}</h3>
            <p>{t("Son remplaçant est tiré par la même voie, parmi les candidat·es restant·es : une nouvelle annonce, puis un tirage.", "Their replacement is drawn the same way among the remaining candidates: a new announcement, then a draw.")}</p>
            <FormAlert error=withdraw_error />
            <ActionForm action=actions.withdraw attr:class="form">
                <input type="hidden" name="slug" value=form_slug />
                <SelectField
                    label=t("Membre qui se retire", "Member withdrawing")
                    name="public_id"
                    options=panel.into_iter().map(|(id, name)| (id.clone(), format!("{id} — {name}"))).collect()
                    error=withdraw_error
                />
                <button type="submit">{t("Annoncer le remplacement", "Announce the replacement")}</button>
            </ActionForm>
        }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="gestion-tirage">
            <h2 id="gestion-tirage">{t("Conduite du tirage (équipe)", "Running the draw (staff)")}</h2>
            {form}
            <p><A href=paths::candidacies(&slug)>{t("Vérifier les candidatures", "Check the candidacies")}</A></p>
        </section>
    }
}
