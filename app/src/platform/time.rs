//! Dates and times as French readers read them, in Paris time, without a time zone database.
use crate::platform::error::FormErrors;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};

/// French month names, January first.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `1725148800` → `1 septembre 2024`.
pub fn french_date(timestamp: i64) -> String {
    match DateTime::from_timestamp(timestamp, 0) {
        Some(at) => format!("{} {} {}", at.day(), MONTHS[at.month0() as usize], at.year()),
        None => String::new(),
    }
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    // March and October both have 31 days.
    let last = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or_default();
    last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
}

/// Seconds to add to UTC for Paris: summer time from the last Sunday of March to the last Sunday
/// of October, both at 01:00 UTC (the EU rule), so no time zone database is needed.
pub fn paris_offset(utc: i64) -> i64 {
    let year = DateTime::from_timestamp(utc, 0).map_or(1970, |at| at.year());
    let switch = |month| last_sunday(year, month).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc().timestamp();
    if (switch(3)..switch(10)).contains(&utc) { 7200 } else { 3600 }
}

/// `2025-10-14T18:30` (a `datetime-local` field, Paris time) → Unix seconds.
pub fn parse_paris(text: &str) -> Option<i64> {
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let local = naive.and_utc().timestamp();
    Some(local - paris_offset(local - 3600))
}

/// Unix seconds → `2025-10-14T18:30` in Paris time, for a `datetime-local` field.
pub fn paris_input(utc: i64) -> String {
    DateTime::from_timestamp(utc + paris_offset(utc), 0)
        .map(|at| at.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

fn paris_clock(utc: i64) -> String {
    DateTime::from_timestamp(utc + paris_offset(utc), 0)
        .map(|at| format!("{} h {:02}", at.hour(), at.minute()))
        .unwrap_or_default()
}

/// `14 octobre 2025 à 18 h 30`, in Paris.
pub fn paris_moment(utc: i64) -> String {
    format!("{} à {}", french_date(utc + paris_offset(utc)), paris_clock(utc))
}

/// `mardi 14 octobre 2025`, in Paris.
pub fn paris_day(utc: i64) -> String {
    const DAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    let local = utc + paris_offset(utc);
    let weekday = DateTime::from_timestamp(local, 0).map_or(0, |at| at.weekday().num_days_from_monday() as usize);
    format!("{} {}", DAYS[weekday], french_date(local))
}

/// `mardi 14 octobre 2025, 18 h 30 – 20 h 00`, or `du … au …` over several days.
pub fn paris_span(starts_at: i64, ends_at: i64) -> String {
    let (first, last) = (paris_day(starts_at), paris_day(ends_at));
    if first == last {
        format!("{first}, {} – {}", paris_clock(starts_at), paris_clock(ends_at))
    } else {
        format!("du {first}, {} au {last}, {}", paris_clock(starts_at), paris_clock(ends_at))
    }
}

/// `2026-12-31` → the Unix time of that day's start (UTC), or the French message.
pub fn parse_day(raw: &str, what: &str) -> Result<i64, String> {
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|start| start.and_utc().timestamp())
        .ok_or_else(|| format!("Indiquez {what} au format AAAA-MM-JJ."))
}

/// The date field's value (`2026-03-14`) of a Unix second (UTC).
pub fn day_value(timestamp: i64) -> String {
    DateTime::from_timestamp(timestamp, 0).map(|at| at.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// The window of a form's `opens_on` and `closes_on` days, both included: from the start of the
/// first to the end of the last (UTC, like every date shown). Problems go to `errors`, by field.
pub fn day_window(opens: &str, closes: &str, errors: &mut FormErrors) -> Option<(i64, i64)> {
    let opens_at = parse_day(opens, "la date d'ouverture").map_err(|message| errors.add("opens_on", message)).ok();
    let closes_at = parse_day(closes, "la date de clôture").map_err(|message| errors.add("closes_on", message)).ok();
    let (opens_at, closes_at) = (opens_at?, closes_at? + 86_400);
    if closes_at <= opens_at {
        errors.add("closes_on", "La clôture doit venir le jour de l'ouverture ou après.");
        return None;
    }
    Some((opens_at, closes_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc_stamp(utc: i64) -> String {
        DateTime::from_timestamp(utc, 0).map(|at| at.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_default()
    }

    #[test]
    fn paris_time() {
        // 14 October 2025, 18:30 in Paris is 16:30 UTC (summer time); 14 January is UTC+1.
        let october = parse_paris("2025-10-14T18:30").unwrap();
        assert_eq!(utc_stamp(october), "20251014T163000Z");
        assert_eq!(utc_stamp(parse_paris("2026-01-14T18:30").unwrap()), "20260114T173000Z");
        // Summer time ends on 26 October 2025 and starts on 29 March 2026.
        assert_eq!(utc_stamp(parse_paris("2025-10-26T12:00").unwrap()), "20251026T110000Z");
        assert_eq!(utc_stamp(parse_paris("2026-03-29T12:00").unwrap()), "20260329T100000Z");
        assert_eq!(paris_input(october), "2025-10-14T18:30");
        assert_eq!(paris_span(october, october + 5400), "mardi 14 octobre 2025, 18 h 30 – 20 h 00");
        assert_eq!(parse_paris("demain"), None);
    }

    #[test]
    fn dates_are_written_in_french() {
        assert_eq!(french_date(1_725_148_800), "1 septembre 2024");
        assert_eq!(paris_moment(parse_paris("2025-10-14T18:30").unwrap()), "14 octobre 2025 à 18 h 30");
    }

    #[test]
    fn days_parse_to_midnight_utc() {
        assert_eq!(parse_day("2026-01-01", "la date"), Ok(1_767_225_600));
        assert_eq!(
            parse_day("01/01/2026", "la date d'ouverture"),
            Err("Indiquez la date d'ouverture au format AAAA-MM-JJ.".into())
        );
    }

    #[test]
    fn windows_run_from_the_first_to_the_end_of_the_last_day() {
        let mut errors = FormErrors::default();
        let (opens, closes) = day_window("2026-03-01", "2026-03-31", &mut errors).unwrap();
        assert_eq!(closes - opens, 31 * 86_400);
        assert_eq!(day_value(opens), "2026-03-01");
        assert!(day_window("2026-03-02", "2026-03-01", &mut errors).is_none());
        assert!(day_window("", "mars", &mut errors).is_none());
        let named: Vec<&str> = errors.fields.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, ["closes_on", "opens_on", "closes_on"]);
    }
}
