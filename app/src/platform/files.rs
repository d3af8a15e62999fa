//! Uploaded files: what they are (read from their bytes, never from their name), how big they look
//! to a reader ("PDF – 665 Ko"), and, on the server, a store that keeps each content once.
#[cfg(feature = "ssr")]
use super::{db::Pool, error::AppError};
use crate::platform::time::MONTHS;

/// The largest file a resident or staff member may send.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// A PDF, read from its first bytes.
pub fn pdf_type(bytes: &[u8]) -> Option<&'static str> {
    bytes.starts_with(b"%PDF-").then_some("application/pdf")
}

/// Checks an uploaded file: its type, or the code of the problem: `trop-lourd`, `absent`, or
/// `wrong_kind` when `kind` does not recognise the bytes.
pub fn check_file(
    bytes: &[u8],
    too_large: bool,
    kind: impl Fn(&[u8]) -> Option<&'static str>,
    wrong_kind: &'static str,
) -> Result<&'static str, &'static str> {
    if too_large || bytes.len() > MAX_FILE_BYTES {
        return Err("trop-lourd");
    }
    if bytes.is_empty() {
        return Err("absent");
    }
    kind(bytes).ok_or(wrong_kind)
}

/// The size as French readers see it beside a link: "PDF – 665 Ko", "PDF – 1,2 Mo".
pub fn size_label(content_type: &str, size: i64) -> String {
    let kind = match content_type {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        _ => "Fichier",
    };
    const KIB: i64 = 1024;
    let amount = if size < KIB {
        format!("{size} o")
    } else if size < KIB * KIB {
        format!("{} Ko", (size + KIB / 2) / KIB)
    } else {
        let tenths = (size * 10 + KIB * KIB / 2) / (KIB * KIB);
        format!("{},{} Mo", tenths / 10, tenths % 10)
    };
    format!("{kind} – {amount}")
}

/// One month of an archive: `mars 2020` and what was dated in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Month<T> {
    pub year: i32,
    /// `mars 2020`.
    pub label: String,
    pub items: Vec<T>,
}

/// Files listed by year and month, newest first, as archives of minutes and publications are
/// read. `date` gives an item's day as `YYYY-MM-DD`; an item without a readable date is left out.
pub fn by_month<T>(mut items: Vec<T>, date: impl Fn(&T) -> &str) -> Vec<Month<T>> {
    items.sort_by(|a, b| date(b).cmp(date(a)));
    let mut months: Vec<Month<T>> = Vec::new();
    for item in items {
        let day = date(&item);
        let (Some(year), Some(month)) =
            (day.get(..4).and_then(|y| y.parse::<i32>().ok()), day.get(5..7).and_then(|m| m.parse::<usize>().ok()))
        else {
            continue;
        };
        let Some(name) = month.checked_sub(1).and_then(|m| MONTHS.get(m)) else { continue };
        let label = format!("{name} {year}");
        match months.last_mut() {
            Some(last) if last.label == label => last.items.push(item),
            _ => months.push(Month { year, label, items: vec![item] }),
        }
    }
    months
}

/// A file in the store, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg(feature = "ssr")]
pub struct StoredFile {
    pub sha256: String,
    pub content_type: String,
    pub size: i64,
}

/// Keeps `bytes` unless the same content is already there; either way answers its key.
#[cfg(feature = "ssr")]
pub async fn store_file(pool: &Pool, content_type: &str, bytes: &[u8]) -> Result<StoredFile, AppError> {
    use sha2::{Digest, Sha256};
    let sha256 = hex::encode(Sha256::digest(bytes));
    let size = bytes.len() as i64;
    sqlx::query(
        "INSERT INTO stored_files (sha256, content_type, size, bytes, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&sha256)
    .bind(content_type)
    .bind(size)
    .bind(bytes)
    .bind(super::db::now())
    .execute(pool)
    .await?;
    Ok(StoredFile { sha256, content_type: content_type.to_string(), size })
}

/// The type and bytes of the file with that key.
#[cfg(feature = "ssr")]
pub async fn stored_file(pool: &Pool, sha256: &str) -> Result<(String, Vec<u8>), AppError> {
    sqlx::query_as("SELECT content_type, bytes FROM stored_files WHERE sha256 = $1")
        .bind(sha256)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// The French reason for a refused file, from the code the form's address carries back.
pub fn upload_problem(code: &str) -> Option<&'static str> {
    Some(match code {
        "trop-lourd" => "Le fichier dépasse 5 Mo : envoyez une version plus légère.",
        "absent" => "Choisissez un fichier à envoyer.",
        "format" => "Le fichier doit être un PDF ou une photo (JPEG ou PNG).",
        "format-pdf" => "Le compte rendu doit être un fichier PDF.",
        _ => return None,
    })
}

/// The kinds of picture Agora accepts, told by their first bytes (never by the name or the
/// announced type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    /// The kind the bytes really are, if one of those accepted. SVG is not: it can carry scripts.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(ImageKind::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageKind::Png),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageKind::Webp),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Webp => "image/webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_read_newest_month_first() {
        let items = vec!["2019-11-04", "2020-03-12", "2019-11-28", "bad", "2020-01-09"];
        let months = by_month(items, |day| day);
        let labels: Vec<_> = months.iter().map(|m| (m.year, m.label.as_str(), m.items.len())).collect();
        assert_eq!(labels, [(2020, "mars 2020", 1), (2020, "janvier 2020", 1), (2019, "novembre 2019", 2)]);
        assert_eq!(months[2].items, ["2019-11-28", "2019-11-04"]);
    }

    #[test]
    fn sizes_read_like_the_seed() {
        assert_eq!(size_label("application/pdf", 680_960), "PDF – 665 Ko");
        assert_eq!(size_label("application/pdf", 1_258_291), "PDF – 1,2 Mo");
        assert_eq!(size_label("image/png", 900), "PNG – 900 o");
    }

    #[test]
    fn files_are_checked_by_their_bytes_and_size() {
        assert_eq!(check_file(b"%PDF-1.7", false, pdf_type, "format-pdf"), Ok("application/pdf"));
        assert_eq!(check_file(b"GIF89a", false, pdf_type, "format-pdf"), Err("format-pdf"));
        assert_eq!(check_file(b"", false, pdf_type, "format-pdf"), Err("absent"));
        assert_eq!(check_file(b"%PDF-1.7", true, pdf_type, "format-pdf"), Err("trop-lourd"));
        assert_eq!(check_file(&vec![b'%'; MAX_FILE_BYTES + 1], false, pdf_type, "x"), Err("trop-lourd"));
    }
}
