use crate::contributions::api::CreateCall;
use crate::dialogue::{OpeningFields, staff_institutions};
use crate::platform::{error::AppError, i18n::t};
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;

/// `/dialogue/contributions/nouvel-appel`: staff open a call for contributions.
#[component]
pub fn NewCallPage() -> impl IntoView {
    let action = ServerAction::<CreateCall>::new();
    let error = error_of(action);
    let kinds_error = Signal::derive(move || {
        error.with(|error| error.as_ref().and_then(AppError::form).and_then(|form| form.message("kinds")))
    });
    let institutions = Resource::new(|| (), |_| staff_institutions());
    view! {
        <PageHeading title=t("Nouvel appel à contributions", "New call for contributions") />
        <FormAlert error />
        <Loaded data=institutions ready={move |institutions: Vec<(i64, String)>| view! {
                            <ActionForm action attr:class="form">
                                <OpeningFields institutions error title_label=t("Titre", "Title")
                                    text_label=t("Description", "Description") text_name="description" />
                                <fieldset aria-describedby=move || kinds_error.with(Option::is_some).then_some("types-erreur")>
                                    <legend>{t("Types de contribution acceptés", "Accepted kinds")}</legend>
                                    <label class="choice"><input type="checkbox" name="testimonies" value="1" checked=true />" "{t("Témoignages", "Testimonies")}</label>
                                    <label class="choice"><input type="checkbox" name="proposals" value="1" checked=true />" "{t("Propositions", "Proposals")}</label>
                                    {move || kinds_error.get().map(|text| view! { <p class="field-error" id="types-erreur">{text}</p> })}
                                </fieldset>
                                <button type="submit" class="primary">{t("Ouvrir l'appel", "Open the call")}</button>
                            </ActionForm>
                    }} />
    }
}
