//! The public record of a draw, which anyone can check by recomputing it.
//!
//! **Format.** One JSON document ([`DrawRecord::to_json`]), format
//! `agora-sortition-record`, version 1:
//!
//! * `announcement`, published before the draw: the `pool` (`features`, then
//!   `candidates` with their `id` and `values`; no names, no households, which
//!   are addresses), `pool_sha256`, the `quotas` (`feature`, `value`, `min`,
//!   `max`), the `seats`, for a replacement the `replacement` link (below),
//!   each candidate's LEXIMIN `probabilities` (decimal strings, 12 places) and
//!   the `distribution`: the panels in the order the draw walks, each with its
//!   integer `weight` out of 2^40 and its `members`;
//! * `announcement_sha256`, the fingerprint to publish in advance;
//! * `draw`: the `sources` as typed (`numbers`, optional `label` such as
//!   « Loto du 12 mars 2026 »), the `witnesses`, the RFC 3797 `key`, the `seed`
//!   (hex) and the `selected` ids, in pool order.
//!
//! **Fingerprints.** SHA-256, in hex, of compact JSON (no spaces, UTF-8 kept,
//! fields in the file's order), which `python3 -c` reproduces with
//! `json.dumps(x, ensure_ascii=False, separators=(",", ":"))`:
//! `pool_sha256` hashes the rows `[["id", feature…], [id, value…], …]`,
//! `announcement_sha256` the `announcement` object, and a record's own
//! fingerprint ([`DrawRecord::sha256`]) the whole document. The record holds
//! no floating-point number, so the serialisation is exact.
//!
//! **Replacement.** When members withdraw, the same route runs among the
//! remaining candidates: the kept members stay, the candidates are the pool
//! minus the previous panel and everyone who withdrew so far, each quota
//! bound is lowered by the kept members carrying its value, and the seats are
//! those left empty. LEXIMIN on that smaller instance, then the draw with new
//! sources, gives replacements that, with the kept members, meet every quota.
//! `replacement` holds the previous record's fingerprint, its panel and every
//! id withdrawn so far; [`verify_link`] checks it against the previous record.
//!
//! [`verify`] recomputes everything from the pool, quotas, seats, replacement
//! link and sources. Witnesses and labels cannot be recomputed: they are
//! attested, and covered by the record's fingerprint.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::draw::{Seed, draw, rfc3797_key};
use super::error::SortitionError;
use super::expand::Distribution;
use super::leximin::leximin;
use super::model::{Candidate, Instance, Pool, Quota, invalid};

pub const RECORD_FORMAT: &str = "agora-sortition-record";
pub const RECORD_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawRecord {
    pub format: String,
    pub version: u32,
    pub announcement: Announcement,
    pub announcement_sha256: String,
    pub draw: PublicDraw,
}

/// What is published before the draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub pool: PublicPool,
    pub pool_sha256: String,
    pub quotas: Vec<Quota>,
    pub seats: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<Replacement>,
    pub probabilities: Vec<PublicProbability>,
    pub distribution: Vec<PublicPanel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPool {
    pub features: Vec<String>,
    pub candidates: Vec<PublicCandidate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCandidate {
    pub id: String,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProbability {
    pub id: String,
    pub probability: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPanel {
    pub weight: u64,
    pub members: Vec<String>,
}

/// The link of a replacement draw to the draw it completes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub previous_sha256: String,
    pub previous_panel: Vec<String>,
    /// Everyone who withdrew since the first draw, this time included.
    pub withdrawn: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicDraw {
    pub sources: Vec<Source>,
    pub witnesses: Vec<String>,
    pub key: String,
    pub seed: String,
    pub selected: Vec<String>,
}

/// One public source of randomness, as staff typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub numbers: String,
}

impl Source {
    /// `"3 5 1"` or `"Loto du 12 mars 2026 : 5 12 23 34 45"`: numbers never
    /// hold a colon, so the label is what comes before the last one.
    pub fn parse(text: &str) -> Self {
        let (label, numbers) = text.rsplit_once(':').unwrap_or(("", text));
        let label = label.trim();
        Self { label: (!label.is_empty()).then(|| label.to_string()), numbers: numbers.trim().to_string() }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// SHA-256 of compact JSON (see the module documentation).
fn json_sha256(value: &impl Serialize) -> String {
    sha256_hex(serde_json::to_string(value).expect("strings and integers always serialise").as_bytes())
}

impl PublicPool {
    /// The published part of a pool: households are addresses, left out.
    pub fn new(pool: &Pool) -> Self {
        Self {
            features: pool.features.clone(),
            candidates: pool
                .candidates
                .iter()
                .map(|candidate| PublicCandidate { id: candidate.id.clone(), values: candidate.values.clone() })
                .collect(),
        }
    }

    pub fn sha256(&self) -> String {
        let header: Vec<&str> = std::iter::once("id").chain(self.features.iter().map(String::as_str)).collect();
        let rows: Vec<Vec<&str>> = std::iter::once(header)
            .chain(
                self.candidates
                    .iter()
                    .map(|c| std::iter::once(c.id.as_str()).chain(c.values.iter().map(String::as_str)).collect()),
            )
            .collect();
        json_sha256(&rows)
    }

    fn to_pool(&self, keep: impl Fn(&str) -> bool) -> Pool {
        Pool {
            features: self.features.clone(),
            candidates: self
                .candidates
                .iter()
                .filter(|c| keep(&c.id))
                .map(|c| Candidate { id: c.id.clone(), values: c.values.clone(), household: None })
                .collect(),
        }
    }
}

impl Announcement {
    pub fn sha256(&self) -> String {
        json_sha256(self)
    }
}

/// The LEXIMIN lottery of an announcement: over the whole pool, or for a
/// replacement over the remaining candidates.
struct Lottery {
    /// Ids of the lottery's candidates, the indices of `distribution`.
    ids: Vec<String>,
    distribution: Distribution,
}

impl Lottery {
    fn new(
        pool: &PublicPool,
        quotas: &[Quota],
        seats: u32,
        replacement: Option<&Replacement>,
    ) -> Result<Self, SortitionError> {
        let Some(replacement) = replacement else {
            return Self::solve(pool.to_pool(|_| true), quotas.to_vec(), seats);
        };
        let whole = Instance::new(pool.to_pool(|_| true), quotas.to_vec(), seats, false)?;
        let index: HashMap<&str, usize> = pool.candidates.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let find = |id: &String| {
            index.get(id.as_str()).copied().ok_or_else(|| invalid(format!("« {id} » n'est pas dans le vivier")))
        };
        let previous = replacement.previous_panel.iter().map(find).collect::<Result<Vec<_>, _>>()?;
        if !whole.is_valid_panel(&previous) {
            return Err(invalid("le panel précédent ne respecte pas les quotas".into()));
        }
        let withdrawn = replacement.withdrawn.iter().map(find).collect::<Result<HashSet<_>, _>>()?;
        let kept: Vec<usize> = previous.iter().copied().filter(|i| !withdrawn.contains(i)).collect();
        if kept.len() == previous.len() {
            return Err(invalid("aucun membre du panel précédent ne s'est retiré".into()));
        }
        // Each bound loses the kept members carrying its value.
        let reduced = quotas
            .iter()
            .map(|quota| {
                let column = pool.features.iter().position(|f| *f == quota.feature);
                let held = kept
                    .iter()
                    .filter(|&&m| column.is_some_and(|c| pool.candidates[m].values[c] == quota.value))
                    .count() as u32;
                Quota { min: quota.min.saturating_sub(held), max: quota.max - held, ..quota.clone() }
            })
            .collect();
        let excluded: HashSet<&str> =
            previous.iter().chain(&withdrawn).map(|&i| pool.candidates[i].id.as_str()).collect();
        Self::solve(pool.to_pool(|id| !excluded.contains(id)), reduced, seats - kept.len() as u32)
    }

    fn solve(pool: Pool, quotas: Vec<Quota>, seats: u32) -> Result<Self, SortitionError> {
        let instance = Instance::new(pool, quotas, seats, false)?;
        let distribution = leximin(&instance)?;
        let ids = instance.pool().candidates.iter().map(|c| c.id.clone()).collect();
        Ok(Self { ids, distribution })
    }

    fn names(&self, members: &[usize]) -> Vec<String> {
        members.iter().map(|&m| self.ids[m].clone()).collect()
    }

    fn probabilities(&self) -> Vec<PublicProbability> {
        self.ids
            .iter()
            .zip(&self.distribution.probabilities)
            // Exact: a probability is an integer over 2^40.
            .map(|(id, p)| PublicProbability { id: id.clone(), probability: format!("{p:.12}") })
            .collect()
    }

    fn panels(&self) -> Vec<PublicPanel> {
        self.distribution
            .panels
            .iter()
            .map(|panel| PublicPanel { weight: panel.weight, members: self.names(&panel.members) })
            .collect()
    }

    fn selected(&self, seed: &Seed) -> Vec<String> {
        self.names(&draw(&self.distribution, seed).members)
    }
}

fn key_and_seed(sources: &[Source]) -> Result<(String, Seed), SortitionError> {
    let numbers: Vec<&str> = sources.iter().map(|s| s.numbers.as_str()).collect();
    let key = rfc3797_key(&numbers)?;
    let seed = Seed::from_key(&key);
    Ok((key, seed))
}

/// Draws a panel from `pool` and writes its public record. Fails, in French,
/// on inconsistent inputs, unsatisfiable quotas, unreadable sources or no
/// witness.
pub fn draw_record(
    pool: &Pool,
    quotas: Vec<Quota>,
    seats: u32,
    sources: Vec<Source>,
    witnesses: Vec<String>,
) -> Result<DrawRecord, SortitionError> {
    complete_draw(announce(pool, quotas, seats)?, sources, witnesses)
}

/// Replaces the `withdrawn` members of the panel of `previous` by the same
/// route among the remaining candidates (see the module documentation).
pub fn replacement_record(
    previous: &DrawRecord,
    withdrawn: &[String],
    sources: Vec<Source>,
    witnesses: Vec<String>,
) -> Result<DrawRecord, SortitionError> {
    complete_draw(announce_replacement(previous, withdrawn)?, sources, witnesses)
}

/// What is published before a draw from `pool`: the pool, its fingerprint,
/// the quotas and the LEXIMIN lottery.
pub fn announce(pool: &Pool, quotas: Vec<Quota>, seats: u32) -> Result<Announcement, SortitionError> {
    publish_lottery(PublicPool::new(pool), quotas, seats, None)
}

/// What is published before replacing the `withdrawn` members of the panel of
/// `previous`.
pub fn announce_replacement(previous: &DrawRecord, withdrawn: &[String]) -> Result<Announcement, SortitionError> {
    let panel = previous.panel();
    if withdrawn.is_empty() {
        return Err(invalid("indiquez au moins un membre qui se retire".into()));
    }
    if let Some(outsider) = withdrawn.iter().find(|id| !panel.contains(id)) {
        return Err(invalid(format!("« {outsider} » ne fait pas partie du panel")));
    }
    let mut all_withdrawn = previous.withdrawn().to_vec();
    all_withdrawn.extend(withdrawn.iter().cloned());
    let link = Replacement { previous_sha256: previous.sha256(), previous_panel: panel, withdrawn: all_withdrawn };
    let announcement = &previous.announcement;
    publish_lottery(announcement.pool.clone(), announcement.quotas.clone(), announcement.seats, Some(link))
}

fn publish_lottery(
    pool: PublicPool,
    quotas: Vec<Quota>,
    seats: u32,
    replacement: Option<Replacement>,
) -> Result<Announcement, SortitionError> {
    let lottery = Lottery::new(&pool, &quotas, seats, replacement.as_ref())?;
    Ok(Announcement {
        pool_sha256: pool.sha256(),
        probabilities: lottery.probabilities(),
        distribution: lottery.panels(),
        pool,
        quotas,
        seats,
        replacement,
    })
}

/// Draws from a published announcement with the public `sources`, typed in
/// front of the `witnesses`. The lottery is recomputed and must be the one
/// announced, so an altered announcement is refused rather than drawn from.
pub fn complete_draw(
    announcement: Announcement,
    sources: Vec<Source>,
    witnesses: Vec<String>,
) -> Result<DrawRecord, SortitionError> {
    let witnesses: Vec<String> = witnesses.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
    if witnesses.is_empty() {
        return Err(invalid("au moins un témoin est nécessaire".into()));
    }
    let lottery =
        Lottery::new(&announcement.pool, &announcement.quotas, announcement.seats, announcement.replacement.as_ref())?;
    if lottery.panels() != announcement.distribution || announcement.pool_sha256 != announcement.pool.sha256() {
        return Err(invalid("l'annonce ne correspond plus à son vivier : publiez-la à nouveau".into()));
    }
    let (key, seed) = key_and_seed(&sources)?;
    Ok(DrawRecord {
        format: RECORD_FORMAT.into(),
        version: RECORD_VERSION,
        announcement_sha256: announcement.sha256(),
        announcement,
        draw: PublicDraw { sources, witnesses, key, seed: hex::encode(seed.0), selected: lottery.selected(&seed) },
    })
}

impl DrawRecord {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("strings and integers always serialise") + "\n"
    }

    pub fn from_json(text: &str) -> Result<Self, SortitionError> {
        serde_json::from_str(text).map_err(|error| invalid(format!("dossier de tirage illisible : {error}")))
    }

    /// The record's own fingerprint, which a replacement quotes.
    pub fn sha256(&self) -> String {
        json_sha256(self)
    }

    pub fn withdrawn(&self) -> &[String] {
        match &self.announcement.replacement {
            Some(replacement) => &replacement.withdrawn,
            None => &[],
        }
    }

    /// The panel after this draw, in pool order: the selected ids, plus for
    /// a replacement the members kept from the previous panel.
    pub fn panel(&self) -> Vec<String> {
        let mut members: HashSet<&String> = self.draw.selected.iter().collect();
        if let Some(replacement) = &self.announcement.replacement {
            members.extend(replacement.previous_panel.iter().filter(|id| !replacement.withdrawn.contains(id)));
        }
        self.announcement.pool.candidates.iter().map(|c| &c.id).filter(|id| members.contains(id)).cloned().collect()
    }

    /// One line for staff once the record is verified.
    pub fn summary(&self) -> String {
        let announcement = &self.announcement;
        let selected = quoted(&self.draw.selected);
        let what = match &announcement.replacement {
            None => format!(
                "{} sièges pourvus parmi {} candidats : {selected}",
                announcement.seats,
                announcement.pool.candidates.len()
            ),
            Some(replacement) => {
                let withdrawn: Vec<String> = replacement
                    .withdrawn
                    .iter()
                    .filter(|id| replacement.previous_panel.contains(id))
                    .cloned()
                    .collect();
                format!("remplacement de {} par {selected}", quoted(&withdrawn))
            }
        };
        format!(
            "{what} ; graine {}, témoins : {} ; empreinte du vivier {}",
            self.draw.seed,
            self.draw.witnesses.join(", "),
            announcement.pool_sha256
        )
    }
}

/// `« a », « b »`.
fn quoted(ids: &[String]) -> String {
    ids.iter().map(|id| format!("« {id} »")).collect::<Vec<_>>().join(", ")
}

/// At most three examples, then how many more.
fn listed(items: &[String]) -> String {
    let shown = items.iter().take(3).cloned().collect::<Vec<_>>().join(" ; ");
    match items.len() {
        0..=3 => shown,
        n => format!("{shown} ; et {} autres", n - 3),
    }
}

/// `« x » publiée …, recalculée …`, for the feminine nouns compared here.
fn compare(differences: &mut Vec<String>, what: &str, published: &str, recomputed: &str) {
    if published != recomputed {
        differences.push(format!("{what} diffère : publiée {published}, recalculée {recomputed}"));
    }
}

/// Two id lists compared as sets: `en plus` is published only, `en moins`
/// recomputed only.
fn compare_ids(differences: &mut Vec<String>, what: &str, published: &[String], recomputed: &[String]) {
    let (mut left, mut right) = (published.to_vec(), recomputed.to_vec());
    left.sort();
    right.sort();
    if left == right {
        return;
    }
    let published_set: BTreeSet<&String> = published.iter().collect();
    let recomputed_set: BTreeSet<&String> = recomputed.iter().collect();
    let extra: Vec<String> = published_set.difference(&recomputed_set).map(|id| id.to_string()).collect();
    let missing: Vec<String> = recomputed_set.difference(&published_set).map(|id| id.to_string()).collect();
    differences.push(format!(
        "{what} diffère : en plus {}, en moins {} ({} identifiants publiés, {} recalculés)",
        if extra.is_empty() { "aucun".into() } else { quoted(&extra) },
        if missing.is_empty() { "aucun".into() } else { quoted(&missing) },
        published.len(),
        recomputed.len()
    ));
}

fn compare_probabilities(
    differences: &mut Vec<String>,
    published: &[PublicProbability],
    recomputed: &[PublicProbability],
) {
    if published == recomputed {
        return;
    }
    let published_of: HashMap<&str, &str> = published.iter().map(|p| (p.id.as_str(), p.probability.as_str())).collect();
    let recomputed_ids: HashSet<&str> = recomputed.iter().map(|p| p.id.as_str()).collect();
    let mut wrong: Vec<String> = recomputed
        .iter()
        .filter(|p| published_of.get(p.id.as_str()) != Some(&p.probability.as_str()))
        .map(|p| {
            let shown = published_of.get(p.id.as_str()).unwrap_or(&"absente");
            format!("« {} » publiée {shown}, recalculée {}", p.id, p.probability)
        })
        .collect();
    wrong.extend(
        published
            .iter()
            .filter(|p| !recomputed_ids.contains(p.id.as_str()))
            .map(|p| format!("« {} » publiée {}, hors du tirage", p.id, p.probability)),
    );
    if wrong.is_empty() {
        wrong.push(format!("{} probabilités publiées pour {} candidats", published.len(), recomputed.len()));
    }
    differences.push(format!("les probabilités de sélection diffèrent : {}", listed(&wrong)));
}

fn compare_distribution(differences: &mut Vec<String>, published: &[PublicPanel], recomputed: &[PublicPanel]) {
    let Some(first) = (0..published.len().max(recomputed.len())).find(|&i| published.get(i) != recomputed.get(i))
    else {
        return;
    };
    let weight = |panels: &[PublicPanel]| panels.get(first).map_or("aucun".into(), |p| p.weight.to_string());
    differences.push(format!(
        "la distribution diffère : {} panels publiés, {} recalculés ; premier écart au panel n° {} \
         (poids publié {}, recalculé {})",
        published.len(),
        recomputed.len(),
        first + 1,
        weight(published),
        weight(recomputed)
    ));
}

/// Recomputes the record from its pool, quotas, seats, replacement link and
/// sources; returns every difference, in French (none: the record holds).
pub fn verify(record: &DrawRecord) -> Vec<String> {
    if record.format != RECORD_FORMAT || record.version != RECORD_VERSION {
        return vec![format!(
            "format « {} » version {} non pris en charge (attendu : « {RECORD_FORMAT} » version {RECORD_VERSION})",
            record.format, record.version
        )];
    }
    let mut differences = Vec::new();
    let announcement = &record.announcement;
    compare(&mut differences, "l'empreinte du vivier", &announcement.pool_sha256, &announcement.pool.sha256());
    compare(&mut differences, "l'empreinte de l'annonce", &record.announcement_sha256, &announcement.sha256());
    let lottery =
        Lottery::new(&announcement.pool, &announcement.quotas, announcement.seats, announcement.replacement.as_ref())
            .inspect_err(|error| differences.push(format!("la distribution ne peut pas être recalculée : {error}")))
            .ok();
    if let Some(lottery) = &lottery {
        compare_probabilities(&mut differences, &announcement.probabilities, &lottery.probabilities());
        compare_distribution(&mut differences, &announcement.distribution, &lottery.panels());
    }
    let seed = match key_and_seed(&record.draw.sources) {
        Ok((key, seed)) => {
            compare(&mut differences, "la clé RFC 3797", &record.draw.key, &key);
            compare(&mut differences, "la graine", &record.draw.seed, &hex::encode(seed.0));
            Some(seed)
        }
        Err(error) => {
            differences.push(format!("les sources ne donnent pas de clé : {error}"));
            None
        }
    };
    if let (Some(lottery), Some(seed)) = (&lottery, seed) {
        compare_ids(&mut differences, "le panel tiré", &record.draw.selected, &lottery.selected(&seed));
    }
    differences
}

/// Checks that a replacement record continues `previous`: its fingerprint,
/// pool, quotas, seats, panel and earlier withdrawals.
pub fn verify_link(record: &DrawRecord, previous: &DrawRecord) -> Vec<String> {
    let Some(replacement) = &record.announcement.replacement else {
        return vec!["ce tirage n'est pas un remplacement".into()];
    };
    let mut differences = Vec::new();
    compare(&mut differences, "l'empreinte du tirage précédent", &replacement.previous_sha256, &previous.sha256());
    let (now, before) = (&record.announcement, &previous.announcement);
    if now.pool_sha256 != before.pool_sha256 {
        differences.push("le vivier diffère de celui du tirage précédent".into());
    }
    if now.quotas != before.quotas {
        differences.push("les quotas diffèrent de ceux du tirage précédent".into());
    }
    if now.seats != before.seats {
        differences.push("le nombre de sièges diffère de celui du tirage précédent".into());
    }
    compare_ids(&mut differences, "le panel précédent", &replacement.previous_panel, &previous.panel());
    let forgotten: Vec<String> =
        previous.withdrawn().iter().filter(|id| !replacement.withdrawn.contains(id)).cloned().collect();
    if !forgotten.is_empty() {
        differences.push(format!("des retraits antérieurs manquent : {}", quoted(&forgotten)));
    }
    differences
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{pool, quota};
    use super::*;

    /// 12 people, 4 seats, exactly 2 women, 1 to 3 of each age.
    fn example() -> (Pool, Vec<Quota>, u32) {
        let rows: &[&[&str]] = &[
            &["f", "jeune"],
            &["f", "vieux"],
            &["h", "jeune"],
            &["h", "vieux"],
            &["f", "jeune"],
            &["h", "jeune"],
            &["h", "jeune"],
            &["f", "vieux"],
            &["h", "vieux"],
            &["h", "jeune"],
            &["f", "jeune"],
            &["h", "vieux"],
        ];
        let quotas = vec![
            quota("genre", "f", 2, 2),
            quota("genre", "h", 2, 2),
            quota("âge", "jeune", 1, 3),
            quota("âge", "vieux", 1, 3),
        ];
        (pool(&["genre", "âge"], rows), quotas, 4)
    }

    fn dice(numbers: &str) -> Vec<Source> {
        vec![Source::parse(numbers), Source::parse("Loto du 12 mars 2026 : 5 12 23 34 45")]
    }

    fn witnesses() -> Vec<String> {
        vec!["Camille Martin".into(), " ".into(), "Huissier Durand".into()]
    }

    fn record() -> DrawRecord {
        let (pool, quotas, seats) = example();
        draw_record(&pool, quotas, seats, dice("3 5 1"), witnesses()).unwrap()
    }

    #[test]
    fn sources_keep_their_label() {
        assert_eq!(Source::parse(" 3 5 1 "), Source { label: None, numbers: "3 5 1".into() });
        assert_eq!(
            Source::parse("Tirage de 20:30 : 4 8"),
            Source { label: Some("Tirage de 20:30".into()), numbers: "4 8".into() }
        );
    }

    #[test]
    fn a_fresh_record_verifies_and_survives_json() {
        let record = record();
        assert_eq!(record.draw.witnesses, vec!["Camille Martin", "Huissier Durand"]);
        assert_eq!(record.draw.key, "1.3.5./5.12.23.34.45./");
        assert_eq!(record.draw.selected.len(), 4);
        assert_eq!(record.announcement.probabilities.len(), 12);
        let total: u64 = record.announcement.distribution.iter().map(|p| p.weight).sum();
        assert_eq!(total, super::super::expand::WEIGHT_SCALE);
        assert_eq!(verify(&record), Vec::<String>::new());
        let json = record.to_json();
        assert!(json.contains("\"label\": \"Loto du 12 mars 2026\""));
        assert_eq!(DrawRecord::from_json(&json).unwrap(), record);
        // Same inputs, same record, bit for bit.
        assert_eq!(self::record(), record);
        assert_eq!(record.panel(), record.draw.selected);
    }

    #[test]
    fn pool_fingerprint_hashes_compact_rows() {
        let pool = PublicPool::new(&pool(&["genre"], &[&["f"], &["h\té"]]));
        // printf '%s' '[["id","genre"],["1","f"],["2","h\té"]]' | sha256sum
        assert_eq!(pool.sha256(), sha256_hex("[[\"id\",\"genre\"],[\"1\",\"f\"],[\"2\",\"h\\té\"]]".as_bytes()));
    }

    /// Applies `tamper` to a fresh record and returns the differences found.
    fn tampered(tamper: impl FnOnce(&mut DrawRecord)) -> Vec<String> {
        let mut record = record();
        tamper(&mut record);
        verify(&record)
    }

    fn assert_found(differences: &[String], expected: &str) {
        assert!(differences.iter().any(|d| d.starts_with(expected)), "« {expected} » absent de {differences:#?}");
    }

    #[test]
    fn tampering_with_the_announcement_is_detected() {
        let original = record();
        let differences = tampered(|r| r.announcement.pool.candidates[3].values[1] = "jeune".into());
        assert_found(&differences, "l'empreinte du vivier diffère : publiée ");
        assert_found(&differences, "les probabilités de sélection diffèrent : ");

        let differences = tampered(|r| r.announcement.quotas[2].max = 2);
        assert_found(
            &differences,
            &format!("l'empreinte de l'annonce diffère : publiée {}", original.announcement_sha256),
        );

        let differences = tampered(|r| r.announcement.seats = 3);
        assert_found(&differences, "l'empreinte de l'annonce diffère");
        assert_found(&differences, "la distribution ne peut pas être recalculée : ");

        let differences = tampered(|r| r.announcement.probabilities[0].probability = "0.500000000000".into());
        let recomputed = &original.announcement.probabilities[0].probability;
        assert_found(
            &differences,
            &format!("les probabilités de sélection diffèrent : « 1 » publiée 0.500000000000, recalculée {recomputed}"),
        );

        let differences = tampered(|r| r.announcement.distribution[0].weight += 1);
        assert_found(&differences, "la distribution diffère : ");
        assert_found(&differences, "l'empreinte de l'annonce diffère");
    }

    #[test]
    fn tampering_with_the_draw_is_detected() {
        let original = record();
        let differences = tampered(|r| r.draw.sources[0].numbers = "3 5 2".into());
        assert_found(&differences, "la clé RFC 3797 diffère : publiée 1.3.5./5.12.23.34.45./, recalculée 2.3.5./");
        assert_found(&differences, &format!("la graine diffère : publiée {}", original.draw.seed));

        let differences = tampered(|r| r.draw.seed = "00".repeat(32));
        assert_eq!(
            differences,
            vec![format!("la graine diffère : publiée {}, recalculée {}", "00".repeat(32), original.draw.seed)]
        );

        let outsider = original.announcement.pool.candidates.iter().find(|c| !original.draw.selected.contains(&c.id));
        let outsider = outsider.unwrap().id.clone();
        let replaced = original.draw.selected[0].clone();
        let differences = tampered(|r| r.draw.selected[0] = outsider.clone());
        assert_eq!(
            differences,
            vec![format!(
                "le panel tiré diffère : en plus « {outsider} », en moins « {replaced} » (4 identifiants publiés, 4 recalculés)"
            )]
        );
    }

    fn full_instance(record: &DrawRecord) -> Instance {
        let pool = record.announcement.pool.to_pool(|_| true);
        Instance::new(pool, record.announcement.quotas.clone(), record.announcement.seats, false).unwrap()
    }

    fn indices(record: &DrawRecord, ids: &[String]) -> Vec<usize> {
        let candidates = &record.announcement.pool.candidates;
        ids.iter().map(|id| candidates.iter().position(|c| &c.id == id).unwrap()).collect()
    }

    #[test]
    fn replacements_keep_every_quota_and_reproduce() {
        let original = record();
        let instance = full_instance(&original);
        for withdrawn in &original.draw.selected {
            let withdrawn = std::slice::from_ref(withdrawn);
            let replacement = replacement_record(&original, withdrawn, dice("6 2"), witnesses()).unwrap();
            let panel = replacement.panel();
            assert!(instance.is_valid_panel(&indices(&original, &panel)), "{panel:?}");
            assert_eq!(replacement.draw.selected.len(), 1);
            assert!(!original.draw.selected.contains(&replacement.draw.selected[0]));
            assert_eq!(verify(&replacement), Vec::<String>::new());
            assert_eq!(verify_link(&replacement, &original), Vec::<String>::new());
            assert_eq!(replacement_record(&original, withdrawn, dice("6 2"), witnesses()).unwrap(), replacement);
            assert_eq!(DrawRecord::from_json(&replacement.to_json()).unwrap(), replacement);
        }
    }

    #[test]
    fn chained_replacements_never_redraw_who_withdrew() {
        let original = record();
        let first_out = original.draw.selected[0].clone();
        let first = replacement_record(&original, std::slice::from_ref(&first_out), dice("1"), witnesses()).unwrap();
        let newcomer = first.draw.selected[0].clone();
        let second = replacement_record(&first, std::slice::from_ref(&newcomer), dice("2"), witnesses()).unwrap();
        assert_eq!(second.withdrawn(), [first_out.clone(), newcomer.clone()]);
        assert!(!second.panel().contains(&first_out) && !second.panel().contains(&newcomer));
        let excluded = [first_out, newcomer];
        assert!(second.announcement.probabilities.iter().all(|p| !excluded.contains(&p.id)));
        assert!(full_instance(&original).is_valid_panel(&indices(&original, &second.panel())));
        assert_eq!(verify(&second), Vec::<String>::new());
        assert_eq!(verify_link(&second, &first), Vec::<String>::new());

        // Linked to the wrong record, or forgetting a withdrawal.
        let differences = verify_link(&second, &original);
        assert_found(&differences, "l'empreinte du tirage précédent diffère");
        assert_found(&differences, "le panel précédent diffère : ");
        let mut forgetful = second.clone();
        forgetful.announcement.replacement.as_mut().unwrap().withdrawn.remove(0);
        assert_found(&verify_link(&forgetful, &first), "des retraits antérieurs manquent : ");
        assert_found(&verify(&forgetful), "l'empreinte de l'annonce diffère");
        assert_eq!(verify_link(&original, &first), vec!["ce tirage n'est pas un remplacement"]);
    }

    #[test]
    fn bad_replacements_are_refused() {
        let original = record();
        let outsider = original.announcement.pool.candidates.iter().find(|c| !original.draw.selected.contains(&c.id));
        let outsider = outsider.unwrap().id.clone();
        let error = |withdrawn: &[String], witnesses: Vec<String>| {
            replacement_record(&original, withdrawn, dice("4"), witnesses).unwrap_err().to_string()
        };
        assert_eq!(
            error(std::slice::from_ref(&outsider), witnesses()),
            format!("« {outsider} » ne fait pas partie du panel")
        );
        assert_eq!(error(&[], witnesses()), "indiquez au moins un membre qui se retire");
        assert_eq!(error(&original.draw.selected[..1], vec![" ".into()]), "au moins un témoin est nécessaire");
    }

    #[test]
    fn an_unknown_format_is_named() {
        let differences = tampered(|r| r.version = 2);
        assert_eq!(
            differences,
            vec![
                "format « agora-sortition-record » version 2 non pris en charge (attendu : « agora-sortition-record » version 1)"
            ]
        );
    }
}
