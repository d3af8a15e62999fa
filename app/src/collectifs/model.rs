//! Collectifs and their agenda as the pages see them (shared by server and browser).
use super::paths;
use crate::platform::i18n::t;
use serde::{Deserialize, Serialize};

/// One page of the collectifs, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectifList {
    pub collectifs: Vec<CollectifCard>,
    pub shown: crate::platform::paging::PageOf,
}

crate::stored_code! {
    /// The states a collectif goes through; groups fall asleep and may come back, members kept.
    pub enum CollectifState {
        Active = "active",
        Dormant = "dormant",
        Revived = "revived",
        Archived = "archived",
    }
}

impl CollectifState {
    pub fn label(self) -> &'static str {
        match self {
            CollectifState::Active => t("Actif", "Active"),
            CollectifState::Dormant => t("En sommeil", "Dormant"),
            CollectifState::Revived => t("Relancé", "Revived"),
            CollectifState::Archived => t("Archivé", "Archived"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CollectifCard {
    pub slug: String,
    pub name: String,
    pub theme: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub state: CollectifState,
    pub members: i64,
    pub upcoming_events: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Collectif {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub theme: String,
    pub description: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub state: CollectifState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StateChange {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub old_state: CollectifState,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub new_state: CollectifState,
    pub note: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventItem {
    pub id: i64,
    /// `collectif` or `conseil` (an Alès citizen council): see [`HostKind`].
    pub host_kind: String,
    pub host_slug: String,
    pub host_name: String,
    pub title: String,
    pub description: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `None`: no limit.
    pub capacity: Option<i64>,
    pub confirmed: i64,
    pub waiting: i64,
    pub created_at: i64,
}

impl EventItem {
    pub fn full(&self) -> bool {
        self.capacity.is_some_and(|capacity| self.confirmed >= capacity)
    }

    pub fn host(&self) -> HostKind {
        HostKind::from_code(&self.host_kind)
    }

    /// The page of the collectif or council holding the event.
    pub fn host_href(&self) -> String {
        self.host().href(&self.host_slug)
    }

    pub fn href(&self) -> String {
        self.host().event_href(&self.host_slug, self.id)
    }
}

/// Who holds an agenda: a collectif or an Alès citizen council. Both share the events, their
/// registrations and waiting lists, and the iCalendar feeds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HostKind {
    #[default]
    Collectif,
    Council,
}

impl HostKind {
    /// The code forms post (`host`) and the store returns; anything else is a collectif, so the
    /// collectifs' forms need not say it.
    pub fn from_code(code: &str) -> Self {
        if code == "conseil" { HostKind::Council } else { HostKind::Collectif }
    }

    pub fn code(self) -> &'static str {
        match self {
            HostKind::Collectif => "collectif",
            HostKind::Council => "conseil",
        }
    }

    /// The page of the host at `slug`.
    pub fn href(self, slug: &str) -> String {
        match self {
            HostKind::Collectif => paths::collectif(slug),
            HostKind::Council => crate::citizen_councils::paths::council(slug),
        }
    }

    /// The page of the event `id` of the host at `slug`.
    pub fn event_href(self, slug: &str, id: i64) -> String {
        match self {
            HostKind::Collectif => paths::event(slug, id),
            HostKind::Council => crate::citizen_councils::paths::council_event(slug, id),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub upcoming: Vec<EventItem>,
    pub past: Vec<EventItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectifView {
    pub collectif: Collectif,
    /// Facilitators and members who chose to show their name.
    pub facilitators: Vec<String>,
    pub named_members: Vec<String>,
    pub member_count: i64,
    /// Newest first.
    pub history: Vec<StateChange>,
    pub agenda: Agenda,
    pub signed_in: bool,
    /// `Some(name shown)` when the visitor is a member.
    pub membership: Option<bool>,
    pub staff: bool,
    /// Staff and the collectif's facilitators publish and see drafts.
    pub facilitator: bool,
    /// Newest first; drafts only for those who may see them.
    pub publications: Vec<PublicationItem>,
}

/// The visitor's place at an event: confirmed, or their rank on the waiting list.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Attendance {
    Confirmed,
    Waiting(i64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub event: EventItem,
    /// Registrations close when the event starts.
    pub open: bool,
    pub signed_in: bool,
    pub attendance: Option<Attendance>,
}

crate::stored_code! {
    /// What a collectif publishes; the last three go through the opinion chain.
    pub enum PublicationKind {
        Memo = "memo",
        Minutes = "minutes",
        Opinion = "opinion",
        Report = "report",
        Study = "study",
    }
}

impl PublicationKind {
    pub fn label(self) -> &'static str {
        match self {
            PublicationKind::Memo => "Note",
            PublicationKind::Minutes => "Compte rendu",
            PublicationKind::Opinion => "Avis",
            PublicationKind::Report => "Rapport",
            PublicationKind::Study => "Étude",
        }
    }
}

crate::stored_code! {
    /// Where a publication stands: memos and minutes are published at once, the others go
    /// through the opinion chain from a draft to the municipality's answer.
    pub enum PublicationStage {
        /// A memo or minutes, public from the start.
        Published = "published",
        /// Written, still the collectif's own business.
        Draft = "draft",
        /// Sent to the municipal bureau.
        Submitted = "submitted",
        /// Sent back by the bureau with remarks.
        Returned = "returned",
        /// Validated by the bureau.
        Validated = "validated",
        /// Presented to a commission of elected officials.
        Presented = "presented",
        /// The municipality's answer is published.
        Answered = "answered",
    }
}

impl PublicationStage {
    pub fn label(self) -> &'static str {
        match self {
            PublicationStage::Draft => "brouillon",
            PublicationStage::Submitted => "transmis au bureau municipal",
            PublicationStage::Returned => "renvoyé avec remarques",
            PublicationStage::Validated => "validé par le bureau municipal",
            PublicationStage::Presented => "présenté en commission",
            PublicationStage::Answered => "réponse de la municipalité publiée",
            PublicationStage::Published => "publié",
        }
    }

    /// Still with its collectif (a draft, or returned with remarks): its file may change and
    /// its facilitators send it (again) to the bureau.
    pub fn with_collectif(self) -> bool {
        matches!(self, PublicationStage::Draft | PublicationStage::Returned)
    }
}

/// A publication as lists and feeds show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PublicationItem {
    pub id: i64,
    pub collectif_slug: String,
    pub collectif_name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: PublicationKind,
    pub title: String,
    pub summary: String,
    /// `YYYY-MM-DD`, the date on the document.
    pub published_on: String,
    /// `published`, or the opinion chain's stage.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub stage: PublicationStage,
    pub file_type: String,
    pub file_size: i64,
    /// When it was uploaded or last moved along the chain.
    pub updated_at: i64,
}

impl PublicationItem {
    pub fn href(&self) -> String {
        paths::publication(&self.collectif_slug, self.id)
    }

    /// The PDF's address.
    pub fn file_href(&self) -> String {
        paths::publication_document(&self.collectif_slug, self.id)
    }
}

/// A dated step of the opinion chain and who took it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PublicationStep {
    /// The stage reached (never `published`).
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub stage: PublicationStage,
    pub note: String,
    pub on_date: Option<String>,
    pub actor_name: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationView {
    pub publication: PublicationItem,
    /// Oldest first.
    pub steps: Vec<PublicationStep>,
    /// The visitor facilitates the collectif (or is staff): they send texts to the bureau.
    pub facilitator: bool,
    /// The visitor acts for the municipality.
    pub staff: bool,
}
