use crate::neighbourhood_councils::{
    api::{AcceptCandidacy, RefuseCandidacy, council_candidacies},
    model::{CandidaciesView, CandidacyStatus, StaffCandidacy, category_label, gender_label},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::{routing::slug_param, time::french_date};
use crate::ui::{FormAlert, Loaded, error_of, field_message};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-de-quartier/{slug}/candidatures` (staff): check each candidacy, accept it or refuse
/// it with a reason the candidate reads.
#[component]
pub fn CandidaciesPage() -> impl IntoView {
    let slug = slug_param();
    let accept = ServerAction::<AcceptCandidacy>::new();
    let refuse = ServerAction::<RefuseCandidacy>::new();
    let data = Resource::new(
        move || (slug.get(), accept.version().get(), refuse.version().get()),
        |(slug, ..)| council_candidacies(slug),
    );
    let accept_error = error_of(accept);
    let refuse_error = error_of(refuse);
    view! {
        <crate::ui::PageHeading title=t("Vérification des candidatures", "Checking the candidacies") />
        <FormAlert error=accept_error />
        <FormAlert error=refuse_error />
        {move || field_message(refuse_error, "reason").get().map(|text| view! { <p class="alert alert-error" role="alert">{text}</p> })}
        <Loaded data ready=move |page: CandidaciesView| {
            let slug = page.council.slug.clone();
            let pending = page.candidacies.iter().filter(|c| c.status == CandidacyStatus::Pending).count();
            view! {
                <p class="lead">
                    {page.council.name.clone()}" · "{t("tour", "round")}" "{page.council.round.clone()}" · "
                    {page.candidacies.len()}" "{t("candidature(s), dont", "candidacies, of which")}" "{pending}" "{t("à vérifier", "to check")}
                </p>
                <ul class="cards">
                    {page.candidacies.into_iter().map(|candidacy| {
                        let minor = page.minors.contains(&candidacy.id);
                        view! { <CandidacyCard candidacy slug=slug.clone() minor accept refuse /> }
                    }).collect_view()}
                </ul>
                <p><A href=paths::draw(&slug)>{t("Vers le tirage au sort", "To the draw")}</A></p>
                <p><A href=paths::council(&slug)>{t("Retour au conseil", "Back to the council")}</A></p>
            }
        } />
    }
}

#[component]
fn CandidacyCard(
    candidacy: StaffCandidacy,
    slug: String,
    minor: bool,
    accept: ServerAction<AcceptCandidacy>,
    refuse: ServerAction<RefuseCandidacy>,
) -> impl IntoView {
    let id = candidacy.id;
    let reason_id = format!("champ-reason-{id}");
    let authorisation = paths::authorisation(&slug, id);
    let (accept_slug, accept_label) = (slug.clone(), format!("{} {}", t("Accepter", "Accept"), candidacy.public_id));
    let (refuse_slug, refuse_label) = (slug.clone(), format!("{} {}", t("Refuser", "Refuse"), candidacy.public_id));
    view! {
        <li class="card">
            <h2>{candidacy.full_name.clone()}" ("{candidacy.public_id.clone()}")"</h2>
            <p><strong>{candidacy.status.label()}</strong></p>
            <ul class="name-list">
                <li>{gender_label(&candidacy.gender)}" · "{category_label(&candidacy.category, candidacy.actor_kind.as_deref())}</li>
                <li>{t("Né·e le", "Born on")}" "{candidacy.birth_date.clone()}{minor.then(|| t(" (mineur·e le jour du tirage)", " (minor on the draw day)"))}</li>
                <li>{candidacy.address.clone()}</li>
                {candidacy.organisation.clone().map(|name| view! {
                    <li>{name}{candidacy.siret.clone().map(|siret| format!(" — SIRET {siret}"))}</li>
                })}
                <li>{t("Reçue le", "Received on")}" "{french_date(candidacy.created_at)}</li>
            </ul>
            {minor.then(|| if candidacy.authorisation_type.is_some() {
                view! { <p><a href=authorisation.clone() rel="external">{t("Voir l'autorisation parentale", "See the parental authorisation")}</a></p> }.into_any()
            } else {
                view! { <p>{t("Autorisation parentale : pas encore reçue.", "Parental authorisation: not received yet.")}</p> }.into_any()
            })}
            {candidacy.refusal_reason.clone().map(|reason| view! { <p>{t("Motif du refus :", "Reason for refusal:")}" "{reason}</p> })}
            {(candidacy.status == CandidacyStatus::Pending).then(move || view! {
                <ActionForm action=accept attr:class="inline-form">
                    <input type="hidden" name="slug" value=accept_slug.clone() />
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="primary">{accept_label.clone()}</button>
                </ActionForm>
                <ActionForm action=refuse attr:class="form" attr:novalidate=true>
                    <input type="hidden" name="slug" value=refuse_slug.clone() />
                    <input type="hidden" name="id" value=id />
                    <div class="field">
                        <label for=reason_id.clone()>{t("Motif du refus, lu par la personne", "Reason for refusal, read by the person")}</label>
                        <textarea id=reason_id.clone() name="reason" rows="3"></textarea>
                    </div>
                    <button type="submit" class="danger">{refuse_label.clone()}</button>
                </ActionForm>
            })}
        </li>
    }
}
