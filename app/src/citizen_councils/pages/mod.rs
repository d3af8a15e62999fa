//! One file per citizen-council page.
pub mod application;
pub mod apply;
pub mod council;
pub mod fund;
pub mod space;

use crate::citizen_councils::{
    domain::euros,
    model::{ApplicationCard, EnvelopeLine},
    paths,
};
use crate::platform::i18n::t;
use leptos::prelude::*;
use leptos_router::{
    MatchNestedRoutes, SsrMode,
    components::{A, Route},
    path,
};

/// The citizen councils' pages, and the page of a council's event that the collectifs' agenda
/// provides; `super::paths` builds their addresses.
#[component(transparent)]
pub fn CitizenCouncilRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/conseils-citoyens") view=space::CitizenCouncilsPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-citoyens/fonds") view=fund::FundPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-citoyens/fonds/deposer") view=apply::ApplyPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-citoyens/fonds/:id") view=application::ApplicationPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-citoyens/:slug") view=council::CitizenCouncilPage ssr=SsrMode::Async />
        <Route path=path!("/conseils-citoyens/:slug/evenements/:id") view=crate::collectifs::CouncilEventPage ssr=SsrMode::Async />
    }
    .into_inner()
}

/// A plain multipart form (it works without JavaScript): the `children` fields, then a PDF to send.
#[component]
fn UploadForm(
    #[prop(into)] action: String,
    file_id: &'static str,
    file_label: &'static str,
    button: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="form">
            {children()}
            <div class="field">
                <label for=file_id>{file_label}</label>
                <input id=file_id name="file" type="file" accept="application/pdf" required />
            </div>
            <button type="submit" class="primary">{button}</button>
        </form>
    }
}

/// Envelopes as a table: council, year, amount, granted, what is left.
#[component]
fn Envelopes(envelopes: Vec<EnvelopeLine>, caption: &'static str) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("Conseil", "Council")}</th>
                        <th scope="col">{t("Année", "Year")}</th>
                        <th scope="col">{t("Enveloppe", "Envelope")}</th>
                        <th scope="col">{t("Accordé", "Granted")}</th>
                        <th scope="col">{t("Reste", "Left")}</th>
                    </tr>
                </thead>
                <tbody>
                    {envelopes.into_iter().map(|line| view! {
                        <tr>
                            <th scope="row">{line.council_name.clone()}</th>
                            <td>{line.year}</td>
                            <td>{euros(line.amount_cents)}</td>
                            <td>{euros(line.granted_cents)}</td>
                            <td>{euros(line.remaining_cents())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Applications as cards linking to their page.
#[component]
fn ApplicationCards(applications: Vec<ApplicationCard>) -> impl IntoView {
    view! {
        <ul class="cards">
            {applications.into_iter().map(|card| view! {
                <li class="card">
                    <h3><A href=paths::application(card.id)>{card.title.clone()}</A></h3>
                    <p><span class="badge">{card.status.label()}</span></p>
                    <p>{card.council_name.clone()}" · "{card.carrier_name.clone()}" · "{card.year}</p>
                    <p>
                        {t("Demandé :", "Asked:")}" "{euros(card.requested_cents)}
                        {card.granted_cents.map(|granted| format!(" · {} {}", t("accordé :", "granted:"), euros(granted)))}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}
