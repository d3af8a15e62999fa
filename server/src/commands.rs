//! The CLI's administrative commands: first staff account and backup.
use app::accounts::{
    domain::{Email, Password, Role, parse_display_name},
    password::hash_password,
    store,
};
use app::platform::db::{self, Backend, Pool};
use app::platform::session::random_token;

/// Creates a verified staff account; returns the password (generated when none is given).
pub async fn create_admin(pool: &Pool, email: &str, name: &str, password: Option<String>) -> Result<String, String> {
    let email = Email::parse(email)?;
    let name = parse_display_name(name)?;
    let password = password.unwrap_or_else(|| random_token()[..20].to_string());
    let checked = Password::parse(&password)?;
    let hash = hash_password(checked.expose().to_string()).await.map_err(|error| error.to_string())?;
    let user = store::NewUser {
        email: email.as_str(),
        password_hash: &hash,
        display_name: &name,
        birth_date: "1970-01-01",
        commune_id: None,
        territory_id: None,
        role: Role::Staff.as_str(),
        verified: true,
    };
    match store::insert_user(pool, &user).await.map_err(|error| error.to_string())? {
        Some(_) => Ok(password),
        None => Err(format!("Un compte existe déjà pour {}.", email.as_str())),
    }
}

/// SQLite: a consistent copy taken while the server runs. PostgreSQL: the pg_dump command to run.
pub async fn backup(
    pool: &Pool,
    backend: Backend,
    database_url: &str,
    target: &std::path::Path,
) -> Result<String, String> {
    match backend {
        Backend::Sqlite => {
            if target.exists() {
                return Err(format!("{} existe déjà : choisissez un autre fichier.", target.display()));
            }
            sqlx::query("VACUUM INTO $1")
                .bind(target.to_string_lossy().to_string())
                .execute(pool)
                .await
                .map_err(|error| format!("sauvegarde impossible : {error}"))?;
            Ok(format!("Sauvegarde écrite dans {}", target.display()))
        }
        Backend::Postgres => Ok(format!(
            "Pour PostgreSQL, utilisez pg_dump :\n  pg_dump --format=custom --file={} '{}'",
            target.display(),
            database_url
        )),
    }
}

/// Used by `agora migrate`.
pub async fn migrate(database_url: &str) -> Result<(), String> {
    let (pool, backend) = db::connect(database_url).await?;
    db::migrate(&pool, backend).await
}

/// `agora pb compute`: the selected project ids of a Pabulib file under `rule`.
pub fn pb_compute(file: &std::path::Path, rule: &str) -> Result<Vec<String>, String> {
    use app::budget::domain::{Rule, compute, parse_pb};
    let text = std::fs::read_to_string(file).map_err(|error| format!("{} : {error}", file.display()))?;
    let parsed = parse_pb(&text).map_err(|error| format!("{} : {error}", file.display()))?;
    let rule: Rule = rule.parse()?;
    compute(&parsed, rule)
}

/// `agora sortition probabilities`: LEXIMIN on a pool and quotas in the published CSV shapes.
pub fn sortition_probabilities(
    pool: &std::path::Path,
    quotas: &std::path::Path,
    seats: u32,
    out: Option<&std::path::Path>,
    greedy_draws: u32,
) -> Result<String, String> {
    use app::sortition::domain::{Instance, Seed, greedy_probabilities, leximin, parse_pool, parse_quotas};
    let read =
        |path: &std::path::Path| std::fs::read_to_string(path).map_err(|error| format!("{} : {error}", path.display()));
    let pool = parse_pool(&read(pool)?).map_err(|error| error.to_string())?;
    let quotas = parse_quotas(&read(quotas)?).map_err(|error| error.to_string())?;
    let instance = Instance::new(pool, quotas, seats, false).map_err(|error| error.to_string())?;
    let started = std::time::Instant::now();
    let distribution = leximin(&instance).map_err(|error| error.to_string())?;
    let elapsed = started.elapsed();
    let probabilities = distribution.probabilities.clone();
    let minimum = probabilities.iter().copied().fold(f64::INFINITY, f64::min);
    if let Some(out) = out {
        let mut csv = String::from("id,probability\n");
        for (candidate, probability) in instance.pool().candidates.iter().zip(&probabilities) {
            csv.push_str(&format!("{},{probability:.9}\n", candidate.id));
        }
        std::fs::write(out, csv).map_err(|error| format!("{} : {error}", out.display()))?;
    }
    let mut report = format!(
        "personnes : {}\nsièges : {seats}\npanels dans la distribution : {}\nprobabilité minimale : {minimum:.6}\ntemps : {:.3} s\n",
        probabilities.len(),
        distribution.panels.len(),
        elapsed.as_secs_f64()
    );
    if greedy_draws > 0 {
        // A fixed seed: the baseline figure is the same at every run.
        let greedy = greedy_probabilities(&instance, &Seed::from_key("agora-greedy-baseline"), greedy_draws)
            .map_err(|error| error.to_string())?;
        let greedy_minimum = greedy.iter().copied().fold(f64::INFINITY, f64::min);
        let ratio = if greedy_minimum > 0.0 { format!("{:.1}", minimum / greedy_minimum) } else { "∞".into() };
        report.push_str(&format!(
            "méthode gloutonne (référence, {greedy_draws} tirages) : probabilité minimale {greedy_minimum:.4} ; LEXIMIN / glouton = {ratio}\n"
        ));
    }
    Ok(report)
}
