//! Reading the pool and the quotas from CSV text, as exported by a
//! spreadsheet: comma or semicolon separated (guessed from the header),
//! optional quotes with `""` escapes, optional byte-order mark, CRLF or LF.
//!
//! Pool: one row per candidate, one column per feature, plus optionally an
//! identifier column (`id`, `identifiant`; row numbers from 1 otherwise) and
//! a household column (`household`, `foyer`, `ménage`).
//!
//! Quotas: columns `category,feature,min,max` as in legacy sortition tools,
//! where "category" names the feature (e.g. `gender`) and "feature" the value
//! (e.g. `female`); French headers `catégorie,valeur,min,max` work too.
//! Other columns are ignored.

use std::collections::HashMap;

use super::error::SortitionError;
use super::model::{Candidate, Pool, Quota};

const ID_HEADERS: &[&str] = &["id", "identifiant"];
const HOUSEHOLD_HEADERS: &[&str] = &["household", "foyer", "ménage", "menage"];
const FEATURE_HEADERS: &[&str] = &["category", "catégorie", "categorie"];
const VALUE_HEADERS: &[&str] = &["feature", "value", "valeur"];
const MIN_HEADERS: &[&str] = &["min", "minimum"];
const MAX_HEADERS: &[&str] = &["max", "maximum"];

fn error(line: usize, message: String) -> SortitionError {
    SortitionError::Csv { line, message }
}

/// One CSV record and the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// The separator with most occurrences outside quotes on the first line.
fn delimiter(text: &str) -> char {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { ';' } else { ',' }
}

fn records(text: &str) -> Result<Vec<Record>, SortitionError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = delimiter(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    // A quoted field is kept verbatim; `closed` is set after its closing quote.
    let (mut quoted, mut in_quotes, mut closed) = (false, false, false);
    let (mut line, mut start) = (1, 1);
    let mut chars = text.chars().peekable();
    let finish = |field: &mut String, quoted: bool| {
        let value = if quoted { std::mem::take(field) } else { field.trim().to_string() };
        field.clear();
        value
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    closed = true;
                }
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if !quoted && field.trim().is_empty() => {
                field.clear();
                quoted = true;
                in_quotes = true;
            }
            c if c == separator => {
                fields.push(finish(&mut field, quoted));
                (quoted, closed) = (false, false);
            }
            '\r' => {}
            '\n' => {
                fields.push(finish(&mut field, quoted));
                (quoted, closed) = (false, false);
                let blank = fields.len() == 1 && fields[0].is_empty();
                let fields = std::mem::take(&mut fields);
                if !blank {
                    records.push(Record { line: start, fields });
                }
                line += 1;
                start = line;
            }
            c if closed && c.is_whitespace() => {}
            '"' => return Err(error(line, "guillemet inattendu au milieu d'un champ".into())),
            _ if closed => {
                return Err(error(line, "texte après un guillemet fermant".into()));
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(error(start, "guillemet ouvrant jamais refermé".into()));
    }
    if quoted || !field.trim().is_empty() || !fields.is_empty() {
        fields.push(finish(&mut field, quoted));
        records.push(Record { line: start, fields });
    }
    Ok(records)
}

/// The header row, with names checked, and the data rows.
fn table(text: &str) -> Result<(Record, Vec<Record>), SortitionError> {
    let mut records = records(text)?.into_iter();
    let Some(header) = records.next() else {
        return Err(error(1, "fichier vide".into()));
    };
    let mut seen = HashMap::new();
    for (index, name) in header.fields.iter().enumerate() {
        if name.is_empty() {
            return Err(error(header.line, format!("colonne {} sans nom", index + 1)));
        }
        if seen.insert(name.to_lowercase(), ()).is_some() {
            return Err(error(header.line, format!("colonne « {name} » en double")));
        }
    }
    let rows: Vec<Record> = records.collect();
    for row in &rows {
        if row.fields.len() != header.fields.len() {
            return Err(error(row.line, format!("{} champs au lieu de {}", row.fields.len(), header.fields.len())));
        }
    }
    Ok((header, rows))
}

fn column(header: &Record, names: &[&str]) -> Option<usize> {
    header.fields.iter().position(|f| names.contains(&f.to_lowercase().as_str()))
}

/// Reads a pool (see the module documentation).
pub fn parse_pool(text: &str) -> Result<Pool, SortitionError> {
    let (header, rows) = table(text)?;
    let id_column = column(&header, ID_HEADERS);
    let household_column = column(&header, HOUSEHOLD_HEADERS);
    let feature_columns: Vec<usize> =
        (0..header.fields.len()).filter(|&c| Some(c) != id_column && Some(c) != household_column).collect();
    if feature_columns.is_empty() {
        return Err(error(header.line, "aucune colonne de caractéristique".into()));
    }
    if rows.is_empty() {
        return Err(error(header.line, "aucun candidat après l'en-tête".into()));
    }
    let mut lines_of_ids: HashMap<String, usize> = HashMap::new();
    let mut candidates = Vec::with_capacity(rows.len());
    for (index, row) in rows.into_iter().enumerate() {
        let id = match id_column {
            Some(c) if row.fields[c].is_empty() => {
                return Err(error(row.line, "identifiant manquant".into()));
            }
            Some(c) => row.fields[c].clone(),
            None => (index + 1).to_string(),
        };
        if let Some(previous) = lines_of_ids.insert(id.clone(), row.line) {
            return Err(error(row.line, format!("identifiant « {id} » déjà utilisé ligne {previous}")));
        }
        let mut values = Vec::with_capacity(feature_columns.len());
        for &c in &feature_columns {
            if row.fields[c].is_empty() {
                return Err(error(row.line, format!("valeur manquante pour « {} »", header.fields[c])));
            }
            values.push(row.fields[c].clone());
        }
        let household = household_column.map(|c| row.fields[c].clone()).filter(|h| !h.is_empty());
        candidates.push(Candidate { id, values, household });
    }
    Ok(Pool { features: feature_columns.iter().map(|&c| header.fields[c].clone()).collect(), candidates })
}

/// Reads quotas (see the module documentation).
pub fn parse_quotas(text: &str) -> Result<Vec<Quota>, SortitionError> {
    let (header, rows) = table(text)?;
    let find = |names: &[&str]| {
        column(&header, names)
            .ok_or_else(|| error(header.line, format!("colonne « {} » (ou « {} ») manquante", names[0], names[1])))
    };
    let feature = find(FEATURE_HEADERS)?;
    let value = find(VALUE_HEADERS)?;
    let min = find(MIN_HEADERS)?;
    let max = find(MAX_HEADERS)?;
    let mut lines: HashMap<(String, String), usize> = HashMap::new();
    let mut quotas = Vec::with_capacity(rows.len());
    for row in rows {
        let number = |column: usize, what: &str| {
            row.fields[column].parse::<u32>().map_err(|_| {
                error(row.line, format!("{what} « {} » invalide (entier positif ou nul attendu)", row.fields[column]))
            })
        };
        let quota = Quota {
            feature: row.fields[feature].clone(),
            value: row.fields[value].clone(),
            min: number(min, "minimum")?,
            max: number(max, "maximum")?,
        };
        if quota.feature.is_empty() || quota.value.is_empty() {
            return Err(error(row.line, "catégorie ou valeur manquante".into()));
        }
        if quota.min > quota.max {
            return Err(error(row.line, format!("minimum {} supérieur au maximum {}", quota.min, quota.max)));
        }
        let key = (quota.feature.clone(), quota.value.clone());
        if let Some(previous) = lines.insert(key, row.line) {
            return Err(error(
                row.line,
                format!("quota de « {} » ({}) déjà défini ligne {previous}", quota.value, quota.feature),
            ));
        }
        quotas.push(quota);
    }
    Ok(quotas)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_error(result: Result<impl std::fmt::Debug, SortitionError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn reads_the_shared_examples_shape() {
        let pool = parse_pool("gender,leaning\nfemale,conservative\r\nmale,liberal").unwrap();
        assert_eq!(pool.features, vec!["gender", "leaning"]);
        assert_eq!(pool.candidates.len(), 2);
        assert_eq!(pool.candidates[1].id, "2");
        assert_eq!(pool.candidates[1].values, vec!["male", "liberal"]);
        let quotas = parse_quotas("category,feature,min,max\ngender,female,9,20\ngender,male,9,20").unwrap();
        assert_eq!(quotas[0], Quota { feature: "gender".into(), value: "female".into(), min: 9, max: 20 });
    }

    #[test]
    fn reads_french_spreadsheet_exports() {
        let text = "\u{feff}Identifiant;Quartier;Foyer;Âge\n\
                    A7;\"Centre; gare\";12 rue X;18-29\n\
                    \n\
                    B2; \"Le \"\"Haut\"\"\" ;;30-44\n";
        let pool = parse_pool(text).unwrap();
        assert_eq!(pool.features, vec!["Quartier", "Âge"]);
        assert_eq!(pool.candidates[0].id, "A7");
        assert_eq!(pool.candidates[0].values, vec!["Centre; gare", "18-29"]);
        assert_eq!(pool.candidates[0].household.as_deref(), Some("12 rue X"));
        assert_eq!(pool.candidates[1].values[0], "Le \"Haut\"");
        assert_eq!(pool.candidates[1].household, None);
        let quotas = parse_quotas("catégorie;valeur;min;max;min_flex\nÂge;18-29;1;3;0").unwrap();
        assert_eq!(quotas[0].feature, "Âge");
        assert_eq!(quotas[0].max, 3);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(csv_error(parse_pool("")), "ligne 1 : fichier vide");
        assert_eq!(csv_error(parse_pool("a,b\nx,y\n\nz\n")), "ligne 4 : 1 champs au lieu de 2");
        assert_eq!(csv_error(parse_pool("a,b\nx,\"y\nz\n")), "ligne 2 : guillemet ouvrant jamais refermé");
        assert_eq!(csv_error(parse_pool("a,b\nx,\"y\" z\n")), "ligne 2 : texte après un guillemet fermant");
        assert_eq!(csv_error(parse_pool("id,a\n1,x\n1,y\n")), "ligne 3 : identifiant « 1 » déjà utilisé ligne 2");
        assert_eq!(csv_error(parse_pool("id,a\n1,x\n2,\n")), "ligne 3 : valeur manquante pour « a »");
        assert_eq!(csv_error(parse_pool("a,A\n")), "ligne 1 : colonne « A » en double");
        assert_eq!(csv_error(parse_pool("a\n")), "ligne 1 : aucun candidat après l'en-tête");
        assert_eq!(
            csv_error(parse_quotas("category,feature,min\n")),
            "ligne 1 : colonne « max » (ou « maximum ») manquante"
        );
        assert_eq!(
            csv_error(parse_quotas("category,feature,min,max\ng,f,1,x\n")),
            "ligne 2 : maximum « x » invalide (entier positif ou nul attendu)"
        );
        assert_eq!(
            csv_error(parse_quotas("category,feature,min,max\ng,f,3,2\n")),
            "ligne 2 : minimum 3 supérieur au maximum 2"
        );
        assert_eq!(
            csv_error(parse_quotas("category,feature,min,max\ng,f,1,2\n\"a\nb\",c,0,1\ng,f,0,1")),
            "ligne 5 : quota de « f » (g) déjà défini ligne 2"
        );
    }
}
