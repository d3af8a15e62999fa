//! The CLI's commands that do not serve: first staff account, backup, Pabulib and sortition files.
use app::accounts::{
    domain::{Password, parse_display_name},
    password::hash_password,
    store,
};
use app::neighbourhood_councils::sortition::{
    self as sortition, DrawRecord, Instance, Quota, Seed, SortitionError, Source, draw_record, greedy_probabilities,
    leximin, parse_pool, parse_quotas, replacement_record, verify, verify_link,
};
use app::platform::db::{self, Backend, Pool};
use app::platform::identity::{Email, Role};
use app::platform::session::random_token;
use std::path::Path;

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
pub async fn backup(pool: &Pool, backend: Backend, database_url: &str, target: &Path) -> Result<String, String> {
    match backend {
        Backend::Sqlite => {
            if target.exists() {
                return Err(format!("{} existe déjà : choisissez un autre fichier.", target.display()));
            }
            // A copy of every account and ballot: readable by the server's account only.
            db::create_private_file(target)?;
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
pub fn pb_compute(file: &Path, rule: &str) -> Result<Vec<String>, String> {
    use app::budget::domain::{Rule, compute, parse_pb};
    let text = std::fs::read_to_string(file).map_err(|error| format!("{} : {error}", file.display()))?;
    let parsed = parse_pb(&text).map_err(|error| format!("{} : {error}", file.display()))?;
    let rule: Rule = rule.parse()?;
    compute(&parsed, rule)
}

/// `agora pb import`: a Pabulib file as a closed campaign; says where its results are, or `None`
/// when the campaign was imported before.
pub async fn pb_import(pool: &Pool, text: &str) -> Result<Option<String>, String> {
    use app::budget::{
        domain::{import::plan_import, parse_pb},
        store::import_campaign,
    };
    let plan = plan_import(&parse_pb(text).map_err(|error| error.to_string())?)?;
    let imported = import_campaign(pool, &plan).await.map_err(|error| error.to_string())?;
    Ok(imported.map(|_| {
        format!(
            "Campagne importée : {} ({} projets, {} bulletins), résultats sur /budget/{}/resultats",
            plan.title,
            plan.projects.len(),
            plan.ballots.len(),
            plan.slug
        )
    }))
}

pub fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|error| format!("{} : {error}", path.display()))
}

/// A pool and quotas in the CSV shapes of `reference/sortition/`.
fn read_pool_and_quotas(pool: &Path, quotas: &Path) -> Result<(sortition::Pool, Vec<Quota>), String> {
    let named = |path: &Path, error: SortitionError| format!("{} : {error}", path.display());
    let parsed_pool = parse_pool(&read_text(pool)?).map_err(|error| named(pool, error))?;
    let parsed_quotas = parse_quotas(&read_text(quotas)?).map_err(|error| named(quotas, error))?;
    Ok((parsed_pool, parsed_quotas))
}

/// `agora sortition probabilities`: LEXIMIN on a pool and quotas in the published CSV shapes.
pub fn sortition_probabilities(
    pool: &Path,
    quotas: &Path,
    seats: u32,
    out: Option<&Path>,
    greedy_draws: u32,
) -> Result<String, String> {
    let (pool, quotas) = read_pool_and_quotas(pool, quotas)?;
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

fn read_record(path: &Path) -> Result<DrawRecord, String> {
    DrawRecord::from_json(&read_text(path)?).map_err(|error| format!("{} : {error}", path.display()))
}

/// Writes a record; a published record is never overwritten.
fn write_record(path: &Path, record: &DrawRecord) -> Result<(), String> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} existe déjà : choisissez un autre fichier.", path.display())
        } else {
            format!("{} : {error}", path.display())
        }
    })?;
    file.write_all(record.to_json().as_bytes()).map_err(|error| format!("{} : {error}", path.display()))
}

fn differences_report(title: &str, differences: &[String]) -> String {
    format!("{title} :\n  - {}", differences.join("\n  - "))
}

/// `agora sortition draw`: LEXIMIN, then the draw from the typed public sources.
pub fn sortition_draw(
    pool: &Path,
    quotas: &Path,
    seats: u32,
    sources: &[String],
    witnesses: &[String],
    out: &Path,
) -> Result<String, String> {
    let (pool, quotas) = read_pool_and_quotas(pool, quotas)?;
    let sources = sources.iter().map(|source| Source::parse(source)).collect();
    let record = draw_record(&pool, quotas, seats, sources, witnesses.to_vec()).map_err(|error| error.to_string())?;
    write_record(out, &record)?;
    Ok(format!(
        "Graine : {}\nTirés au sort : {}\nEmpreinte de l'annonce : {}\nDossier public écrit dans {}\n",
        record.draw.seed,
        record.draw.selected.join(", "),
        record.announcement_sha256,
        out.display()
    ))
}

/// `agora sortition verify`: the French summary, or every difference as the error.
pub fn sortition_verify(record: &Path, previous: Option<&Path>) -> Result<String, String> {
    let checked = read_record(record)?;
    let mut differences = verify(&checked);
    if let Some(previous) = previous {
        let earlier = read_record(previous)?;
        differences.extend(verify(&earlier).into_iter().map(|difference| format!("tirage précédent : {difference}")));
        differences.extend(verify_link(&checked, &earlier));
    }
    if !differences.is_empty() {
        return Err(differences_report(
            &format!("{} ne correspond pas au tirage recalculé", record.display()),
            &differences,
        ));
    }
    let link = match (&checked.announcement.replacement, previous) {
        (Some(_), None) => " (lien avec le tirage précédent non vérifié : ajoutez --previous)",
        _ => "",
    };
    Ok(format!("Tirage vérifié : {}{link}\n", checked.summary()))
}

/// `agora sortition replace`: a replacement record continuing a verified one.
pub fn sortition_replace(
    record: &Path,
    withdrawn: &[String],
    sources: &[String],
    witnesses: &[String],
    out: &Path,
) -> Result<String, String> {
    let previous = read_record(record)?;
    let differences = verify(&previous);
    if !differences.is_empty() {
        return Err(differences_report(
            &format!("{} ne correspond pas au tirage recalculé, pas de remplacement", record.display()),
            &differences,
        ));
    }
    let sources = sources.iter().map(|source| Source::parse(source)).collect();
    let replacement =
        replacement_record(&previous, withdrawn, sources, witnesses.to_vec()).map_err(|error| error.to_string())?;
    write_record(out, &replacement)?;
    Ok(format!(
        "Graine : {}\nRemplaçants : {}\nNouveau panel : {}\nDossier public écrit dans {}\n",
        replacement.draw.seed,
        replacement.draw.selected.join(", "),
        replacement.panel().join(", "),
        out.display()
    ))
}
