//! Every address of the petitions space. Pages, redirects, emails and tests build them here, beside
//! the routes of `pages::PetitionRoutes` and the plain routes of `http`, instead of repeating literals.

/// The published petitions, with the caller's own.
pub fn petitions() -> String {
    "/dialogue/petitions".into()
}

pub fn new_petition() -> String {
    "/dialogue/petitions/nouvelle".into()
}

/// The petitions waiting for a moderator.
pub fn moderation() -> String {
    "/dialogue/petitions/moderation".into()
}

/// The staff's page of each institution's rules (`?institution=` picks one).
pub fn rules() -> String {
    "/dialogue/petitions/regles".into()
}

/// The link of the signature confirmation email (its token follows as a query).
pub fn confirm_signature() -> String {
    "/dialogue/petitions/confirmer".into()
}

pub fn petition(id: i64) -> String {
    format!("/dialogue/petitions/{id}")
}

/// The live signature count, as server-sent events.
pub fn live_count(id: i64) -> String {
    format!("/dialogue/petitions/{id}/direct")
}

/// The public CSV of counted signatures per commune, without names.
pub fn signatures_by_commune(id: i64) -> String {
    format!("/dialogue/petitions/{id}/signatures-par-commune.csv")
}

/// The staff's CSV of signatures with names and addresses.
pub fn signatures_for_staff(id: i64) -> String {
    format!("/dialogue/petitions/{id}/signatures.csv")
}
