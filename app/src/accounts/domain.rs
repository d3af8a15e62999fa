//! Account rules as parsed types: an `Email`, a `Password` or a `BirthDate` exists only if valid.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::{collections::HashSet, sync::OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Resident,
    Moderator,
    Organiser,
    Staff,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Resident, Role::Moderator, Role::Organiser, Role::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Moderator => "moderator",
            Role::Organiser => "organiser",
            Role::Staff => "staff",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Resident => "Habitant·e",
            Role::Moderator => "Modération",
            Role::Organiser => "Organisation",
            Role::Staff => "Équipe (administration)",
        }
    }
}

/// A bare address (`prenom.nom@exemple.fr`), in one canonical form: what the mail library
/// (`lettre::Address`) accepts, lower-cased whole (domain and local part: Agora never tells two
/// accounts apart by case), and nothing the mailer would read as another mailbox: no display name,
/// angle brackets, quotes, comments or whitespace. Every form that takes an address parses it here.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

#[cfg(feature = "ssr")]
impl Email {
    pub fn parse(raw: &str) -> Result<Email, String> {
        // Spaces around the address are how forms arrive; inside it they are refused below.
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("Indiquez votre adresse électronique.".into());
        }
        if raw.len() > 254 {
            return Err("Cette adresse électronique est trop longue.".into());
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("L'adresse électronique ne doit contenir ni espace ni caractère invisible.".into());
        }
        if raw.chars().any(|c| "<>\"(),;:[]\\".contains(c)) {
            return Err("Indiquez l'adresse seule, sans nom, chevrons, guillemets ni commentaire \
                        (exemple : prenom.nom@exemple.fr)."
                .into());
        }
        let invalid = || "Adresse électronique invalide (exemple : prenom.nom@exemple.fr).".to_string();
        let lowered = raw.to_lowercase();
        let (local, domain) = lowered.split_once('@').ok_or_else(invalid)?;
        let dotted = domain.split('.').count() > 1 && domain.split('.').all(|label| !label.is_empty());
        if local.is_empty() || domain.contains('@') || !dotted {
            return Err(invalid());
        }
        let address = lettre::Address::new(local, domain).map_err(|_| invalid())?;
        Ok(Email(address.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| include_str!("common_passwords.txt").lines().collect())
}

/// A password that meets the policy: 8 to 128 characters, not among the 1,000 most common.
pub struct Password(String);

/// Redacted, so that a password never reaches a log through `{:?}`.
impl std::fmt::Debug for Password {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Password(***)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Password, String> {
        let length = raw.chars().count();
        if length < PASSWORD_MIN {
            return Err(format!("Le mot de passe doit compter au moins {PASSWORD_MIN} caractères."));
        }
        if length > PASSWORD_MAX {
            return Err(format!("Le mot de passe ne doit pas dépasser {PASSWORD_MAX} caractères."));
        }
        if common_passwords().contains(raw.to_lowercase().as_str()) {
            return Err("Ce mot de passe fait partie des plus courants : choisissez-en un autre.".into());
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

pub fn parse_display_name(raw: &str) -> Result<String, String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err("Indiquez le nom à afficher.".into()),
        1..=60 => Ok(name),
        _ => Err("Le nom affiché ne doit pas dépasser 60 caractères.".into()),
    }
}

/// A date of birth in the past, at most 120 years ago.
pub fn parse_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| "Date de naissance invalide (format attendu : AAAA-MM-JJ).".to_string())?;
    if date > today {
        return Err("La date de naissance ne peut pas être dans le futur.".into());
    }
    if age_on(date, today) > 120 {
        return Err("Vérifiez l'année de naissance.".into());
    }
    Ok(date)
}

/// Age in whole years on `day` (a person born on 29 February ages on 1 March in common years).
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// The last birth date at which someone is `years` old on `day` (born on 29 February: the 28th).
pub fn latest_birth_date(day: NaiveDate, years: i32) -> NaiveDate {
    let year = day.year() - years;
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), day.day() - 1))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_birth_date_is_the_last_day_of_the_age() {
        for (day, years) in [("2026-11-22", 11), ("2028-02-29", 11), ("2026-01-01", 16), ("2026-03-01", 18)] {
            let day = date(day);
            let latest = latest_birth_date(day, years);
            assert_eq!(age_on(latest, day), years, "{day}");
            assert_eq!(age_on(latest.succ_opt().unwrap(), day), years - 1, "{day}");
        }
    }

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Jeanne.Dupont@Exemple.FR ").unwrap().as_str(), "jeanne.dupont@exemple.fr");
        assert_eq!(
            Email::parse("j.dupont+petitions@mairie-bethune.fr").unwrap().as_str(),
            "j.dupont+petitions@mairie-bethune.fr"
        );
        for bad in
            ["", "jeanne", "jeanne@", "@exemple.fr", "a@b", "a b@exemple.fr", "a@@exemple.fr", "a@exemple.", "a@.fr"]
        {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn only_a_bare_address_is_accepted() {
        let bare = "Indiquez l'adresse seule";
        for (raw, message) in [
            // Each of these would reach the mailbox of me@x.fr while looking like another address.
            ("n1<me@x.fr>", bare),
            ("Jeanne <me@x.fr>", "ni espace"),
            ("<me@x.fr>", bare),
            ("\"n1\"@x.fr", bare),
            ("\"me@x.fr\"", bare),
            ("me(commentaire)@x.fr", bare),
            ("me@x.fr(commentaire)", bare),
            ("me@x.fr,autre@y.fr", bare),
            ("me@[127.0.0.1]", bare),
            ("me\t@x.fr", "ni espace"),
            ("me@x.fr\u{0}", "ni espace"),
            ("me\\@x.fr", bare),
            ("me@x.fr;", bare),
        ] {
            let error = Email::parse(raw).expect_err(raw);
            assert!(error.contains(message), "{raw:?}: {error}");
        }
        assert_eq!(Email::parse("ME@X.FR").unwrap(), Email::parse("me@x.fr").unwrap());
    }

    #[test]
    fn password_policy() {
        assert!(Password::parse("court").unwrap_err().contains("8"));
        assert!(Password::parse(&"x".repeat(129)).unwrap_err().contains("128"));
        assert!(Password::parse("password").unwrap_err().contains("courants"));
        assert!(Password::parse("PassWord").is_err(), "the check ignores case");
        assert!(Password::parse("qwertyuiop").is_err());
        assert_eq!(Password::parse("Vélo-Béthune-2026").unwrap().expose(), "Vélo-Béthune-2026");
        assert_eq!(common_passwords().len(), 1000);
    }

    #[test]
    fn ages_and_birth_dates() {
        assert_eq!(age_on(date("2013-09-01"), date("2024-09-01")), 11);
        assert_eq!(age_on(date("2013-09-02"), date("2024-09-01")), 10);
        assert_eq!(age_on(date("2008-02-29"), date("2024-02-28")), 15);
        assert!(parse_birth_date("2030-01-01", date("2026-11-21")).is_err());
        assert!(parse_birth_date("21/11/1990", date("2026-11-21")).unwrap_err().contains("AAAA"));
        assert!(parse_birth_date("1850-01-01", date("2026-11-21")).is_err());
        assert_eq!(parse_birth_date("1990-05-04", date("2026-11-21")), Ok(date("1990-05-04")));
    }

    #[test]
    fn roles_round_trip_and_names_are_tidied() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
        assert_eq!(parse_display_name("  Jeanne   D. ").unwrap(), "Jeanne D.");
        assert!(parse_display_name("   ").is_err());
        assert!(parse_display_name(&"é".repeat(61)).is_err());
    }
}
