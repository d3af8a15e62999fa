//! Email: queued in the outbox table first, then delivered by a background sender, over SMTP when
//! it is configured, otherwise as files in the mail folder. Once delivered, a message's body is
//! emptied in the database: staff see who was written to, about what and when, never the text.
use super::api::OutboxEntry;
use super::{
    config::Config,
    db::{self, Pool},
    error::AppError,
    state::AppState,
};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Body, IntoBody,
        header::{ContentTransferEncoding, ContentType},
    },
};
use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};
use tokio::sync::Notify;

/// After this many failed attempts a message is left for staff to look at.
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues a message. It is delivered later, so a slow or absent SMTP server never blocks a request.
/// `executor` is the pool, or a transaction the message must share (it is queued if and only if the
/// rest is stored).
pub async fn queue<'e, E>(executor: E, recipient: &str, subject: &str, body: &str) -> Result<(), AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    queue_all(executor, &[(recipient, subject, body)]).await
}

/// Queues several messages (recipient, subject, body) in one statement; keep them to a few hundred.
pub async fn queue_all<'e, E, S>(executor: E, messages: &[(S, S, S)]) -> Result<(), AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
    S: AsRef<str>,
{
    if messages.is_empty() {
        return Ok(());
    }
    let now = db::now();
    let sql = format!(
        "INSERT INTO outbox (recipient, subject, body, created_at, next_attempt_at) VALUES {}",
        db::value_rows(messages.len(), 5, 1)
    );
    let mut insert = sqlx::query(&sql);
    for (recipient, subject, body) in messages {
        insert = insert.bind(recipient.as_ref()).bind(subject.as_ref()).bind(body.as_ref()).bind(now).bind(now);
    }
    insert.execute(executor).await?;
    Ok(())
}

/// Queues a message carrying a one-time link (`{base}{path}?jeton={token}`) and wakes the sender.
pub async fn send_link(
    state: &AppState,
    to: &str,
    subject: &str,
    intro: &str,
    path: &str,
    token: &str,
) -> Result<(), AppError> {
    let link = format!("{}{path}?jeton={token}", state.config.base_url);
    let body = format!(
        "Bonjour,\n\n{intro}\n\n{link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\n— Agora"
    );
    queue(&state.pool, to, subject, &body).await?;
    state.mail_wakeup.notify_one();
    Ok(())
}

pub async fn latest(pool: &Pool, limit: i64) -> Result<Vec<OutboxEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, recipient, subject, created_at, attempts, sent_at, last_error \
         FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Wait before the next try: 30 s, 1 min, 2 min… capped at one hour.
pub fn backoff_seconds(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 7)).min(3600)
}

/// Where messages go: an SMTP relay, or one file per message in a folder only the operator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Smtp { host: String, port: u16 },
    Files(PathBuf),
}

impl Delivery {
    /// SMTP when `AGORA_SMTP_URL` is set, files in `AGORA_MAIL_DIR` otherwise (the folder is
    /// created, readable by its owner only).
    pub fn from_config(config: &Config) -> Result<Delivery, String> {
        match &config.smtp_url {
            Some(url) => Delivery::smtp(url),
            None => {
                super::secrets::create_private_dir(&config.mail_dir).map_err(|error| {
                    format!("impossible de créer le dossier du courrier {} : {error}", config.mail_dir.display())
                })?;
                Ok(Delivery::Files(config.mail_dir.clone()))
            }
        }
    }

    pub fn smtp(url: &str) -> Result<Delivery, String> {
        let (host, port) = parse_smtp_url(url)?;
        Ok(Delivery::Smtp { host, port })
    }
}

enum Sink {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Sink {
    fn open(delivery: &Delivery) -> Sink {
        match delivery {
            Delivery::Smtp { host, port } => Sink::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .port(*port)
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            Delivery::Files(dir) => Sink::Files(dir.clone()),
        }
    }

    async fn send(&self, id: i64, from: &str, to: &str, subject: &str, body: &str) -> Result<(), String> {
        match self {
            Sink::Smtp(transport) => {
                let message = build_message(from, to, subject, body.to_string().into_body(None))?;
                transport.send(message).await.map(|_| ()).map_err(|error| error.to_string())
            }
            Sink::Files(dir) => {
                // Plain 8-bit text when it fits (readable as is), quoted-printable otherwise.
                let body = Body::new_with_encoding(body.to_string(), ContentTransferEncoding::EightBit).unwrap_or_else(
                    |raw| {
                        Body::new_with_encoding(raw, ContentTransferEncoding::QuotedPrintable)
                            .expect("quoted-printable encodes anything")
                    },
                );
                let message = build_message(from, to, subject, body)?;
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || write_mail_file(&dir, id, &message.formatted()))
                    .await
                    .map_err(|error| error.to_string())?
            }
        }
    }
}

/// Writes `<milliseconds>-<outbox id>.eml` (so names sort by sending time), readable by its owner
/// only, through a temporary name so that a reader never sees half a message.
fn write_mail_file(dir: &Path, id: i64, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let name = format!("{:013}-{id}.eml", chrono::Utc::now().timestamp_millis());
    let partial = dir.join(format!(".{name}.part"));
    let fail = |error: std::io::Error| format!("écriture de {} impossible : {error}", partial.display());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&partial).map_err(fail)?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(fail)?;
    std::fs::rename(&partial, dir.join(name)).map_err(fail)
}

/// Sends every due message once; a delivered message's body is emptied at once, so that no link
/// or code it carried can be read back from the database. Returns how many were delivered.
pub async fn deliver_due(pool: &Pool, delivery: &Delivery, from: &str) -> Result<usize, String> {
    let sink = Sink::open(delivery);
    let now = db::now();
    let due: Vec<(i64, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, recipient, subject, body, attempts, next_attempt_at FROM outbox \
         WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $2 ORDER BY id LIMIT 50",
    )
    .bind(now)
    .bind(MAX_ATTEMPTS)
    .fetch_all(pool)
    .await
    .map_err(|error| error.to_string())?;
    let mut delivered = 0;
    for (id, recipient, subject, body, attempts, next_attempt_at) in due {
        // Claim the message so a second instance does not send it too.
        let claimed = sqlx::query("UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3")
            .bind(now + 600)
            .bind(id)
            .bind(next_attempt_at)
            .execute(pool)
            .await
            .map_err(|error| error.to_string())?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        let outcome = sink.send(id, from, &recipient, &subject, &body).await;
        let query = match &outcome {
            Ok(()) => sqlx::query(
                "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, body = '' WHERE id = $2",
            )
            .bind(db::now())
            .bind(id),
            Err(error) => {
                tracing::warn!(id, %error, "email not delivered, will retry");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3",
                )
                .bind(db::now() + backoff_seconds(attempts))
                .bind(error.clone())
                .bind(id)
            }
        };
        query.execute(pool).await.map_err(|error| error.to_string())?;
        delivered += usize::from(outcome.is_ok());
    }
    Ok(delivered)
}

/// Deletes sent messages older than `retention_days` (recipient and subject; bodies are already
/// empty), and the files of the messages delivered to a folder as long ago: their links and
/// receipt codes must not outlive the retention either. Messages never delivered stay. Returns
/// how many rows were deleted.
pub async fn purge_sent(pool: &Pool, delivery: &Delivery, now: i64, retention_days: i64) -> Result<u64, AppError> {
    let cutoff = now - retention_days * 86_400;
    let deleted =
        sqlx::query("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < $1").bind(cutoff).execute(pool).await?;
    if let Delivery::Files(dir) = delivery {
        let removed = purge_mail_files(dir, cutoff.saturating_mul(1000)).map_err(|error| {
            tracing::error!(%error, folder = %dir.display(), "mail files purge");
            AppError::Internal
        })?;
        if removed > 0 {
            tracing::info!(removed, "sent mail files purged");
        }
    }
    Ok(deleted.rows_affected())
}

/// Removes the `<milliseconds>-<id>.eml` files written before `cutoff_millis`; any other file
/// in the folder is left alone.
fn purge_mail_files(dir: &Path, cutoff_millis: i64) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|name| name.strip_suffix(".eml")) else { continue };
        let Some((millis, id)) = stem.split_once('-') else { continue };
        let written = millis.parse::<i64>().ok().filter(|_| id.parse::<i64>().is_ok());
        if written.is_some_and(|written| written < cutoff_millis) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// `smtp://host[:port]`: a relay on the local network or machine (TLS to the outside is the
/// relay's job, so the server needs no TLS stack).
pub fn parse_smtp_url(url: &str) -> Result<(String, u16), String> {
    let invalid = || format!("AGORA_SMTP_URL invalide « {url} » : attendu smtp://hôte[:port]");
    let rest = url.strip_prefix("smtp://").ok_or_else(invalid)?.trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().map_err(|_| invalid())?),
        None => (rest, 25),
    };
    if host.is_empty() {
        return Err(invalid());
    }
    Ok((host.to_string(), port))
}

fn build_message(from: &str, to: &str, subject: &str, body: Body) -> Result<Message, String> {
    Message::builder()
        .from(from.parse().map_err(|_| format!("expéditeur invalide « {from} »"))?)
        .to(to.parse().map_err(|_| format!("destinataire invalide « {to} »"))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|error| error.to_string())
}

/// The background sender: delivers when woken, and every few seconds for retries.
pub async fn run_sender(pool: Pool, delivery: Delivery, from: String, wakeup: Arc<Notify>) {
    loop {
        if let Err(error) = deliver_due(&pool, &delivery, &from).await {
            tracing::error!(%error, "mail sender");
        }
        let _ = tokio::time::timeout(Duration::from_secs(5), wakeup.notified()).await;
    }
}

/// Deletes sent messages past their retention, every hour.
pub async fn run_purge(pool: Pool, delivery: Delivery, retention_days: i64) {
    loop {
        match purge_sent(&pool, &delivery, db::now(), retention_days).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "sent emails purged"),
            Err(error) => tracing::error!(%error, "mail purge"),
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::{backoff_seconds, parse_smtp_url};

    #[test]
    fn smtp_urls() {
        assert_eq!(parse_smtp_url("smtp://127.0.0.1:2525"), Ok(("127.0.0.1".into(), 2525)));
        assert_eq!(parse_smtp_url("smtp://relais.mairie.fr"), Ok(("relais.mairie.fr".into(), 25)));
        assert!(parse_smtp_url("http://x").is_err());
        assert!(parse_smtp_url("smtp://:25").is_err());
        assert!(parse_smtp_url("smtp://h:port").is_err());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_seconds(0), 30);
        assert_eq!(backoff_seconds(1), 60);
        assert_eq!(backoff_seconds(3), 240);
        assert_eq!(backoff_seconds(7), 3600);
        assert_eq!(backoff_seconds(40), 3600);
    }
}
