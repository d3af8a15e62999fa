//! Petition data as the pages see it (shared by server and browser).
use super::domain::{Decision, State, ThresholdRule};
use crate::platform::i18n::t;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PetitionRow {
    pub id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub title: String,
    pub body: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub state: State,
    pub threshold: i64,
    pub signatures: i64,
    pub milestones_sent: i64,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub rejection_reason: Option<String>,
    pub decision: Option<String>,
    pub answer: Option<String>,
    pub created_at: i64,
}

impl PetitionRow {
    pub fn decision(&self) -> Option<Decision> {
        self.decision.as_deref().and_then(Decision::parse)
    }
}

/// One dated step of a petition's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StateChange {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub state: State,
    pub at: i64,
    pub note: Option<String>,
}

/// What the caller may do on a petition page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Abilities {
    pub signed_in: bool,
    /// The caller's signature: none, awaiting email confirmation, or counted.
    pub signed: bool,
    pub is_author: bool,
    pub can_moderate: bool,
    pub can_decide: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionView {
    pub petition: PetitionRow,
    pub history: Vec<StateChange>,
    pub abilities: Abilities,
    pub min_age: i64,
    pub communes: Vec<(i64, String)>,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PetitionList {
    /// One page of the published petitions.
    pub petitions: Vec<PetitionRow>,
    pub shown: crate::platform::paging::PageOf,
    /// The caller's own petitions, whatever their state.
    pub mine: Vec<PetitionRow>,
    pub signed_in: bool,
    pub can_moderate: bool,
}

crate::stored_code! {
    /// How an institution's threshold is set.
    pub enum ThresholdKind {
        /// `threshold_fixed` signatures.
        Fixed = "fixed",
        /// `electors` / `share_divisor`, rounded up.
        Share = "share",
    }
}

impl ThresholdKind {
    pub fn label(self) -> &'static str {
        match self {
            ThresholdKind::Fixed => t("Nombre fixe de signatures", "Fixed number of signatures"),
            ThresholdKind::Share => t("Part des électeurs", "Share of the electors"),
        }
    }
}

/// An institution's petition rules, as staff edit them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Rules {
    pub institution_id: i64,
    pub institution_name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub threshold_kind: ThresholdKind,
    pub threshold_fixed: i64,
    pub electors: i64,
    pub share_divisor: i64,
    pub min_age: i64,
    pub filings_per_period: i64,
    pub filing_period_days: i64,
    pub duration_days: i64,
    pub burst_per_minute: i64,
    pub per_five_minutes: i64,
    pub retention_days: i64,
}

impl Rules {
    /// The threshold these rules set.
    pub fn threshold_rule(&self) -> ThresholdRule {
        match self.threshold_kind {
            ThresholdKind::Fixed => ThresholdRule::Fixed(self.threshold_fixed),
            ThresholdKind::Share => {
                ThresholdRule::ShareOfElectors { electors: self.electors, divisor: self.share_divisor }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfirmOutcome {
    pub petition_id: i64,
    pub title: String,
}
