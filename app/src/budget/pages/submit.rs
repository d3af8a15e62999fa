use super::{edit::ProjectFormFields, slug_param};
use crate::budget::{
    api::submission::{SubmitProject, submission_form},
    model::SubmissionWindow,
    paths,
};
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/budget/{slug}/deposer`: a resident submits a project while submission is open.
#[component]
pub fn SubmitProjectPage() -> impl IntoView {
    let slug = slug_param();
    let action = ServerAction::<SubmitProject>::new();
    let error = error_of(action);
    let data = Resource::new(move || slug.get(), submission_form);
    view! {
        <PageHeading title=t("Déposer un projet", "Submit a project") />
        <Loaded data ready=move |window: SubmissionWindow| {
            let window_text = format!(
                "Dépôt des projets du {} au {}.",
                french_date(window.opens_at),
                french_date(window.closes_at)
            );
            let body = if !window.open {
                view! {
                    <p class="alert alert-error" role="alert">
                        {t("Le dépôt des projets n'est pas ouvert pour cette campagne.", "Project submission is not open for this campaign.")}
                    </p>
                }.into_any()
            } else if !window.signed_in {
                view! {
                    <p>
                        <A href=crate::accounts::paths::login_then(&paths::submit_project(&window.slug))>{t("Connectez-vous", "Sign in")}</A>
                        {t(" pour déposer un projet : vous pourrez le modifier jusqu'à la clôture du dépôt et suivre son examen.",
                           " to submit a project: you can change it until submission closes and follow its review.")}
                    </p>
                }.into_any()
            } else {
                let slug = window.slug.clone();
                view! {
                    <p>{t("Les champs marqués d'un astérisque (*) sont obligatoires.", "Fields marked with an asterisk (*) are required.")}</p>
                    <FormAlert error />
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="slug" value=slug />
                        <ProjectFormFields territories=window.territories initial=None error />
                        <button type="submit" class="primary">{t("Déposer le projet", "Submit the project")}</button>
                    </ActionForm>
                }.into_any()
            };
            view! {
                <p class="lead">{window.title.clone()}</p>
                <p>{window_text}</p>
                {body}
                <p><A href=paths::my_projects(&window.slug)>{t("Mes projets déposés", "My submitted projects")}</A></p>
            }
        } />
    }
}
