//! Neighbourhood councils, candidacies and draws as the pages see them (shared by server and browser).
use crate::platform::i18n::t;
use serde::{Deserialize, Serialize};

/// Declared genders (code, label); not declaring is a choice the quotas handle.
pub const GENDERS: [(&str, &str); 3] =
    [("femme", "Femme"), ("homme", "Homme"), ("non-declare", "Je ne le déclare pas")];

/// The kinds of local actors the councils seat beside residents.
pub const ACTOR_KINDS: [(&str, &str); 4] = [
    ("association", "Association"),
    ("commerce", "Commerce"),
    ("artisanat", "Artisanat"),
    ("institution", "Institution"),
];

/// `habitant` → `Habitant·e`; a kind of actor → its label.
pub fn category_label(category: &str, actor_kind: Option<&str>) -> String {
    match (category, actor_kind) {
        ("acteur", Some(kind)) => {
            let kind = ACTOR_KINDS.iter().find(|(code, _)| *code == kind).map_or(kind, |(_, label)| *label);
            format!("{} ({kind})", t("Acteur du quartier", "Local actor"))
        }
        ("acteur", None) => t("Acteur du quartier", "Local actor").to_string(),
        _ => t("Habitant·e", "Resident").to_string(),
    }
}

pub fn gender_label(gender: &str) -> &'static str {
    match gender {
        "femme" | "Femme" => t("Femme", "Woman"),
        "homme" | "Homme" => t("Homme", "Man"),
        _ => t("Non déclaré", "Not declared"),
    }
}

crate::stored_code! {
    /// Where a candidacy stands in its round.
    pub enum CandidacyStatus {
        /// Filed, waiting for staff to check it.
        Pending = "pending",
        /// Checked by staff: it enters the pool of the draw.
        Accepted = "accepted",
        /// Refused by staff, with a reason the candidate reads.
        Refused = "refused",
        /// Withdrawn by the candidate before the pool was published.
        Withdrawn = "withdrawn",
    }
}

impl CandidacyStatus {
    pub fn label(self) -> &'static str {
        match self {
            CandidacyStatus::Pending => t("En cours de vérification", "Being checked"),
            CandidacyStatus::Accepted => t("Acceptée", "Accepted"),
            CandidacyStatus::Refused => t("Refusée", "Refused"),
            CandidacyStatus::Withdrawn => t("Retirée", "Withdrawn"),
        }
    }
}

crate::stored_code! {
    /// What a published document of a round is.
    pub enum DrawStage {
        /// The pool, its quotas and every candidate's probability, before a draw (or a replacement's).
        Announcement = "announcement",
        /// The record of the draw made from the announcement before it.
        Draw = "draw",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Council {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub seats: i64,
    pub elected_duo: String,
    pub charter: String,
    pub internal_rules: String,
    pub round: String,
    pub applications_open_at: i64,
    pub applications_close_at: i64,
    /// `AAAA-MM-JJ`.
    pub draw_day: String,
    pub term_years: i64,
}

impl Council {
    pub fn accepts_applications(&self, now: i64) -> bool {
        (self.applications_open_at..self.applications_close_at).contains(&now)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilCard {
    pub council: Council,
    pub members: i64,
    pub candidacies: i64,
    pub open: bool,
}

/// One line of the composition rules: `Femmes : 5 à 6`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaLine {
    pub feature: String,
    pub value: String,
    pub min: u32,
    pub max: u32,
}

impl QuotaLine {
    pub fn text(&self) -> String {
        let what = match self.value.as_str() {
            "femme" => t("Femmes", "Women"),
            "homme" => t("Hommes", "Men"),
            "non déclaré" => t("Genre non déclaré", "Gender not declared"),
            "habitant" => t("Habitant·es", "Residents"),
            _ => t("Acteurs du quartier", "Local actors"),
        };
        if self.min == self.max {
            format!("{what} : {}", self.min)
        } else {
            format!("{what} : {} {} {}", self.min, t("à", "to"), self.max)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub category: String,
    pub since: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Meeting {
    pub id: i64,
    pub starts_at: i64,
    pub place: String,
    pub agenda: String,
    pub minutes_uploaded_at: Option<i64>,
}

/// The caller's own candidacy for the council's round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyCandidacy {
    pub id: i64,
    pub council_slug: String,
    pub council_name: String,
    pub public_id: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: CandidacyStatus,
    pub refusal_reason: Option<String>,
    pub birth_date: String,
    /// The authorisation file's type, once sent.
    pub authorisation_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilView {
    pub council: Council,
    pub quotas: Vec<QuotaLine>,
    pub members: Vec<Member>,
    pub meetings: Vec<Meeting>,
    pub open: bool,
    /// Someone who applied this round, for this council or another.
    pub my_candidacy: Option<MyCandidacy>,
    /// Whether the caller's candidacy needs a parental authorisation (16–17 on the draw day).
    pub needs_authorisation: bool,
    pub signed_in: bool,
    pub staff: bool,
    pub candidacies: i64,
    pub published: bool,
}

/// A candidacy as staff check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffCandidacy {
    pub id: i64,
    pub public_id: String,
    pub full_name: String,
    pub gender: String,
    pub category: String,
    pub actor_kind: Option<String>,
    pub birth_date: String,
    pub address: String,
    pub organisation: Option<String>,
    pub siret: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: CandidacyStatus,
    pub refusal_reason: Option<String>,
    pub authorisation_type: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidaciesView {
    pub council: Council,
    pub candidacies: Vec<StaffCandidacy>,
    /// Age on the draw day below which an authorisation is needed, per candidacy id.
    pub minors: Vec<i64>,
}

/// One row of a published pool, with the candidate's LEXIMIN selection probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolRow {
    pub id: String,
    pub values: Vec<String>,
    pub probability: String,
    pub selected: bool,
}

/// A published announcement and, once drawn, its draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawStep {
    pub sequence: i64,
    pub published_at: i64,
    pub replacement_of: Vec<String>,
    pub features: Vec<String>,
    pub pool: Vec<PoolRow>,
    pub pool_sha256: String,
    pub announcement_sha256: String,
    pub quotas: Vec<QuotaLine>,
    pub seats: u32,
    pub panels: usize,
    pub minimum_probability: String,
    /// The legacy greedy method's lowest probability for the same pool, estimated.
    pub greedy_minimum: Option<String>,
    pub drawn: Option<DrawOutcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawOutcome {
    pub sequence: i64,
    pub drawn_at: i64,
    pub sources: Vec<String>,
    pub witnesses: Vec<String>,
    pub key: String,
    pub seed: String,
    pub selected: Vec<String>,
    pub record_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawPageView {
    pub council: Council,
    pub steps: Vec<DrawStep>,
    pub staff: bool,
    /// Staff only: accepted candidacies waiting for the pool, and those still to check.
    pub accepted: i64,
    pub pending: i64,
    /// Staff only: the current panel (pseudonym, name), for a withdrawal.
    pub panel: Vec<(String, String)>,
}
