//! Every address of the contributions space. Pages, redirects and tests build them here, beside
//! the routes of `pages::ContributionRoutes`, instead of repeating literals.

/// The calls for contributions, newest first.
pub fn calls() -> String {
    "/dialogue/contributions".into()
}

/// The staff's form to open a call for contributions.
pub fn new_call() -> String {
    "/dialogue/contributions/nouvel-appel".into()
}

/// A call: its description, its contributions (filters follow as a query) and its synthesis.
pub fn call(id: i64) -> String {
    format!("/dialogue/contributions/{id}")
}
