//! The import rule of ARCHITECTURE.md, checked on the sources: the kernel (`platform`, `ui`) names
//! no space and not the shell; a space reaches another only through what that space's root
//! re-exports ("What other spaces may use"), never its inner modules.
use std::{fs, path::Path};

const SPACES: [&str; 10] = [
    "accounts",
    "budget",
    "citizen_councils",
    "collectifs",
    "consultations",
    "contributions",
    "dialogue",
    "forums",
    "neighbourhood_councils",
    "petitions",
];
const KERNEL: [&str; 2] = ["platform", "ui"];
/// A space's addresses are public: any page may link to another space's pages through them.
const PUBLIC_MODULE: &str = "paths";

/// Every `.rs` file under `dir`, with its path from `src/`.
fn sources(dir: &Path, base: &Path, found: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, base, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let name = path.strip_prefix(base).expect("under src").to_string_lossy().replace('\\', "/");
            found.push((name, fs::read_to_string(&path).expect("readable source")));
        }
    }
}

/// Modules are named in lower case; a type's `::` leads to its own items (`Host::Council`).
/// `paths` is the one module every space opens to the others.
fn is_inner_module(item: &str) -> bool {
    item.starts_with(|c: char| c.is_ascii_lowercase()) && item != PUBLIC_MODULE
}

/// The breaches of the rule in `text`, the file `name` (relative to `src/`).
fn breaches(name: &str, text: &str) -> Vec<String> {
    let owner = name.split(['/', '.']).next().unwrap_or_default();
    let mut found = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let target: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let after = &rest[target.len()..];
        if KERNEL.contains(&owner) {
            if SPACES.contains(&target.as_str()) || target == "shell" || target == "pages" {
                found.push(format!("{name}: the kernel names crate::{target}"));
            }
            continue;
        }
        if !SPACES.contains(&owner) || !SPACES.contains(&target.as_str()) || target == owner {
            continue;
        }
        if let Some(group) = after.strip_prefix("::{") {
            let inside = &group[..group.find('}').unwrap_or(group.len())];
            if inside.contains("::") {
                found.push(format!("{name}: crate::{target}::{{{inside}}} reaches inside {target}"));
            }
        } else if let Some(path) = after.strip_prefix("::") {
            let item: String = path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if is_inner_module(&item) && path[item.len()..].starts_with("::") {
                found.push(format!("{name}: crate::{target}::{item}:: reaches inside {target}"));
            }
        } else if after.starts_with(';') || after.starts_with(" as ") {
            // The space imported whole: its inner modules must not be named through it either.
            let local =
                after.strip_prefix(" as ").map_or(target.as_str(), |alias| alias.split(';').next().unwrap_or(""));
            let pattern = format!("{local}::");
            for (used, _) in text.match_indices(&pattern) {
                let preceded =
                    text[..used].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
                let path = &text[used + pattern.len()..];
                let item: String = path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !preceded && is_inner_module(&item) && path[item.len()..].starts_with("::") {
                    found.push(format!("{name}: {local}::{item}:: reaches inside {target}"));
                }
            }
        }
    }
    found
}

#[test]
fn spaces_meet_only_through_their_roots_and_the_kernel_names_none() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&base, &base, &mut files);
    assert!(files.len() > 100, "the sources were found ({} files)", files.len());
    let found: Vec<String> = files.iter().flat_map(|(name, text)| breaches(name, text)).collect();
    assert!(found.is_empty(), "{} breaches of the import rule:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_rule_sees_each_kind_of_breach() {
    let inner = "use crate::budget::store::VoterBallot;";
    assert_eq!(breaches("consultations/api.rs", inner).len(), 1);
    assert!(breaches("consultations/api.rs", "use crate::budget::VoterBallot;").is_empty());
    assert!(breaches("budget/api.rs", inner).is_empty(), "a space's own modules are its own");
    assert_eq!(breaches("forums/api.rs", "use crate::petitions::{State, domain::Decision};").len(), 1);
    assert!(breaches("forums/api.rs", "use crate::petitions::{State, signed_by};").is_empty());
    assert_eq!(breaches("forums/api.rs", "use crate::collectifs;\nfn f() { collectifs::store::events(); }").len(), 1);
    assert!(breaches("forums/api.rs", "use crate::collectifs;\nfn f() { collectifs::Host::Council(1); }").is_empty());
    assert!(breaches("forums/pages/theme.rs", "crate::accounts::paths::login_then(&here)").is_empty());
    assert_eq!(breaches("platform/state.rs", "crate::budget::VoterBallot").len(), 1);
    assert_eq!(breaches("ui/mod.rs", "use crate::shell::CurrentUser;").len(), 1);
    assert!(breaches("shell.rs", inner).is_empty(), "the shell composes the spaces");
}
