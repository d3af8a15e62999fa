//! The consultation rules, without I/O: question kinds, the window and the audience, the checks of
//! a questionnaire and of an answer, and the tallies shown on the results page.
use crate::platform::error::FormErrors;
use crate::platform::text::french_number;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of question. Stored as their `as_str` code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Single,
    Multiple,
    Scale,
    Ranking,
    Text,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Single, Kind::Multiple, Kind::Scale, Kind::Ranking, Kind::Text];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Scale => "scale",
            Kind::Ranking => "ranking",
            Kind::Text => "text",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Single => "Choix unique",
            Kind::Multiple => "Choix multiple",
            Kind::Scale => "Échelle",
            Kind::Ranking => "Classement",
            Kind::Text => "Texte libre",
        }
    }

    /// Whether the question lists options to choose or rank.
    pub fn has_options(self) -> bool {
        matches!(self, Kind::Single | Kind::Multiple | Kind::Ranking)
    }
}

crate::stored_code! {
    /// Who may answer.
    pub enum Audience {
        /// Anyone, with or without an account.
        Everyone = "everyone",
        /// Any signed-in account.
        Residents = "residents",
        /// Accounts whose territory is the consultation's.
        Territory = "territory",
    }
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::Everyone => "Tout le monde, avec ou sans compte",
            Audience::Residents => "Les personnes inscrites",
            Audience::Territory => "Les habitants d'un territoire",
        }
    }
}

/// When the results are shown to everyone (staff always see them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    During,
    After,
}

/// Read from the database: an unknown code is an error, never a visibility.
impl TryFrom<String> for Visibility {
    type Error = String;

    fn try_from(code: String) -> Result<Visibility, String> {
        Visibility::parse(&code).ok_or_else(|| format!("visibilité inconnue : {code}"))
    }
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Visibility::During, Visibility::After];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::During => "during",
            Visibility::After => "after",
        }
    }

    pub fn parse(code: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|visibility| visibility.as_str() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::During => "Pendant la consultation",
            Visibility::After => "Seulement après la clôture",
        }
    }
}

/// Where a consultation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Draft,
    Upcoming,
    Open,
    Closed,
}

impl Phase {
    pub fn of(published: bool, opens_at: i64, closes_at: i64, now: i64) -> Phase {
        if !published {
            Phase::Draft
        } else if now < opens_at {
            Phase::Upcoming
        } else if now < closes_at {
            Phase::Open
        } else {
            Phase::Closed
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Upcoming => "upcoming",
            Phase::Open => "open",
            Phase::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Draft => "En préparation",
            Phase::Upcoming => "À venir",
            Phase::Open => "Ouverte",
            Phase::Closed => "Close",
        }
    }
}

/// Whether everyone may see the results now.
pub fn results_public(visibility: Visibility, phase: Phase) -> bool {
    match phase {
        Phase::Closed => true,
        Phase::Open => visibility == Visibility::During,
        Phase::Draft | Phase::Upcoming => false,
    }
}

/// Who is asking to answer: a visitor, or an account with the territory it gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Visitor,
    Account { territory_id: Option<i64> },
}

/// Whether `caller` may answer now, or why not in French. `territory` is the consultation's
/// (id, name) for the territory audience; `closes_at` is exclusive, so the last day is the one before.
pub fn check_answerable(
    phase: Phase,
    audience: Audience,
    territory: Option<(i64, &str)>,
    caller: Caller,
    opens_at: i64,
    closes_at: i64,
) -> Result<(), String> {
    use crate::platform::time::french_date;
    match phase {
        Phase::Draft => return Err("Cette consultation n'est pas encore publiée.".into()),
        Phase::Upcoming => return Err(format!("Cette consultation ouvre le {}.", french_date(opens_at))),
        Phase::Closed => {
            return Err(format!(
                "Cette consultation est close : les réponses étaient reçues jusqu'au {}.",
                french_date(closes_at - 1)
            ));
        }
        Phase::Open => {}
    }
    match (audience, caller, territory) {
        (Audience::Everyone, _, _) | (Audience::Residents, Caller::Account { .. }, _) => Ok(()),
        (Audience::Residents, Caller::Visitor, _) => {
            Err("Cette consultation est réservée aux personnes inscrites : connectez-vous pour répondre.".into())
        }
        (Audience::Territory, Caller::Account { territory_id }, Some((wanted, _))) if territory_id == Some(wanted) => {
            Ok(())
        }
        (Audience::Territory, Caller::Visitor, Some((_, name))) => Err(format!(
            "Cette consultation est réservée aux habitants du territoire « {name} » : connectez-vous pour répondre."
        )),
        (Audience::Territory, Caller::Account { .. }, Some((_, name))) => Err(format!(
            "Cette consultation est réservée aux habitants du territoire « {name} » : votre compte indique un autre \
             territoire ou aucun (vous pouvez le modifier dans votre profil)."
        )),
        // A territory audience without its territory: nobody.
        (Audience::Territory, _, None) => Err("Cette consultation n'accepte pas de réponses.".into()),
    }
}

/// Why everyone may not see the results yet, or `None` when they may.
pub fn results_refusal(visibility: Visibility, phase: Phase, closes_at: i64) -> Option<String> {
    use crate::platform::time::french_date;
    if results_public(visibility, phase) {
        return None;
    }
    Some(match phase {
        Phase::Open => format!(
            "Les résultats seront publiés à la clôture de la consultation, après le {}.",
            french_date(closes_at - 1)
        ),
        _ => "Les résultats seront publiés une fois la consultation ouverte.".into(),
    })
}

/// One option of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}

/// A question as answers are checked and counted against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub kind: Kind,
    pub prompt: String,
    pub required: bool,
    /// Multiple choice: at most this many options.
    pub max_choices: i64,
    /// Scale: answers from 1 to this.
    pub scale_max: i64,
    pub choices: Vec<Choice>,
}

impl Question {
    /// The form field of this question's error message, and of its single value.
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }

    /// The checkbox of option `option` (multiple choice).
    pub fn choice_field(&self, option: i64) -> String {
        format!("q{}o{option}", self.id)
    }

    /// The rank selector of option `option` (ranking).
    pub fn rank_field(&self, option: i64) -> String {
        format!("q{}r{option}", self.id)
    }
}

pub const TEXT_ANSWER_MAX: usize = 5_000;
pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MAX: usize = 5_000;
pub const PROMPT_MAX: usize = 300;
pub const OPTION_MAX: usize = 150;
pub const OPTIONS_MAX: usize = 20;

/// One checked answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Choice(i64),
    Choices(Vec<i64>),
    Scale(i64),
    /// (option, rank), every option ranked once, ranks 1 to n.
    Ranking(Vec<(i64, i64)>),
    Text(String),
}

impl Answer {
    /// The stored rows: (option, value, text).
    pub fn rows(&self) -> Vec<(Option<i64>, Option<i64>, Option<String>)> {
        match self {
            Answer::Choice(option) => vec![(Some(*option), None, None)],
            Answer::Choices(options) => options.iter().map(|option| (Some(*option), None, None)).collect(),
            Answer::Scale(value) => vec![(None, Some(*value), None)],
            Answer::Ranking(ranks) => ranks.iter().map(|(option, rank)| (Some(*option), Some(*rank), None)).collect(),
            Answer::Text(text) => vec![(None, None, Some(text.clone()))],
        }
    }
}

/// Checks a submitted form against the questions. `form` maps field names (see `Question::field`)
/// to values; empty values count as not answered. Every question is checked, so the form shows every
/// problem at once; unanswered optional questions give no answer.
pub fn check_answers(
    questions: &[Question],
    form: &BTreeMap<String, String>,
) -> Result<Vec<(i64, Answer)>, FormErrors> {
    let mut errors = FormErrors::default();
    let mut answers = Vec::new();
    for question in questions {
        match check_one(question, form) {
            Ok(Some(answer)) => answers.push((question.id, answer)),
            Ok(None) if question.required => errors.add(&question.field(), missing_message(question.kind)),
            Ok(None) => {}
            Err(message) => errors.add(&question.field(), message),
        }
    }
    if errors.is_empty() { Ok(answers) } else { Err(errors) }
}

fn missing_message(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "Cette question est obligatoire : choisissez une réponse.",
        Kind::Multiple => "Cette question est obligatoire : cochez au moins une réponse.",
        Kind::Scale => "Cette question est obligatoire : choisissez une valeur sur l'échelle.",
        Kind::Ranking => "Cette question est obligatoire : classez toutes les options.",
        Kind::Text => "Cette question est obligatoire : écrivez votre réponse.",
    }
}

const UNREADABLE: &str = "Réponse illisible : rechargez la page et recommencez.";

fn value<'a>(form: &'a BTreeMap<String, String>, field: &str) -> Option<&'a str> {
    form.get(field).map(|value| value.trim()).filter(|value| !value.is_empty())
}

fn check_one(question: &Question, form: &BTreeMap<String, String>) -> Result<Option<Answer>, String> {
    let known = |option: i64| question.choices.iter().any(|choice| choice.id == option);
    match question.kind {
        Kind::Single => match value(form, &question.field()) {
            None => Ok(None),
            Some(raw) => match raw.parse::<i64>() {
                Ok(option) if known(option) => Ok(Some(Answer::Choice(option))),
                _ => Err(UNREADABLE.into()),
            },
        },
        Kind::Multiple => {
            let chosen: Vec<i64> = question
                .choices
                .iter()
                .filter(|choice| value(form, &question.choice_field(choice.id)).is_some())
                .map(|choice| choice.id)
                .collect();
            if chosen.is_empty() {
                Ok(None)
            } else if chosen.len() as i64 > question.max_choices {
                Err(format!(
                    "Cochez au plus {} réponse(s) : vous en avez coché {}.",
                    question.max_choices,
                    chosen.len()
                ))
            } else {
                Ok(Some(Answer::Choices(chosen)))
            }
        }
        Kind::Scale => match value(form, &question.field()) {
            None => Ok(None),
            Some(raw) => match raw.parse::<i64>() {
                Ok(scale) if (1..=question.scale_max).contains(&scale) => Ok(Some(Answer::Scale(scale))),
                _ => Err(format!("Choisissez une valeur entre 1 et {}.", question.scale_max)),
            },
        },
        Kind::Ranking => check_ranking(question, form),
        Kind::Text => match value(form, &question.field()) {
            None => Ok(None),
            Some(text) => {
                let length = text.chars().count();
                if length > TEXT_ANSWER_MAX {
                    Err(format!(
                        "Votre réponse : au plus {} caractères (vous en avez saisi {length}).",
                        french_number(TEXT_ANSWER_MAX as i64)
                    ))
                } else if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                    Err("Votre réponse contient des caractères non autorisés.".into())
                } else {
                    Ok(Some(Answer::Text(text.replace("\r\n", "\n"))))
                }
            }
        },
    }
}

/// A ranking is all or nothing: every option gets a different rank from 1 to the number of options.
fn check_ranking(question: &Question, form: &BTreeMap<String, String>) -> Result<Option<Answer>, String> {
    let count = question.choices.len() as i64;
    let mut ranks = Vec::new();
    for choice in &question.choices {
        if let Some(raw) = value(form, &question.rank_field(choice.id)) {
            match raw.parse::<i64>() {
                Ok(rank) if (1..=count).contains(&rank) => ranks.push((choice.id, rank)),
                _ => return Err(format!("Choisissez des rangs entre 1 et {count}.")),
            }
        }
    }
    if ranks.is_empty() {
        return Ok(None);
    }
    let mut seen = BTreeSet::new();
    if let Some((_, twice)) = ranks.iter().find(|(_, rank)| !seen.insert(*rank)) {
        return Err(format!("Le rang {twice} est donné à plusieurs options : chaque rang ne sert qu'une fois."));
    }
    if ranks.len() as i64 != count {
        return Err(format!("Classez toutes les options, de 1 à {count}, ou aucune."));
    }
    Ok(Some(Answer::Ranking(ranks)))
}

/// A question as staff submit it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub kind: Kind,
    pub prompt: String,
    pub required: bool,
    pub max_choices: i64,
    pub scale_max: i64,
    pub options: Vec<String>,
}

/// Checks a question from the builder form; `options` has one option per line. Errors name the
/// fields `kind`, `prompt`, `options`, `max_choices` and `scale_max`.
pub fn check_question(
    kind: &str,
    prompt: &str,
    required: bool,
    options: &str,
    max_choices: &str,
    scale_max: &str,
) -> Result<NewQuestion, FormErrors> {
    let mut errors = FormErrors::default();
    let kind = Kind::parse(kind.trim());
    if kind.is_none() {
        errors.add("kind", "Choisissez le type de question.");
    }
    let prompt = crate::platform::text::bounded_text(prompt, "la question", 3, PROMPT_MAX)
        .map_err(|message| errors.add("prompt", message))
        .unwrap_or_default();
    let kind = kind.unwrap_or(Kind::Text);
    let mut lines: Vec<String> = Vec::new();
    if kind.has_options() {
        for line in options.lines().map(str::trim).filter(|line| !line.is_empty()) {
            if lines.iter().any(|known| known.eq_ignore_ascii_case(line)) {
                errors.add("options", format!("L'option « {line} » est en double."));
            } else if line.chars().count() > OPTION_MAX || line.chars().any(char::is_control) {
                errors.add("options", format!("Chaque option : au plus {OPTION_MAX} caractères, sur une ligne."));
            } else {
                lines.push(line.to_string());
            }
        }
        if !(2..=OPTIONS_MAX).contains(&lines.len()) {
            errors.add("options", format!("Indiquez de 2 à {OPTIONS_MAX} options, une par ligne."));
        }
    }
    let max_choices = match (kind, max_choices.trim()) {
        (Kind::Multiple, "") => lines.len() as i64,
        (Kind::Multiple, raw) => match raw.parse::<i64>() {
            Ok(max) if max >= 1 && max <= lines.len().max(1) as i64 => max,
            _ => {
                errors.add("max_choices", "Le nombre de choix doit aller de 1 au nombre d'options.");
                0
            }
        },
        _ => 0,
    };
    let scale_max = match (kind, scale_max.trim()) {
        (Kind::Scale, "5") => 5,
        (Kind::Scale, "10") => 10,
        (Kind::Scale, _) => {
            errors.add("scale_max", "Choisissez une échelle de 1 à 5 ou de 1 à 10.");
            0
        }
        _ => 0,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewQuestion { kind, prompt, required, max_choices, scale_max, options: lines })
}

/// A count per option (or per scale value) and its share of the people who answered the question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub count: i64,
    /// Tenths of a percent of the people who answered the question.
    pub per_mille: i64,
}

/// A ranked option: its mean rank among those who ranked, and its Borda points (n − rank per ranking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankScore {
    pub label: String,
    /// Tenths of a rank.
    pub mean_rank_tenths: i64,
    pub points: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figures {
    Counts(Vec<Bar>),
    /// Scale: the count per value and the mean, in tenths (None without answers).
    Scale {
        bars: Vec<Bar>,
        mean_tenths: Option<i64>,
    },
    /// Best first.
    Ranking(Vec<RankScore>),
    /// How many free-text answers; their text is for staff.
    Texts(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub question_id: i64,
    /// People who answered this question.
    pub answered: i64,
    pub figures: Figures,
}

/// Stored answers grouped by (question, option, value), with how many rows each group has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub question_id: i64,
    pub option_id: Option<i64>,
    pub value: Option<i64>,
    pub count: i64,
}

/// `numerator / denominator` in tenths, rounded half up (0 for an empty denominator).
pub fn tenths(numerator: i64, denominator: i64) -> i64 {
    if denominator <= 0 { 0 } else { (numerator * 20 + denominator) / (denominator * 2) }
}

/// `455` → `45,5` (French decimal comma).
pub fn french_tenths(tenths: i64) -> String {
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The tallies of every question. `answered` maps a question to the people who answered it;
/// `groups` are the stored choice, scale and ranking rows, grouped; `texts` counts text answers.
pub fn tally(
    questions: &[Question],
    answered: &BTreeMap<i64, i64>,
    groups: &[Group],
    texts: &BTreeMap<i64, i64>,
) -> Vec<Tally> {
    questions
        .iter()
        .map(|question| {
            let people = answered.get(&question.id).copied().unwrap_or(0);
            let mine: Vec<&Group> = groups.iter().filter(|group| group.question_id == question.id).collect();
            let bar = |label: String, count: i64| Bar { label, count, per_mille: tenths(count * 100, people) };
            let figures = match question.kind {
                Kind::Single | Kind::Multiple => Figures::Counts(
                    question
                        .choices
                        .iter()
                        .map(|choice| {
                            let count: i64 =
                                mine.iter().filter(|group| group.option_id == Some(choice.id)).map(|g| g.count).sum();
                            bar(choice.label.clone(), count)
                        })
                        .collect(),
                ),
                Kind::Scale => {
                    let count_of = |value: i64| -> i64 {
                        mine.iter().filter(|group| group.value == Some(value)).map(|group| group.count).sum()
                    };
                    let bars = (1..=question.scale_max).map(|value| bar(value.to_string(), count_of(value))).collect();
                    let (sum, count) = (1..=question.scale_max)
                        .fold((0, 0), |(sum, count), value| (sum + value * count_of(value), count + count_of(value)));
                    Figures::Scale { bars, mean_tenths: (count > 0).then(|| tenths(sum, count)) }
                }
                Kind::Ranking => {
                    let options = question.choices.len() as i64;
                    let mut scores: Vec<RankScore> = question
                        .choices
                        .iter()
                        .map(|choice| {
                            let ranked = mine.iter().filter(|group| group.option_id == Some(choice.id));
                            let (rank_sum, count) = ranked.fold((0, 0), |(sum, count), group| {
                                (sum + group.value.unwrap_or(0) * group.count, count + group.count)
                            });
                            RankScore {
                                label: choice.label.clone(),
                                mean_rank_tenths: tenths(rank_sum, count),
                                points: options * count - rank_sum,
                            }
                        })
                        .collect();
                    scores.sort_by_key(|score| std::cmp::Reverse(score.points));
                    Figures::Ranking(scores)
                }
                Kind::Text => Figures::Texts(texts.get(&question.id).copied().unwrap_or(0)),
            };
            Tally { question_id: question.id, answered: people, figures }
        })
        .collect()
}

/// The length of a bar for `value` when `max` fills `span` (charts drawn on the server).
pub fn bar_length(value: i64, max: i64, span: i64) -> i64 {
    if max <= 0 { 0 } else { span * value.clamp(0, max) / max }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: i64, kind: Kind, required: bool, options: &[&str]) -> Question {
        Question {
            id,
            kind,
            prompt: format!("Question {id}"),
            required,
            max_choices: 2,
            scale_max: 5,
            choices: options
                .iter()
                .enumerate()
                .map(|(i, label)| Choice { id: id * 10 + i as i64, label: label.to_string() })
                .collect(),
        }
    }

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(key, value)| (key.to_string(), value.to_string())).collect()
    }

    fn questionnaire() -> Vec<Question> {
        vec![
            question(1, Kind::Single, true, &["Vélo", "Marche", "Voiture"]),
            question(2, Kind::Multiple, true, &["Pistes", "Parkings", "Aides"]),
            question(3, Kind::Scale, true, &[]),
            question(4, Kind::Ranking, false, &["A", "B", "C"]),
            question(5, Kind::Text, false, &[]),
        ]
    }

    fn fields(result: Result<Vec<(i64, Answer)>, FormErrors>) -> Vec<(String, String)> {
        result.expect_err("refused").fields
    }

    #[test]
    fn a_complete_answer_is_accepted() {
        let answers = check_answers(
            &questionnaire(),
            &form(&[
                ("q1", "11"),
                ("q2o20", "1"),
                ("q2o22", "1"),
                ("q3", "4"),
                ("q4r40", "2"),
                ("q4r41", "1"),
                ("q4r42", "3"),
                ("q5", "  Plus de pistes\r\nsvp "),
                ("inconnu", "ignoré"),
            ]),
        )
        .unwrap();
        assert_eq!(
            answers,
            vec![
                (1, Answer::Choice(11)),
                (2, Answer::Choices(vec![20, 22])),
                (3, Answer::Scale(4)),
                (4, Answer::Ranking(vec![(40, 2), (41, 1), (42, 3)])),
                (5, Answer::Text("Plus de pistes\nsvp".into())),
            ]
        );
        assert_eq!(answers[3].1.rows()[1], (Some(41), Some(1), None));
    }

    #[test]
    fn optional_questions_may_stay_empty_but_required_ones_may_not() {
        let answers = check_answers(&questionnaire(), &form(&[("q1", "10"), ("q2o21", "1"), ("q3", "1")])).unwrap();
        assert_eq!(answers.len(), 3);
        let errors = fields(check_answers(&questionnaire(), &form(&[("q4r40", ""), ("q5", "   ")])));
        let named: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, ["q1", "q2", "q3"]);
        assert_eq!(errors[1].1, "Cette question est obligatoire : cochez au moins une réponse.");
    }

    #[test]
    fn every_bad_answer_has_its_message() {
        let errors = fields(check_answers(
            &questionnaire(),
            &form(&[
                ("q1", "99"),
                ("q2o20", "1"),
                ("q2o21", "1"),
                ("q2o22", "1"),
                ("q3", "6"),
                ("q4r40", "1"),
                ("q4r41", "1"),
                ("q4r42", "3"),
                ("q5", &"x".repeat(5001)),
            ]),
        ));
        let messages: BTreeMap<&str, &str> =
            errors.iter().map(|(field, message)| (field.as_str(), message.as_str())).collect();
        assert_eq!(messages["q1"], UNREADABLE);
        assert_eq!(messages["q2"], "Cochez au plus 2 réponse(s) : vous en avez coché 3.");
        assert_eq!(messages["q3"], "Choisissez une valeur entre 1 et 5.");
        assert_eq!(messages["q4"], "Le rang 1 est donné à plusieurs options : chaque rang ne sert qu'une fois.");
        assert_eq!(messages["q5"], "Votre réponse : au plus 5\u{202f}000 caractères (vous en avez saisi 5001).");
    }

    #[test]
    fn rankings_are_complete_and_in_range() {
        let ranking = [question(4, Kind::Ranking, true, &["A", "B", "C"])];
        let partial = fields(check_answers(&ranking, &form(&[("q4r40", "1"), ("q4r41", "2")])));
        assert_eq!(partial[0].1, "Classez toutes les options, de 1 à 3, ou aucune.");
        let out = fields(check_answers(&ranking, &form(&[("q4r40", "4"), ("q4r41", "2"), ("q4r42", "1")])));
        assert_eq!(out[0].1, "Choisissez des rangs entre 1 et 3.");
        let missing = fields(check_answers(&ranking, &form(&[])));
        assert_eq!(missing[0].1, "Cette question est obligatoire : classez toutes les options.");
        assert!(check_answers(&[question(5, Kind::Text, false, &[])], &form(&[("q5", "a\u{0}b")])).is_err());
    }

    #[test]
    fn questions_from_the_builder_are_checked() {
        let single = check_question("single", " Votre mode ? ", true, "Vélo\n\n Marche \r\nBus", "", "").unwrap();
        assert_eq!(single.options, ["Vélo", "Marche", "Bus"]);
        assert_eq!(single.prompt, "Votre mode ?");
        let multiple = check_question("multiple", "Vos envies ?", false, "A\nB\nC", "", "").unwrap();
        assert_eq!(multiple.max_choices, 3, "no maximum given: every option");
        let scale = check_question("scale", "Sécurité ?", true, "ignorées", "", "10").unwrap();
        assert_eq!((scale.scale_max, scale.options.len()), (10, 0));

        let errors = check_question("sondage", "", true, "", "", "").unwrap_err();
        let named: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, ["kind", "prompt"]);
        let errors = check_question("multiple", "Vos envies ?", true, "A\na\n", "5", "").unwrap_err();
        let named: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, ["options", "options", "max_choices"]);
        assert!(check_question("scale", "Sécurité ?", true, "", "", "7").is_err());
    }

    #[test]
    fn phases_and_results_visibility() {
        assert_eq!(Phase::of(false, 0, 10, 5), Phase::Draft);
        assert_eq!(Phase::of(true, 10, 20, 5), Phase::Upcoming);
        assert_eq!(Phase::of(true, 10, 20, 10), Phase::Open);
        assert_eq!(Phase::of(true, 10, 20, 20), Phase::Closed);
        assert!(results_public(Visibility::During, Phase::Open));
        assert!(!results_public(Visibility::After, Phase::Open));
        assert!(results_public(Visibility::After, Phase::Closed));
        assert!(!results_public(Visibility::During, Phase::Upcoming));
        for code in ["everyone", "residents", "territory"] {
            assert_eq!(Audience::parse(code).map(Audience::as_str), Some(code));
        }
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn who_may_answer_and_when() {
        let ceser = Audience::Everyone;
        let account = Caller::Account { territory_id: Some(7) };
        assert_eq!(check_answerable(Phase::Open, ceser, None, Caller::Visitor, 0, 86_400), Ok(()));
        assert!(
            check_answerable(Phase::Upcoming, ceser, None, account, 0, 86_400)
                .unwrap_err()
                .starts_with("Cette consultation ouvre le 1 janvier 1970")
        );
        assert_eq!(
            check_answerable(Phase::Closed, ceser, None, account, 0, 86_400).unwrap_err(),
            "Cette consultation est close : les réponses étaient reçues jusqu'au 1 janvier 1970."
        );
        let residents = Audience::Residents;
        assert!(
            check_answerable(Phase::Open, residents, None, Caller::Visitor, 0, 1)
                .unwrap_err()
                .contains("connectez-vous")
        );
        assert_eq!(check_answerable(Phase::Open, residents, None, account, 0, 1), Ok(()));
        let territory = Audience::Territory;
        assert_eq!(check_answerable(Phase::Open, territory, Some((7, "Artois")), account, 0, 1), Ok(()));
        let elsewhere = Caller::Account { territory_id: Some(8) };
        assert!(
            check_answerable(Phase::Open, territory, Some((7, "Artois")), elsewhere, 0, 1)
                .unwrap_err()
                .contains("« Artois »")
        );
        let nowhere = Caller::Account { territory_id: None };
        assert!(check_answerable(Phase::Open, territory, Some((7, "Artois")), nowhere, 0, 1).is_err());
        assert!(check_answerable(Phase::Open, territory, None, account, 0, 1).is_err());
        assert_eq!(results_refusal(Visibility::During, Phase::Open, 86_400), None);
        assert!(results_refusal(Visibility::After, Phase::Open, 86_400).unwrap().contains("après le 1 janvier 1970"));
    }

    #[test]
    fn tallies_count_percentages_means_and_rankings() {
        let questions = questionnaire();
        // 4 people: q1 Vélo ×3, Marche ×1; q2 (multiple) Pistes ×3, Aides ×2; q3 values 5, 4, 4, 2;
        // q4 ranked by 2 people: A1 B2 C3 and B1 A2 C3; q5: 1 text.
        let groups = [
            Group { question_id: 1, option_id: Some(10), value: None, count: 3 },
            Group { question_id: 1, option_id: Some(11), value: None, count: 1 },
            Group { question_id: 2, option_id: Some(20), value: None, count: 3 },
            Group { question_id: 2, option_id: Some(22), value: None, count: 2 },
            Group { question_id: 3, option_id: None, value: Some(5), count: 1 },
            Group { question_id: 3, option_id: None, value: Some(4), count: 2 },
            Group { question_id: 3, option_id: None, value: Some(2), count: 1 },
            Group { question_id: 4, option_id: Some(40), value: Some(1), count: 1 },
            Group { question_id: 4, option_id: Some(40), value: Some(2), count: 1 },
            Group { question_id: 4, option_id: Some(41), value: Some(2), count: 1 },
            Group { question_id: 4, option_id: Some(41), value: Some(1), count: 1 },
            Group { question_id: 4, option_id: Some(42), value: Some(3), count: 2 },
        ];
        let answered = BTreeMap::from([(1, 4), (2, 4), (3, 4), (4, 2), (5, 1)]);
        let tallies = tally(&questions, &answered, &groups, &BTreeMap::from([(5, 1)]));
        let Figures::Counts(bars) = &tallies[0].figures else { panic!() };
        assert_eq!(bars.iter().map(|bar| (bar.count, bar.per_mille)).collect::<Vec<_>>(), [(3, 750), (1, 250), (0, 0)]);
        let Figures::Counts(bars) = &tallies[1].figures else { panic!() };
        assert_eq!(bars.iter().map(|bar| bar.per_mille).collect::<Vec<_>>(), [750, 0, 500]);
        let Figures::Scale { bars, mean_tenths } = &tallies[2].figures else { panic!() };
        assert_eq!(bars.iter().map(|bar| bar.count).collect::<Vec<_>>(), [0, 1, 0, 2, 1]);
        assert_eq!(*mean_tenths, Some(38), "(5 + 4 + 4 + 2) / 4 = 3.75");
        let Figures::Ranking(scores) = &tallies[3].figures else { panic!() };
        let summary: Vec<(&str, i64, i64)> =
            scores.iter().map(|score| (score.label.as_str(), score.mean_rank_tenths, score.points)).collect();
        assert_eq!(summary, [("A", 15, 3), ("B", 15, 3), ("C", 30, 0)]);
        assert_eq!(tallies[4].figures, Figures::Texts(1));
        assert_eq!(tallies[3].answered, 2);
    }

    #[test]
    fn numbers_in_french() {
        assert_eq!(tenths(1, 3), 3);
        assert_eq!(tenths(2, 3), 7);
        assert_eq!(tenths(5, 0), 0);
        assert_eq!(french_tenths(455), "45,5");
        assert_eq!(french_tenths(1000), "100,0");
        assert_eq!(french_number(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(french_number(999), "999");
        assert_eq!(bar_length(5, 10, 300), 150);
        assert_eq!(bar_length(3, 0, 300), 0);
    }
}
