//! Citizen budget data as the pages see it (shared by server and browser).
use crate::platform::codes::Flag;
use crate::platform::i18n::t;
use crate::platform::text::french_number;
use serde::{Deserialize, Serialize};

/// `1234567` cents → `12 345,67 €`; whole euros drop the cents.
pub fn euros(cents: i64) -> String {
    money(cents, EUR)
}

/// The currency of every campaign made here; imported files may count in another.
pub const EUR: &str = "EUR";

/// An amount in hundredths of `currency` (an ISO 4217 code) written the French way, with the
/// currency's usual sign where it has one and its code otherwise: `12 345,67 zł`, `90 CHF`.
pub fn money(cents: i64, currency: &str) -> String {
    let out = french_number((cents / 100).abs());
    let sign = if cents < 0 { "-" } else { "" };
    let unit = match currency {
        EUR => "€",
        "PLN" => "zł",
        "GBP" => "£",
        "USD" => "$",
        other => other,
    };
    match (cents % 100).abs() {
        0 => format!("{sign}{out}\u{a0}{unit}"),
        rest => format!("{sign}{out},{rest:02}\u{a0}{unit}"),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    pub territories: Vec<String>,
    pub labelled: i64,
}

crate::stored_code! {
    /// Where a resident votes: anywhere in the campaign, or in their own territory only.
    pub enum Scope {
        Campaign = "campaign",
        Territory = "territory",
    }
}

crate::stored_code! {
    /// When everyone may see the results.
    pub enum ResultsVisibility {
        /// As ballots come in.
        Live = "live",
        /// Once the vote has closed.
        AfterClose = "after_close",
        /// Once staff publish them.
        Published = "published",
    }
}

crate::stored_code! {
    /// How a campaign counts its ballots.
    pub enum CountingRule {
        /// The most supported projects first while the envelope allows (among those with at least
        /// `min_votes` when above 0).
        Greedy = "greedy",
        /// The Method of Equal Shares, completed by Add1.
        EqualShares = "mes",
    }
}

impl CountingRule {
    /// The rule's name as pages show it.
    pub fn label(self) -> &'static str {
        match self {
            CountingRule::Greedy => t("Glouton (par voix)", "Greedy (by votes)"),
            CountingRule::EqualShares => t("Parts égales", "Equal shares"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Campaign {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub rules_text: String,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    pub choices: i64,
    /// Exactly `choices` projects rather than up to `choices`.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i64"))]
    pub exact_choices: Flag,
    pub min_age: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub scope: Scope,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i64"))]
    pub ballot_changeable: Flag,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub results_visibility: ResultsVisibility,
    pub results_published_at: Option<i64>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub rule: CountingRule,
    pub min_votes: i64,
    pub submission_opens_at: i64,
    pub submission_closes_at: i64,
    /// ISO 4217 code: `EUR` unless imported from a file in another currency.
    pub currency: String,
    /// `approval`, or as an imported file declares: `cumulative`, `scoring`…
    pub vote_type: String,
}

/// How long after the vote closes paper ballots may still be entered.
pub const PAPER_ENTRY_GRACE: i64 = 86_400;

impl Campaign {
    /// Its ballots give points (cumulative or scoring files) rather than one vote per choice.
    pub fn counts_points(&self) -> bool {
        !matches!(self.vote_type.as_str(), "approval" | "choose-1")
    }

    pub fn submission_open(&self, now: i64) -> bool {
        (self.submission_opens_at..self.submission_closes_at).contains(&now)
    }

    pub fn vote_open(&self, now: i64) -> bool {
        (self.vote_opens_at..self.vote_closes_at).contains(&now)
    }

    /// Projects are labelled, rejected or merged only before the vote opens: what voters choose
    /// from must not change under them.
    pub fn labels_open(&self, now: i64) -> bool {
        now < self.vote_opens_at
    }

    /// Paper ballots are entered while the vote is open and on the day after it closes (the time to
    /// bring in the ballot boxes), never once results are published. The refusal says why.
    pub fn paper_entry(&self, now: i64) -> Result<(), &'static str> {
        if self.results_published_at.is_some() {
            Err("Les résultats sont publiés : aucun bulletin ne peut plus être ajouté.")
        } else if now < self.vote_opens_at {
            Err(
                "Le vote n'est pas encore ouvert : les bulletins papier se saisissent pendant le vote et le lendemain de sa clôture.",
            )
        } else if now >= self.vote_closes_at + PAPER_ENTRY_GRACE {
            Err("La saisie des bulletins papier est close : elle s'arrête le lendemain de la clôture du vote.")
        } else {
            Ok(())
        }
    }

    /// Whether everyone may see the results at `now`.
    pub fn results_public(&self, now: i64) -> bool {
        match self.results_visibility {
            ResultsVisibility::Live => true,
            ResultsVisibility::AfterClose => now >= self.vote_closes_at,
            ResultsVisibility::Published => self.results_published_at.is_some(),
        }
    }

    /// "Choisissez jusqu'à 3 projets" / "Choisissez exactement 3 projets".
    pub fn choice_rule(&self) -> String {
        if self.exact_choices.on() {
            format!("Choisissez exactement {} projets.", self.choices)
        } else {
            format!("Choisissez jusqu'à {} projets.", self.choices)
        }
    }
}

/// A territory of the campaign with its envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Envelope {
    pub territory_id: i64,
    pub territory_name: String,
    pub amount_cents: i64,
    /// The campaign's currency, which the envelope and its projects' costs count in.
    pub currency: String,
}

crate::stored_code! {
    /// Where a project stands in review.
    pub enum ProjectStatus {
        /// Received, awaiting review.
        Submitted = "submitted",
        /// On the public list: voters choose among these.
        Labelled = "labelled",
        /// Refused by a reviewer, with a reason.
        Rejected = "rejected",
        /// A duplicate joined to another project (`merged_into`), which carries on alone.
        Merged = "merged",
    }
}

impl ProjectStatus {
    /// The status in a word or two, in French: it is also written in the project's history.
    pub fn label(self) -> &'static str {
        match self {
            ProjectStatus::Submitted => "Reçu, à examiner",
            ProjectStatus::Labelled => "Labellisé",
            ProjectStatus::Rejected => "Refusé",
            ProjectStatus::Merged => "Fusionné",
        }
    }

    /// The status as a sentence: with the reason of a rejection, or the project a duplicate joined.
    pub fn text(self, rejection_reason: Option<&str>, merged_into: Option<&str>) -> String {
        match (rejection_reason, merged_into) {
            (Some(reason), _) => format!("{} — motif : {reason}", self.label()),
            (None, Some(kept)) if self == ProjectStatus::Merged => format!("Fusionné avec « {kept} »"),
            _ => self.label().to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectCard {
    pub id: i64,
    pub territory_id: i64,
    pub territory_name: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub cost_cents: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: ProjectStatus,
    pub rejection_reason: Option<String>,
    /// The project a merged duplicate now belongs to.
    pub merged_into: Option<i64>,
    pub merged_into_title: Option<String>,
    /// The image's text alternative and upload time (which busts caches), if it has one.
    pub image_description: Option<String>,
    pub image_version: Option<i64>,
}

impl ProjectCard {
    pub fn status_text(&self) -> String {
        self.status.text(self.rejection_reason.as_deref(), self.merged_into_title.as_deref())
    }

    /// The image's address and description, if the project has one.
    pub fn image(&self, slug: &str) -> Option<(String, String)> {
        let (version, description) = (self.image_version?, self.image_description.clone()?);
        Some((format!("{}?v={version}", super::paths::project_image(slug, self.id)), description))
    }
}

/// A project as its own page shows it: its card, with the full description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectView {
    #[serde(flatten)]
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub card: ProjectCard,
    pub description: String,
    /// Only the server needs it, to tell the author apart.
    #[serde(skip)]
    pub author_id: Option<i64>,
}

/// The card's fields read as the project's own (`project.title`).
impl std::ops::Deref for ProjectView {
    type Target = ProjectCard;

    fn deref(&self) -> &ProjectCard {
        &self.card
    }
}

/// A project page: the project, and what the caller may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectPageData {
    pub slug: String,
    pub campaign_title: String,
    /// The campaign's currency (staff edit costs in euros only: imported campaigns are read-only).
    pub currency: String,
    pub project: ProjectView,
    /// The caller may change it: its author until review starts, staff until the vote closes.
    pub editable: bool,
    /// Staff or organiser: edits in place and reads the history.
    pub reviewer: bool,
    pub territories: Vec<Envelope>,
    /// For a reviewer before the vote: the projects this one may be merged into, by id and title.
    pub merge_targets: Vec<(i64, String)>,
}

/// The submission form of a campaign, and whether it is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubmissionWindow {
    pub slug: String,
    pub title: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub open: bool,
    pub signed_in: bool,
    pub territories: Vec<Envelope>,
}

/// The projects the caller submitted to a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyProjects {
    pub slug: String,
    pub title: String,
    pub submission_open: bool,
    pub projects: Vec<ProjectCard>,
}

/// One field changed on a project: who, when, before, after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectEdit {
    pub editor_name: String,
    /// As the history names it ("Coût estimé").
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    pub edited_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectHistory {
    pub slug: String,
    pub project_id: i64,
    pub title: String,
    /// Newest first.
    pub edits: Vec<ProjectEdit>,
}

/// What the campaign page shows: the labelled projects matching the filters, in the visitor's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignView {
    pub campaign: Campaign,
    /// The caller's own part: signed in, voted, and their current choices where they may change them.
    pub participation: Participation,
    pub territories: Vec<Envelope>,
    pub categories: Vec<String>,
    pub projects: Vec<ProjectCard>,
    pub labelled: usize,
    pub vote_open: bool,
    pub submission_open: bool,
}

/// A ballot shown for confirmation before it is cast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BallotPreview {
    pub slug: String,
    pub title: String,
    pub rule: String,
    pub projects: Vec<ProjectCard>,
    /// Why the ballot would be refused, if it would.
    pub problem: Option<String>,
    /// The voter already voted: confirming replaces their ballot.
    pub changing: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    pub signed_in: bool,
    pub voted: bool,
    /// Where the campaign lets a voter change their ballot: what they chose, to start from.
    pub chosen: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectResult {
    pub id: i64,
    pub title: String,
    pub cost_cents: i64,
    pub votes: i64,
    pub funded: bool,
    /// Why it was or was not funded, in French.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerritoryResult {
    pub territory_id: i64,
    pub territory_name: String,
    pub envelope_cents: i64,
    pub spent_cents: i64,
    pub currency: String,
    /// By decreasing votes.
    pub projects: Vec<ProjectResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub slug: String,
    pub title: String,
    pub ballots: i64,
    pub paper_ballots: i64,
    /// The vote is still open: the figures may change.
    pub provisional: bool,
    /// Projects' scores are points given on cumulative ballots, not votes.
    pub points: bool,
    pub territories: Vec<TerritoryResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub slug: String,
    pub title: String,
    pub received: usize,
    pub labelled: usize,
    pub rejected: usize,
    pub merged: usize,
    pub projects: Vec<ProjectCard>,
    /// Paper ballots entered so far.
    pub paper_ballots: i64,
    /// Projects can still be changed (until the vote closes).
    pub editable: bool,
    /// Projects can still be labelled, rejected or merged (until the vote opens).
    pub labels_open: bool,
    /// Why the caller cannot enter paper ballots now, if they cannot.
    pub paper_refusal: Option<String>,
}

crate::stored_code! {
    /// What a staff member did to a campaign's count.
    pub enum StaffActKind {
        /// A batch of paper ballots entered (`ballots` says how many).
        PaperBallots = "paper_ballots",
        Labelled = "labelled",
        Rejected = "rejected",
        Merged = "merged",
    }
}

/// One line of a campaign's journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StaffAct {
    pub acted_at: i64,
    pub actor_name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub act: StaffActKind,
    pub project_id: Option<i64>,
    /// Given to visitors only while the project is labelled: a rejected project stays between its
    /// author and the reviewers.
    pub project_title: Option<String>,
    pub ballots: Option<i64>,
}

impl StaffAct {
    /// The act in a sentence, without who and when.
    pub fn sentence(&self) -> String {
        let project = match (&self.project_title, self.project_id) {
            (Some(title), _) => format!("le projet « {title} »"),
            (None, Some(id)) => format!("le projet n° {id}"),
            (None, None) => "un projet supprimé".to_string(),
        };
        match self.act {
            StaffActKind::PaperBallots => {
                let count = self.ballots.unwrap_or_default();
                if count == 1 {
                    "1 bulletin papier saisi".to_string()
                } else {
                    format!("{count} bulletins papier saisis")
                }
            }
            StaffActKind::Labelled => format!("A labellisé {project}"),
            StaffActKind::Rejected => format!("A refusé {project}"),
            StaffActKind::Merged => format!("A fusionné {project} avec un autre"),
        }
    }
}

/// The public journal of a campaign: every staff act that changed what is counted, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub slug: String,
    pub title: String,
    pub acts: Vec<StaffAct>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptCheck {
    pub title: String,
    pub found: bool,
}

#[cfg(test)]
mod tests {
    use super::{
        Campaign, CountingRule, Flag, PAPER_ENTRY_GRACE, ProjectStatus, ResultsVisibility, Scope, euros, money,
    };

    fn voting(opens: i64, closes: i64) -> Campaign {
        Campaign {
            id: 1,
            slug: "essai".into(),
            title: "Essai".into(),
            description: String::new(),
            rules_text: String::new(),
            vote_opens_at: opens,
            vote_closes_at: closes,
            choices: 3,
            exact_choices: Flag(false),
            min_age: 11,
            scope: Scope::Campaign,
            ballot_changeable: Flag(false),
            results_visibility: ResultsVisibility::Live,
            results_published_at: None,
            rule: CountingRule::Greedy,
            min_votes: 0,
            submission_opens_at: 0,
            submission_closes_at: opens,
            currency: "EUR".into(),
            vote_type: "approval".into(),
        }
    }

    #[test]
    fn labels_freeze_when_the_vote_opens() {
        let campaign = voting(1_000, 2_000);
        assert!(campaign.labels_open(999));
        assert!(!campaign.labels_open(1_000));
        assert!(!campaign.labels_open(5_000));
    }

    #[test]
    fn paper_ballots_during_the_vote_and_the_day_after_until_results_are_published() {
        let mut campaign = voting(1_000, 2_000);
        assert!(campaign.paper_entry(999).unwrap_err().starts_with("Le vote n'est pas encore ouvert"));
        assert_eq!(campaign.paper_entry(1_000), Ok(()));
        assert_eq!(campaign.paper_entry(2_000 + PAPER_ENTRY_GRACE - 1), Ok(()));
        assert!(
            campaign
                .paper_entry(2_000 + PAPER_ENTRY_GRACE)
                .unwrap_err()
                .starts_with("La saisie des bulletins papier est close")
        );
        campaign.results_published_at = Some(2_001);
        assert!(campaign.paper_entry(2_002).unwrap_err().starts_with("Les résultats sont publiés"));
    }

    #[test]
    fn euros_in_french() {
        assert_eq!(euros(1_234_567), "12\u{202f}345,67\u{a0}€");
        assert_eq!(euros(5_000_000), "50\u{202f}000\u{a0}€");
        assert_eq!(euros(90), "0,90\u{a0}€");
        assert_eq!(money(236_712_200, "PLN"), "2\u{202f}367\u{202f}122\u{a0}zł");
        assert_eq!(money(-905, "CHF"), "-9,05\u{a0}CHF");
    }

    #[test]
    fn statuses_read_as_sentences() {
        assert_eq!(ProjectStatus::Submitted.text(None, None), "Reçu, à examiner");
        assert_eq!(ProjectStatus::Rejected.text(Some("Déjà financé."), None), "Refusé — motif : Déjà financé.");
        assert_eq!(ProjectStatus::Merged.text(None, Some("Jardin partagé")), "Fusionné avec « Jardin partagé »");
        assert_eq!(ProjectStatus::Labelled.text(None, None), "Labellisé");
    }
}

/// What the organisers' dashboard shows while the vote runs; sent again at each change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveTally {
    pub slug: String,
    pub title: String,
    pub ballots: i64,
    pub paper_ballots: i64,
    pub territories: Vec<TerritoryTally>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerritoryTally {
    pub territory_name: String,
    /// Residents of the territory who voted online.
    pub voters: i64,
    /// Registered residents of the territory old enough to vote on the last voting day.
    pub eligible: i64,
    /// Labelled projects of the territory, by decreasing votes.
    pub projects: Vec<ProjectVotes>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectVotes {
    pub id: i64,
    /// Left out of the live feed's updates: the dashboard has it from the page it started with.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub votes: i64,
}

impl TerritoryTally {
    /// Turnout in tenths of a percent (`423` = 42,3 %), none when nobody is eligible.
    pub fn turnout_permille(&self) -> Option<i64> {
        (self.eligible > 0).then(|| self.voters * 1000 / self.eligible)
    }
}

/// Both counting rules side by side, for staff and organisers before the results are published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleComparison {
    pub slug: String,
    pub title: String,
    /// The campaign's rule.
    pub rule: CountingRule,
    /// Whether the results page is open to everyone now.
    pub public: bool,
    /// Staff, once the vote has closed, until the results are published.
    pub can_publish: bool,
    pub territories: Vec<TerritoryComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerritoryComparison {
    pub territory_name: String,
    pub envelope_cents: i64,
    pub currency: String,
    /// Ballots with at least one project of this territory.
    pub ballots: i64,
    pub greedy: RuleSummary,
    pub equal_shares: RuleSummary,
    /// By decreasing votes.
    pub projects: Vec<ComparedProject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleSummary {
    pub spent_cents: i64,
    pub funded: i64,
    /// Ballots of the territory with at least one funded project.
    pub satisfied: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedProject {
    pub id: i64,
    pub title: String,
    pub votes: i64,
    pub cost_cents: i64,
    pub greedy: bool,
    pub equal_shares: bool,
}
