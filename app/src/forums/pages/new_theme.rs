use crate::dialogue::staff_institutions;
use crate::forums::api::CreateTheme;
use crate::platform::i18n::t;
use crate::ui::{DayWindowFields, Field, FormAlert, Loaded, PageHeading, SelectField, error_of};
use leptos::prelude::*;

/// `/dialogue/forums/nouveau`: staff open a forum theme with its guiding question and period.
#[component]
pub fn NewThemePage() -> impl IntoView {
    let action = ServerAction::<CreateTheme>::new();
    let error = error_of(action);
    let institutions = Resource::new(|| (), |_| staff_institutions());
    view! {
        <PageHeading title=t("Ouvrir un forum", "Open a forum") />
        <FormAlert error />
        <Loaded data=institutions ready={move |institutions: Vec<(i64, String)>| {
                        let options: Vec<(String, String)> =
                            institutions.into_iter().map(|(id, name)| (id.to_string(), name)).collect();
                        view! {
                            <ActionForm action attr:class="form">
                                <SelectField label=t("Institution", "Institution") name="institution_id" options error />
                                <Field label=t("Thème", "Theme") name="title" error />
                                <Field label=t("Question qui guide le débat", "Guiding question") name="question" kind="textarea" error />
                                <DayWindowFields error />
                                <button type="submit" class="primary">{t("Ouvrir le forum", "Open the forum")}</button>
                            </ActionForm>
                        }.into_any()
                    }} />
    }
}
