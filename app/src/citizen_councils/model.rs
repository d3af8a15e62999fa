//! Alès citizen councils and their fund as the pages see them (shared by server and browser).
use crate::platform::i18n::t;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CitizenCouncil {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// `local` or `agglomeration`.
    pub scope: String,
}

/// A council with the priority neighbourhoods it covers (the agglomeration's covers them all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilCard {
    pub council: CitizenCouncil,
    pub neighbourhoods: Vec<String>,
}

/// A downloadable file of the space: minutes or a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SpaceFile {
    pub id: i64,
    pub title: String,
    /// AAAA-MM-JJ.
    pub dated: String,
    pub content_type: String,
    pub size: i64,
}

impl SpaceFile {
    pub fn href(&self) -> String {
        super::paths::file(self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpaceView {
    pub councils: Vec<CouncilCard>,
    pub minutes: Vec<SpaceFile>,
    pub documents: Vec<SpaceFile>,
    pub staff: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CouncilMember {
    pub id: i64,
    pub name: String,
    pub college: String,
}

/// The councils' two colleges (code, label).
pub const COLLEGES: [(&str, &str); 2] = [("habitant", "Habitant·e"), ("acteur", "Acteur local")];

pub fn college_label(code: &str) -> &'static str {
    if code == "acteur" { t("Acteur local", "Local actor") } else { t("Habitant·e", "Resident") }
}

/// A council's envelope for a year and what is left of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvelopeLine {
    pub council_slug: String,
    pub council_name: String,
    pub year: i64,
    pub amount_cents: i64,
    pub granted_cents: i64,
}

impl EnvelopeLine {
    pub fn remaining_cents(&self) -> i64 {
        self.amount_cents - self.granted_cents
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouncilView {
    pub card: CouncilCard,
    pub members: Vec<CouncilMember>,
    /// The council's meetings and events, shared with the collectifs' agenda.
    pub agenda: crate::collectifs::Agenda,
    pub envelopes: Vec<EnvelopeLine>,
    pub staff: bool,
}

crate::stored_code! {
    /// Where an application to the fund stands, from submission to the final report.
    pub enum ApplicationStatus {
        /// Waiting for the council's decision (again, once the applicant answered its question).
        Submitted = "submitted",
        /// The council asked the applicant for more information before deciding.
        Information = "information",
        Granted = "granted",
        /// Refused by the council, with a reason the applicant reads.
        Refused = "refused",
        /// Granted, and the project's final report is filed.
        Reported = "reported",
    }
}

impl ApplicationStatus {
    pub fn label(self) -> &'static str {
        match self {
            ApplicationStatus::Submitted => t("Déposée, en attente du conseil", "Submitted, awaiting the council"),
            ApplicationStatus::Information => t("Complément demandé", "More information asked"),
            ApplicationStatus::Granted => t("Aide accordée", "Grant awarded"),
            ApplicationStatus::Refused => t("Refusée", "Refused"),
            ApplicationStatus::Reported => t("Bilan déposé", "Report filed"),
        }
    }
}

/// An application in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ApplicationCard {
    pub id: i64,
    pub title: String,
    pub council_name: String,
    pub carrier_name: String,
    pub year: i64,
    pub requested_cents: i64,
    pub granted_cents: Option<i64>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: ApplicationStatus,
    pub submitted_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundView {
    pub envelopes: Vec<EnvelopeLine>,
    /// The caller's own applications.
    pub mine: Vec<ApplicationCard>,
    /// Staff only: every application, those waiting for the council first.
    pub all: Vec<ApplicationCard>,
    pub signed_in: bool,
    pub staff: bool,
}

/// What the application form offers to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationChoices {
    pub councils: Vec<(i64, String)>,
    pub neighbourhoods: Vec<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Application {
    pub id: i64,
    pub council_id: i64,
    pub council_name: String,
    pub year: i64,
    pub user_id: Option<i64>,
    pub neighbourhood: String,
    pub title: String,
    pub description: String,
    pub carrier_kind: String,
    pub carrier_name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub total_cents: i64,
    pub requested_cents: i64,
    pub other_funding: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: ApplicationStatus,
    pub granted_cents: Option<i64>,
    pub council_message: Option<String>,
    pub applicant_answer: Option<String>,
    pub submitted_at: i64,
    pub decided_at: Option<i64>,
    pub spent_cents: Option<i64>,
    pub participants: Option<i64>,
    pub report: Option<String>,
    pub report_sha256: Option<String>,
    pub reported_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BudgetLineView {
    pub label: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub application: Application,
    pub budget: Vec<BudgetLineView>,
    /// The envelope it draws on, for staff deciding.
    pub envelope: Option<EnvelopeLine>,
    /// The caller filed it: they answer and report.
    pub mine: bool,
    pub staff: bool,
}

/// The French reason for a refused upload or report, from the code the form's address carries back.
pub fn upload_problem(code: &str) -> Option<&'static str> {
    Some(match code {
        "pdf" => "Le fichier doit être un PDF.",
        "titre" => "Donnez un titre au document (3 à 150 caractères).",
        "mois" => "Indiquez le mois de la réunion (AAAA-MM).",
        _ => {
            return crate::platform::files::upload_problem(code)
                .or_else(|| crate::citizen_councils::domain::report_problem(code));
        }
    })
}
