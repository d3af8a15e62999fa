//! Every address of the collectifs space: its pages (`pages::CollectifRoutes`), the publications'
//! uploads and documents, and the agenda and publication feeds. Pages, redirects, emails and tests
//! build them here instead of repeating literals.

/// The agenda of every collectif and citizen council.
pub fn agenda() -> String {
    "/agenda".into()
}

/// The iCalendar feed of the whole agenda.
pub fn agenda_feed() -> String {
    "/agenda.ics".into()
}

/// The list of the collectifs.
pub fn collectifs() -> String {
    "/collectifs".into()
}

/// Every collectif's publications.
pub fn publications() -> String {
    "/collectifs/publications".into()
}

/// The Atom feed of every collectif's publications.
pub fn publications_feed() -> String {
    "/collectifs/publications.atom".into()
}

/// The opinions sent to the municipality and where each one is.
pub fn tracker() -> String {
    "/collectifs/avis".into()
}

pub fn collectif(slug: &str) -> String {
    format!("/collectifs/{slug}")
}

/// The iCalendar feed of one collectif's agenda.
pub fn collectif_agenda_feed(slug: &str) -> String {
    format!("/collectifs/{slug}/agenda.ics")
}

/// Where a collectif's facilitators post a new publication (a PDF).
pub fn publication_upload(slug: &str) -> String {
    format!("/collectifs/{slug}/publications")
}

/// The Atom feed of one collectif's publications.
pub fn collectif_publications_feed(slug: &str) -> String {
    format!("/collectifs/{slug}/publications.atom")
}

/// An event of a collectif's agenda.
pub fn event(slug: &str, id: i64) -> String {
    format!("/collectifs/{slug}/evenements/{id}")
}

pub fn publication(slug: &str, id: i64) -> String {
    format!("/collectifs/{slug}/publications/{id}")
}

/// A publication's PDF; a draft's is replaced by posting here. It ends in `.pdf` so browsers and
/// feed readers name it well.
pub fn publication_document(slug: &str, id: i64) -> String {
    format!("/collectifs/{slug}/publications/{id}/document.pdf")
}
