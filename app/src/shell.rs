//! The HTML document, the router and the frame around every page (header, skip link, footer).
use crate::accounts::{
    api::{Logout, current_user},
    pages as account_pages, paths as account_paths,
};
use crate::budget::pages as budget_pages;
use crate::citizen_councils::pages as citizen_pages;
use crate::collectifs::pages as collectif_pages;
use crate::consultations::pages as consultation_pages;
use crate::contributions::pages as contribution_pages;
use crate::dialogue::pages as dialogue_pages;
use crate::forums::pages as forum_pages;
use crate::neighbourhood_councils::pages as neighbourhood_council_pages;
use crate::pages;
use crate::petitions::pages as petition_pages;
use crate::platform::{
    api::SetLanguage,
    i18n::{Lang, provide_lang, t},
    identity::{CurrentUser, Role, SessionEpoch},
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{A, Route, Router, Routes},
    path,
};

/// A strict Content-Security-Policy: scripts only from this site or with this response's nonce.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use leptos::nonce::use_nonce;
    let nonce = use_nonce().map(|nonce| nonce.to_string()).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&policy))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    let lang = provide_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang();
    let epoch = RwSignal::new(0u32);
    provide_context(SessionEpoch(epoch));
    let user = Resource::new(move || epoch.get(), |_| current_user());
    provide_context(CurrentUser(user));
    // Effects run only in the browser: this marks the moment the page became interactive.
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="agora" href="/pkg/agora.css" />
        <Title text="Agora — participation citoyenne" />
        <Router>
            <a class="skip-link" href="#contenu">{t("Aller au contenu", "Skip to content")}</a>
            <Header />
            <main id="contenu" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <pages::SiteRoutes />
                    <Route path=path!("/budget") view=budget_pages::campaigns::CampaignsPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/nouvelle") view=budget_pages::new_campaign::NewCampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug") view=budget_pages::campaign::CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/projets/:id") view=budget_pages::project::ProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/projets/:id/modifier") view=budget_pages::edit::EditProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/projets/:id/historique") view=budget_pages::history::ProjectHistoryPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/deposer") view=budget_pages::submit::SubmitProjectPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/mes-projets") view=budget_pages::mine::MyProjectsPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/confirmer") view=budget_pages::confirm::ConfirmBallotPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/merci") view=budget_pages::receipt::ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/resultats") view=budget_pages::results::ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/tableau-de-bord") view=budget_pages::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/comparaison") view=budget_pages::comparison::ComparisonPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/revue") view=budget_pages::review::ReviewPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/bulletins-papier") view=budget_pages::paper::PaperBallotsPage ssr=SsrMode::Async />
                    <Route path=path!("/budget/:slug/journal") view=budget_pages::journal::JournalPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue") view=dialogue_pages::DialogueSpace ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/contributions") view=contribution_pages::calls::CallsPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/contributions/nouvel-appel") view=contribution_pages::new_call::NewCallPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/contributions/:id") view=contribution_pages::call::CallPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/forums") view=forum_pages::themes::ThemesPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/forums/nouveau") view=forum_pages::new_theme::NewThemePage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/forums/moderation") view=forum_pages::moderation::ForumModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/forums/fil/:id") view=forum_pages::thread::ThreadPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/forums/:id") view=forum_pages::theme::ThemePage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions") view=petition_pages::list::PetitionsPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions/nouvelle") view=petition_pages::new::NewPetitionPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions/moderation") view=petition_pages::moderation::ModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions/regles") view=petition_pages::rules::RulesPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions/confirmer") view=petition_pages::confirm::ConfirmSignaturePage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/petitions/:id") view=petition_pages::petition::PetitionPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/consultations") view=consultation_pages::list::ConsultationsPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/consultations/nouvelle") view=consultation_pages::new::NewConsultationPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/consultations/:id") view=consultation_pages::answer::AnswerPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/consultations/:id/resultats") view=consultation_pages::results::ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/dialogue/consultations/:id/questionnaire") view=consultation_pages::builder::QuestionnairePage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-de-quartier") view=neighbourhood_council_pages::list::CouncilsPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-de-quartier/:slug") view=neighbourhood_council_pages::council::CouncilPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-de-quartier/:slug/candidater") view=neighbourhood_council_pages::apply::ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-de-quartier/:slug/candidatures") view=neighbourhood_council_pages::candidacies::CandidaciesPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-de-quartier/:slug/tirage") view=neighbourhood_council_pages::draw::DrawPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens") view=citizen_pages::space::CitizenCouncilsPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens/fonds") view=citizen_pages::fund::FundPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens/fonds/deposer") view=citizen_pages::apply::ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens/fonds/:id") view=citizen_pages::application::ApplicationPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens/:slug") view=citizen_pages::council::CitizenCouncilPage ssr=SsrMode::Async />
                    <Route path=path!("/conseils-citoyens/:slug/evenements/:id") view=collectif_pages::event::CouncilEventPage ssr=SsrMode::Async />
                    <Route path=path!("/agenda") view=collectif_pages::agenda::AgendaPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs") view=collectif_pages::list::CollectifsPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs/publications") view=collectif_pages::publications::PublicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs/avis") view=collectif_pages::tracker::TrackerPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs/:slug") view=collectif_pages::collectif::CollectifPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs/:slug/evenements/:id") view=collectif_pages::event::EventPage ssr=SsrMode::Async />
                    <Route path=path!("/collectifs/:slug/publications/:id") view=collectif_pages::publication::PublicationPage ssr=SsrMode::Async />
                    <account_pages::AccountRoutes />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let spaces = [
        ("/budget", t("Budget citoyen", "Citizen budget")),
        ("/dialogue", t("Dialogue", "Dialogue")),
        ("/conseils-de-quartier", t("Conseils de quartier", "Neighbourhood councils")),
        ("/conseils-citoyens", t("Conseils citoyens", "Citizen councils")),
        ("/collectifs", t("Collectifs", "Groups")),
        ("/agenda", t("Agenda", "Agenda")),
    ];
    view! {
        <header class="site-header">
            <div class="brand-row">
                <A href=pages::paths::home() attr:class="brand">
                    "Agora"
                </A>
                <LanguageSwitch />
                <AccountMenu />
            </div>
            <nav aria-label=t("Espaces de participation", "Participation spaces")>
                <ul class="spaces">
                    {spaces
                        .into_iter()
                        .map(|(href, label)| view! { <li><A href=href>{label}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// A plain form: switching language reloads the page in the other language, with or without JS.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let (target, label, lang) = match use_context::<Lang>() {
        Some(Lang::En) => ("fr", "Français", "fr"),
        _ => ("en", "English", "en"),
    };
    view! {
        <form class="language" method="post" action=SetLanguage::PATH>
            <input type="hidden" name="lang" value=target />
            <button type="submit" lang=lang>{label}</button>
        </form>
    }
}

#[component]
fn AccountMenu() -> impl IntoView {
    let CurrentUser(user) = expect_context::<CurrentUser>();
    view! {
        <nav class="account" aria-label=t("Mon compte", "My account")>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(user)) => {
                            let staff = user.role == Role::Staff;
                            view! {
                                <A href=account_paths::profile()>{user.display_name}</A>
                                {staff.then(|| view! { <A href=account_paths::admin_accounts()>{t("Administration", "Administration")}</A> })}
                                <form method="post" action=Logout::PATH>
                                    <button type="submit">{t("Se déconnecter", "Log out")}</button>
                                </form>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <A href=account_paths::login()>{t("Se connecter", "Log in")}</A>
                                <A href=account_paths::register()>{t("Créer un compte", "Sign up")}</A>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label=t("Informations", "Information")>
                <ul>
                    <li><A href=pages::paths::accessibility()>{t("Accessibilité : partiellement conforme", "Accessibility: partially compliant")}</A></li>
                    <li><A href=pages::paths::legal_notice()>{t("Mentions légales", "Legal notice")}</A></li>
                    <li><A href=pages::paths::personal_data()>{t("Données personnelles", "Personal data")}</A></li>
                </ul>
            </nav>
            <p>{t("Agora — plateforme de participation citoyenne des collectivités", "Agora — civic participation platform for local authorities")}</p>
        </footer>
    }
}
