//! Who is asking: roles, the canonical email address, ages, and the signed-in person as the pages
//! see them. Every space reads identity from here; the accounts space is the one that writes it.
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::platform::error::AppError;

/// What a person may do. Stored and sent as its code (`resident`, `staff`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// Read from the database: an unknown code is an error, never a role.
impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(code: String) -> Result<Role, String> {
        Role::parse(&code).ok_or_else(|| format!("rôle inconnu : {code}"))
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
}

/// Bumped after log-in and log-out so the header's account menu reloads.
#[derive(Clone, Copy)]
pub struct SessionEpoch(pub RwSignal<u32>);

/// The signed-in person (or none), loaded once per page for the header and the pages.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<UserSummary>, AppError>>);

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
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

    #[cfg(feature = "ssr")]
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
}
