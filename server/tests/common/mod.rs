//! Test harness: a fresh database per test (SQLite file or PostgreSQL database), the real server
//! on a random port, and HTTP "browsers" with their own cookie jars.
//!
//! The integration binary, the query-count test and the load bench each compile this module and use
//! only part of it.
#![allow(dead_code)]

use app::accounts::paths;
use app::platform::identity::Role;
use app::platform::{
    config::Config,
    db::{self, Backend, Pool},
    error::AppError,
};
use leptos::server_fn::ServerFn;
use rand::Rng;
use reqwest::{
    Method, Response, StatusCode, Url,
    header::{ACCEPT, HeaderMap, HeaderValue, ORIGIN},
};
use sqlx::{Connection, Executor, PgConnection};
use std::collections::HashMap;
use tokio::sync::oneshot;

/// Where a PostgreSQL server for tests listens; PostgreSQL tests are skipped without it.
pub const POSTGRES_ENV: &str = "AGORA_TEST_POSTGRES_URL";

pub fn postgres_admin_url() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|url| !url.trim().is_empty())
}

/// Runs one async test body on both backends: `name::sqlite` and `name::postgres`.
/// The PostgreSQL variant returns early, with a note, when `AGORA_TEST_POSTGRES_URL` is unset.
#[macro_export]
macro_rules! dual_test {
    ($name:ident, |$backend:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($backend: app::platform::db::Backend) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(app::platform::db::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::postgres_admin_url().is_none() {
                    eprintln!("skipped: set {} to run the PostgreSQL variant", $crate::common::POSTGRES_ENV);
                    return;
                }
                run(app::platform::db::Backend::Postgres).await;
            }
        }
    };
}

/// A store test written once, run on both backends against a fresh, migrated database.
#[macro_export]
macro_rules! store_test {
    ($name:ident, |$pool:ident| $body:block) => {
        $crate::dual_test!($name, |backend| {
            let database = $crate::common::TestDb::create(backend).await;
            database.migrate().await;
            let $pool: app::platform::db::Pool = database.pool.clone();
            $body
            // Dropped last (also when the body panics): the database goes with it.
            drop(database);
        });
    };
}

/// A fresh, empty database that disappears when dropped, even after a failed assertion.
pub struct TestDb {
    pub pool: Pool,
    pub backend: Backend,
    pub url: String,
    /// PostgreSQL only: drops the database when the test ends, however it ends.
    _postgres: Option<DropDatabase>,
    /// Holds the SQLite file and the data folder.
    pub dir: tempfile::TempDir,
}

impl TestDb {
    pub async fn create(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (url, guard) = match backend {
            Backend::Sqlite => (format!("sqlite://{}", dir.path().join("agora.db").display()), None),
            Backend::Postgres => {
                let admin = postgres_admin_url().expect("AGORA_TEST_POSTGRES_URL is set");
                let name = format!("agora_test_{:016x}", rand::thread_rng().r#gen::<u64>());
                let mut connection = PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL");
                connection.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
                connection.close().await.ok();
                // From here on the database is dropped whatever happens.
                let guard = DropDatabase { admin: admin.clone(), name: name.clone() };
                let mut url = Url::parse(&admin).expect("AGORA_TEST_POSTGRES_URL is a URL");
                url.set_path(&format!("/{name}"));
                (url.to_string(), Some(guard))
            }
        };
        let (pool, connected) = db::connect(&url).await.expect("connect to the test database");
        assert_eq!(connected, backend);
        TestDb { pool, backend, url, _postgres: guard, dir }
    }

    pub async fn migrate(&self) {
        db::migrate(&self.pool, self.backend).await.expect("migrations");
    }
}

struct DropDatabase {
    admin: String,
    name: String,
}

impl Drop for DropDatabase {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        // Drop runs inside the test's runtime, where we cannot block on async work:
        // a small runtime on its own thread drops the database (FORCE ends the app's connections).
        let outcome = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let mut connection = PgConnection::connect(&admin).await.map_err(std::io::Error::other)?;
                connection
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await
                    .map_err(std::io::Error::other)?;
                connection.close().await.map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(outcome, Ok(Ok(()))) {
            eprintln!("warning: test database {} not dropped: {outcome:?}", self.name);
        }
    }
}

/// The server running on a random port, over a fresh database loaded with the demo data.
pub struct TestApp {
    pub base: String,
    pub pool: Pool,
    pub backend: Backend,
    /// A browser without a session.
    pub browser: Browser,
    server: RunningServer,
    // Declared last so it is dropped after the server is told to stop.
    database: TestDb,
}

/// A server of a test: stopped when dropped.
struct RunningServer(Option<oneshot::Sender<()>>);

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.0.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Starts the app on a random port over `database`; returns its address and pool.
async fn serve(database: &TestDb, extra: &[(&'static str, &str)]) -> (String, Pool, RunningServer) {
    // Bound first, so that the public address (and so every emailed link) names the real port.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    let data_dir = database.dir.path().join("data");
    let mut settings: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", database.url.clone()),
        ("AGORA_DATA_DIR", data_dir.display().to_string()),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".to_string()),
        ("AGORA_BASE_URL", base.clone()),
    ]);
    settings.extend(extra.iter().map(|(key, value)| (*key, value.to_string())));
    let config = Config::from_lookup(|key| settings.get(key).cloned()).expect("test configuration");
    let state = server::startup::build_state(config).await.expect("build state");
    let pool = state.pool.clone();
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(server::startup::serve(state, listener, async move {
        let _ = stopped.await;
    }));
    (base, pool, RunningServer(Some(shutdown)))
}

/// See [`TestApp::second_instance`].
pub struct SecondInstance {
    pub base: String,
    _server: RunningServer,
}

impl SecondInstance {
    /// A new browser on this instance, signed in as the demo account of `role`.
    pub async fn login(&self, role: Role) -> Browser {
        signed_in(&self.base, role).await
    }
}

/// A new browser on the server at `base`, signed in as the demo account of `role`.
async fn signed_in(base: &str, role: Role) -> Browser {
    let (email, password) = demo_credentials(role);
    let browser = Browser::new(base);
    let response = browser.login(email, password).await;
    assert_eq!(response.status(), StatusCode::OK, "demo log-in as {role:?} failed");
    browser
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        let database = TestDb::create(backend).await;
        let (base, pool, server) = serve(&database, &[]).await;
        server::demo::load(&pool).await.expect("demo data");
        let browser = Browser::new(&base);
        TestApp { base, pool, backend, browser, server, database }
    }

    /// Another server over the same database and data folder, as a deployment with two
    /// instances behind a load balancer has.
    pub async fn second_instance(&self) -> SecondInstance {
        self.second_instance_with(&[]).await
    }

    /// [`TestApp::second_instance`] with more settings (environment variable, value).
    pub async fn second_instance_with(&self, extra: &[(&'static str, &str)]) -> SecondInstance {
        let (base, _, server) = serve(&self.database, extra).await;
        SecondInstance { base, _server: server }
    }

    /// A new browser with an empty cookie jar.
    pub fn new_browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// A new browser signed in as the demo account of `role`.
    pub async fn login(&self, role: Role) -> Browser {
        signed_in(&self.base, role).await
    }

    /// How many rows `sql` (a `SELECT COUNT(*) …`) counts.
    pub async fn count(&self, sql: &str) -> i64 {
        count(&self.pool, sql).await
    }

    /// The folder the server delivers mail to (no SMTP in tests): `AGORA_DATA_DIR/mail`.
    pub fn mail_dir(&self) -> std::path::PathBuf {
        self.database.dir.path().join("data").join("mail")
    }

    /// The messages to `recipient`, oldest first, once the sender has delivered every one of them:
    /// subjects from the outbox, bodies from the delivered files (the outbox keeps no body).
    pub async fn mails_to(&self, recipient: &str) -> Vec<Mail> {
        let waiting = async {
            loop {
                let (pending,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND sent_at IS NULL")
                        .bind(recipient)
                        .fetch_one(&self.pool)
                        .await
                        .expect("count pending mail");
                if pending == 0 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(20), waiting)
            .await
            .unwrap_or_else(|_| panic!("mail to {recipient} still undelivered after 20 s"));
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, subject FROM outbox WHERE recipient = $1 ORDER BY id")
                .bind(recipient)
                .fetch_all(&self.pool)
                .await
                .expect("outbox rows");
        rows.into_iter()
            .map(|(id, subject)| Mail { id, subject, body: eml_body(&mail_file(&self.mail_dir(), id)) })
            .collect()
    }

    /// The newest message to `recipient`.
    pub async fn last_mail_to(&self, recipient: &str) -> Mail {
        self.mails_to(recipient).await.pop().unwrap_or_else(|| panic!("no mail to {recipient}"))
    }

    /// The newest one-time link to `path` (`{base}{path}?jeton=…`) mailed to `recipient`.
    pub async fn mailed_link(&self, recipient: &str, path: &str) -> String {
        let prefix = format!("{}{path}?jeton=", self.base);
        self.mails_to(recipient)
            .await
            .iter()
            .rev()
            .find_map(|mail| {
                let start = mail.body.find(&prefix)?;
                let token: String =
                    mail.body[start + prefix.len()..].chars().take_while(char::is_ascii_hexdigit).collect();
                Some(format!("{prefix}{token}"))
            })
            .unwrap_or_else(|| panic!("no {path} link mailed to {recipient}"))
    }

    /// The token of [`TestApp::mailed_link`].
    pub async fn mailed_token(&self, recipient: &str, path: &str) -> String {
        let link = self.mailed_link(recipient, path).await;
        link.rsplit_once("jeton=").expect("a token").1.to_string()
    }
}

/// A delivered message: its outbox id and subject, and the body its file holds.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: i64,
    pub subject: String,
    pub body: String,
}

/// The file of outbox message `id` in `dir` (named `<milliseconds>-<id>.eml`).
pub fn mail_file(dir: &std::path::Path, id: i64) -> std::path::PathBuf {
    let suffix = format!("-{id}.eml");
    std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("mail folder {}: {error}", dir.display()))
        .map(|entry| entry.expect("folder entry").path())
        .find(|path| path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.ends_with(&suffix)))
        .unwrap_or_else(|| panic!("no file for message {id} in {}", dir.display()))
}

/// The text of an `.eml` file's body: plain 8-bit or quoted-printable, as the sender writes them.
pub fn eml_body(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).expect("read the message file").replace("\r\n", "\n");
    let (headers, body) = text.split_once("\n\n").expect("headers, a blank line, the body");
    let quoted_printable =
        headers.lines().any(|line| line.eq_ignore_ascii_case("content-transfer-encoding: quoted-printable"));
    if !quoted_printable {
        return body.to_string();
    }
    let mut bytes = Vec::new();
    let mut rest = body.replace("=\n", "").into_bytes().into_iter();
    while let Some(byte) = rest.next() {
        if byte == b'=' {
            let pair: Vec<u8> = rest.by_ref().take(2).collect();
            bytes.push(u8::from_str_radix(std::str::from_utf8(&pair).expect("hex digits"), 16).expect("an =XX escape"));
        } else {
            bytes.push(byte);
        }
    }
    String::from_utf8(bytes).expect("UTF-8 body")
}

pub async fn count(pool: &Pool, sql: &str) -> i64 {
    let (count,): (i64,) = sqlx::query_as(sql).fetch_one(pool).await.expect(sql);
    count
}

pub fn demo_credentials(role: Role) -> (&'static str, &'static str) {
    server::demo::DEMO_ACCOUNTS
        .iter()
        .find(|(_, _, _, account_role)| *account_role == role)
        .map(|(email, _, password, _)| (*email, *password))
        .expect("one demo account per role")
}

/// An uploaded file is downloaded, never shown on this site's origin, and sandboxed if it is.
pub fn assert_served_as_attachment(response: &Response, file_name: &str) {
    let headers = response.headers();
    assert_eq!(headers["content-disposition"], format!("attachment; filename=\"{file_name}\""));
    assert_eq!(headers["content-security-policy"], "sandbox");
    assert_eq!(headers["x-content-type-options"], "nosniff");
}

/// The URL path of server function `S`: a renamed function fails to compile here.
pub fn path_of<S: ServerFn>() -> &'static str {
    S::PATH
}

/// One HTTP client with its own cookie jar: a person using the site.
#[derive(Clone)]
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let mut headers = HeaderMap::new();
        // State-changing requests must name this site (see security::check_origin).
        headers.insert(ORIGIN, HeaderValue::from_str(base).expect("origin header"));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            // A request the server never answers fails the test, naming the address, instead of
            // holding the whole run until CI's limit.
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .expect("HTTP client");
        Browser { client, base: base.to_string() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Calls a server function the way the hydrated app does: form-encoded POST, JSON answer.
    pub async fn post_fn(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .header(ACCEPT, "application/json")
            .form(fields)
            .send()
            .await
            .expect("POST server function")
    }

    /// Calls a `GetUrl` server function, its arguments in the query string.
    pub async fn get_fn(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut url = Url::parse(&self.url(path)).expect("server function URL");
        if !fields.is_empty() {
            url.query_pairs_mut().extend_pairs(fields);
        }
        self.client.get(url).header(ACCEPT, "application/json").send().await.expect("GET server function")
    }

    pub async fn call(&self, method: &Method, path: &str, fields: &[(&str, &str)]) -> Response {
        if *method == Method::GET { self.get_fn(path, fields).await } else { self.post_fn(path, fields).await }
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post_fn(
            path_of::<app::accounts::api::Login>(),
            &[("email", email), ("password", password), ("next", paths::profile().as_str())],
        )
        .await
    }
}

/// The `AppError` a failed server function answered with.
pub async fn app_error(response: Response) -> AppError {
    let status = response.status();
    let body = response.text().await.expect("response body");
    serde_json::from_str(&body).unwrap_or_else(|_| panic!("expected an AppError, got {status}: {body}"))
}

/// The JSON a successful server function answered with (`serde_json::from_value` types it).
pub async fn json_ok(response: Response) -> serde_json::Value {
    let status = response.status();
    let body = response.text().await.expect("response body");
    assert_eq!(status, StatusCode::OK, "unexpected answer: {body}");
    serde_json::from_str(&body).unwrap_or_else(|error| panic!("unexpected JSON ({error}): {body}"))
}

/// A thread with `replies` replies to its first post, inserted in one statement.
pub async fn long_thread(app: &TestApp, replies: i64) -> i64 {
    let (theme,): (i64,) =
        sqlx::query_as("SELECT id FROM forum_themes ORDER BY id LIMIT 1").fetch_one(&app.pool).await.unwrap();
    let (author,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE email = 'habitante@demo.agora.fr'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let thread = app::forums::store::start_thread(
        &app.pool,
        theme,
        author,
        "Un très long fil",
        "Premier message",
        "<p>Premier message</p>\n",
    )
    .await
    .unwrap();
    let (first,): (i64,) = sqlx::query_as("SELECT id FROM forum_posts WHERE thread_id = $1")
        .bind(thread)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $4) \
         INSERT INTO forum_posts (thread_id, parent_id, root_id, author_id, body, body_html, created_at) \
         SELECT $1, $2, $2, $3, 'Réponse ' || n.i, '<p>Réponse ' || n.i || '</p>', n.i FROM n",
    )
    .bind(thread)
    .bind(first)
    .bind(author)
    .bind(replies)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE forum_threads SET posts = $2 WHERE id = $1")
        .bind(thread)
        .bind(replies + 1)
        .execute(&app.pool)
        .await
        .unwrap();
    thread
}

/// The French message of a refused action (409).
pub async fn refusal(response: Response) -> String {
    let status = response.status();
    match app_error(response).await {
        AppError::Refused(message) if status == StatusCode::CONFLICT => message,
        other => panic!("expected a refusal (409), got {status} {other:?}"),
    }
}

/// The fields a rejected form named (422), with their messages.
pub async fn field_errors(response: Response) -> Vec<(String, String)> {
    let status = response.status();
    match app_error(response).await {
        AppError::Invalid(form) if status == StatusCode::UNPROCESSABLE_ENTITY => form.fields,
        other => panic!("expected field errors (422), got {status} {other:?}"),
    }
}

/// Just the names of the fields a rejected form named.
pub async fn field_names(response: Response) -> Vec<String> {
    field_errors(response).await.into_iter().map(|(field, _)| field).collect()
}

/// Where a successful server function sends the browser next.
pub fn location(response: &Response) -> String {
    assert_eq!(response.status(), StatusCode::OK);
    response.headers().get(reqwest::header::LOCATION).expect("a redirect").to_str().unwrap().to_string()
}

/// `count` verified residents (born in 1990, of `territory_id`), each with an open session: their
/// session cookies (`name=value`), inserted in a few statements so that load tests start at once.
pub async fn signed_in_residents(pool: &Pool, count: usize, territory_id: Option<i64>) -> Vec<String> {
    use app::platform::session::{COOKIE, random_token, token_hash};
    let tag = random_token()[..10].to_string();
    let now = db::now();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < $2) \
         INSERT INTO users (email, password_hash, display_name, birth_date, territory_id, role, email_verified_at, \
         created_at) SELECT 'votant-' || $1 || '-' || n.i || '@exemple.fr', '!', 'Votant ' || n.i, '1990-01-01', \
         $3, 'resident', $4, $4 FROM n",
    )
    .bind(&tag)
    .bind(count as i64)
    .bind(territory_id)
    .bind(now)
    .execute(pool)
    .await
    .expect("insert residents");
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE email LIKE $1 ORDER BY id")
        .bind(format!("votant-{tag}-%"))
        .fetch_all(pool)
        .await
        .expect("resident ids");
    let tokens: Vec<String> = ids.iter().map(|_| random_token()).collect();
    let rows: Vec<String> = ids
        .iter()
        .zip(&tokens)
        .map(|((id,), token)| format!("('{}', {id}, {now}, {now})", token_hash(token)))
        .collect();
    for batch in rows.chunks(500) {
        sqlx::query(&format!(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES {}",
            batch.join(",")
        ))
        .execute(pool)
        .await
        .expect("insert sessions");
    }
    tokens.into_iter().map(|token| format!("{COOKIE}={token}")).collect()
}

/// The data of the next server-sent event of `response` (a feed kept open), within five seconds.
/// `buffer` keeps what was read past that event.
pub async fn next_event_data(response: &mut Response, buffer: &mut String) -> String {
    let read = async {
        loop {
            if let Some(end) = buffer.find("\n\n") {
                let data: Vec<&str> =
                    buffer[..end].lines().filter_map(|line| line.strip_prefix("data:")).map(str::trim_start).collect();
                let data = (!data.is_empty()).then(|| data.join("\n"));
                buffer.drain(..end + 2);
                match data {
                    Some(data) => return data,
                    None => continue,
                }
            }
            let chunk = response.chunk().await.expect("read the feed").expect("the feed stays open");
            buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(5), read).await.expect("an event within five seconds")
}

/// One page of a public list as a test reads it: how many items it held, which page it was, and
/// the title of its last item.
pub struct Listed {
    pub count: i64,
    pub shown: app::platform::paging::PageOf,
    pub last: Option<String>,
}

/// Checks that a list of `total` items comes `LIST_PAGE_SIZE` a page: the server function at
/// `path` (with `args` and `page`) is read as `T`, and `read` says what a page of it holds; the
/// very last item is `last_title`; a page past the end shows the last one.
pub async fn assert_paginated<T: serde::de::DeserializeOwned>(
    browser: &Browser,
    path: &str,
    args: &[(&str, &str)],
    read: impl Fn(T) -> Listed,
    total: i64,
    last_title: &str,
) {
    use app::platform::paging::{LIST_PAGE_SIZE, PageOf};
    let fetch = |page: &'static str| {
        let mut fields = args.to_vec();
        fields.push(("page", page));
        async move { serde_json::from_value::<T>(json_ok(browser.get_fn(path, &fields).await).await).expect("a page") }
    };
    let pages = (total + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE;
    let first = read(fetch("1").await);
    assert_eq!((first.count, first.shown), (LIST_PAGE_SIZE, PageOf { page: 1, pages }));
    let last = read(fetch("999").await);
    assert_eq!(last.shown.page, pages, "a page past the end shows the last one");
    assert_eq!(last.count, total - (pages - 1) * LIST_PAGE_SIZE);
    assert_eq!(last.last.as_deref(), Some(last_title));
}
