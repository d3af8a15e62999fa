//! Errors of the sortition engine. Every message is meant for staff, in French.

use std::fmt;

/// Which bound of a quota a relaxation moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Min,
    Max,
}

/// Why a quota has to move, so the message can name the conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Fewer people carry the value than its minimum asks for.
    Shortage { available: u32 },
    /// The minima of the feature add up to more than the seats.
    MinimaAboveSeats { total: u32, seats: u32 },
    /// The maxima of the feature (capped by availability) cannot fill the seats.
    MaximaBelowSeats { total: u32, seats: u32 },
    /// Only the interplay with the quotas of other features is at fault.
    OtherQuotas,
}

/// One quota bound to change, part of the smallest relaxation that makes the
/// quotas satisfiable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relaxation {
    pub feature: String,
    pub value: String,
    pub bound: Bound,
    pub current: u32,
    pub proposed: u32,
    pub conflict: Conflict,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortitionError {
    /// A CSV file could not be read; `line` is 1-based, as an editor shows it.
    Csv { line: usize, message: String },
    /// The pool, quotas or seat count are inconsistent.
    InvalidInput(String),
    /// Even without quotas there are not enough people (or distinct
    /// households) for the seats.
    NotEnoughCandidates { available: usize, seats: u32, households: bool },
    /// No panel meets every quota; the relaxations are the smallest change
    /// (in total seats moved) that makes one exist.
    InfeasibleQuotas(Vec<Relaxation>),
    /// A solver failed numerically; should not happen on sane inputs.
    Solver(String),
    /// The greedy baseline kept running into dead ends.
    GreedyDeadEnd { attempts: u32 },
}

impl std::error::Error for SortitionError {}

/// "1 siège", "2 sièges": French plural of a counted noun phrase.
fn plural(count: impl Into<u64>, singular: &str, plural: &str) -> String {
    let count = count.into();
    if count > 1 { format!("{count} {plural}") } else { format!("{count} {singular}") }
}

impl fmt::Display for Relaxation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let category = format!("« {} » ({})", self.value, self.feature);
        let (bound, verb) = match self.bound {
            Bound::Min => ("minimum", "abaisser"),
            Bound::Max => ("maximum", "relever"),
        };
        let fix = format!("{verb} le {bound} à {}", self.proposed);
        match &self.conflict {
            Conflict::Shortage { available } => write!(
                f,
                "{} dans la catégorie {category} pour {} minimum : {fix}",
                plural(*available, "candidat", "candidats"),
                plural(self.current, "siège", "sièges"),
            ),
            Conflict::MinimaAboveSeats { total, seats } => write!(
                f,
                "les minimums de « {} » totalisent {} pour {} à pourvoir : \
                 {verb} le {bound} de {category} à {}",
                self.feature,
                plural(*total, "siège", "sièges"),
                plural(*seats, "siège", "sièges"),
                self.proposed,
            ),
            Conflict::MaximaBelowSeats { total, seats } => write!(
                f,
                "les maximums de « {} » ne permettent de pourvoir que {} sur {} : \
                 {verb} le {bound} de {category} à {}",
                self.feature,
                plural(*total, "siège", "sièges"),
                seats,
                self.proposed,
            ),
            Conflict::OtherQuotas => write!(
                f,
                "le {bound} de {} pour {category} est incompatible avec les autres quotas : {fix}",
                plural(self.current, "siège", "sièges"),
            ),
        }
    }
}

impl fmt::Display for SortitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Csv { line, message } => write!(f, "ligne {line} : {message}"),
            Self::InvalidInput(message) => f.write_str(message),
            Self::NotEnoughCandidates { available, seats, households } => {
                let available = *available as u64;
                let available = if *households {
                    plural(available, "foyer distinct", "foyers distincts")
                } else {
                    plural(available, "candidat", "candidats")
                };
                write!(f, "le vivier ne compte que {available} pour {}", plural(*seats, "siège", "sièges"))
            }
            Self::InfeasibleQuotas(relaxations) => {
                f.write_str("les quotas ne peuvent pas être respectés ensemble ; plus petit assouplissement : ")?;
                for (index, relaxation) in relaxations.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" ; ")?;
                    }
                    write!(f, "{relaxation}")?;
                }
                Ok(())
            }
            Self::Solver(message) => write!(f, "échec du solveur : {message}"),
            Self::GreedyDeadEnd { attempts } => {
                write!(f, "la méthode gloutonne n'a trouvé aucun panel respectant les quotas en {attempts} essais")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortage_message_matches_staff_wording() {
        let relaxation = Relaxation {
            feature: "statut".into(),
            value: "acteur".into(),
            bound: Bound::Min,
            current: 4,
            proposed: 3,
            conflict: Conflict::Shortage { available: 3 },
        };
        assert_eq!(
            relaxation.to_string(),
            "3 candidats dans la catégorie « acteur » (statut) pour 4 sièges minimum : abaisser le minimum à 3"
        );
    }

    #[test]
    fn singular_forms() {
        let error = SortitionError::NotEnoughCandidates { available: 1, seats: 1, households: true };
        assert_eq!(error.to_string(), "le vivier ne compte que 1 foyer distinct pour 1 siège");
        let csv = SortitionError::Csv { line: 3, message: "valeur manquante".into() };
        assert_eq!(csv.to_string(), "ligne 3 : valeur manquante");
    }
}
