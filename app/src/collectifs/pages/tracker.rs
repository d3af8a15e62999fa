use crate::collectifs::{api::list_publications, model::PublicationItem, paths};
use crate::platform::i18n::t;
use crate::platform::time::french_date;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/collectifs/avis`: every opinion, report and study sent to the municipality, and where it is.
#[component]
pub fn TrackerPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_publications(true));
    view! {
        <PageHeading title=t("Suivi des avis", "Opinions tracker") />
        <p class="lead">
            {t("Un avis, un rapport ou une étude d'un collectif est transmis au bureau municipal, validé ou renvoyé avec remarques, présenté à une commission d'élus, puis la municipalité répond.",
               "A group's opinion, report or study goes to the municipal bureau, is validated or returned with remarks, presented to a commission of elected officials, then the municipality answers.")}
        </p>
        <Loaded data ready={|texts: Vec<PublicationItem>| {
            if texts.is_empty() {
                return view! { <p>{t("Aucun avis transmis pour l'instant.", "No opinion sent yet.")}</p> }.into_any();
            }
            view! {
                <table>
                    <caption>{t("Avis, rapports et études transmis, du plus récent au plus ancien", "Opinions, reports and studies sent, newest first")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("Texte", "Text")}</th>
                            <th scope="col">{t("Collectif", "Group")}</th>
                            <th scope="col">{t("Type", "Kind")}</th>
                            <th scope="col">{t("Étape", "Stage")}</th>
                            <th scope="col">{t("Depuis le", "Since")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {texts.into_iter().map(|text| view! {
                            <tr>
                                <th scope="row"><A href=text.href()>{text.title.clone()}</A></th>
                                <td><A href=paths::collectif(&text.collectif_slug)>{text.collectif_name.clone()}</A></td>
                                <td>{text.kind.label()}</td>
                                <td>{text.stage.label()}</td>
                                <td>{french_date(text.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }} />
    }
}
