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
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{A, Router, Routes};

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
                // The stylesheet's name carries its content hash in a release build.
                <HashedStylesheet options=options.clone() id="agora" />
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
        <Title text="Agora — participation citoyenne" />
        <Router>
            <a class="skip-link" href="#contenu">{t("Aller au contenu", "Skip to content")}</a>
            <Header />
            <main id="contenu" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <pages::SiteRoutes />
                    <budget_pages::BudgetRoutes />
                    <dialogue_pages::DialogueRoutes />
                    <contribution_pages::ContributionRoutes />
                    <forum_pages::ForumRoutes />
                    <petition_pages::PetitionRoutes />
                    <consultation_pages::ConsultationRoutes />
                    <neighbourhood_council_pages::NeighbourhoodCouncilRoutes />
                    <citizen_pages::CitizenCouncilRoutes />
                    <collectif_pages::CollectifRoutes />
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
        (crate::budget::paths::campaigns(), t("Budget citoyen", "Citizen budget")),
        (crate::dialogue::paths::dialogue(), t("Dialogue", "Dialogue")),
        (crate::neighbourhood_councils::paths::councils(), t("Conseils de quartier", "Neighbourhood councils")),
        (crate::citizen_councils::paths::councils(), t("Conseils citoyens", "Citizen councils")),
        (crate::collectifs::paths::collectifs(), t("Collectifs", "Groups")),
        (crate::collectifs::paths::agenda(), t("Agenda", "Agenda")),
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
