//! Consultation data as the pages see it (shared by server and browser).
use super::domain::{Audience, Phase, Question, Tally, Visibility};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ConsultationRow {
    pub id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub title: String,
    pub description: String,
    pub opens_at: i64,
    pub closes_at: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub audience: Audience,
    pub territory_id: Option<i64>,
    pub territory_name: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub results_visibility: Visibility,
    pub published_at: Option<i64>,
    pub created_at: i64,
    /// How many people answered.
    pub responses: i64,
}

impl ConsultationRow {
    pub fn phase(&self, now: i64) -> Phase {
        Phase::of(self.published_at.is_some(), self.opens_at, self.closes_at, now)
    }

    /// Who may answer, in words.
    pub fn audience_text(&self) -> String {
        match (self.audience, &self.territory_name) {
            (Audience::Territory, Some(name)) => format!("Les habitants du territoire « {name} »"),
            (audience, _) => audience.label().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationList {
    pub consultations: Vec<ConsultationRow>,
    pub can_manage: bool,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub consultation: ConsultationRow,
    pub questions: Vec<Question>,
    /// Why the caller may not answer now; `None` when they may.
    pub refusal: Option<String>,
    pub answered: bool,
    pub signed_in: bool,
    pub results_visible: bool,
    pub can_manage: bool,
    pub now: i64,
}

/// A free-text answer, for staff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TextAnswer {
    pub question_id: i64,
    pub text: String,
    pub answered_on: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub consultation: ConsultationRow,
    pub questions: Vec<Question>,
    pub tallies: Vec<Tally>,
    /// Empty unless the caller is staff.
    pub texts: Vec<TextAnswer>,
    pub can_manage: bool,
    pub now: i64,
}

/// What the builder's lists offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuilderChoices {
    pub institutions: Vec<(i64, String)>,
    pub territories: Vec<(i64, String)>,
}
