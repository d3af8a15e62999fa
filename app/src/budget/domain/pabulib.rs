//! Reader and writer for the Pabulib `.pb` format (<https://pabulib.org/format>).
//!
//! A file has three sections, `META`, `PROJECTS` and `VOTES`, each made of a
//! header row followed by `;`-separated rows. Fields may be quoted with `"`
//! (a doubled `""` inside quotes is a literal quote). Amounts are kept as exact
//! integers: `4000.0` is read as 4000, a non-zero fraction is an error.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;

/// Ballot format declared by the `vote_type` meta key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteType {
    Approval,
    Choose1,
    Cumulative,
    Ordinal,
    Scoring,
}

impl VoteType {
    /// Spelling used in `.pb` files.
    pub fn as_str(self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Choose1 => "choose-1",
            VoteType::Cumulative => "cumulative",
            VoteType::Ordinal => "ordinal",
            VoteType::Scoring => "scoring",
        }
    }

    /// Parses the spelling used in `.pb` files.
    pub fn from_name(name: &str) -> Option<VoteType> {
        [VoteType::Approval, VoteType::Choose1, VoteType::Cumulative, VoteType::Ordinal, VoteType::Scoring]
            .into_iter()
            .find(|t| t.as_str() == name.trim())
    }
}

/// One row of the `PROJECTS` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbProject {
    pub id: String,
    pub cost: i64,
    /// Number of votes as stated by the file (not recomputed).
    pub votes: Option<i64>,
    /// Total score as stated by the file (cumulative and scoring ballots).
    pub score: Option<i64>,
    pub name: Option<String>,
    /// Official outcome, when the file states it.
    pub selected: Option<bool>,
    /// Every other column (category, target, district, coordinates…), verbatim.
    pub extra: BTreeMap<String, String>,
}

/// One row of the `VOTES` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbVote {
    pub voter_id: String,
    /// Project ids in ballot order (preference order for ordinal ballots).
    pub vote: Vec<String>,
    /// Points given to each project of `vote`, same length, when present.
    pub points: Option<Vec<i64>>,
    /// Every other column (age, sex, district…), verbatim.
    pub extra: BTreeMap<String, String>,
}

/// A whole `.pb` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PbFile {
    /// Meta keys in file order.
    pub meta: Vec<(String, String)>,
    pub projects: Vec<PbProject>,
    pub votes: Vec<PbVote>,
}

/// Meta key stating the minimal score for a project to be eligible.
pub const THRESHOLD_META_KEY: &str = "min_project_score_threshold";

impl PbFile {
    /// Parses the text of a `.pb` file.
    pub fn parse(text: &str) -> Result<PbFile, PbError> {
        parse_pb(text)
    }

    /// First value of a meta key.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// An integer meta value (`budget`, `max_length`…), `None` when absent or empty.
    pub fn meta_int(&self, key: &str) -> Result<Option<i64>, String> {
        self.meta_int_unprefixed(key).map_err(meta_error)
    }

    /// Total budget (`budget` meta key).
    pub fn budget(&self) -> Result<i64, String> {
        self.budget_unprefixed().map_err(meta_error)
    }

    /// Ballot format (`vote_type` meta key).
    pub fn vote_type(&self) -> Result<VoteType, String> {
        self.vote_type_unprefixed().map_err(meta_error)
    }

    fn meta_int_unprefixed(&self, key: &str) -> Result<Option<i64>, String> {
        match self.meta_value(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(raw) => parse_integer(raw).map(Some).map_err(|e| e.describe(&format!("valeur de « {key} »"), raw)),
        }
    }

    fn budget_unprefixed(&self) -> Result<i64, String> {
        match self.meta_int_unprefixed("budget")? {
            Some(b) if b >= 0 => Ok(b),
            Some(b) => Err(format!("budget négatif ({b})")),
            None => Err("clé « budget » manquante".to_string()),
        }
    }

    fn vote_type_unprefixed(&self) -> Result<VoteType, String> {
        let raw = self.meta_value("vote_type").ok_or_else(|| "clé « vote_type » manquante".to_string())?;
        VoteType::from_name(raw).ok_or_else(|| format!("type de vote inconnu « {} »", raw.trim()))
    }
}

fn meta_error(message: String) -> String {
    format!("META : {message}")
}

/// A parse error, with the 1-based line number when it concerns one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PbError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for PbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "ligne {line} : {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for PbError {}

fn error_at(line: usize, message: impl Into<String>) -> PbError {
    PbError { line: Some(line), message: message.into() }
}

/// Why a number could not be read.
enum NumberError {
    Invalid,
    NotInteger,
}

impl NumberError {
    fn describe(&self, what: &str, raw: &str) -> String {
        match self {
            NumberError::Invalid => format!("{what} invalide « {raw} »"),
            NumberError::NotInteger => format!("{what} non entier « {raw} »"),
        }
    }
}

/// Reads an integer, also accepting a zero fraction (`400000.0`) as files often have one.
fn parse_integer(raw: &str) -> Result<i64, NumberError> {
    let raw = raw.trim();
    let (int_part, fraction) = match raw.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (raw, None),
    };
    let digits = int_part.strip_prefix('-').unwrap_or(int_part);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Invalid);
    }
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::Invalid);
        }
        if f.bytes().any(|b| b != b'0') {
            return Err(NumberError::NotInteger);
        }
    }
    int_part.parse().map_err(|_| NumberError::Invalid)
}

/// One CSV record with the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits the text into records, honouring quotes (which may span lines).
fn read_records(text: &str) -> Result<Vec<Record>, PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start_line = 1;
    let mut at_field_start = true;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            ';' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                let record = std::mem::take(&mut fields);
                // Blank lines carry no data.
                if !(record.len() == 1 && record[0].trim().is_empty()) {
                    records.push(Record { line: start_line, fields: record });
                }
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Err(error_at(start_line, "guillemet ouvrant sans guillemet fermant"));
    }
    fields.push(field);
    if !(fields.len() == 1 && fields[0].trim().is_empty()) {
        records.push(Record { line: start_line, fields });
    }
    Ok(records)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Meta,
    Projects,
    Votes,
}

impl Section {
    fn from_record(record: &Record) -> Option<Section> {
        if record.fields.len() != 1 {
            return None;
        }
        let name = record.fields[0].trim();
        [Section::Meta, Section::Projects, Section::Votes].into_iter().find(|s| s.name().eq_ignore_ascii_case(name))
    }

    fn name(self) -> &'static str {
        match self {
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        }
    }

    fn required_columns(self) -> &'static [&'static str] {
        match self {
            Section::Meta => &["key", "value"],
            Section::Projects => &["project_id", "cost"],
            Section::Votes => &["voter_id", "vote"],
        }
    }
}

/// Header of the section being read.
struct Header {
    line: usize,
    columns: Vec<String>,
}

impl Header {
    fn new(section: Section, record: Record) -> Result<Header, PbError> {
        let columns: Vec<String> = record.fields.iter().map(|c| c.trim().to_string()).collect();
        let mut seen = HashSet::new();
        for column in &columns {
            if !seen.insert(column.as_str()) {
                return Err(error_at(
                    record.line,
                    format!("colonne « {column} » en double dans la section {}", section.name()),
                ));
            }
        }
        for required in section.required_columns() {
            if !seen.contains(required) {
                return Err(error_at(
                    record.line,
                    format!("colonne « {required} » manquante dans l'en-tête de la section {}", section.name()),
                ));
            }
        }
        if section == Section::Meta && columns.len() != 2 {
            return Err(error_at(record.line, "l'en-tête de la section META doit être « key;value »"));
        }
        Ok(Header { line: record.line, columns })
    }

    /// Pairs each column name with its field, checking the field count.
    fn zip(&self, record: Record) -> Result<Vec<(&str, String)>, PbError> {
        if record.fields.len() != self.columns.len() {
            return Err(error_at(
                record.line,
                format!(
                    "{} champs au lieu de {} (voir l'en-tête ligne {})",
                    record.fields.len(),
                    self.columns.len(),
                    self.line
                ),
            ));
        }
        Ok(self.columns.iter().map(String::as_str).zip(record.fields).collect())
    }
}

fn parse_project(line: usize, row: Vec<(&str, String)>) -> Result<PbProject, PbError> {
    let mut project = PbProject {
        id: String::new(),
        cost: 0,
        votes: None,
        score: None,
        name: None,
        selected: None,
        extra: BTreeMap::new(),
    };
    let optional_int = |what: &str, raw: &str| -> Result<Option<i64>, PbError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        parse_integer(raw).map(Some).map_err(|e| error_at(line, e.describe(what, raw.trim())))
    };
    for (column, value) in row {
        match column {
            "project_id" => project.id = value.trim().to_string(),
            "cost" => {
                project.cost = parse_integer(&value).map_err(|e| error_at(line, e.describe("coût", value.trim())))?;
                if project.cost < 0 {
                    return Err(error_at(line, format!("coût négatif « {} »", value.trim())));
                }
            }
            "votes" => project.votes = optional_int("nombre de votes", &value)?,
            "score" => project.score = optional_int("score", &value)?,
            "name" => project.name = Some(value).filter(|n| !n.is_empty()),
            "selected" => {
                project.selected = match value.trim() {
                    "" => None,
                    "1" => Some(true),
                    "0" => Some(false),
                    other => {
                        return Err(error_at(
                            line,
                            format!("valeur « {other} » invalide pour selected (0 ou 1 attendu)"),
                        ));
                    }
                }
            }
            _ => {
                project.extra.insert(column.to_string(), value);
            }
        }
    }
    if project.id.is_empty() {
        return Err(error_at(line, "identifiant de projet vide"));
    }
    Ok(project)
}

fn split_list(raw: &str) -> Option<Vec<&str>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(Vec::new());
    }
    let items: Vec<&str> = raw.split(',').map(str::trim).collect();
    (!items.iter().any(|i| i.is_empty())).then_some(items)
}

fn parse_vote(line: usize, row: Vec<(&str, String)>) -> Result<PbVote, PbError> {
    let mut vote = PbVote { voter_id: String::new(), vote: Vec::new(), points: None, extra: BTreeMap::new() };
    for (column, value) in row {
        match column {
            "voter_id" => vote.voter_id = value.trim().to_string(),
            "vote" => {
                vote.vote = split_list(&value)
                    .ok_or_else(|| error_at(line, format!("liste de projets invalide « {value} »")))?
                    .into_iter()
                    .map(str::to_string)
                    .collect();
            }
            "points" => {
                let items = split_list(&value)
                    .ok_or_else(|| error_at(line, format!("liste de points invalide « {value} »")))?;
                let points = items
                    .into_iter()
                    .map(|p| parse_integer(p).map_err(|e| error_at(line, e.describe("nombre de points", p))))
                    .collect::<Result<Vec<_>, _>>()?;
                vote.points = Some(points);
            }
            _ => {
                vote.extra.insert(column.to_string(), value);
            }
        }
    }
    if vote.voter_id.is_empty() {
        return Err(error_at(line, "identifiant de votant vide"));
    }
    if let Some(points) = &vote.points
        && points.len() != vote.vote.len()
    {
        return Err(error_at(line, format!("{} points pour {} projets", points.len(), vote.vote.len())));
    }
    Ok(vote)
}

/// Parses the text of a `.pb` file.
pub fn parse_pb(text: &str) -> Result<PbFile, PbError> {
    let mut file = PbFile::default();
    let mut section: Option<(Section, Option<Header>)> = None;
    let mut seen_sections = Vec::new();
    let mut meta_keys = HashSet::new();
    let mut meta_lines = Vec::new();
    let mut project_ids = HashSet::new();
    let mut voter_ids = HashSet::new();
    let mut vote_lines = Vec::new();

    for record in read_records(text)? {
        if let Some(next) = Section::from_record(&record) {
            if seen_sections.contains(&next) {
                return Err(error_at(record.line, format!("section {} déjà rencontrée", next.name())));
            }
            seen_sections.push(next);
            section = Some((next, None));
            continue;
        }
        let line = record.line;
        let Some((current, header)) = &mut section else {
            return Err(error_at(line, "section META, PROJECTS ou VOTES attendue"));
        };
        let Some(header) = header else {
            *header = Some(Header::new(*current, record)?);
            continue;
        };
        let row = header.zip(record)?;
        match current {
            Section::Meta => {
                let mut row = row.into_iter();
                let key = row.next().map(|(_, k)| k.trim().to_string()).unwrap_or_default();
                let value = row.next().map(|(_, v)| v.trim().to_string()).unwrap_or_default();
                if key.is_empty() {
                    return Err(error_at(line, "clé de métadonnée vide"));
                }
                if !meta_keys.insert(key.clone()) {
                    return Err(error_at(line, format!("clé « {key} » en double")));
                }
                meta_lines.push(line);
                file.meta.push((key, value));
            }
            Section::Projects => {
                let project = parse_project(line, row)?;
                if !project_ids.insert(project.id.clone()) {
                    return Err(error_at(line, format!("projet « {} » déclaré deux fois", project.id)));
                }
                file.projects.push(project);
            }
            Section::Votes => {
                let vote = parse_vote(line, row)?;
                if !voter_ids.insert(vote.voter_id.clone()) {
                    return Err(error_at(line, format!("votant « {} » présent deux fois", vote.voter_id)));
                }
                vote_lines.push(line);
                file.votes.push(vote);
            }
        }
    }

    for required in [Section::Meta, Section::Projects, Section::Votes] {
        if !seen_sections.contains(&required) {
            return Err(PbError { line: None, message: format!("section {} manquante", required.name()) });
        }
    }
    // Checked once all sections are read: VOTES may come before PROJECTS.
    for (vote, line) in file.votes.iter().zip(&vote_lines) {
        if let Some(unknown) = vote.vote.iter().find(|id| !project_ids.contains(id.as_str())) {
            return Err(error_at(*line, format!("projet inconnu « {unknown} » dans le vote")));
        }
    }
    let meta_line = |key: &str| file.meta.iter().zip(&meta_lines).find(|((k, _), _)| k == key).map(|(_, line)| *line);
    for (key, check) in [("budget", file.budget_unprefixed().err()), ("vote_type", file.vote_type_unprefixed().err())] {
        if let Some(message) = check {
            return Err(PbError { line: meta_line(key), message });
        }
    }
    Ok(file)
}

/// Quotes a field when it holds a separator, a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    let row: Vec<String> = fields.into_iter().map(|f| quote(&f)).collect();
    out.push_str(&row.join(";"));
    out.push('\n');
}

fn join_numbers(numbers: &[i64]) -> String {
    numbers.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Writes a file in the `.pb` format; `parse_pb` reads it back unchanged.
pub fn to_pb_string(file: &PbFile) -> String {
    let mut out = String::new();
    out.push_str("META\n");
    push_row(&mut out, ["key".to_string(), "value".to_string()]);
    for (key, value) in &file.meta {
        push_row(&mut out, [key.clone(), value.clone()]);
    }

    out.push_str("PROJECTS\n");
    let has_votes = file.projects.iter().any(|p| p.votes.is_some());
    let has_score = file.projects.iter().any(|p| p.score.is_some());
    let has_name = file.projects.iter().any(|p| p.name.is_some());
    let has_selected = file.projects.iter().any(|p| p.selected.is_some());
    let extra_columns: BTreeSet<&str> = file.projects.iter().flat_map(|p| p.extra.keys().map(String::as_str)).collect();
    let mut header = vec!["project_id", "cost"];
    for (present, column) in
        [(has_votes, "votes"), (has_score, "score"), (has_name, "name"), (has_selected, "selected")]
    {
        if present {
            header.push(column);
        }
    }
    header.extend(extra_columns.iter().copied());
    push_row(&mut out, header.iter().map(|c| c.to_string()));
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    for p in &file.projects {
        let mut row = vec![p.id.clone(), p.cost.to_string()];
        if has_votes {
            row.push(opt(p.votes));
        }
        if has_score {
            row.push(opt(p.score));
        }
        if has_name {
            row.push(p.name.clone().unwrap_or_default());
        }
        if has_selected {
            row.push(match p.selected {
                Some(true) => "1".to_string(),
                Some(false) => "0".to_string(),
                None => String::new(),
            });
        }
        row.extend(extra_columns.iter().map(|c| p.extra.get(*c).cloned().unwrap_or_default()));
        push_row(&mut out, row);
    }

    out.push_str("VOTES\n");
    let has_points = file.votes.iter().any(|v| v.points.is_some());
    let extra_columns: BTreeSet<&str> = file.votes.iter().flat_map(|v| v.extra.keys().map(String::as_str)).collect();
    let mut header = vec!["voter_id", "vote"];
    if has_points {
        header.push("points");
    }
    header.extend(extra_columns.iter().copied());
    push_row(&mut out, header.iter().map(|c| c.to_string()));
    for v in &file.votes {
        let mut row = vec![v.voter_id.clone(), v.vote.join(",")];
        if has_points {
            row.push(v.points.as_deref().map(join_numbers).unwrap_or_default());
        }
        row.extend(extra_columns.iter().map(|c| v.extra.get(*c).cloned().unwrap_or_default()));
        push_row(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}META\r\nkey;value\r\nbudget;1000.0\r\nvote_type;approval\r\n\
        description;\"Budget; quartier \"\"Nord\"\"\"\r\n\
        PROJECTS\r\nproject_id;cost;votes;name;selected;category\r\n\
        p1;600;2;\"Parc; jardins\";1;nature,sport\r\n\
        p2;500.0;1;Piste \"cyclable\";0;\r\n\
        VOTES\r\nvoter_id;vote;age\r\nv1;p1,p2;34\r\nv2;p1;\r\nv3;;51\r\n";

    fn error_of(text: &str) -> String {
        parse_pb(text).unwrap_err().to_string()
    }

    /// A valid file with `row` appended to the given section.
    fn with_row(section: &str, row: &str) -> String {
        let mut sections = [
            "META\nkey;value\nbudget;100\nvote_type;cumulative".to_string(),
            "PROJECTS\nproject_id;cost;name".to_string(),
            "VOTES\nvoter_id;vote;points".to_string(),
        ];
        let i = ["META", "PROJECTS", "VOTES"].iter().position(|s| *s == section).unwrap();
        sections[1].push_str("\na;10;A\nb;20;B");
        sections[i].push('\n');
        sections[i].push_str(row);
        sections.join("\n")
    }

    #[test]
    fn parses_quotes_bom_crlf_and_empty_votes() {
        let file = parse_pb(SAMPLE).unwrap();
        assert_eq!(file.budget().unwrap(), 1000);
        assert_eq!(file.vote_type().unwrap(), VoteType::Approval);
        assert_eq!(file.meta_value("description"), Some("Budget; quartier \"Nord\""));
        assert_eq!(file.projects.len(), 2);
        let p1 = &file.projects[0];
        assert_eq!(p1.id, "p1");
        assert_eq!(p1.cost, 600);
        assert_eq!(p1.votes, Some(2));
        assert_eq!(p1.name.as_deref(), Some("Parc; jardins"));
        assert_eq!(p1.selected, Some(true));
        assert_eq!(p1.extra["category"], "nature,sport");
        let p2 = &file.projects[1];
        assert_eq!(p2.cost, 500);
        assert_eq!(p2.name.as_deref(), Some("Piste \"cyclable\""));
        assert_eq!(p2.selected, Some(false));
        assert_eq!(p2.extra["category"], "");
        assert_eq!(file.votes.len(), 3);
        assert_eq!(file.votes[0].vote, ["p1", "p2"]);
        assert_eq!(file.votes[0].points, None);
        assert_eq!(file.votes[0].extra["age"], "34");
        assert!(file.votes[2].vote.is_empty());
    }

    #[test]
    fn parses_points_and_quoted_line_breaks() {
        let text = with_row("VOTES", "v1;a,b;7,3\nv2;b;10").replace(";A\n", ";\"A\nsur deux lignes\"\n");
        let file = parse_pb(&text).unwrap();
        assert_eq!(file.projects[0].name.as_deref(), Some("A\nsur deux lignes"));
        assert_eq!(file.votes[0].points, Some(vec![7, 3]));
        assert_eq!(file.votes[1].vote, ["b"]);
        // Line numbers count the lines inside quotes.
        let bad = text.replace("b;20;B", "b;vingt;B");
        assert_eq!(error_of(&bad), "ligne 9 : coût invalide « vingt »");
    }

    #[test]
    fn sections_may_come_in_any_order() {
        let text = "VOTES\nvoter_id;vote\nv1;a\nPROJECTS\nproject_id;cost\na;5\n\
            META\nkey;value\nbudget;5\nvote_type;choose-1\n";
        let file = parse_pb(text).unwrap();
        assert_eq!(file.vote_type().unwrap(), VoteType::Choose1);
        assert_eq!(file.votes[0].vote, ["a"]);
    }

    #[test]
    fn reports_errors_with_line_numbers() {
        // Line numbers: META=1, header=2, budget=3, vote_type=4, PROJECTS=5, header=6, a=7, b=8.
        let cases = [
            (with_row("PROJECTS", "c;abc;C"), "ligne 9 : coût invalide « abc »"),
            (with_row("PROJECTS", "c;12.5;C"), "ligne 9 : coût non entier « 12.5 »"),
            (with_row("PROJECTS", "c;-3;C"), "ligne 9 : coût négatif « -3 »"),
            (with_row("PROJECTS", "c;3"), "ligne 9 : 2 champs au lieu de 3 (voir l'en-tête ligne 6)"),
            (with_row("PROJECTS", "a;3;A bis"), "ligne 9 : projet « a » déclaré deux fois"),
            (with_row("PROJECTS", ";3;Sans id"), "ligne 9 : identifiant de projet vide"),
            (with_row("VOTES", "v1;a,z;5,5"), "ligne 11 : projet inconnu « z » dans le vote"),
            (with_row("VOTES", "v1;a,b;10"), "ligne 11 : 1 points pour 2 projets"),
            (with_row("VOTES", "v1;a,,b;5,5,0"), "ligne 11 : liste de projets invalide « a,,b »"),
            (with_row("VOTES", "v1;a;x"), "ligne 11 : nombre de points invalide « x »"),
            (with_row("VOTES", "v1;a;1\nv1;b;1"), "ligne 12 : votant « v1 » présent deux fois"),
            (with_row("VOTES", "v1;\"a;1"), "ligne 11 : guillemet ouvrant sans guillemet fermant"),
            (with_row("META", "budget;200"), "ligne 5 : clé « budget » en double"),
            (with_row("META", "max_length"), "ligne 5 : 1 champs au lieu de 2 (voir l'en-tête ligne 2)"),
            (
                with_row("VOTES", "").replace("budget;100", "budget;cent"),
                "ligne 3 : valeur de « budget » invalide « cent »",
            ),
            (with_row("VOTES", "").replace("cumulative", "borda"), "ligne 4 : type de vote inconnu « borda »"),
            (with_row("VOTES", "").replace("budget;100\n", ""), "clé « budget » manquante"),
            (
                with_row("VOTES", "").replace("project_id;cost;name", "project_id;prix;name"),
                "ligne 6 : colonne « cost » manquante dans l'en-tête de la section PROJECTS",
            ),
            (with_row("VOTES", "").replace("VOTES\nvoter_id;vote;points\n", ""), "section VOTES manquante"),
            ("budget;10\n".to_string(), "ligne 1 : section META, PROJECTS ou VOTES attendue"),
            (with_row("VOTES", "META"), "ligne 11 : section META déjà rencontrée"),
        ];
        for (text, expected) in cases {
            assert_eq!(error_of(&text), expected, "pour le texte :\n{text}");
        }
        let selected = SAMPLE.replace("Parc; jardins\";1", "Parc; jardins\";oui");
        assert_eq!(error_of(&selected), "ligne 8 : valeur « oui » invalide pour selected (0 ou 1 attendu)");
    }

    #[test]
    fn writer_round_trips() {
        let file = parse_pb(SAMPLE).unwrap();
        let written = to_pb_string(&file);
        assert_eq!(parse_pb(&written).unwrap(), file);
        // Writing is stable once normalised.
        assert_eq!(to_pb_string(&parse_pb(&written).unwrap()), written);

        let points = parse_pb(&with_row("VOTES", "v1;a,b;7,3\nv2;;")).unwrap();
        assert_eq!(parse_pb(&to_pb_string(&points)).unwrap(), points);
    }

    #[test]
    fn writer_quotes_awkward_fields() {
        let file = PbFile {
            meta: vec![
                ("budget".into(), "10".into()),
                ("vote_type".into(), "approval".into()),
                ("comment".into(), "a;b \"c\"\nd".into()),
            ],
            projects: vec![PbProject {
                id: "x".into(),
                cost: 10,
                votes: None,
                score: Some(3),
                name: Some("\"Guillemets\" au début".into()),
                selected: None,
                extra: BTreeMap::from([("target".into(), "enfants;seniors".into())]),
            }],
            votes: vec![PbVote { voter_id: "1".into(), vote: vec!["x".into()], points: None, extra: BTreeMap::new() }],
        };
        let written = to_pb_string(&file);
        assert!(written.contains("\"a;b \"\"c\"\"\nd\""));
        assert_eq!(parse_pb(&written).unwrap(), file);
    }

    #[test]
    fn reads_typed_meta() {
        let file = parse_pb(&with_row("META", "max_sum_points;10.0\nrule;greedy")).unwrap();
        assert_eq!(file.meta_int("max_sum_points"), Ok(Some(10)));
        assert_eq!(file.meta_int("min_length"), Ok(None));
        assert_eq!(file.meta_int("rule"), Err("META : valeur de « rule » invalide « greedy »".to_string()));
        assert_eq!(VoteType::from_name("ordinal"), Some(VoteType::Ordinal));
        assert_eq!(VoteType::Scoring.as_str(), "scoring");
    }
}
