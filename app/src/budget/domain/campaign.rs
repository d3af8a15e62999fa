//! A new campaign as staff fill it in: texts, phase dates, voting rules and envelopes, checked as a
//! whole. Pure code.
use super::submission::parse_euros;
use crate::budget::model::{CountingRule, ResultsVisibility, Scope};
use crate::platform::text::slug_of;
use crate::platform::time::parse_paris;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The campaign form as typed.
#[derive(Debug, Clone)]
pub struct CampaignForm<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub rules_text: &'a str,
    pub submission_opens: &'a str,
    pub submission_closes: &'a str,
    pub vote_opens: &'a str,
    pub vote_closes: &'a str,
    pub choices: &'a str,
    /// `exact` or `up_to`.
    pub choice_mode: &'a str,
    pub min_age: &'a str,
    /// `campaign` or `territory`.
    pub scope: &'a str,
    /// `yes` when a ballot may be changed until the vote closes.
    pub ballot_changeable: &'a str,
    /// `live`, `after_close` or `published`.
    pub results_visibility: &'a str,
    /// `greedy` or `mes`.
    pub rule: &'a str,
    pub min_votes: &'a str,
    /// `e<territory id>` → envelope in euros as typed; blank leaves the territory out.
    pub envelopes: &'a BTreeMap<String, String>,
}

/// A campaign ready to be stored. A phase runs from the start of its first day to the start of the
/// day after its last day, Paris time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignDraft {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub rules_text: String,
    pub submission_opens_at: i64,
    pub submission_closes_at: i64,
    pub vote_opens_at: i64,
    pub vote_closes_at: i64,
    pub choices: i64,
    pub exact_choices: bool,
    pub min_age: i64,
    pub scope: Scope,
    pub ballot_changeable: bool,
    pub results_visibility: ResultsVisibility,
    pub rule: CountingRule,
    pub min_votes: i64,
    /// (territory id, envelope in cents), at least one.
    pub envelopes: Vec<(i64, i64)>,
}

/// A problem with one field: its form name and a French message.
pub type Problem = (String, String);

/// The first second of `day` in Paris.
fn day_start(day: NaiveDate) -> Option<i64> {
    parse_paris(&format!("{}T00:00", day.format("%Y-%m-%d")))
}

fn keep<T>(problems: &mut Vec<Problem>, field: &str, result: Result<T, String>) -> Option<T> {
    result.map_err(|message| problems.push((field.to_string(), message))).ok()
}

fn required(typed: &str, message: &str) -> Result<String, String> {
    let text = typed.trim();
    if text.is_empty() { Err(message.to_string()) } else { Ok(text.to_string()) }
}

fn date(typed: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").map_err(|_| "Choisissez une date (jour, mois, année).".into())
}

fn number(typed: &str, range: std::ops::RangeInclusive<i64>, message: &str) -> Result<i64, String> {
    typed.trim().parse::<i64>().ok().filter(|n| range.contains(n)).ok_or_else(|| message.to_string())
}

fn one_of(typed: &str, allowed: &[&str], message: &str) -> Result<String, String> {
    allowed.iter().find(|value| **value == typed.trim()).map(|value| value.to_string()).ok_or_else(|| message.into())
}

/// Phases in order: submission, then review, then the vote. Returns the four instants.
fn phases(days: [NaiveDate; 4]) -> Result<[i64; 4], Problem> {
    let [submission_opens, submission_closes, vote_opens, vote_closes] = days;
    if submission_closes < submission_opens {
        return Err(("submission_closes".into(), "Le dépôt ne peut pas se clore avant de s'ouvrir.".into()));
    }
    if vote_opens <= submission_closes {
        return Err((
            "vote_opens".into(),
            "Le vote s'ouvre après le dernier jour du dépôt : l'examen des projets se fait entre les deux.".into(),
        ));
    }
    if vote_closes < vote_opens {
        return Err(("vote_closes".into(), "Le vote ne peut pas se clore avant de s'ouvrir.".into()));
    }
    let after = |day: NaiveDate| day.succ_opt().and_then(day_start);
    match (day_start(submission_opens), after(submission_closes), day_start(vote_opens), after(vote_closes)) {
        (Some(a), Some(b), Some(c), Some(d)) => Ok([a, b, c, d]),
        _ => Err(("vote_closes".into(), "Ces dates sont hors du calendrier.".into())),
    }
}

/// Checks the whole form against the known `territories` (id, name); on failure, every problem.
pub fn parse_campaign(raw: &CampaignForm<'_>, territories: &[(i64, String)]) -> Result<CampaignDraft, Vec<Problem>> {
    let mut problems = Vec::new();
    let p = &mut problems;
    let title = keep(
        p,
        "title",
        required(raw.title, "Indiquez le titre de la campagne.").and_then(|title| match title.chars().count() {
            5..=120 => Ok(title),
            _ => Err("Un titre de 5 à 120 caractères.".into()),
        }),
    );
    let description = keep(p, "description", required(raw.description, "Présentez la campagne en quelques lignes."));
    let rules_text =
        keep(p, "rules_text", required(raw.rules_text, "Écrivez les règles, telles que les habitants les liront."));
    let days = [
        keep(p, "submission_opens", date(raw.submission_opens)),
        keep(p, "submission_closes", date(raw.submission_closes)),
        keep(p, "vote_opens", date(raw.vote_opens)),
        keep(p, "vote_closes", date(raw.vote_closes)),
    ];
    let choices = keep(p, "choices", number(raw.choices, 1..=20, "De 1 à 20 projets par bulletin."));
    let exact = keep(
        p,
        "choice_mode",
        one_of(raw.choice_mode, &["exact", "up_to"], "Choisissez « exactement » ou « jusqu'à »."),
    );
    let min_age = keep(p, "min_age", number(raw.min_age, 0..=18, "Un âge de 0 à 18 ans."));
    let scope =
        keep(p, "scope", Scope::parse(raw.scope.trim()).ok_or_else(|| "Choisissez où chacun peut voter.".into()));
    let visibility = keep(
        p,
        "results_visibility",
        ResultsVisibility::parse(raw.results_visibility.trim())
            .ok_or_else(|| "Choisissez quand les résultats se voient.".into()),
    );
    let rule =
        keep(p, "rule", CountingRule::parse(raw.rule.trim()).ok_or_else(|| "Choisissez la règle de décompte.".into()));
    let min_votes = keep(
        p,
        "min_votes",
        match raw.min_votes.trim() {
            "" => Ok(0),
            typed => number(typed, 0..=1_000_000, "Un nombre de voix ; 0 pour aucun minimum."),
        },
    );
    let mut envelopes = Vec::new();
    for (id, name) in territories {
        let field = format!("e{id}");
        match raw.envelopes.get(&field).map(|typed| typed.trim()).filter(|typed| !typed.is_empty()) {
            None => {}
            Some(typed) => match parse_euros(typed) {
                Some(cents) if cents > 0 => envelopes.push((*id, cents)),
                _ => p.push((field, format!("Enveloppe de {name} : un montant en euros, supérieur à zéro."))),
            },
        }
    }
    if envelopes.is_empty() && !p.iter().any(|(field, _)| field.starts_with('e') && field[1..].parse::<i64>().is_ok()) {
        p.push(("envelopes".into(), "Donnez une enveloppe à au moins un territoire.".into()));
    }
    let instants = match days {
        [Some(a), Some(b), Some(c), Some(d)] => phases([a, b, c, d]).map_err(|problem| p.push(problem)).ok(),
        _ => None,
    };
    match (title, description, rules_text, instants, choices, exact, min_age, scope, visibility, rule, min_votes) {
        (
            Some(title),
            Some(description),
            Some(rules_text),
            Some([submission_opens_at, submission_closes_at, vote_opens_at, vote_closes_at]),
            Some(choices),
            Some(exact),
            Some(min_age),
            Some(scope),
            Some(results_visibility),
            Some(rule),
            Some(min_votes),
        ) if problems.is_empty() => Ok(CampaignDraft {
            slug: slug_of(&title),
            title,
            description,
            rules_text,
            submission_opens_at,
            submission_closes_at,
            vote_opens_at,
            vote_closes_at,
            choices,
            exact_choices: exact == "exact",
            min_age,
            scope,
            ballot_changeable: raw.ballot_changeable == "yes",
            results_visibility,
            rule,
            min_votes,
            envelopes,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territories() -> Vec<(i64, String)> {
        vec![(1, "Arrageois".into()), (2, "Audomarois".into()), (3, "Ternois".into())]
    }

    fn envelopes(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn raw(envelopes: &BTreeMap<String, String>) -> CampaignForm<'_> {
        CampaignForm {
            title: "Budget citoyen 2026 — Arras",
            description: "Proposez, puis votez.",
            rules_text: "Dès 11 ans, 3 projets.",
            submission_opens: "2026-03-01",
            submission_closes: "2026-04-30",
            vote_opens: "2026-09-01",
            vote_closes: "2026-09-30",
            choices: "3",
            choice_mode: "up_to",
            min_age: "11",
            scope: "campaign",
            ballot_changeable: "yes",
            results_visibility: "after_close",
            rule: "mes",
            min_votes: "",
            envelopes,
        }
    }

    #[test]
    fn a_complete_form_gives_paris_days_and_envelopes_in_cents() {
        let typed = envelopes(&[("e1", "50 000"), ("e2", ""), ("e3", "12 500,50")]);
        let draft = parse_campaign(&raw(&typed), &territories()).unwrap();
        assert_eq!(draft.slug, "budget-citoyen-2026-arras");
        // 1 March 2026 00:00 in Paris (UTC+1) and 1 October 00:00 (UTC+2): the last day is whole.
        assert_eq!(draft.submission_opens_at, 1_772_319_600);
        assert_eq!(draft.submission_closes_at, 1_777_586_400);
        assert_eq!(draft.vote_closes_at, 1_790_805_600);
        assert_eq!(draft.envelopes, vec![(1, 5_000_000), (3, 1_250_050)]);
        assert!(draft.ballot_changeable && !draft.exact_choices);
        assert_eq!((draft.choices, draft.min_age, draft.min_votes), (3, 11, 0));
        assert_eq!(draft.rule, CountingRule::EqualShares);
    }

    #[test]
    fn every_bad_field_is_named() {
        let typed = envelopes(&[("e1", "beaucoup")]);
        let bad = CampaignForm {
            title: "Bud",
            description: " ",
            submission_opens: "demain",
            choices: "0",
            choice_mode: "plus",
            min_age: "40",
            scope: "monde",
            results_visibility: "jamais",
            rule: "tirage",
            min_votes: "-1",
            ..raw(&typed)
        };
        let problems = parse_campaign(&bad, &territories()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "description",
                "submission_opens",
                "choices",
                "choice_mode",
                "min_age",
                "scope",
                "results_visibility",
                "rule",
                "min_votes",
                "e1"
            ]
        );
        assert_eq!(problems[10].1, "Enveloppe de Arrageois : un montant en euros, supérieur à zéro.");
    }

    #[test]
    fn phases_follow_one_another_and_one_envelope_is_needed() {
        let typed = envelopes(&[]);
        let problems = parse_campaign(&raw(&typed), &territories()).unwrap_err();
        assert_eq!(
            problems,
            vec![("envelopes".to_string(), "Donnez une enveloppe à au moins un territoire.".to_string())]
        );
        let typed = envelopes(&[("e2", "1000")]);
        let overlapping = CampaignForm { vote_opens: "2026-04-30", ..raw(&typed) };
        let problems = parse_campaign(&overlapping, &territories()).unwrap_err();
        assert_eq!(problems[0].0, "vote_opens");
        let backwards = CampaignForm { submission_closes: "2026-02-01", ..raw(&typed) };
        assert_eq!(parse_campaign(&backwards, &territories()).unwrap_err()[0].0, "submission_closes");
        let one_day_vote = CampaignForm { vote_closes: "2026-09-01", ..raw(&typed) };
        let draft = parse_campaign(&one_day_vote, &territories()).unwrap();
        assert_eq!(draft.vote_closes_at - draft.vote_opens_at, 86_400);
    }
}
