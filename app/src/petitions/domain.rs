//! The petition rules, without I/O: states and their transitions, thresholds, milestones,
//! rate limits, form checks and the public CSV.
use serde::{Deserialize, Serialize};

/// Where a petition stands. Stored as its `as_str` code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Draft,
    Pending,
    Open,
    ThresholdReached,
    Answered,
    Closed,
    Rejected,
}

/// Read from the database: an unknown code is an error, never a state.
impl TryFrom<String> for State {
    type Error = String;

    fn try_from(code: String) -> Result<State, String> {
        State::parse(&code).ok_or_else(|| format!("état de pétition inconnu : {code}"))
    }
}

impl State {
    pub const ALL: [State; 7] = [
        State::Draft,
        State::Pending,
        State::Open,
        State::ThresholdReached,
        State::Answered,
        State::Closed,
        State::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Pending => "pending",
            State::Open => "open",
            State::ThresholdReached => "threshold",
            State::Answered => "answered",
            State::Closed => "closed",
            State::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<State> {
        State::ALL.into_iter().find(|state| state.as_str() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Draft => "Brouillon",
            State::Pending => "En attente de modération",
            State::Open => "Ouverte aux signatures",
            State::ThresholdReached => "Seuil atteint",
            State::Answered => "Réponse publiée",
            State::Closed => "Close",
            State::Rejected => "Refusée",
        }
    }

    /// Seen by everyone (drafts, pending and rejected petitions are for their author and moderators).
    pub fn is_public(self) -> bool {
        matches!(self, State::Open | State::ThresholdReached | State::Answered | State::Closed)
    }

    /// The states a petition may move to from this one, whoever acts.
    pub fn may_become(self, next: State) -> bool {
        use State::*;
        matches!(
            (self, next),
            (Draft, Pending)
                | (Pending, Open)
                | (Pending, Rejected)
                | (Open, ThresholdReached)
                | (Open, Closed)
                | (ThresholdReached, Answered)
        )
    }
}

/// How an institution sets the number of signatures that obliges it to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThresholdRule {
    /// A fixed number, like the CESER's 4,000.
    Fixed(i64),
    /// A share of the electors, e.g. 1/10 of a commune's electors (rounded up).
    ShareOfElectors { electors: i64, divisor: i64 },
}

impl ThresholdRule {
    pub fn signatures(self) -> Result<i64, String> {
        match self {
            ThresholdRule::Fixed(count) if count > 0 => Ok(count),
            ThresholdRule::Fixed(_) => Err("Le seuil doit être d'au moins une signature.".into()),
            ThresholdRule::ShareOfElectors { electors, divisor } if electors > 0 && divisor > 0 => {
                Ok((electors + divisor - 1) / divisor)
            }
            ThresholdRule::ShareOfElectors { .. } => {
                Err("Indiquez le nombre d'électeurs et la fraction (par exemple 1/10) pour calculer le seuil.".into())
            }
        }
    }
}

/// The author is told at one third, two thirds and at the threshold: milestone 1, 2 and 3.
/// Returns the highest milestone reached by `signatures` that was not announced yet.
pub fn new_milestone(signatures: i64, threshold: i64, already_sent: i64) -> Option<i64> {
    if threshold <= 0 {
        return None;
    }
    let reached = (1..=3).rev().find(|&k| signatures * 3 >= threshold * k)?;
    (reached > already_sent).then_some(reached)
}

pub fn milestone_text(milestone: i64) -> &'static str {
    match milestone {
        1 => "un tiers du seuil",
        2 => "deux tiers du seuil",
        _ => "le seuil",
    }
}

/// Percentage of the threshold reached, capped at 100, for the progress bar.
pub fn progress_percent(signatures: i64, threshold: i64) -> i64 {
    if threshold <= 0 { 0 } else { (signatures.saturating_mul(100) / threshold).clamp(0, 100) }
}

/// Whether a signature may be added now; otherwise why not, in French.
pub fn check_signable(state: State, closes_at: Option<i64>, now: i64) -> Result<(), &'static str> {
    match state {
        State::Open | State::ThresholdReached if closes_at.is_some_and(|closes| now >= closes) => {
            Err("Cette pétition est close : elle n'accepte plus de signatures.")
        }
        State::Open | State::ThresholdReached => Ok(()),
        State::Closed | State::Answered => Err("Cette pétition est close : elle n'accepte plus de signatures."),
        State::Draft | State::Pending | State::Rejected => Err("Cette pétition n'est pas publiée."),
    }
}

pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 10_000;
pub const REASON_MAX: usize = 2_000;

/// The institution's answer once the threshold is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// The institution takes the matter up (saisine).
    Referral,
    /// A report is planned.
    Report,
    /// Refused, with its reasons.
    Refusal,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Referral, Decision::Report, Decision::Refusal];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Referral => "referral",
            Decision::Report => "report",
            Decision::Refusal => "refusal",
        }
    }

    pub fn parse(code: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|decision| decision.as_str() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::Referral => "Saisine de l'institution",
            Decision::Report => "Rapport prévu",
            Decision::Refusal => "Refus motivé",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_and_only_allowed_moves() {
        for state in State::ALL {
            assert_eq!(State::parse(state.as_str()), Some(state));
        }
        assert!(State::Draft.may_become(State::Pending));
        assert!(State::Pending.may_become(State::Rejected));
        assert!(State::ThresholdReached.may_become(State::Answered));
        assert!(!State::Draft.may_become(State::Open), "publishing skips moderation");
        assert!(!State::Open.may_become(State::Answered), "an answer needs the threshold");
        assert!(!State::Rejected.may_become(State::Open));
        assert!(!State::Closed.may_become(State::Open));
        assert_eq!(State::ALL.iter().filter(|state| state.is_public()).count(), 4);
    }

    #[test]
    fn thresholds_fixed_and_as_share_of_electors() {
        assert_eq!(ThresholdRule::Fixed(4000).signatures(), Ok(4000));
        // The local petition right: a tenth of a commune's electors, a twentieth elsewhere.
        assert_eq!(ThresholdRule::ShareOfElectors { electors: 18_451, divisor: 10 }.signatures(), Ok(1846));
        assert_eq!(ThresholdRule::ShareOfElectors { electors: 1_000_000, divisor: 20 }.signatures(), Ok(50_000));
        assert!(ThresholdRule::Fixed(0).signatures().is_err());
        assert!(ThresholdRule::ShareOfElectors { electors: 0, divisor: 10 }.signatures().is_err());
    }

    #[test]
    fn milestones_are_announced_once_each() {
        assert_eq!(new_milestone(1332, 4000, 0), None);
        assert_eq!(new_milestone(1334, 4000, 0), Some(1));
        assert_eq!(new_milestone(1334, 4000, 1), None);
        assert_eq!(new_milestone(2667, 4000, 1), Some(2));
        assert_eq!(new_milestone(4000, 4000, 2), Some(3));
        // A jump past two milestones announces the highest only.
        assert_eq!(new_milestone(4100, 4000, 0), Some(3));
        assert_eq!(new_milestone(5000, 4000, 3), None);
        assert_eq!(new_milestone(10, 0, 0), None);
    }

    #[test]
    fn progress_is_capped() {
        assert_eq!(progress_percent(3870, 4000), 96);
        assert_eq!(progress_percent(5000, 4000), 100);
        assert_eq!(progress_percent(5, 0), 0);
    }

    #[test]
    fn signing_needs_an_open_petition_before_its_closing_date() {
        assert_eq!(check_signable(State::Open, Some(100), 99), Ok(()));
        assert_eq!(check_signable(State::ThresholdReached, Some(100), 99), Ok(()));
        assert!(check_signable(State::Open, Some(100), 100).unwrap_err().contains("close"));
        assert!(check_signable(State::Answered, Some(100), 1).unwrap_err().contains("close"));
        assert!(check_signable(State::Pending, None, 1).unwrap_err().contains("pas publiée"));
        assert!(check_signable(State::Rejected, None, 1).unwrap_err().contains("pas publiée"));
    }
}
