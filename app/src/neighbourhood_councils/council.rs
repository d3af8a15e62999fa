//! The rules of a Béthune neighbourhood council, without I/O: its quotas, who may apply, and the
//! files a candidacy carries.
use super::model::{ACTOR_KINDS, GENDERS};
use super::sortition::Quota;
use crate::platform::error::FormErrors;
use crate::platform::files::ImageKind;
pub use crate::platform::files::MAX_FILE_BYTES;
use crate::platform::files::{check_file, pdf_type};
use crate::platform::identity::age_on;
use chrono::NaiveDate;

/// The pool's features, as published: declared gender and category.
pub const FEATURES: [&str; 2] = ["genre", "categorie"];

/// The town the councils belong to: candidates live there, or their business or association sits there.
pub const TOWN: &str = "Béthune";
pub const TOWN_POSTCODE: &str = "62400";

/// Candidates must be this old on the draw day; younger than `ADULT_AGE`, with a parental authorisation.
pub const MIN_AGE: i32 = 16;
pub const ADULT_AGE: i32 = 18;

/// The quotas of a council of `seats` members: gender parity (at most one apart; those who do not
/// declare a gender take the remaining seats, two at most), two thirds residents, one third actors.
pub fn council_quotas(seats: u32) -> Vec<Quota> {
    let residents = (2 * seats + 1) / 3;
    let half_down = seats.saturating_sub(1) / 2;
    let half_up = seats.div_ceil(2);
    let quota = |feature: &str, value: &str, min, max| Quota { feature: feature.into(), value: value.into(), min, max };
    vec![
        quota("genre", "femme", half_down, half_up),
        quota("genre", "homme", half_down, half_up),
        quota("genre", "non déclaré", 0, seats - 2 * half_down),
        quota("categorie", "habitant", residents, residents),
        quota("categorie", "acteur", seats - residents, seats - residents),
    ]
}

/// A candidacy as typed in the form.
#[derive(Debug, Default, Clone)]
pub struct CandidacyForm<'a> {
    pub full_name: &'a str,
    pub gender: &'a str,
    pub category: &'a str,
    pub actor_kind: &'a str,
    pub birth_date: &'a str,
    pub address: &'a str,
    pub postcode: &'a str,
    pub organisation: &'a str,
    pub siret: &'a str,
    pub consent: bool,
}

/// A candidacy that passed every rule a machine can check; staff check the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCandidacy {
    pub full_name: String,
    pub gender: &'static str,
    pub category: &'static str,
    pub actor_kind: Option<&'static str>,
    pub birth_date: NaiveDate,
    /// `12 rue …, 62400 Béthune`: the home, or the seat of the business or association.
    pub address: String,
    pub organisation: Option<String>,
    pub siret: Option<String>,
    /// Younger than 18 on the draw day: a parental authorisation is needed.
    pub minor: bool,
}

fn listed(raw: &str, known: &[(&'static str, &'static str)]) -> Option<&'static str> {
    known.iter().map(|(code, _)| *code).find(|code| *code == raw.trim())
}

/// A SIRET is 14 digits whose Luhn sum is a multiple of 10.
pub fn siret_is_valid(siret: &str) -> bool {
    let digits: Vec<u32> = siret.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 14 || siret.chars().any(|c| !c.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks a candidacy for a draw held on `draw_day`; every problem is reported at once, in French,
/// with the typed values kept for the form.
pub fn check_candidacy(form: &CandidacyForm, draw_day: NaiveDate) -> Result<ValidCandidacy, FormErrors> {
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("full_name", form.full_name),
        ("gender", form.gender),
        ("category", form.category),
        ("actor_kind", form.actor_kind),
        ("birth_date", form.birth_date),
        ("address", form.address),
        ("postcode", form.postcode),
        ("organisation", form.organisation),
        ("siret", form.siret),
    ] {
        errors.keep(name, value.trim());
    }
    let full_name = form.full_name.trim();
    if !(2..=100).contains(&full_name.chars().count()) {
        errors.add("full_name", "Indiquez vos prénom et nom (2 à 100 caractères).");
    }
    let gender = listed(form.gender, &GENDERS);
    if gender.is_none() {
        errors.add("gender", "Choisissez une réponse (vous pouvez ne pas déclarer de genre).");
    }
    let category = match form.category.trim() {
        "habitant" => Some("habitant"),
        "acteur" => Some("acteur"),
        _ => {
            errors.add("category", "Choisissez : habitant·e ou acteur du quartier.");
            None
        }
    };
    let actor = category == Some("acteur");
    let actor_kind = if actor {
        let kind = listed(form.actor_kind, &ACTOR_KINDS);
        if kind.is_none() {
            errors.add("actor_kind", "Précisez : association, commerce, artisanat ou institution.");
        }
        kind
    } else {
        None
    };
    let birth_date = NaiveDate::parse_from_str(form.birth_date.trim(), "%Y-%m-%d").ok();
    let age = birth_date.map(|birth| age_on(birth, draw_day));
    match age {
        None => errors.add("birth_date", "Indiquez votre date de naissance au format AAAA-MM-JJ."),
        Some(age) if age < MIN_AGE => errors
            .add("birth_date", format!("Il faut avoir 16 ans le jour du tirage ({}).", draw_day.format("%d/%m/%Y"))),
        Some(age) if age > 120 => errors.add("birth_date", "Vérifiez votre date de naissance."),
        Some(_) => {}
    }
    let address = form.address.trim();
    if !(5..=200).contains(&address.chars().count()) {
        errors.add(
            "address",
            if actor {
                "Indiquez l'adresse du siège (5 à 200 caractères)."
            } else {
                "Indiquez votre adresse (5 à 200 caractères)."
            },
        );
    }
    if form.postcode.trim() != TOWN_POSTCODE {
        errors.add(
            "postcode",
            format!(
                "Les conseils de quartier sont ouverts aux habitants et aux acteurs de {TOWN} : le code postal doit être {TOWN_POSTCODE}."
            ),
        );
    }
    let organisation = form.organisation.trim();
    if actor && !(2..=150).contains(&organisation.chars().count()) {
        errors.add("organisation", "Indiquez le nom de la structure (2 à 150 caractères).");
    }
    let siret: String = form.siret.chars().filter(|c| !c.is_whitespace()).collect();
    if actor && !siret.is_empty() && !siret_is_valid(&siret) {
        errors.add(
            "siret",
            "Ce numéro SIRET n'est pas valide (14 chiffres) ; laissez le champ vide si vous ne l'avez pas.",
        );
    }
    if !form.consent {
        errors.add("consent", "Cochez la case pour accepter que votre nom soit publié si vous êtes tiré·e au sort.");
    }
    match (gender, category, birth_date, age) {
        (Some(gender), Some(category), Some(birth_date), Some(age)) if errors.is_empty() => Ok(ValidCandidacy {
            full_name: full_name.to_string(),
            gender,
            category,
            actor_kind,
            birth_date,
            address: format!("{address}, {TOWN_POSTCODE} {TOWN}"),
            organisation: actor.then(|| organisation.to_string()),
            siret: (actor && !siret.is_empty()).then_some(siret),
            minor: age < ADULT_AGE,
        }),
        _ => Err(errors),
    }
}

/// A council's settings as staff type them.
pub struct SettingsForm<'a> {
    pub seats: &'a str,
    pub term_years: &'a str,
    pub elected_duo: &'a str,
    pub charter: &'a str,
    pub internal_rules: &'a str,
    pub round: &'a str,
    pub applications_open: &'a str,
    pub applications_close: &'a str,
    pub draw_day: &'a str,
}

#[derive(Debug, PartialEq)]
pub struct ValidSettings {
    pub seats: i64,
    pub term_years: i64,
    pub elected_duo: String,
    pub charter: String,
    pub internal_rules: String,
    pub round: String,
    /// Unix seconds: the window runs from the first day's start to the end of the last day.
    pub applications_open_at: i64,
    pub applications_close_at: i64,
    pub draw_day: NaiveDate,
}

/// The largest council the Béthune rules allow.
pub const MAX_SEATS: i64 = 12;

/// Checks a council's settings: at most 12 seats, a duo of at most two elected officials, and a
/// window that closes before the draw day.
pub fn check_settings(form: &SettingsForm) -> Result<ValidSettings, FormErrors> {
    let mut errors = FormErrors::default();
    for (name, value) in [
        ("seats", form.seats),
        ("term_years", form.term_years),
        ("elected_duo", form.elected_duo),
        ("charter", form.charter),
        ("internal_rules", form.internal_rules),
        ("round", form.round),
        ("applications_open", form.applications_open),
        ("applications_close", form.applications_close),
        ("draw_day", form.draw_day),
    ] {
        errors.keep(name, value.trim());
    }
    let seats = form.seats.trim().parse::<i64>().ok().filter(|seats| (3..=MAX_SEATS).contains(seats));
    if seats.is_none() {
        errors.add("seats", "Le conseil compte de 3 à 12 sièges.");
    }
    let term_years = form.term_years.trim().parse::<i64>().ok().filter(|years| (1..=6).contains(years));
    if term_years.is_none() {
        errors.add("term_years", "Le mandat dure de 1 à 6 ans.");
    }
    let duo: Vec<&str> = form.elected_duo.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    if duo.len() > 2 || duo.iter().any(|line| line.chars().count() > 150) {
        errors.add("elected_duo", "Indiquez au plus deux élus, un par ligne (150 caractères chacun au plus).");
    }
    for (name, text) in [("charter", form.charter), ("internal_rules", form.internal_rules)] {
        if text.trim().chars().count() > 20_000 {
            errors.add(name, "Ce texte dépasse 20 000 caractères.");
        }
    }
    let round = crate::platform::text::bounded_text(form.round, "le tour", 2, 30)
        .inspect_err(|m| errors.add("round", m.clone()));
    let day = |name: &str, raw: &str, what: &str, errors: &mut FormErrors| {
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .inspect_err(|_| errors.add(name, format!("Indiquez {what} au format AAAA-MM-JJ.")))
            .ok()
    };
    let opens = day("applications_open", form.applications_open, "l'ouverture des candidatures", &mut errors);
    let closes = day("applications_close", form.applications_close, "la clôture des candidatures", &mut errors);
    let draw_day = day("draw_day", form.draw_day, "le jour du tirage", &mut errors);
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes < opens
    {
        errors.add("applications_close", "La clôture des candidatures doit suivre leur ouverture.");
    }
    if let (Some(closes), Some(draw_day)) = (closes, draw_day)
        && draw_day <= closes
    {
        errors.add("draw_day", "Le tirage a lieu après la clôture des candidatures.");
    }
    let start = |day: NaiveDate| day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp();
    match (seats, term_years, round, opens, closes, draw_day) {
        (Some(seats), Some(term_years), Ok(round), Some(opens), Some(closes), Some(draw_day)) if errors.is_empty() => {
            Ok(ValidSettings {
                seats,
                term_years,
                elected_duo: duo.join("\n"),
                charter: form.charter.trim().to_string(),
                internal_rules: form.internal_rules.trim().to_string(),
                round,
                applications_open_at: start(opens),
                applications_close_at: start(closes) + 86_400,
                draw_day,
            })
        }
        _ => Err(errors),
    }
}

/// A meeting as staff schedule it: when (Paris time, from a `datetime-local` field), where, what.
pub struct ValidMeeting {
    pub starts_at: i64,
    pub place: String,
    pub agenda: String,
}

pub fn check_meeting(starts_at: &str, place: &str, agenda: &str) -> Result<ValidMeeting, FormErrors> {
    let mut errors = FormErrors::default();
    for (name, value) in [("starts_at", starts_at), ("place", place), ("agenda", agenda)] {
        errors.keep(name, value.trim());
    }
    let when = crate::platform::time::parse_paris(starts_at);
    if when.is_none() {
        errors.add("starts_at", "Indiquez la date et l'heure de la réunion.");
    }
    let place =
        crate::platform::text::bounded_text(place, "le lieu", 2, 150).inspect_err(|m| errors.add("place", m.clone()));
    let agenda = crate::platform::text::bounded_text(agenda, "l'ordre du jour", 5, 1000)
        .inspect_err(|m| errors.add("agenda", m.clone()));
    match (when, place, agenda) {
        (Some(starts_at), Ok(place), Ok(agenda)) => Ok(ValidMeeting { starts_at, place, agenda }),
        _ => Err(errors),
    }
}

/// The value a candidacy carries in the published pool, for each of [`FEATURES`].
pub fn pool_values(gender: &str, category: &str) -> Vec<String> {
    let gender = if gender == "non-declare" { "non déclaré" } else { gender };
    vec![gender.to_string(), category.to_string()]
}

/// What an authorisation file really is, read from its first bytes: a PDF or a photo.
pub fn authorisation_type(bytes: &[u8]) -> Option<&'static str> {
    if let Some(pdf) = pdf_type(bytes) {
        return Some(pdf);
    }
    ImageKind::sniff(bytes).filter(|kind| *kind != ImageKind::Webp).map(ImageKind::content_type)
}

/// Checks an authorisation file: its type, or the code of the problem (see
/// [`crate::platform::files::upload_problem`]).
pub fn check_authorisation(bytes: &[u8], too_large: bool) -> Result<&'static str, &'static str> {
    check_file(bytes, too_large, authorisation_type, "format")
}

/// Checks meeting minutes: a PDF, read from its bytes.
pub fn check_minutes(bytes: &[u8], too_large: bool) -> Result<&'static str, &'static str> {
    check_file(bytes, too_large, pdf_type, "format-pdf")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neighbourhood_councils::sortition::{Instance, leximin};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn resident<'a>() -> CandidacyForm<'a> {
        CandidacyForm {
            full_name: "Inès Martin",
            gender: "femme",
            category: "habitant",
            birth_date: "1990-04-02",
            address: "12 rue d'Aire",
            postcode: "62400",
            consent: true,
            ..CandidacyForm::default()
        }
    }

    #[test]
    fn twelve_seats_mean_parity_eight_residents_and_four_actors() {
        let quotas = council_quotas(12);
        let bounds: Vec<(&str, u32, u32)> = quotas.iter().map(|q| (q.value.as_str(), q.min, q.max)).collect();
        assert_eq!(
            bounds,
            vec![("femme", 5, 6), ("homme", 5, 6), ("non déclaré", 0, 2), ("habitant", 8, 8), ("acteur", 4, 4)]
        );
        let nine: Vec<(u32, u32)> = council_quotas(9).iter().map(|q| (q.min, q.max)).collect();
        assert_eq!(nine, vec![(4, 5), (4, 5), (0, 1), (6, 6), (3, 3)]);
    }

    #[test]
    fn a_council_pool_gets_a_fair_lottery_within_its_quotas() {
        use crate::neighbourhood_councils::sortition::{Candidate, Pool};
        let genders = ["femme", "homme", "non-declare"];
        let candidates = (0..30)
            .map(|i| Candidate {
                id: format!("C{i:02}"),
                values: pool_values(genders[i % 3], if (i / 3) % 3 == 0 { "acteur" } else { "habitant" }),
                household: None,
            })
            .collect();
        let pool = Pool { features: FEATURES.map(String::from).to_vec(), candidates };
        let instance = Instance::new(pool, council_quotas(12), 12, false).unwrap();
        let distribution = leximin(&instance).unwrap();
        let total: f64 = distribution.probabilities.iter().sum();
        assert!((total - 12.0).abs() < 1e-9, "probabilities sum to the seats: {total}");
        for panel in &distribution.panels {
            assert!(instance.is_valid_panel(&panel.members));
        }
    }

    #[test]
    fn a_resident_of_the_town_may_apply() {
        let valid = check_candidacy(&resident(), day("2026-12-15")).unwrap();
        assert_eq!(valid.address, "12 rue d'Aire, 62400 Béthune");
        assert!(!valid.minor);
        assert_eq!(valid.organisation, None);
    }

    #[test]
    fn ages_count_on_the_draw_day() {
        let draw = day("2026-12-15");
        let sixteen_that_day = CandidacyForm { birth_date: "2010-12-15", ..resident() };
        assert!(check_candidacy(&sixteen_that_day, draw).unwrap().minor);
        let sixteen_the_day_after = CandidacyForm { birth_date: "2010-12-16", ..resident() };
        let errors = check_candidacy(&sixteen_the_day_after, draw).unwrap_err();
        assert_eq!(errors.message("birth_date").unwrap(), "Il faut avoir 16 ans le jour du tirage (15/12/2026).");
        let eighteen = CandidacyForm { birth_date: "2008-12-15", ..resident() };
        assert!(!check_candidacy(&eighteen, draw).unwrap().minor);
    }

    #[test]
    fn outside_the_town_and_incomplete_actors_are_refused_with_every_reason() {
        let form = CandidacyForm {
            category: "acteur",
            postcode: "62000",
            siret: "123 456 789 00012",
            consent: false,
            ..resident()
        };
        let errors = check_candidacy(&form, day("2026-12-15")).unwrap_err();
        for field in ["actor_kind", "postcode", "organisation", "siret", "consent"] {
            assert!(errors.message(field).is_some(), "{field} should be reported");
        }
        assert_eq!(errors.value("postcode").as_deref(), Some("62000"));
    }

    #[test]
    fn an_actor_with_a_valid_siret_may_apply() {
        let form = CandidacyForm {
            category: "acteur",
            actor_kind: "association",
            organisation: "Les Jardins de Catorive",
            siret: "732 829 320 00074",
            ..resident()
        };
        let valid = check_candidacy(&form, day("2026-12-15")).unwrap();
        assert_eq!(valid.siret.as_deref(), Some("73282932000074"));
        assert_eq!(valid.actor_kind, Some("association"));
    }

    #[test]
    fn meetings_need_a_moment_a_place_and_an_agenda() {
        let meeting = check_meeting("2027-01-14T18:30", "Salle Jean-Jaurès", "Propreté, sécurité routière").unwrap();
        assert_eq!(meeting.starts_at, 1_799_947_800);
        let errors = check_meeting("demain", "", "Ok").err().unwrap();
        let fields: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["starts_at", "place", "agenda"]);
    }

    fn settings<'a>() -> SettingsForm<'a> {
        SettingsForm {
            seats: "12",
            term_years: "3",
            elected_duo: "Claire Caron\n\nPatrick Delattre\n",
            charter: "Charte",
            internal_rules: "Règlement",
            round: "2027-2028",
            applications_open: "2027-01-01",
            applications_close: "2027-02-28",
            draw_day: "2027-03-15",
        }
    }

    #[test]
    fn settings_keep_at_most_twelve_seats_and_a_window_before_the_draw() {
        let valid = check_settings(&settings()).unwrap();
        assert_eq!(valid.elected_duo, "Claire Caron\nPatrick Delattre");
        assert_eq!(valid.applications_close_at - valid.applications_open_at, 59 * 86_400);
        let wrong =
            SettingsForm { seats: "13", elected_duo: "A\nB\nC", applications_close: "2027-03-20", ..settings() };
        let errors = check_settings(&wrong).err().unwrap();
        let fields: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["seats", "elected_duo", "draw_day"]);
    }

    #[test]
    fn sirets_are_checked_by_their_luhn_sum() {
        assert!(siret_is_valid("73282932000074"));
        assert!(!siret_is_valid("73282932000075"));
        assert!(!siret_is_valid("7328293200007"));
        assert!(!siret_is_valid("7328293200007a"));
    }

    #[test]
    fn authorisations_are_pdfs_or_photos_read_from_their_bytes() {
        assert_eq!(check_authorisation(b"%PDF-1.7\n...", false), Ok("application/pdf"));
        assert_eq!(check_authorisation(&[0xFF, 0xD8, 0xFF, 0xE0, 0], false), Ok("image/jpeg"));
        assert_eq!(check_authorisation(b"<svg xmlns=...>", false), Err("format"));
        assert_eq!(check_authorisation(b"", false), Err("absent"));
        assert_eq!(check_authorisation(b"%PDF-1.7", true), Err("trop-lourd"));
        assert_eq!(check_minutes(&[0xFF, 0xD8, 0xFF, 0xE0, 0], false), Err("format-pdf"));
        assert_eq!(check_minutes(b"%PDF-1.4", false), Ok("application/pdf"));
        for code in ["format", "absent", "trop-lourd", "format-pdf"] {
            assert!(crate::platform::files::upload_problem(code).is_some(), "{code} has a message");
        }
    }
}
