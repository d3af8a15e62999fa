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
use leptos_router::{MatchNestedRoutes, SsrMode, components::Route, path};

/// The account pages' routes; `super::paths` builds their addresses.
#[component(transparent)]
pub fn AccountRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/compte") view=profile::ProfilePage ssr=SsrMode::Async />
        <Route path=path!("/compte/inscription") view=register::RegisterPage ssr=SsrMode::Async />
        <Route path=path!("/compte/verifiez-vos-courriels") view=check_email::CheckEmailPage ssr=SsrMode::Async />
        <Route path=path!("/compte/verification") view=verify::VerifyPage ssr=SsrMode::Async />
        <Route path=path!("/compte/connexion") view=login::LoginPage ssr=SsrMode::Async />
        <Route path=path!("/compte/mot-de-passe-oublie") view=forgot::ForgotPasswordPage ssr=SsrMode::Async />
        <Route path=path!("/compte/nouveau-mot-de-passe") view=reset::ResetPasswordPage ssr=SsrMode::Async />
        <Route path=path!("/admin/comptes") view=admin_accounts::AdminAccountsPage ssr=SsrMode::Async />
        <Route path=path!("/admin/courriels") view=outbox::OutboxPage ssr=SsrMode::Async />
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
