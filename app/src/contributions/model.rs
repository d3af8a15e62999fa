//! Contribution calls as the pages see them (shared by server and browser).
use super::domain::{Accepted, Kind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Call {
    pub id: i64,
    pub institution_name: String,
    pub title: String,
    pub description: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub accepts_testimonies: i64,
    pub accepts_proposals: i64,
    pub synthesis: Option<String>,
    pub synthesis_published_at: Option<i64>,
    pub contributions: i64,
    pub retained: i64,
}

impl Call {
    pub fn accepted(&self) -> Accepted {
        Accepted { testimonies: self.accepts_testimonies == 1, proposals: self.accepts_proposals == 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ContributionRow {
    pub id: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub retained_at: Option<i64>,
}

/// A call's page: the call, the contributions matching the filters, and what the caller may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallView {
    pub call: Call,
    pub contributions: Vec<ContributionRow>,
    /// The retained contributions, gathered under the synthesis.
    pub retained: Vec<ContributionRow>,
    pub signed_in: bool,
    pub is_staff: bool,
    pub now: i64,
}
