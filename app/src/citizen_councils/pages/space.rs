use super::UploadForm;
use crate::citizen_councils::{
    api::citizen_councils_space,
    model::{SpaceFile, SpaceView, upload_problem},
    paths,
};
use crate::platform::routing::query_param;
use crate::platform::{
    files::{by_month, size_label},
    i18n::t,
};
use crate::ui::UploadOutcome;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-citoyens`: the seven councils of Alès Agglomération and the neighbourhoods they
/// cover, the minutes of their meetings by year and month, and the documents to download.
#[component]
pub fn CitizenCouncilsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| citizen_councils_space());
    view! {
        <PageHeading title=t("Conseils citoyens", "Citizen councils") />
        <p class="lead">
            {t("Un conseil citoyen « Alès Agglo » et six conseils locaux, un par quartier prioritaire, font remonter la parole des habitants et soutiennent leurs projets avec le Fonds de Participation des Habitants.",
               "An « Alès Agglo » citizen council and six local ones, one per priority neighbourhood, carry residents' voices and support their projects with the residents' participation fund.")}
        </p>
        <p class="actions">
            <A href=paths::fund() attr:class="button primary">{t("Fonds de Participation des Habitants", "Residents' participation fund")}</A>
        </p>
        <UploadOutcome done=query_param("compte_rendu") refused=query_param("compte_rendu_refuse") saved=t("Le compte rendu est en ligne.", "The minutes are online.") problem=upload_problem />
        <UploadOutcome done=query_param("document") refused=query_param("document_refuse") saved=t("Le document est en ligne.", "The document is online.") problem=upload_problem />
        <Loaded data ready=|page: SpaceView| view! {
            <h2>{t("Les conseils et leurs quartiers", "The councils and their neighbourhoods")}</h2>
            <ul class="cards">
                {page.councils.into_iter().map(|card| view! {
                    <li class="card">
                        <h3><A href=paths::council(&card.council.slug)>{card.council.name.clone()}</A></h3>
                        <p>
                            {if card.council.scope == "agglomeration" {
                                t("Tous les quartiers prioritaires d'Alès Agglomération", "Every priority neighbourhood of Alès Agglomération")
                            } else {
                                t("Quartier prioritaire :", "Priority neighbourhood:")
                            }}
                            " "{(card.council.scope != "agglomeration").then(|| card.neighbourhoods.join(", "))}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
            <Minutes minutes=page.minutes staff=page.staff />
            <Documents documents=page.documents staff=page.staff />
        } />
    }
}

/// A file's link: its title, then its kind and size as the seed shows them (`PDF – 665 Ko`).
fn file_link(file: &SpaceFile) -> impl IntoView + use<> {
    view! {
        <li>
            <a href=file.href() rel="external" type=file.content_type.clone()>{file.title.clone()}</a>
            " ("{size_label(&file.content_type, file.size)}")"
        </li>
    }
}

#[component]
fn Minutes(minutes: Vec<SpaceFile>, staff: bool) -> impl IntoView {
    let months = by_month(minutes, |file| file.dated.as_str());
    let mut years: Vec<i32> = months.iter().map(|month| month.year).collect();
    years.dedup();
    view! {
        <h2>{t("Comptes-rendus de réunion", "Meeting minutes")}</h2>
        {if months.is_empty() {
            view! { <p>{t("Aucun compte rendu en ligne.", "No minutes online.")}</p> }.into_any()
        } else {
            years.into_iter().map(|year| view! {
                <h3>{format!("{} {year}", t("Comptes-rendus des Conseils Citoyens", "Citizen councils' minutes"))}</h3>
                <ul class="name-list">
                    {months.iter().filter(|month| month.year == year).flat_map(|month| month.items.iter().map(file_link)).collect_view()}
                </ul>
            }).collect_view().into_any()
        }}
        {staff.then(|| view! {
            <h3>{t("Mettre en ligne un compte rendu (équipe)", "Publish minutes (staff)")}</h3>
            <UploadForm
                action=paths::minutes_upload()
                file_id="champ-compte-rendu"
                file_label=t("Compte rendu (PDF, 5 Mo au plus)", "Minutes (PDF, 5 MB at most)")
                button=t("Mettre en ligne le compte rendu", "Publish the minutes")
            >
                <div class="field">
                    <label for="champ-mois">{t("Mois de la réunion", "Month of the meeting")}</label>
                    <p class="hint" id="champ-mois-aide">{t("Au format AAAA-MM, par exemple 2020-01.", "As YYYY-MM, for example 2020-01.")}</p>
                    <input id="champ-mois" name="month" type="month" required aria-describedby="champ-mois-aide" />
                </div>
            </UploadForm>
        })}
    }
}

#[component]
fn Documents(documents: Vec<SpaceFile>, staff: bool) -> impl IntoView {
    view! {
        <h2>{t("Documents à télécharger", "Documents to download")}</h2>
        <ul class="name-list">{documents.iter().map(file_link).collect_view()}</ul>
        {staff.then(|| view! {
            <h3>{t("Ajouter un document (équipe)", "Add a document (staff)")}</h3>
            <UploadForm
                action=paths::document_upload()
                file_id="champ-document"
                file_label=t("Fichier (PDF, 5 Mo au plus)", "File (PDF, 5 MB at most)")
                button=t("Ajouter le document", "Add the document")
            >
                <div class="field">
                    <label for="champ-titre-document">{t("Titre du document", "Document title")}</label>
                    <input id="champ-titre-document" name="title" type="text" required />
                </div>
            </UploadForm>
        })}
    }
}
