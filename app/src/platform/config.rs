//! Runtime configuration from environment variables, with the defaults the README documents.
use super::client_address::TrustedProxies;
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub base_url: String,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub data_dir: PathBuf,
    /// AGORA_MAIL_DIR: without SMTP, each message becomes a file here (the machine's operator reads
    /// them, staff through the web cannot).
    pub mail_dir: PathBuf,
    /// AGORA_MAIL_RETENTION_DAYS: sent messages (recipient and subject; bodies are emptied at once)
    /// are deleted this long after sending.
    pub mail_retention_days: i64,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub body_limit_bytes: usize,
    /// AGORA_BALLOT_KEY: the key linking a voter to a ballot they may change; by default
    /// `ballot.key` in the data folder, created at first start (back it up apart from the database).
    pub ballot_key: Option<Redacted>,
    /// AGORA_TRUSTED_PROXIES: reverse proxies whose `X-Forwarded-For` names the client (addresses or
    /// CIDR blocks); empty by default, so that no client can pick the address it is limited by.
    pub trusted_proxies: TrustedProxies,
}

/// A secret setting, never printed.
#[derive(Clone)]
pub struct Redacted(pub String);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("(secret)")
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let get = |key: &str| lookup(key).filter(|value| !value.trim().is_empty());
        let site_addr: SocketAddr = get("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|_| "LEPTOS_SITE_ADDR : adresse invalide (ex. 127.0.0.1:3000)".to_string())?;
        let base_url =
            get("AGORA_BASE_URL").unwrap_or_else(|| format!("http://{site_addr}")).trim_end_matches('/').to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err("AGORA_BASE_URL doit commencer par http:// ou https://".into());
        }
        let minutes = |key: &str, default: u64| -> Result<Duration, String> {
            match get(key) {
                None => Ok(Duration::from_secs(default * 60)),
                Some(raw) => raw
                    .parse::<u64>()
                    .ok()
                    .filter(|value| *value > 0)
                    .map(|value| Duration::from_secs(value * 60))
                    .ok_or_else(|| format!("{key} : nombre de minutes attendu")),
            }
        };
        let body_limit_bytes = match get("AGORA_BODY_LIMIT_BYTES") {
            None => 1024 * 1024,
            Some(raw) => raw.parse().map_err(|_| "AGORA_BODY_LIMIT_BYTES : nombre d'octets attendu".to_string())?,
        };
        let data_dir = PathBuf::from(get("AGORA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let mail_retention_days = match get("AGORA_MAIL_RETENTION_DAYS") {
            None => 30,
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|days| (1..=3650).contains(days))
                .ok_or_else(|| "AGORA_MAIL_RETENTION_DAYS : nombre de jours attendu (1 à 3650)".to_string())?,
        };
        Ok(Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/agora.db".into()),
            site_addr,
            base_url,
            smtp_url: get("AGORA_SMTP_URL"),
            mail_from: get("AGORA_MAIL_FROM").unwrap_or_else(|| "Agora <ne-pas-repondre@agora.localhost>".into()),
            mail_dir: get("AGORA_MAIL_DIR").map(PathBuf::from).unwrap_or_else(|| data_dir.join("mail")),
            mail_retention_days,
            data_dir,
            // A few hours: a session left open on a shared computer ends the same afternoon.
            session_idle: minutes("AGORA_SESSION_IDLE_MINUTES", 60 * 4)?,
            session_absolute: minutes("AGORA_SESSION_ABSOLUTE_MINUTES", 60 * 24 * 30)?,
            body_limit_bytes,
            ballot_key: get("AGORA_BALLOT_KEY").map(Redacted),
            trusted_proxies: TrustedProxies::parse(&get("AGORA_TRUSTED_PROXIES").unwrap_or_default())?,
        })
    }

    /// Cookies carry `Secure` only when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_readme() {
        let config = Config::from_lookup(|_| None).unwrap();
        assert_eq!(config.database_url, "sqlite://data/agora.db");
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.base_url, "http://127.0.0.1:3000");
        assert!(!config.secure_cookies());
        assert_eq!(config.session_idle, Duration::from_secs(4 * 3600));
        assert_eq!(config.smtp_url, None);
        assert_eq!(config.mail_dir, PathBuf::from("data/mail"));
        assert_eq!(config.mail_retention_days, 30);
        assert_eq!(config.trusted_proxies, TrustedProxies::default());
    }

    #[test]
    fn mail_settings_are_read_and_checked() {
        let config = Config::from_lookup(|key| match key {
            "AGORA_DATA_DIR" => Some("/srv/agora".into()),
            "AGORA_MAIL_RETENTION_DAYS" => Some("7".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(config.mail_dir, PathBuf::from("/srv/agora/mail"));
        assert_eq!(config.mail_retention_days, 7);
        let config =
            Config::from_lookup(|key| (key == "AGORA_MAIL_DIR").then(|| "/var/mail/agora".to_string())).unwrap();
        assert_eq!(config.mail_dir, PathBuf::from("/var/mail/agora"));
        let error =
            Config::from_lookup(|key| (key == "AGORA_MAIL_RETENTION_DAYS").then(|| "0".to_string())).unwrap_err();
        assert!(error.contains("AGORA_MAIL_RETENTION_DAYS"));
    }

    #[test]
    fn https_base_url_makes_cookies_secure_and_bad_values_are_refused() {
        let config =
            Config::from_lookup(|key| (key == "AGORA_BASE_URL").then(|| "https://agora.example.fr/".to_string()))
                .unwrap();
        assert!(config.secure_cookies());
        assert_eq!(config.base_url, "https://agora.example.fr");
        let error =
            Config::from_lookup(|key| (key == "AGORA_SESSION_IDLE_MINUTES").then(|| "zéro".to_string())).unwrap_err();
        assert!(error.contains("AGORA_SESSION_IDLE_MINUTES"));
        assert!(Config::from_lookup(|key| (key == "LEPTOS_SITE_ADDR").then(|| "x".into())).is_err());
    }
}
