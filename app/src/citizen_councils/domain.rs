//! The Fonds de Participation des Habitants without I/O: amounts in cents, the envelope's balance,
//! the steps an application goes through and who takes them, and the checks of its forms.
use super::model::ApplicationStatus;
use crate::platform::{
    error::FormErrors,
    text::{bounded_text, capitalised},
    time::MONTHS,
};
use chrono::{Datelike, NaiveDate};

/// Who carries a project: an association, or a group of residents without one.
pub const CARRIER_KINDS: [(&str, &str); 2] =
    [("association", "Une association"), ("habitants", "Un groupe d'habitants")];

/// The most budget lines an application lists.
pub const MAX_BUDGET_LINES: usize = 30;

/// `1 200,50` / `1200.5` / `150 €` → cents; `None` unless a positive amount below a million euros.
pub fn parse_euros(raw: &str) -> Option<i64> {
    let cleaned: String =
        raw.trim().trim_end_matches('€').chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    let cleaned = cleaned.replace(',', ".");
    let (units, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if units.is_empty() || !units.chars().all(|c| c.is_ascii_digit()) || units.len() > 6 {
        return None;
    }
    if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let cents = format!("{fraction:0<2}").parse::<i64>().ok()?;
    let amount = units.parse::<i64>().ok()? * 100 + cents;
    (amount > 0).then_some(amount)
}

/// Cents → `1 200,50 €` (`150 €` when round).
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (units, rest) = (cents.abs() / 100, cents.abs() % 100);
    let digits = units.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    if rest == 0 { format!("{sign}{grouped} €") } else { format!("{sign}{grouped},{rest:02} €") }
}

/// A yearly envelope and what was granted from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    pub amount: i64,
    pub granted: i64,
}

impl Envelope {
    pub fn remaining(self) -> i64 {
        self.amount - self.granted
    }
}

/// Whether the council may grant `amount` to an application asking `requested` from `envelope`
/// (none when no envelope is set for the year), or the French reason why not.
pub fn check_grant(amount: i64, requested: i64, year: i64, envelope: Option<Envelope>) -> Result<(), String> {
    if amount <= 0 {
        return Err("Indiquez le montant accordé, en euros.".into());
    }
    if amount > requested {
        return Err(format!(
            "Le montant accordé ({}) dépasse le montant demandé ({}).",
            euros(amount),
            euros(requested)
        ));
    }
    let Some(envelope) = envelope else {
        return Err(format!("Aucune enveloppe n'est fixée pour {year} : fixez-la avant d'accorder une aide."));
    };
    if amount > envelope.remaining() {
        return Err(format!(
            "Le montant accordé ({}) dépasse ce qui reste de l'enveloppe {year} ({} sur {}).",
            euros(amount),
            euros(envelope.remaining().max(0)),
            euros(envelope.amount)
        ));
    }
    Ok(())
}

/// The steps of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The council grants an amount.
    Grant,
    /// The council refuses, with a reason.
    Refuse,
    /// The council asks for more information.
    AskInformation,
    /// The applicant answers the council's question.
    Answer,
    /// The carrier files the final report once the project is done.
    Report,
}

/// The status after `step` from `status`, or the French reason why the step is out of order.
pub fn next_status(status: ApplicationStatus, step: Step) -> Result<ApplicationStatus, String> {
    use ApplicationStatus::{Granted, Information, Refused, Reported, Submitted};
    match (status, step) {
        (Submitted, Step::Grant) => Ok(Granted),
        (Submitted, Step::Refuse) => Ok(Refused),
        (Submitted, Step::AskInformation) => Ok(Information),
        (Information, Step::Answer) => Ok(Submitted),
        (Granted, Step::Report) => Ok(Reported),
        (Information, _) => Err("Le conseil attend d'abord la réponse du porteur à sa question.".into()),
        (Granted | Refused | Reported, Step::Grant | Step::Refuse | Step::AskInformation) => {
            Err("Cette demande a déjà reçu la décision du conseil.".into())
        }
        (_, Step::Answer) => Err("Le conseil n'attend pas de complément sur cette demande.".into()),
        (Submitted, Step::Report) => Err("Le bilan se dépose une fois l'aide accordée.".into()),
        (Reported, Step::Report) => Err("Le bilan de ce projet est déjà déposé.".into()),
        (Refused, Step::Report) => Err("Cette demande ne permet plus cette étape.".into()),
    }
}

/// A line of the project's budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub label: String,
    pub amount: i64,
}

/// One expense per line, `label ; amount`: `Location de salle ; 150` → its lines, or the message.
pub fn parse_budget_lines(text: &str) -> Result<Vec<BudgetLine>, String> {
    let mut lines = Vec::new();
    for (number, line) in text.lines().map(str::trim).filter(|line| !line.is_empty()).enumerate() {
        let problem = || {
            format!("Ligne {} : écrivez « dépense ; montant », par exemple « Location de salle ; 150 ».", number + 1)
        };
        let (label, amount) = line.rsplit_once(';').ok_or_else(problem)?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 150 {
            return Err(problem());
        }
        let amount = parse_euros(amount).ok_or_else(problem)?;
        lines.push(BudgetLine { label: label.to_string(), amount });
    }
    if lines.is_empty() {
        return Err("Indiquez au moins une dépense, une par ligne : « dépense ; montant ».".into());
    }
    if lines.len() > MAX_BUDGET_LINES {
        return Err(format!("Au plus {MAX_BUDGET_LINES} lignes de dépenses."));
    }
    Ok(lines)
}

/// An application as typed in the form.
#[derive(Debug, Clone, Default)]
pub struct ApplicationForm<'a> {
    pub council_id: &'a str,
    pub territory_id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub carrier_kind: &'a str,
    pub carrier_name: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub budget: &'a str,
    pub requested: &'a str,
    pub other_funding: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidApplication {
    pub council_id: i64,
    pub territory_id: i64,
    pub title: String,
    pub description: String,
    pub carrier_kind: &'static str,
    pub carrier_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub budget: Vec<BudgetLine>,
    pub total: i64,
    pub requested: i64,
    pub other_funding: String,
}

impl ValidApplication {
    /// The envelope it draws on: the year the project starts.
    pub fn year(&self) -> i64 {
        i64::from(self.starts_on.year())
    }
}

/// Checks an application against the councils and the neighbourhoods each covers, as
/// (council, neighbourhood) pairs; `today` bounds the dates.
pub fn check_application(
    form: &ApplicationForm<'_>,
    councils: &[(i64, String)],
    covered: &[(i64, i64)],
    neighbourhoods: &[(i64, String)],
    today: NaiveDate,
) -> Result<ValidApplication, FormErrors> {
    let mut errors = FormErrors::default();
    for (field, value) in [
        ("council_id", form.council_id),
        ("territory_id", form.territory_id),
        ("title", form.title),
        ("description", form.description),
        ("carrier_kind", form.carrier_kind),
        ("carrier_name", form.carrier_name),
        ("starts_on", form.starts_on),
        ("ends_on", form.ends_on),
        ("budget", form.budget),
        ("requested", form.requested),
        ("other_funding", form.other_funding),
    ] {
        errors.keep(field, value.trim());
    }
    let council_id = errors.chosen("council_id", form.council_id, councils, "Choisissez le conseil citoyen.");
    let territory_id =
        errors.chosen("territory_id", form.territory_id, neighbourhoods, "Choisissez le quartier du projet.");
    if let (Some(council), Some(territory)) = (council_id, territory_id) {
        let local = covered.iter().any(|(c, _)| *c == council);
        if local && !covered.contains(&(council, territory)) {
            errors.add("territory_id", "Ce quartier n'est pas couvert par le conseil choisi.");
        }
    }
    let mut text = |field: &str, raw: &str, what: &str, min: usize, max: usize| match bounded_text(raw, what, min, max)
    {
        Ok(text) => text,
        Err(message) => {
            errors.add(field, message);
            String::new()
        }
    };
    let title = text("title", form.title, "le titre du projet", 5, 150);
    let description = text("description", form.description, "la description du projet", 20, 3000);
    let carrier_name = text("carrier_name", form.carrier_name, "le nom du porteur", 2, 150);
    let other_funding = if form.other_funding.trim().is_empty() {
        String::new()
    } else {
        text("other_funding", form.other_funding, "les autres financements", 2, 1000)
    };
    let carrier_kind = CARRIER_KINDS.iter().find(|(code, _)| *code == form.carrier_kind.trim()).map(|(code, _)| *code);
    if carrier_kind.is_none() {
        errors.add("carrier_kind", "Indiquez qui porte le projet : une association ou un groupe d'habitants.");
    }
    let day = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    let starts_on = day(form.starts_on);
    let ends_on = day(form.ends_on);
    match starts_on {
        None => errors.add("starts_on", "Indiquez la date de début au format AAAA-MM-JJ."),
        Some(start) if start < today => errors.add("starts_on", "Le projet doit commencer aujourd'hui ou plus tard."),
        Some(start) if start > today + chrono::Months::new(24) => {
            errors.add("starts_on", "Le projet doit commencer dans les deux ans.")
        }
        Some(_) => {}
    }
    match (starts_on, ends_on) {
        (_, None) => errors.add("ends_on", "Indiquez la date de fin au format AAAA-MM-JJ."),
        (Some(start), Some(end)) if end < start => {
            errors.add("ends_on", "La date de fin ne peut précéder la date de début.")
        }
        _ => {}
    }
    let budget = parse_budget_lines(form.budget).unwrap_or_else(|message| {
        errors.add("budget", message);
        Vec::new()
    });
    let total: i64 = budget.iter().map(|line| line.amount).sum();
    let requested = parse_euros(form.requested);
    match requested {
        None => errors.add("requested", "Indiquez le montant demandé, en euros (par exemple 450 ou 450,50)."),
        Some(amount) if !budget.is_empty() && amount > total => {
            errors.add("requested", format!("Le montant demandé dépasse le budget total du projet ({}).", euros(total)))
        }
        Some(_) => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    match (council_id, territory_id, carrier_kind, starts_on, ends_on, requested) {
        (Some(council_id), Some(territory_id), Some(carrier_kind), Some(starts_on), Some(ends_on), Some(requested)) => {
            Ok(ValidApplication {
                council_id,
                territory_id,
                title,
                description,
                carrier_kind,
                carrier_name,
                starts_on,
                ends_on,
                budget,
                total,
                requested,
                other_funding,
            })
        }
        _ => Err(FormErrors::default()),
    }
}

/// A final report as checked: what was actually spent and how many took part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReport {
    pub spent: i64,
    pub participants: i64,
    pub summary: String,
}

/// Checks the final report's fields; on failure, the code the form's address carries back.
pub fn check_report(spent: &str, participants: &str, summary: &str) -> Result<ValidReport, &'static str> {
    let spent = parse_euros(spent).ok_or("depenses")?;
    let participants =
        participants.trim().parse::<i64>().ok().filter(|n| (1..=100_000).contains(n)).ok_or("participants")?;
    let summary = bounded_text(summary, "le bilan", 20, 3000).map_err(|_| "bilan")?;
    Ok(ValidReport { spent, participants, summary })
}

/// The French reason for a refused final report, from its code.
pub fn report_problem(code: &str) -> Option<&'static str> {
    Some(match code {
        "depenses" => "Indiquez les dépenses réelles, en euros.",
        "participants" => "Indiquez le nombre de participants (un nombre entier).",
        "bilan" => "Racontez le projet en 20 à 3 000 caractères.",
        "etape" => "Le bilan se dépose une fois l'aide accordée, et une seule fois.",
        _ => return None,
    })
}

/// A minutes month (`2020-01`, a month field) → the first day of the month, `2020-01-01`.
pub fn minutes_day(raw: &str) -> Option<String> {
    let day = NaiveDate::parse_from_str(&format!("{}-01", raw.trim()), "%Y-%m-%d").ok()?;
    (1990..=2100).contains(&day.year()).then(|| day.format("%Y-%m-%d").to_string())
}

/// `2020-01-01` → `Comptes-rendus de réunion des Conseils Citoyens – Janvier 2020`.
pub fn minutes_title(day: &str) -> String {
    let month = day.get(5..7).and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let month = month.map_or_else(String::new, |name| capitalised(name));
    format!("Comptes-rendus de réunion des Conseils Citoyens – {month} {}", day.get(..4).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn form<'a>() -> ApplicationForm<'a> {
        ApplicationForm {
            council_id: "2",
            territory_id: "10",
            title: "Fête des voisins de Tamaris",
            description: "Un repas partagé au pied des immeubles, avec un spectacle pour les enfants.",
            carrier_kind: "habitants",
            carrier_name: "Les voisins de Tamaris",
            starts_on: "2027-06-05",
            ends_on: "2027-06-05",
            budget: "Location de tables ; 120\nSpectacle ; 300,50\n",
            requested: "400",
            other_funding: "",
        }
    }

    fn check(form: &ApplicationForm<'_>) -> Result<ValidApplication, FormErrors> {
        let councils = [(1, "Alès Agglo".to_string()), (2, "Tamaris".to_string())];
        let neighbourhoods = [(10, "Tamaris".to_string()), (11, "Rive Droite".to_string())];
        check_application(form, &councils, &[(2, 10)], &neighbourhoods, today())
    }

    #[test]
    fn amounts_read_and_print_the_french_way() {
        assert_eq!(parse_euros("1 200,50"), Some(120_050));
        assert_eq!(parse_euros("1200.5 €"), Some(120_050));
        assert_eq!(parse_euros("150"), Some(15_000));
        for bad in ["", "0", "-5", "12,345", "abc", "10 000 000"] {
            assert_eq!(parse_euros(bad), None, "{bad}");
        }
        assert_eq!(euros(120_050), "1 200,50 €");
        assert_eq!(euros(1_500_000), "15 000 €");
        assert_eq!(euros(5), "0,05 €");
    }

    #[test]
    fn the_envelope_refuses_more_than_it_has_left() {
        let envelope = Envelope { amount: 500_000, granted: 420_000 };
        assert_eq!(envelope.remaining(), 80_000);
        assert_eq!(check_grant(80_000, 90_000, 2027, Some(envelope)), Ok(()));
        assert_eq!(
            check_grant(80_001, 90_000, 2027, Some(envelope)),
            Err("Le montant accordé (800,01 €) dépasse ce qui reste de l'enveloppe 2027 (800 € sur 5 000 €).".into())
        );
        assert!(check_grant(95_000, 90_000, 2027, Some(envelope)).unwrap_err().contains("montant demandé"));
        assert!(
            check_grant(10_000, 90_000, 2028, None).unwrap_err().starts_with("Aucune enveloppe n'est fixée pour 2028")
        );
        assert!(check_grant(0, 90_000, 2027, Some(envelope)).is_err());
    }

    #[test]
    fn steps_follow_the_order_of_the_fund() {
        use ApplicationStatus::{Granted, Information, Refused, Reported, Submitted};
        assert_eq!(next_status(Submitted, Step::AskInformation), Ok(Information));
        assert_eq!(next_status(Information, Step::Answer), Ok(Submitted));
        assert_eq!(next_status(Submitted, Step::Grant), Ok(Granted));
        assert_eq!(next_status(Submitted, Step::Refuse), Ok(Refused));
        assert_eq!(next_status(Granted, Step::Report), Ok(Reported));
        for (status, step) in [
            (Submitted, Step::Report),
            (Submitted, Step::Answer),
            (Information, Step::Grant),
            (Granted, Step::Grant),
            (Refused, Step::Report),
            (Reported, Step::Report),
            (Reported, Step::Refuse),
        ] {
            assert!(next_status(status, step).is_err(), "{status:?} {step:?}");
        }
    }

    #[test]
    fn a_complete_application_is_accepted_with_its_budget() {
        let valid = check(&form()).unwrap();
        assert_eq!(valid.total, 42_050);
        assert_eq!(valid.requested, 40_000);
        assert_eq!(valid.year(), 2027);
        assert_eq!(valid.budget[1], BudgetLine { label: "Spectacle".into(), amount: 30_050 });
    }

    #[test]
    fn a_faulty_application_says_what_to_fix() {
        let errors = check(&ApplicationForm {
            territory_id: "11",
            title: "Fête",
            carrier_kind: "entreprise",
            starts_on: "2026-01-01",
            ends_on: "2025-12-31",
            budget: "Tables 120",
            requested: "abc",
            ..form()
        })
        .unwrap_err();
        let fields: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(fields, ["territory_id", "title", "carrier_kind", "starts_on", "ends_on", "budget", "requested"]);
        assert_eq!(errors.value("title").as_deref(), Some("Fête"));
        let errors = check(&ApplicationForm { requested: "500", ..form() }).unwrap_err();
        assert_eq!(
            errors.message("requested").as_deref(),
            Some("Le montant demandé dépasse le budget total du projet (420,50 €).")
        );
        // The agglomeration council covers every neighbourhood.
        assert!(check(&ApplicationForm { council_id: "1", territory_id: "11", ..form() }).is_ok());
    }

    #[test]
    fn budget_lines_and_reports_are_checked() {
        assert!(parse_budget_lines("").is_err());
        assert_eq!(parse_budget_lines("Goûter ; 1 000").unwrap()[0].amount, 100_000);
        assert!(parse_budget_lines("Goûter ; zéro").unwrap_err().starts_with("Ligne 1"));
        assert_eq!(check_report("380,20", "45", "Une belle fête, 45 voisins, deux spectacles.").unwrap().spent, 38_020);
        assert_eq!(check_report("", "45", "Une belle fête, 45 voisins."), Err("depenses"));
        assert_eq!(check_report("380", "beaucoup", "Une belle fête, 45 voisins."), Err("participants"));
        assert_eq!(check_report("380", "45", "Bien."), Err("bilan"));
        assert_eq!(minutes_day("2020-01").as_deref(), Some("2020-01-01"));
        assert_eq!(minutes_day("janvier"), None);
        assert_eq!(minutes_title("2019-12-01"), "Comptes-rendus de réunion des Conseils Citoyens – Décembre 2019");
    }
}
