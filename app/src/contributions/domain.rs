//! Contribution calls without I/O: the kinds, the statuses, the window and the form checks.
use crate::platform::{error::FormErrors, text::bounded_text};
use serde::{Deserialize, Serialize};

crate::stored_code! {
    /// What a resident sends to a call: an account of what they live, or an idea.
    pub enum Kind {
        Testimony = "temoignage",
        Proposal = "proposition",
    }
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Testimony => "Témoignage",
            Kind::Proposal => "Proposition",
        }
    }
}

/// Which kinds a call accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub testimonies: bool,
    pub proposals: bool,
}

impl Accepted {
    pub fn accepts(self, kind: Kind) -> bool {
        match kind {
            Kind::Testimony => self.testimonies,
            Kind::Proposal => self.proposals,
        }
    }

    pub fn kinds(self) -> Vec<Kind> {
        Kind::ALL.iter().copied().filter(|kind| self.accepts(*kind)).collect()
    }
}

/// Whether contributions are taken at `now`, or why not.
pub fn check_open(opens_at: i64, closes_at: i64, now: i64) -> Result<(), &'static str> {
    if now < opens_at {
        Err("Cet appel à contributions n'est pas encore ouvert.")
    } else if now >= closes_at {
        Err("Cet appel à contributions est clos : il ne reçoit plus de contributions.")
    } else {
        Ok(())
    }
}

pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 5_000;

/// A checked contribution: its kind, title and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub kind: Kind,
    pub title: String,
    pub body: String,
}

/// Checks every field at once; the errors keep what was typed.
pub fn parse_contribution(accepted: Accepted, kind: &str, title: &str, body: &str) -> Result<Contribution, FormErrors> {
    let mut errors = FormErrors::default();
    errors.keep("kind", kind);
    errors.keep("title", title);
    errors.keep("body", body);
    let kind = match Kind::parse(kind.trim()) {
        Some(kind) if accepted.accepts(kind) => Some(kind),
        Some(kind) => {
            errors.add("kind", format!("Cet appel ne reçoit pas de contribution de type « {} ».", kind.label()));
            None
        }
        None => {
            errors.add("kind", "Choisissez le type de votre contribution.");
            None
        }
    };
    let title = bounded_text(title, "le titre", 5, TITLE_MAX).map_err(|message| errors.add("title", message)).ok();
    let body = bounded_text(body, "le texte", 20, BODY_MAX).map_err(|message| errors.add("body", message)).ok();
    match (kind, title, body) {
        (Some(kind), Some(title), Some(body)) => Ok(Contribution { kind, title, body }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: Accepted = Accepted { testimonies: true, proposals: true };

    #[test]
    fn kinds_round_trip() {
        for &kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Accepted { testimonies: false, proposals: true }.kinds(), [Kind::Proposal]);
    }

    #[test]
    fn the_window_is_half_open() {
        assert!(check_open(10, 20, 9).unwrap_err().contains("pas encore"));
        assert_eq!(check_open(10, 20, 10), Ok(()));
        assert!(check_open(10, 20, 20).unwrap_err().contains("clos"));
    }

    #[test]
    fn contributions_are_checked_field_by_field() {
        let ok = parse_contribution(BOTH, "temoignage", " Mon trajet ", "Chaque matin je prends le TER de 7 h 12.");
        assert_eq!(
            ok,
            Ok(Contribution {
                kind: Kind::Testimony,
                title: "Mon trajet".into(),
                body: "Chaque matin je prends le TER de 7 h 12.".into()
            })
        );
        let errors = parse_contribution(BOTH, "", "", "court").unwrap_err();
        let fields: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["kind", "title", "body"]);
        assert_eq!(errors.value("body").as_deref(), Some("court"));
        let only_proposals = Accepted { testimonies: false, proposals: true };
        let errors = parse_contribution(only_proposals, "temoignage", "Un titre", "Un texte assez long pour passer.")
            .unwrap_err();
        assert_eq!(
            errors.message("kind").as_deref(),
            Some("Cet appel ne reçoit pas de contribution de type « Témoignage ».")
        );
    }
}
