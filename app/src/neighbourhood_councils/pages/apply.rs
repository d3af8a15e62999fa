use super::window_text;
use crate::neighbourhood_councils::{
    api::{ApplyToCouncil, council_page},
    model::{ACTOR_KINDS, CouncilView, GENDERS},
    paths,
};
use crate::platform::i18n::t;
use crate::platform::routing::slug_param;
use crate::ui::{Field, FormAlert, Loaded, SelectField, error_of, field_message};
use leptos::prelude::*;
use leptos_router::components::A;

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(code, label)| (code.to_string(), label.to_string())).collect()
}

/// `/conseils-de-quartier/{slug}/candidater`: the candidacy form (works without JavaScript).
#[component]
pub fn ApplyPage() -> impl IntoView {
    let slug = slug_param();
    let data = Resource::new(move || slug.get(), council_page);
    view! {
        <Loaded data missing=t("Conseil introuvable", "Council not found") ready=|page: CouncilView| view! { <ApplyForm page /> } />
    }
}

#[component]
fn ApplyForm(page: CouncilView) -> impl IntoView {
    let action = ServerAction::<ApplyToCouncil>::new();
    let error = error_of(action);
    let consent_error = field_message(error, "consent");
    let council = page.council;
    let back = paths::council(&council.slug);
    view! {
        <crate::ui::PageHeading title=format!("{} — {}", t("Candidater au conseil de quartier", "Apply to the neighbourhood council"), council.name) />
        <p class="lead">{window_text(&council, page.open)}</p>
        <p>
            {t("Les membres sont tirés au sort parmi les candidatures vérifiées, à parité, pour deux tiers d'habitants et un tiers d'acteurs du quartier. Il faut avoir 16 ans le jour du tirage ; de 16 à 18 ans, une autorisation parentale est demandée après l'envoi du formulaire. Avant le tirage, seuls un pseudonyme, le genre déclaré et la catégorie sont publiés.",
               "Members are drawn by lot among checked candidacies, with parity, two thirds residents and one third local actors. Candidates must be 16 on the draw day; from 16 to 18, a parental authorisation is asked for once the form is sent. Before the draw, only a pseudonym, the declared gender and the category are published.")}
        </p>
        <FormAlert error />
        <ActionForm action attr:class="form" attr:novalidate=true>
            <input type="hidden" name="slug" value=council.slug.clone() />
            <Field label=t("Prénom et nom", "First and last name") name="full_name" autocomplete="name" error />
            <SelectField label=t("Genre", "Gender") name="gender" options=options(&GENDERS) placeholder=t("— Choisir —", "— Choose —") error />
            <SelectField
                label=t("Je candidate comme", "I apply as")
                name="category"
                options=vec![
                    ("habitant".into(), t("Habitant·e du quartier", "Resident of the neighbourhood").into()),
                    ("acteur".into(), t("Acteur du quartier (association, commerce, artisan, institution)", "Local actor (association, shop, craftsperson, institution)").into()),
                ]
                placeholder=t("— Choisir —", "— Choose —")
                error
            />
            <SelectField label=t("Type d'acteur (acteurs seulement)", "Kind of actor (actors only)") name="actor_kind" options=options(&ACTOR_KINDS) placeholder=t("— Sans objet —", "— Not applicable —") required=false error />
            <Field label=t("Date de naissance", "Date of birth") name="birth_date" kind="date" autocomplete="bday" hint=t("Format AAAA-MM-JJ.", "Format YYYY-MM-DD.") error />
            <Field label=t("Adresse (domicile, ou siège de la structure)", "Address (home, or seat of the organisation)") name="address" autocomplete="street-address" error />
            <Field label=t("Code postal", "Postcode") name="postcode" autocomplete="postal-code" initial="62400".to_string() error />
            <Field label=t("Nom de la structure (acteurs seulement)", "Name of the organisation (actors only)") name="organisation" required=false error />
            <Field label=t("SIRET (facultatif)", "SIRET (optional)") name="siret" required=false hint=t("14 chiffres, si la structure en a un.", "14 digits, if the organisation has one.") error />
            <div class="field">
                <label class="choice" for="champ-consent">
                    <input
                        id="champ-consent"
                        type="checkbox"
                        name="consent"
                        value="1"
                        aria-invalid=move || consent_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || consent_error.with(Option::is_some).then_some("champ-consent-erreur")
                    />
                    " "{t("J'accepte que mon nom soit publié si je suis tiré·e au sort.", "I agree that my name is published if I am drawn.")}
                </label>
                {move || consent_error.get().map(|text| view! { <p class="field-error" id="champ-consent-erreur">{text}</p> })}
            </div>
            <button type="submit" class="primary">{t("Envoyer ma candidature", "Send my candidacy")}</button>
        </ActionForm>
        <p><A href=back>{t("Retour au conseil", "Back to the council")}</A></p>
    }
}
