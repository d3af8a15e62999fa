//! One file per account page.
pub mod admin_accounts;
pub mod check_email;
pub mod forgot;
pub mod login;
pub mod profile;
pub mod register;
pub mod reset;
pub mod verify;

use crate::platform::identity::SessionEpoch;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

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
