use super::{ApplicationCards, Envelopes};
use crate::citizen_councils::{api::fund_page, model::FundView, paths};
use crate::platform::i18n::t;
use crate::ui::{Loaded, PageHeading};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/conseils-citoyens/fonds`: the Fonds de Participation des Habitants — each council's envelope
/// and balance, the caller's applications, and for staff every application to review.
#[component]
pub fn FundPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| fund_page());
    view! {
        <PageHeading title=t("Fonds de Participation des Habitants", "Residents' participation fund") />
        <p class="lead">
            {t("Une association ou un groupe d'habitants d'un quartier prioritaire demande une aide pour un projet ; le conseil citoyen l'accorde sur son enveloppe de l'année, la refuse en expliquant pourquoi, ou demande un complément. Le projet fait, le porteur dépose son bilan.",
               "An association or a group of residents of a priority neighbourhood asks for a grant for a project; the citizen council grants it from its yearly envelope, refuses it with a reason, or asks for more. Once the project is done, the carrier files its report.")}
        </p>
        <Loaded data ready=|page: FundView| view! {
            {if page.signed_in {
                view! {
                    <p class="actions"><A href=paths::new_application() attr:class="button primary">{t("Déposer une demande", "Apply for a grant")}</A></p>
                    <h2>{t("Mes demandes", "My applications")}</h2>
                    {if page.mine.is_empty() {
                        view! { <p>{t("Vous n'avez déposé aucune demande.", "You have not applied yet.")}</p> }.into_any()
                    } else {
                        view! { <ApplicationCards applications=page.mine /> }.into_any()
                    }}
                }.into_any()
            } else {
                view! {
                    <p>
                        {t("Connectez-vous pour déposer une demande.", "Log in to apply.")}" "
                        <A href=crate::accounts::paths::login_then(&paths::new_application())>{t("Se connecter", "Log in")}</A>
                    </p>
                }.into_any()
            }}
            <h2>{t("Enveloppes des conseils", "The councils' envelopes")}</h2>
            <Envelopes envelopes=page.envelopes caption=t("Enveloppe de chaque conseil, montants accordés et reste", "Each council's envelope, amounts granted and what is left") />
            {page.staff.then(|| view! {
                <h2>{t("Toutes les demandes (équipe)", "Every application (staff)")}</h2>
                <ApplicationCards applications=page.all />
            })}
        } />
    }
}
