//! Checks and formats for text that every space shares: bounded form fields and CSV downloads.

/// A trimmed text between `min` and `max` characters, or the French message saying what is wrong.
pub fn bounded_text(raw: &str, what: &str, min: usize, max: usize) -> Result<String, String> {
    let text = raw.trim();
    let length = text.chars().count();
    if length == 0 {
        Err(format!("Indiquez {what}."))
    } else if length < min {
        Err(format!("{} : au moins {min} caractères.", capitalised(what)))
    } else if length > max {
        Err(format!("{} : au plus {max} caractères (vous en avez saisi {length}).", capitalised(what)))
    } else if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        Err(format!("{} contient des caractères non autorisés.", capitalised(what)))
    } else {
        Ok(text.replace("\r\n", "\n"))
    }
}

/// `janvier` → `Janvier`.
/// `12345678` → `12 345 678`: French thousands, separated by narrow no-break spaces.
pub fn french_number(number: i64) -> String {
    let digits = number.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
    if number < 0 { format!("-{out}") } else { out }
}

pub fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// One CSV field, quoted when it must be (RFC 4180), and neutralised against spreadsheet formulas.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// CSV lines (header first), CRLF-terminated.
pub fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|field| csv_field(field)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Lower case without French accents, for forgiving searches and plain addresses.
pub fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' | 'õ' | 'ø' => 'o',
            'ù' | 'û' | 'ü' | 'ú' | 'ů' => 'u',
            'ç' | 'ć' | 'č' => 'c',
            // Place names of imported files (Polish, Czech, Spanish…) keep readable addresses.
            'ł' => 'l',
            'ń' | 'ñ' | 'ň' => 'n',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ř' => 'r',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

/// A URL-friendly identifier: `Budget citoyen 2026 — Arras` → `budget-citoyen-2026-arras`.
pub fn slug_of(text: &str) -> String {
    let words: String = folded(text).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    words.split_whitespace().collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands_the_french_way() {
        assert_eq!(french_number(12_345_678), "12\u{202f}345\u{202f}678");
        assert_eq!(french_number(999), "999");
        assert_eq!(french_number(-1_000), "-1\u{202f}000");
        assert_eq!(french_number(0), "0");
    }

    #[test]
    fn texts_are_bounded_with_french_messages() {
        assert_eq!(bounded_text("  Sauvons l'hôpital  ", "le titre", 5, 150), Ok("Sauvons l'hôpital".into()));
        assert_eq!(bounded_text("   ", "le titre", 5, 150), Err("Indiquez le titre.".into()));
        assert_eq!(bounded_text("abc", "le titre", 5, 150), Err("Le titre : au moins 5 caractères.".into()));
        let long = "é".repeat(151);
        assert_eq!(
            bounded_text(&long, "le titre", 5, 150),
            Err("Le titre : au plus 150 caractères (vous en avez saisi 151).".into())
        );
        assert!(bounded_text("titre\u{0}caché", "le titre", 5, 150).is_err());
        assert_eq!(bounded_text("un\r\ndeux", "le texte", 1, 50), Ok("un\ndeux".into()));
    }

    #[test]
    fn slugs_are_plain_ascii_words() {
        assert_eq!(slug_of("  Les « rues » & Ça !"), "les-rues-ca");
        assert_eq!(slug_of("Été 2026 — Mont-Liébaud"), "ete-2026-mont-liebaud");
        assert_eq!(folded("ÉPICERIE Sociale"), "epicerie sociale");
        assert_eq!(slug_of("Cheminots / 8Ter"), "cheminots-8ter");
        assert_eq!(slug_of("J'aime ma ville propre et belle"), "j-aime-ma-ville-propre-et-belle");
        assert_eq!(
            slug_of("Alès « Couronne Nord » (Cévennes, Pierre-Curie, Moulinet)"),
            "ales-couronne-nord-cevennes-pierre-curie-moulinet"
        );
        assert_eq!(slug_of("3ème Fleur"), "3eme-fleur");
        assert_eq!(slug_of("Pabulib Częstochowa — Łódź 2020"), "pabulib-czestochowa-lodz-2020");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let text =
            csv(&["commune", "signatures"], [vec!["Lens".into(), "12".into()], vec!["A, \"B\"".into(), "3".into()]]);
        assert_eq!(text, "commune,signatures\r\nLens,12\r\n\"A, \"\"B\"\"\",3\r\n");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-2"), "'-2");
    }
}
