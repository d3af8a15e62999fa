//! One file per account page.
pub mod admin_accounts;
pub mod check_email;
pub mod forgot;
pub mod login;
pub mod outbox;
pub mod profile;
pub mod register;
pub mod reset;
pub mod verify;

use crate::platform::identity::SessionEpoch;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::{Lazy, MatchNestedRoutes, SsrMode, components::Route, path};

// Each page comes with its own piece of WebAssembly, downloaded when the page is first shown.
crate::lazy_page! {
    ProfileRoute => profile::ProfilePage,
    RegisterRoute => register::RegisterPage,
    CheckEmailRoute => check_email::CheckEmailPage,
    VerifyRoute => verify::VerifyPage,
    LoginRoute => login::LoginPage,
    ForgotPasswordRoute => forgot::ForgotPasswordPage,
    ResetPasswordRoute => reset::ResetPasswordPage,
    AdminAccountsRoute => admin_accounts::AdminAccountsPage,
    OutboxRoute => outbox::OutboxPage,
}

/// The account pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn AccountRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/compte") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/inscription") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/verifiez-vos-courriels") view={Lazy::<CheckEmailRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/verification") view={Lazy::<VerifyRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/connexion") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/mot-de-passe-oublie") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/compte/nouveau-mot-de-passe") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/admin/comptes") view={Lazy::<AdminAccountsRoute>::new()} ssr=SsrMode::Async />
        <Route path=path!("/admin/courriels") view={Lazy::<OutboxRoute>::new()} ssr=SsrMode::Async />
    }
    .into_inner()
}

/// Reloads the header's account menu once `action` succeeded (log-in changes who is signed in).
pub(crate) fn refresh_session_on_success<S>(action: ServerAction<S>)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let SessionEpoch(epoch) = expect_context::<SessionEpoch>();
    Effect::new(move |_| {
        if action.value().with(|value| matches!(value, Some(Ok(_)))) {
            epoch.update(|n| *n += 1);
        }
    });
}
