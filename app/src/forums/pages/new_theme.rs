use crate::dialogue::{OpeningFields, staff_institutions};
use crate::forums::api::CreateTheme;
use crate::platform::i18n::t;
use crate::ui::{FormAlert, Loaded, PageHeading, error_of};
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
        <Loaded data=institutions ready={move |institutions: Vec<(i64, String)>| view! {
            <ActionForm action attr:class="form">
                <OpeningFields institutions error title_label=t("Thème", "Theme")
                    text_label=t("Question qui guide le débat", "Guiding question") text_name="question" />
                <button type="submit" class="primary">{t("Ouvrir le forum", "Open the forum")}</button>
            </ActionForm>
        }} />
    }
}
