//! Every address of the citizen councils space: its pages (`pages::CitizenCouncilRoutes`), the
//! uploads and downloads of its files and the councils' agenda feeds. Pages, redirects, emails and
//! tests build them here instead of repeating literals.

/// The space: the councils, their minutes and documents.
pub fn councils() -> String {
    "/conseils-citoyens".into()
}

/// Where staff post the minutes of a month.
pub fn minutes_upload() -> String {
    "/conseils-citoyens/comptes-rendus".into()
}

/// Where staff post a document of the library.
pub fn document_upload() -> String {
    "/conseils-citoyens/documents".into()
}

/// Minutes or a document of the space, to download.
pub fn file(id: i64) -> String {
    format!("/conseils-citoyens/fichiers/{id}")
}

/// The Fonds de Participation des Habitants: envelopes and applications.
pub fn fund() -> String {
    "/conseils-citoyens/fonds".into()
}

/// The form of a new application to the fund.
pub fn new_application() -> String {
    "/conseils-citoyens/fonds/deposer".into()
}

/// An application to the fund, as its carrier and the council follow it.
pub fn application(id: i64) -> String {
    format!("/conseils-citoyens/fonds/{id}")
}

/// An application's report sheet (PDF): its carrier posts it here, they and staff read it here.
pub fn report(id: i64) -> String {
    format!("/conseils-citoyens/fonds/{id}/bilan")
}

pub fn council(slug: &str) -> String {
    format!("/conseils-citoyens/{slug}")
}

/// The iCalendar feed of one council's agenda.
pub fn council_agenda_feed(slug: &str) -> String {
    format!("/conseils-citoyens/{slug}/agenda.ics")
}

/// An event of a council's agenda (the page is the collectifs' `CouncilEventPage`).
pub fn council_event(slug: &str, id: i64) -> String {
    format!("/conseils-citoyens/{slug}/evenements/{id}")
}
