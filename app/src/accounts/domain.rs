//! Account rules as parsed types: a `Password` or a birth date exists only if valid (the address
//! is `platform::identity::Email`).
use crate::platform::identity::age_on;
use chrono::NaiveDate;
use std::{collections::HashSet, sync::OnceLock};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::identity::Role;

    fn date(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
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
