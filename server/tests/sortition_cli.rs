//! `agora sortition draw | verify | replace` on the shared 200-person example, through the real binary.
use std::path::Path;
use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../reference/sortition/example_small_20/");

fn agora(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agora")).args(args).output().expect("run agora")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn read_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("record")).expect("JSON")
}

fn ids(value: &serde_json::Value) -> Vec<String> {
    value.as_array().expect("ids").iter().map(|id| id.as_str().expect("id").to_string()).collect()
}

#[test]
fn draw_verify_tamper_and_replace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = path(dir.path(), "tirage.json");
    let pool = format!("{DATA}respondents.csv");
    let quotas = format!("{DATA}categories.csv");
    let draw_args = [
        "sortition",
        "draw",
        "--pool",
        &pool,
        "--quotas",
        &quotas,
        "--seats",
        "20",
        "--source",
        "3 5 1",
        "--source",
        "Loto du 12 mars 2026 : 5 12 23 34 45",
        "--witness",
        "Camille Martin",
        "--witness",
        "Jean Dupont",
        "--out",
        &record,
    ];
    let drawn = agora(&draw_args);
    assert!(drawn.status.success(), "{}", text(&drawn.stderr));
    let json = read_json(&record);
    let selected = ids(&json["draw"]["selected"]);
    assert_eq!(selected.len(), 20);
    let stdout = text(&drawn.stdout);
    assert!(stdout.contains(&format!("Graine : {}", json["draw"]["seed"].as_str().unwrap())), "{stdout}");
    assert!(stdout.contains(&format!("Tirés au sort : {}", selected.join(", "))), "{stdout}");
    assert_eq!(json["draw"]["key"], "1.3.5./5.12.23.34.45./");

    // A published record is never overwritten.
    let again = agora(&draw_args);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("existe déjà"), "{}", text(&again.stderr));

    let verified = agora(&["sortition", "verify", &record]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    let summary = text(&verified.stdout);
    assert!(summary.starts_with("Tirage vérifié : 20 sièges pourvus parmi 200 candidats : « "), "{summary}");
    assert!(summary.contains("témoins : Camille Martin, Jean Dupont"), "{summary}");

    // One selected id swapped for someone who was not drawn.
    let outsider = (1..=200).map(|n| n.to_string()).find(|id| !selected.contains(id)).unwrap();
    let mut tampered = json.clone();
    tampered["draw"]["selected"][0] = serde_json::Value::String(outsider.clone());
    let tampered_path = path(dir.path(), "falsifie.json");
    std::fs::write(&tampered_path, serde_json::to_string_pretty(&tampered).unwrap()).unwrap();
    let refused = agora(&["sortition", "verify", &tampered_path]);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("ne correspond pas au tirage recalculé"), "{stderr}");
    assert!(
        stderr.contains(&format!("le panel tiré diffère : en plus « {outsider} », en moins « {} »", selected[0])),
        "{stderr}"
    );
    assert!(!text(&refused.stdout).contains("Tirage vérifié"));

    // The first member withdraws.
    let replacement = path(dir.path(), "remplacement.json");
    let replaced = agora(&[
        "sortition",
        "replace",
        &record,
        "--withdrawn",
        &selected[0],
        "--source",
        "6 2 4",
        "--witness",
        "Camille Martin",
        "--out",
        &replacement,
    ]);
    assert!(replaced.status.success(), "{}", text(&replaced.stderr));
    let newcomer = ids(&read_json(&replacement)["draw"]["selected"]);
    assert_eq!(newcomer.len(), 1);
    assert!(!selected.contains(&newcomer[0]));
    let linked = agora(&["sortition", "verify", &replacement, "--previous", &record]);
    assert!(linked.status.success(), "{}", text(&linked.stderr));
    let summary = text(&linked.stdout);
    assert!(
        summary.starts_with(&format!("Tirage vérifié : remplacement de « {} » par « {} »", selected[0], newcomer[0])),
        "{summary}"
    );
    let wrong_link = agora(&["sortition", "verify", &replacement, "--previous", &tampered_path]);
    assert!(!wrong_link.status.success());
    assert!(
        text(&wrong_link.stderr).contains("l'empreinte du tirage précédent diffère"),
        "{}",
        text(&wrong_link.stderr)
    );
}

#[test]
fn probabilities_still_reports_the_minimum() {
    let output = agora(&[
        "sortition",
        "probabilities",
        "--pool",
        &format!("{DATA}respondents.csv"),
        "--quotas",
        &format!("{DATA}categories.csv"),
        "--seats",
        "20",
        "--greedy-draws",
        "0",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("probabilité minimale : 0.1000"), "{}", text(&output.stdout));
}
