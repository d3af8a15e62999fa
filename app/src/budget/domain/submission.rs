//! A resident's project as submitted and later edited: its fields parsed from a form, the checks
//! on who may still change it, and the field-by-field changes kept in its history. Pure code.
use crate::budget::model::{ProjectStatus, euros};
use crate::platform::text::bounded_text;

/// The themes a project is filed under.
pub const CATEGORIES: [&str; 7] =
    ["Alimentation", "Culture", "Environnement", "Jeunesse", "Mobilité", "Numérique", "Solidarité"];

const TITLE_CHARS: (usize, usize) = (5, 120);
const SUMMARY_CHARS: (usize, usize) = (20, 300);
const DESCRIPTION_CHARS: (usize, usize) = (50, 5_000);

/// A project's fields as typed in a form, before any check.
#[derive(Debug, Clone, Default)]
pub struct ProjectForm<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub category: &'a str,
    pub cost: &'a str,
    pub territory: &'a str,
}

/// A territory a project may be filed in, with its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Territory {
    pub id: i64,
    pub name: String,
    pub envelope_cents: i64,
}

/// A project's fields once every check has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFields {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub category: String,
    pub cost_cents: i64,
    pub territory_id: i64,
}

/// The fields that can be changed after submission, under their form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Summary,
    Description,
    Category,
    Cost,
    Territory,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Title, Field::Summary, Field::Description, Field::Category, Field::Cost, Field::Territory];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Description => "description",
            Field::Category => "category",
            Field::Cost => "cost",
            Field::Territory => "territory",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == name)
    }

    /// How the history names the field.
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Titre",
            Field::Summary => "Résumé",
            Field::Description => "Description",
            Field::Category => "Catégorie",
            Field::Cost => "Coût estimé",
            Field::Territory => "Territoire",
        }
    }
}

/// One field's change, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// A problem with one field, in French.
pub type Problem = (Field, String);

fn text(field: Field, value: &str, (min, max): (usize, usize)) -> Result<String, String> {
    let what = match field {
        Field::Summary => "le résumé",
        Field::Description => "la description",
        _ => "le titre",
    };
    bounded_text(value, what, min, max)
}

/// Euros as people type them — `12500`, `12 500`, `12 500,50 €`, `12500.5` — in cents.
pub fn parse_euros(typed: &str) -> Option<i64> {
    let compact: String =
        typed.trim().trim_end_matches('€').chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let (whole, cents) = match compact.split_once([',', '.']) {
        Some((whole, cents)) => (whole, cents),
        None => (compact.as_str(), ""),
    };
    let digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !(cents.is_empty() || digits(cents) && cents.len() <= 2) {
        return None;
    }
    let cents = if cents.is_empty() { 0 } else { format!("{cents:0<2}").parse::<i64>().ok()? };
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents)
}

fn cost(typed: &str) -> Result<i64, String> {
    match parse_euros(typed) {
        Some(cents) if cents > 0 => Ok(cents),
        Some(_) => Err("Le coût doit être supérieur à zéro.".into()),
        None if typed.trim().is_empty() => Err("Indiquez le coût estimé, en euros.".into()),
        None => Err("Écrivez le coût en euros, en chiffres (par exemple 12 500 ou 12 500,50).".into()),
    }
}

fn category(typed: &str) -> Result<String, String> {
    CATEGORIES
        .iter()
        .find(|known| **known == typed.trim())
        .map(|known| known.to_string())
        .ok_or_else(|| "Choisissez une catégorie de la liste.".into())
}

fn territory(typed: &str, territories: &[Territory]) -> Result<i64, String> {
    typed
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| territories.iter().any(|territory| territory.id == *id))
        .ok_or_else(|| "Choisissez un territoire de la campagne.".into())
}

/// The project must fit in its territory's envelope, or it could never be funded.
fn fits(fields: &ProjectFields, territories: &[Territory]) -> Result<(), String> {
    match territories.iter().find(|territory| territory.id == fields.territory_id) {
        Some(territory) if fields.cost_cents > territory.envelope_cents => Err(format!(
            "Le coût dépasse l'enveloppe du territoire {} ({}).",
            territory.name,
            euros(territory.envelope_cents)
        )),
        _ => Ok(()),
    }
}

/// Checks every field of a submitted project; on failure, every problem found, field by field.
pub fn parse_project(raw: &ProjectForm<'_>, territories: &[Territory]) -> Result<ProjectFields, Vec<Problem>> {
    fn keep<T>(problems: &mut Vec<Problem>, field: Field, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| problems.push((field, message))).ok()
    }
    let mut problems = Vec::new();
    let title = keep(&mut problems, Field::Title, text(Field::Title, raw.title, TITLE_CHARS));
    let summary = keep(&mut problems, Field::Summary, text(Field::Summary, raw.summary, SUMMARY_CHARS));
    let description =
        keep(&mut problems, Field::Description, text(Field::Description, raw.description, DESCRIPTION_CHARS));
    let category = keep(&mut problems, Field::Category, category(raw.category));
    let cost_cents = keep(&mut problems, Field::Cost, cost(raw.cost));
    let territory_id = keep(&mut problems, Field::Territory, territory(raw.territory, territories));
    if let (Some(title), Some(summary), Some(description), Some(category), Some(cost_cents), Some(territory_id)) =
        (title, summary, description, category, cost_cents, territory_id)
    {
        let fields = ProjectFields { title, summary, description, category, cost_cents, territory_id };
        return match fits(&fields, territories) {
            Ok(()) => Ok(fields),
            Err(message) => Err(vec![(Field::Cost, message)]),
        };
    }
    Err(problems)
}

/// `current` with one field replaced by what was typed, checked as a whole.
pub fn with_field(
    current: &ProjectFields,
    field: Field,
    typed: &str,
    territories: &[Territory],
) -> Result<ProjectFields, String> {
    let mut next = current.clone();
    match field {
        Field::Title => next.title = text(field, typed, TITLE_CHARS)?,
        Field::Summary => next.summary = text(field, typed, SUMMARY_CHARS)?,
        Field::Description => next.description = text(field, typed, DESCRIPTION_CHARS)?,
        Field::Category => next.category = category(typed)?,
        Field::Cost => next.cost_cents = cost(typed)?,
        Field::Territory => next.territory_id = territory(typed, territories)?,
    }
    fits(&next, territories)?;
    Ok(next)
}

/// A field's value as people read it: a cost in euros, a territory by its name.
pub fn shown(fields: &ProjectFields, field: Field, territories: &[Territory]) -> String {
    match field {
        Field::Title => fields.title.clone(),
        Field::Summary => fields.summary.clone(),
        Field::Description => fields.description.clone(),
        Field::Category => fields.category.clone(),
        Field::Cost => euros(fields.cost_cents),
        Field::Territory => territories
            .iter()
            .find(|territory| territory.id == fields.territory_id)
            .map_or_else(|| format!("territoire n° {}", fields.territory_id), |territory| territory.name.clone()),
    }
}

/// What differs between two versions of a project, in the order of the form.
pub fn changes(before: &ProjectFields, after: &ProjectFields, territories: &[Territory]) -> Vec<Change> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let (old, new) = (shown(before, field, territories), shown(after, field, territories));
            (old != new).then_some(Change { field, old, new })
        })
        .collect()
}

/// Who is asking to change a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editor {
    /// Staff or an organiser: until the vote closes.
    Reviewer,
    /// The project's author: while it awaits review and the submission window is open.
    Author,
    Other,
}

/// Whether `editor` may still change a project with `status` at `now`; the refusal says why.
pub fn may_edit(
    editor: Editor,
    status: ProjectStatus,
    now: i64,
    submission_closes_at: i64,
    vote_closes_at: i64,
) -> Result<(), &'static str> {
    match editor {
        Editor::Reviewer if now < vote_closes_at => Ok(()),
        Editor::Reviewer => Err("Le vote est clos : les projets ne se modifient plus."),
        Editor::Author if status != ProjectStatus::Submitted => {
            Err("Votre projet a été examiné : il ne peut plus être modifié. Écrivez à l'équipe du budget citoyen.")
        }
        Editor::Author if now >= submission_closes_at => {
            Err("Le dépôt est clos et l'examen des projets a commencé : votre projet ne peut plus être modifié.")
        }
        Editor::Author => Ok(()),
        Editor::Other => Err("Seuls le porteur du projet et l'équipe du budget citoyen peuvent le modifier."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territories() -> Vec<Territory> {
        vec![
            Territory { id: 1, name: "Arrageois".into(), envelope_cents: 5_000_000 },
            Territory { id: 2, name: "Audomarois".into(), envelope_cents: 2_000_000 },
        ]
    }

    fn raw() -> ProjectForm<'static> {
        ProjectForm {
            title: "  Jardin partagé des Tilleuls ",
            summary: "Un jardin cultivé par les voisins au pied des immeubles.",
            description: "Dix bacs de culture, un composteur et un abri à outils, entretenus par une association \
                          de locataires avec l'appui du centre social.",
            category: "Environnement",
            cost: "12 500",
            territory: "1",
        }
    }

    #[test]
    fn a_complete_project_parses_trimmed_in_cents() {
        let fields = parse_project(&raw(), &territories()).unwrap();
        assert_eq!(fields.title, "Jardin partagé des Tilleuls");
        assert_eq!(fields.cost_cents, 1_250_000);
        assert_eq!(fields.territory_id, 1);
        assert_eq!(fields.category, "Environnement");
    }

    #[test]
    fn every_bad_field_is_named_with_a_french_message() {
        let bad = ProjectForm {
            title: "",
            summary: "court",
            description: "",
            category: "Autre",
            cost: "beaucoup",
            territory: "9",
        };
        let problems = parse_project(&bad, &territories()).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, Field::ALL.to_vec());
        assert_eq!(problems[0].1, "Indiquez le titre.");
        assert_eq!(problems[1].1, "Le résumé : au moins 20 caractères.");
        assert_eq!(problems[2].1, "Indiquez la description.");
        assert!(problems[4].1.contains("en chiffres"), "{}", problems[4].1);
    }

    #[test]
    fn line_breaks_sent_by_browsers_are_not_a_change() {
        let stored = parse_project(&raw(), &territories()).unwrap();
        let description = format!("{}\r\n\r\nDeuxième paragraphe.", stored.description);
        let typed = ProjectForm { description: &description, ..raw() };
        let sent = parse_project(&typed, &territories()).unwrap();
        assert_eq!(sent.description, format!("{}\n\nDeuxième paragraphe.", stored.description));
        let again = with_field(&sent, Field::Description, &description, &territories()).unwrap();
        assert!(changes(&sent, &again, &territories()).is_empty());
    }

    #[test]
    fn euros_are_read_as_people_type_them() {
        assert_eq!(parse_euros("12500"), Some(1_250_000));
        assert_eq!(parse_euros("12 500,5 €"), Some(1_250_050));
        assert_eq!(parse_euros("12\u{202f}500,05"), Some(1_250_005));
        assert_eq!(parse_euros("0.99"), Some(99));
        for bad in ["", "12,345", "-5", "1e4", "12 500,00,00", ",50", "douze"] {
            assert_eq!(parse_euros(bad), None, "{bad:?}");
        }
        assert_eq!(parse_euros("99999999999999999999"), None);
    }

    #[test]
    fn a_cost_above_the_territory_envelope_is_refused() {
        let over = ProjectForm { cost: "20 000,01", territory: "2", ..raw() };
        let problems = parse_project(&over, &territories()).unwrap_err();
        assert_eq!(
            problems,
            vec![(Field::Cost, "Le coût dépasse l'enveloppe du territoire Audomarois (20\u{202f}000\u{a0}€).".into())]
        );
        assert_eq!(cost("0"), Err("Le coût doit être supérieur à zéro.".into()));
    }

    #[test]
    fn one_field_changes_and_the_whole_is_checked_again() {
        let current = parse_project(&ProjectForm { cost: "30 000", ..raw() }, &territories()).unwrap();
        let cheaper = with_field(&current, Field::Cost, "15 000", &territories()).unwrap();
        assert_eq!(cheaper.cost_cents, 1_500_000);
        assert_eq!(cheaper.title, current.title);
        // Moving to a smaller envelope is refused while the cost does not fit.
        let moved = with_field(&current, Field::Territory, "2", &territories());
        assert!(moved.unwrap_err().contains("Audomarois"));
        assert_eq!(with_field(&current, Field::Title, " ", &territories()), Err("Indiquez le titre.".into()));
    }

    #[test]
    fn changes_list_only_what_differs_as_people_read_it() {
        let before = parse_project(&raw(), &territories()).unwrap();
        let after = ProjectFields { cost_cents: 900_000, territory_id: 2, ..before.clone() };
        assert_eq!(
            changes(&before, &after, &territories()),
            vec![
                Change {
                    field: Field::Cost, old: "12\u{202f}500\u{a0}€".into(), new: "9\u{202f}000\u{a0}€".into()
                },
                Change { field: Field::Territory, old: "Arrageois".into(), new: "Audomarois".into() },
            ]
        );
        assert!(changes(&before, &before, &territories()).is_empty());
        assert_eq!(Field::from_name("cost"), Some(Field::Cost));
        assert_eq!(Field::from_name("status"), None);
    }

    #[test]
    fn authors_edit_until_review_and_staff_until_the_vote_closes() {
        let (closes, vote_closes) = (100, 200);
        assert_eq!(may_edit(Editor::Author, ProjectStatus::Submitted, 99, closes, vote_closes), Ok(()));
        assert!(
            may_edit(Editor::Author, ProjectStatus::Submitted, 100, closes, vote_closes)
                .unwrap_err()
                .contains("examen")
        );
        assert!(
            may_edit(Editor::Author, ProjectStatus::Labelled, 50, closes, vote_closes).unwrap_err().contains("examiné")
        );
        assert_eq!(may_edit(Editor::Reviewer, ProjectStatus::Labelled, 199, closes, vote_closes), Ok(()));
        assert!(may_edit(Editor::Reviewer, ProjectStatus::Labelled, 200, closes, vote_closes).is_err());
        assert!(may_edit(Editor::Other, ProjectStatus::Submitted, 0, closes, vote_closes).is_err());
    }
}
