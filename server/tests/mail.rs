//! Delivery through a real (tiny) SMTP server on the loopback, and retries when none answers.

use crate::common::{TestDb, eml_body, mail_file};
use app::platform::{config::Config, db, mail};
use std::sync::{Arc, Mutex};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
};

const FROM: &str = "Agora <ne-pas-repondre@agora.localhost>";

/// What one SMTP session carried.
#[derive(Debug, Default, Clone)]
struct Envelope {
    mail_from: String,
    recipients: Vec<String>,
    data: String,
}

/// Accepts SMTP sessions on 127.0.0.1 and records each one; just enough of RFC 5321 for lettre.
async fn smtp_server() -> (u16, Arc<Mutex<Vec<Envelope>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
    let port = listener.local_addr().expect("address").port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let sink = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let sink = sink.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let mut envelope = Envelope::default();
                write.write_all(b"220 test.localhost ESMTP\r\n").await?;
                while let Some(line) = lines.next_line().await? {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 test.localhost\r\n"
                    } else if upper.starts_with("MAIL FROM:") {
                        envelope.mail_from = line[10..].trim().to_string();
                        b"250 OK\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        envelope.recipients.push(line[8..].trim().to_string());
                        b"250 OK\r\n"
                    } else if upper == "DATA" {
                        write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                        while let Some(data_line) = lines.next_line().await? {
                            if data_line == "." {
                                break;
                            }
                            // Undo dot-stuffing.
                            let data_line = data_line.strip_prefix('.').unwrap_or(&data_line);
                            envelope.data.push_str(data_line);
                            envelope.data.push('\n');
                        }
                        sink.lock().expect("lock").push(std::mem::take(&mut envelope));
                        b"250 OK: queued\r\n"
                    } else if upper == "QUIT" {
                        write.write_all(b"221 Bye\r\n").await?;
                        break;
                    } else if upper == "RSET" || upper == "NOOP" {
                        b"250 OK\r\n"
                    } else {
                        b"502 Command not implemented\r\n"
                    };
                    write.write_all(reply).await?;
                }
                Ok::<_, std::io::Error>(())
            });
        }
    });
    (port, received)
}

struct Row {
    attempts: i64,
    sent_at: Option<i64>,
    last_error: Option<String>,
    next_attempt_at: i64,
}

async fn only_row(database: &TestDb) -> Row {
    let (attempts, sent_at, last_error, next_attempt_at): (i64, Option<i64>, Option<String>, i64) =
        sqlx::query_as("SELECT attempts, sent_at, last_error, next_attempt_at FROM outbox")
            .fetch_one(&database.pool)
            .await
            .expect("one outbox row");
    Row { attempts, sent_at, last_error, next_attempt_at }
}

async fn only_body(database: &TestDb) -> String {
    let (body,): (String,) = sqlx::query_as("SELECT body FROM outbox").fetch_one(&database.pool).await.unwrap();
    body
}

dual_test!(queued_mail_is_delivered_over_smtp, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    let (port, received) = smtp_server().await;
    let body = "Bonjour,\n\nOuvrez ce lien pour confirmer votre adresse :\nhttp://127.0.0.1/compte/verification?jeton=abc123\n\n-- Agora";
    mail::queue(&database.pool, "camille@exemple.fr", "Confirmez votre adresse - Agora", body).await.unwrap();
    let smtp = mail::Delivery::smtp(&format!("smtp://127.0.0.1:{port}")).unwrap();
    assert_eq!(mail::deliver_due(&database.pool, &smtp, FROM).await, Ok(1));

    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert!(message.mail_from.contains("ne-pas-repondre@agora.localhost"), "{message:?}");
    assert_eq!(message.recipients.len(), 1);
    assert!(message.recipients[0].contains("camille@exemple.fr"), "{message:?}");
    assert!(message.data.contains("Subject: Confirmez votre adresse - Agora"), "{}", message.data);
    assert!(message.data.contains("To: camille@exemple.fr"), "{}", message.data);
    // Line endings are CRLF on the wire; compare line by line.
    let data = message.data.replace('\r', "");
    for line in body.lines().filter(|line| !line.is_empty()) {
        assert!(data.lines().any(|sent| sent == line), "body line {line:?} missing from:\n{data}");
    }

    let row = only_row(&database).await;
    assert_eq!(row.attempts, 1);
    assert!(row.sent_at.is_some_and(|at| (at - db::now()).abs() < 60));
    assert_eq!(row.last_error, None);
    assert_eq!(only_body(&database).await, "", "the body is emptied once sent");
    // Sent messages are not sent again.
    assert_eq!(mail::deliver_due(&database.pool, &smtp, FROM).await, Ok(0));
    assert_eq!(received.lock().unwrap().len(), 1);
});

dual_test!(undeliverable_mail_stays_queued_with_backoff, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    // A port nobody listens on: bound, then released.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().port()
    };
    mail::queue(&database.pool, "camille@exemple.fr", "Sujet", "Corps").await.unwrap();
    let before = db::now();
    let smtp = mail::Delivery::smtp(&format!("smtp://127.0.0.1:{port}")).unwrap();
    assert_eq!(mail::deliver_due(&database.pool, &smtp, FROM).await, Ok(0));

    let row = only_row(&database).await;
    assert_eq!(row.attempts, 1);
    assert_eq!(row.sent_at, None);
    assert!(row.last_error.as_deref().is_some_and(|error| !error.is_empty()));
    assert!(row.next_attempt_at >= before + mail::backoff_seconds(0), "retry pushed back");
    assert!(row.next_attempt_at <= db::now() + mail::backoff_seconds(0));
    assert_eq!(only_body(&database).await, "Corps", "kept for the next try");
    // Not due yet: a second pass does not try again.
    assert_eq!(mail::deliver_due(&database.pool, &smtp, FROM).await, Ok(0));
    assert_eq!(only_row(&database).await.attempts, 1);
});

dual_test!(without_smtp_mail_goes_to_private_files_and_its_body_is_emptied, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    let dir = database.dir.path().join("courrier");
    let config = Config::from_lookup(|key| (key == "AGORA_MAIL_DIR").then(|| dir.display().to_string())).unwrap();
    let delivery = mail::Delivery::from_config(&config).unwrap();
    assert_eq!(delivery, mail::Delivery::Files(dir.clone()));
    let link = "http://127.0.0.1/compte/nouveau-mot-de-passe?jeton=0123456789abcdef";
    let body = format!(
        "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :\n\n{link}\n\n— Agora"
    );
    mail::queue(&database.pool, "camille@exemple.fr", "Nouveau mot de passe — Agora", &body).await.unwrap();
    // A line too long for plain 8-bit text goes quoted-printable.
    let long = format!("Début {} fin — {link}", "é".repeat(600));
    mail::queue(&database.pool, "dominique@exemple.fr", "Long", &long).await.unwrap();
    assert_eq!(mail::deliver_due(&database.pool, &delivery, FROM).await, Ok(2));

    let rows: Vec<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, body, sent_at FROM outbox ORDER BY id").fetch_all(&database.pool).await.unwrap();
    assert!(rows.iter().all(|(_, body, sent_at)| body.is_empty() && sent_at.is_some()), "{rows:?}");
    let file = mail_file(&dir, rows[0].0);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("To: camille@exemple.fr"), "{text}");
    assert_eq!(eml_body(&file).trim_end(), body);
    assert_eq!(eml_body(&mail_file(&dir, rows[1].0)).trim_end(), long);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(mail::deliver_due(&database.pool, &delivery, FROM).await, Ok(0), "sent once");
});

dual_test!(sent_mail_is_purged_after_its_retention, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    for recipient in ["ancien@exemple.fr", "recent@exemple.fr", "jamais@exemple.fr"] {
        mail::queue(&database.pool, recipient, "Sujet", "Corps").await.unwrap();
    }
    let now = db::now();
    for (recipient, sent_at) in [("ancien@exemple.fr", now - 31 * 86_400), ("recent@exemple.fr", now - 29 * 86_400)] {
        sqlx::query("UPDATE outbox SET sent_at = $1, body = '' WHERE recipient = $2")
            .bind(sent_at)
            .bind(recipient)
            .execute(&database.pool)
            .await
            .unwrap();
    }
    // Never delivered, and old: kept, for staff to see the failure.
    sqlx::query("UPDATE outbox SET created_at = $1 WHERE recipient = 'jamais@exemple.fr'")
        .bind(now - 90 * 86_400)
        .execute(&database.pool)
        .await
        .unwrap();
    assert_eq!(mail::purge_sent(&database.pool, &smtp_elsewhere(), now, 30).await.unwrap(), 1);
    let left: Vec<(String,)> =
        sqlx::query_as("SELECT recipient FROM outbox ORDER BY id").fetch_all(&database.pool).await.unwrap();
    assert_eq!(left, [("recent@exemple.fr".to_string(),), ("jamais@exemple.fr".to_string(),)]);
    assert_eq!(mail::purge_sent(&database.pool, &smtp_elsewhere(), now + 2 * 86_400, 30).await.unwrap(), 1);
});

/// A relay: nothing kept on this machine.
fn smtp_elsewhere() -> mail::Delivery {
    mail::Delivery::Smtp { host: "127.0.0.1".into(), port: 9 }
}

dual_test!(mail_files_are_deleted_with_their_retention, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    let dir = database.dir.path().join("courrier");
    let config = Config::from_lookup(|key| (key == "AGORA_MAIL_DIR").then(|| dir.display().to_string())).unwrap();
    let delivery = mail::Delivery::from_config(&config).unwrap();
    mail::queue(&database.pool, "camille@exemple.fr", "Lien", "http://x/compte/verification?jeton=abc").await.unwrap();
    assert_eq!(mail::deliver_due(&database.pool, &delivery, FROM).await, Ok(1));
    std::fs::write(dir.join("LISEZMOI.txt"), "notes de l'exploitant").unwrap();
    let files = || {
        let mut names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    };
    assert_eq!(files().len(), 2);
    let now = db::now();
    assert_eq!(mail::purge_sent(&database.pool, &delivery, now, 30).await.unwrap(), 0);
    assert_eq!(files().len(), 2, "within the retention: kept");
    assert_eq!(mail::purge_sent(&database.pool, &delivery, now + 31 * 86_400, 30).await.unwrap(), 1);
    assert_eq!(files(), ["LISEZMOI.txt"], "the message's file went with its row; other files stay");
});

dual_test!(texts_of_mail_sent_before_the_upgrade_are_emptied, |backend| {
    let database = TestDb::create(backend).await;
    database.migrate().await;
    mail::queue(&database.pool, "ancien@exemple.fr", "Sujet", "http://x/compte/verification?jeton=abc").await.unwrap();
    mail::queue(&database.pool, "attente@exemple.fr", "Sujet", "Pas encore envoyé").await.unwrap();
    sqlx::query("UPDATE outbox SET sent_at = 1 WHERE recipient = 'ancien@exemple.fr'")
        .execute(&database.pool)
        .await
        .unwrap();
    // As if the database came from before migration 0023: it runs again.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 23").execute(&database.pool).await.unwrap();
    database.migrate().await;
    let bodies: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM outbox ORDER BY id").fetch_all(&database.pool).await.unwrap();
    assert_eq!(bodies, [(String::new(),), ("Pas encore envoyé".to_string(),)]);
});
