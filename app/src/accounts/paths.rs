//! Every address of the accounts space. Pages, redirects, emails and tests build them here, beside
//! the routes of `pages::AccountRoutes`, instead of repeating literals.

/// The signed-in person's profile.
pub fn profile() -> String {
    "/compte".into()
}

pub fn register() -> String {
    "/compte/inscription".into()
}

/// Where a new account is told to open the link sent by email.
pub fn check_email() -> String {
    "/compte/verifiez-vos-courriels".into()
}

/// The link of the verification email (its token follows as a query).
pub fn verify() -> String {
    "/compte/verification".into()
}

pub fn login() -> String {
    "/compte/connexion".into()
}

/// The login page that sends the person back to `next` (a path of this site) once signed in.
pub fn login_then(next: &str) -> String {
    format!("/compte/connexion?suite={next}")
}

pub fn forgot_password() -> String {
    "/compte/mot-de-passe-oublie".into()
}

/// The link of the password reset email (its token follows as a query).
pub fn reset_password() -> String {
    "/compte/nouveau-mot-de-passe".into()
}

/// The staff's list of accounts.
pub fn admin_accounts() -> String {
    "/admin/comptes".into()
}

/// The staff's view of the emails sent (never their text).
pub fn outbox() -> String {
    "/admin/courriels".into()
}
