use super::petition::DraftFields;
use crate::petitions::api::{CreatePetition, petition_institutions};
use crate::platform::i18n::t;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;

/// `/dialogue/petitions/nouvelle`: a resident drafts a petition; it is published after moderation.
#[component]
pub fn NewPetitionPage() -> impl IntoView {
    let action = ServerAction::<CreatePetition>::new();
    let error = error_of(action);
    let institutions = Resource::new(|| (), |_| petition_institutions());
    view! {
        <PageHeading title=t("Lancer une pétition", "Start a petition") />
        <p class="lead">
            {t(
                "Votre pétition est d'abord enregistrée comme brouillon. Une fois envoyée, la modération la publie ou vous dit pourquoi elle ne peut pas l'être.",
                "Your petition is first saved as a draft. Once sent, moderators publish it or tell you why they cannot.",
            )}
        </p>
        <FormAlert error />
        <Loaded data=institutions ready={move |institutions: Vec<(i64, String)>| view! {
                        <ActionForm action attr:class="form">
                            <DraftFields institutions initial=None error />
                            <button type="submit" class="primary">{t("Enregistrer le brouillon", "Save the draft")}</button>
                        </ActionForm>
                    }} />
    }
}
