//! The rules of collectifs and their agenda, without I/O: state changes, event forms, places and
//! waiting lists, French dates in Paris time, and the iCalendar (RFC 5545) rendering.
use super::model::{Agenda, CollectifState, EventItem};
use crate::platform::error::FormErrors;
use crate::platform::time::parse_paris;
use chrono::DateTime;

/// Accepts a change of state to the one `to` names, or says, in French, why not.
pub fn check_transition(from: CollectifState, to: &str) -> Result<CollectifState, String> {
    use CollectifState::{Active, Archived, Dormant, Revived};
    let to = CollectifState::parse(to.trim()).ok_or("État inconnu.")?;
    if from == to {
        return Err("Le collectif est déjà dans cet état.".into());
    }
    let allowed = match from {
        Active => [Dormant, Archived].as_slice(),
        Dormant => &[Revived, Archived],
        Revived => &[Active, Dormant, Archived],
        Archived => &[Revived],
    };
    if allowed.contains(&to) {
        Ok(to)
    } else if to == Revived {
        Err("Seul un collectif en sommeil ou archivé peut être relancé.".into())
    } else {
        Err("Ce changement d'état n'est pas possible : un collectif archivé ne peut qu'être relancé.".into())
    }
}

crate::stored_code! {
    /// Where a registration stands: a place at the event, or the waiting list (served in order).
    pub enum Placement {
        Confirmed = "confirmed",
        Waiting = "waiting",
    }
}

/// Registrations and cancellations close when the event starts.
pub fn check_open(starts_at: i64, now: i64) -> Result<(), String> {
    if starts_at <= now {
        Err("Cet événement a déjà eu lieu : les inscriptions sont closes.".into())
    } else {
        Ok(())
    }
}

/// A place when one is left, the waiting list otherwise.
pub fn place(starts_at: i64, now: i64, capacity: Option<i64>, confirmed: i64) -> Result<Placement, String> {
    check_open(starts_at, now)?;
    Ok(match capacity {
        Some(capacity) if confirmed >= capacity => Placement::Waiting,
        _ => Placement::Confirmed,
    })
}

/// How many people leave the waiting list for the places now free, first come first served.
pub fn promotions(capacity: Option<i64>, confirmed: i64, waiting: usize) -> usize {
    match capacity {
        None => waiting,
        Some(capacity) => usize::try_from(capacity - confirmed).unwrap_or(0).min(waiting),
    }
}

/// Upcoming events soonest first, past ones latest first.
pub fn split_agenda(events: Vec<EventItem>, now: i64) -> Agenda {
    let (mut upcoming, mut past): (Vec<_>, Vec<_>) = events.into_iter().partition(|event| event.starts_at > now);
    upcoming.sort_by_key(|event| event.starts_at);
    past.sort_by_key(|event| std::cmp::Reverse(event.starts_at));
    Agenda { upcoming, past }
}

/// An event as typed in the form.
pub struct EventForm<'a> {
    pub title: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub place: &'a str,
    pub description: &'a str,
    pub capacity: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub description: String,
    pub capacity: Option<i64>,
}

/// Checks every field at once, so the form shows all its problems together.
pub fn check_event(input: &EventForm<'_>, now: i64) -> Result<ValidEvent, FormErrors> {
    let mut errors = FormErrors::default();
    let title = input.title.trim();
    let place = input.place.trim();
    let description = input.description.trim();
    if title.is_empty() || title.chars().count() > 120 {
        errors.add("title", "Indiquez un titre de 1 à 120 caractères.");
    }
    if place.is_empty() || place.chars().count() > 200 {
        errors.add("place", "Indiquez le lieu (200 caractères au plus).");
    }
    if description.chars().count() > 4000 {
        errors.add("description", "La description ne doit pas dépasser 4 000 caractères.");
    }
    let starts_at = parse_paris(input.starts_at);
    let ends_at = parse_paris(input.ends_at);
    match starts_at {
        None => errors.add("starts_at", "Indiquez la date et l'heure de début."),
        Some(start) if start <= now => errors.add("starts_at", "La date de début est déjà passée."),
        Some(_) => {}
    }
    match (starts_at, ends_at) {
        (_, None) => errors.add("ends_at", "Indiquez la date et l'heure de fin."),
        (Some(start), Some(end)) if end <= start => errors.add("ends_at", "La fin doit venir après le début."),
        _ => {}
    }
    let capacity = match input.capacity.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(n) if (1..=10_000).contains(&n) => Some(n),
            _ => {
                errors.add("capacity", "Indiquez un nombre de places entre 1 et 10 000, ou laissez vide.");
                None
            }
        },
    };
    match (starts_at, ends_at) {
        (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(ValidEvent {
            title: title.to_string(),
            starts_at,
            ends_at,
            place: place.to_string(),
            description: description.to_string(),
            capacity,
        }),
        _ => {
            for (name, value) in [
                ("title", input.title),
                ("starts_at", input.starts_at),
                ("ends_at", input.ends_at),
                ("place", input.place),
                ("description", input.description),
                ("capacity", input.capacity),
            ] {
                errors.keep(name, value);
            }
            Err(errors)
        }
    }
}

/// TEXT value escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line exceeds 75 octets (§3.1), never inside a character.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn utc_stamp(utc: i64) -> String {
    DateTime::from_timestamp(utc, 0).map(|at| at.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_default()
}

/// A calendar that applications can subscribe to. `base_url` (`https://host`) makes the UIDs
/// globally unique and gives each event its address.
pub fn calendar(name: &str, base_url: &str, events: &[EventItem]) -> String {
    let base = base_url.trim_end_matches('/');
    let host = base.split("://").nth(1).unwrap_or(base);
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Agora//Agenda//FR", "CALSCALE:GREGORIAN"] {
        push_line(&mut out, line);
    }
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:evenement-{}@{host}", event.id));
        push_line(&mut out, &format!("DTSTAMP:{}", utc_stamp(event.created_at)));
        push_line(&mut out, &format!("DTSTART:{}", utc_stamp(event.starts_at)));
        push_line(&mut out, &format!("DTEND:{}", utc_stamp(event.ends_at)));
        push_line(&mut out, &format!("SUMMARY:{}", escape(&event.title)));
        push_line(&mut out, &format!("LOCATION:{}", escape(&event.place)));
        if !event.description.is_empty() {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(&event.description)));
        }
        push_line(&mut out, &format!("CATEGORIES:{}", escape(&event.host_name)));
        push_line(&mut out, &format!("URL:{base}{}", event.href()));
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, starts_at: i64) -> EventItem {
        EventItem {
            id,
            host_kind: "collectif".into(),
            host_slug: "marche".into(),
            host_name: "Marché".into(),
            title: format!("Réunion {id}"),
            description: String::new(),
            place: "Salle des fêtes".into(),
            starts_at,
            ends_at: starts_at + 3600,
            capacity: None,
            confirmed: 0,
            waiting: 0,
            created_at: 0,
        }
    }

    #[test]
    fn state_changes() {
        use CollectifState::{Active, Archived, Dormant, Revived};
        assert_eq!(check_transition(Active, "dormant"), Ok(Dormant));
        assert_eq!(check_transition(Dormant, "revived"), Ok(Revived));
        assert_eq!(check_transition(Archived, "revived"), Ok(Revived));
        assert_eq!(check_transition(Revived, "active"), Ok(Active));
        assert_eq!(check_transition(Active, "active").unwrap_err(), "Le collectif est déjà dans cet état.");
        assert!(check_transition(Active, "revived").unwrap_err().starts_with("Seul un collectif en sommeil"));
        assert!(check_transition(Archived, "active").is_err());
        assert_eq!(check_transition(Active, "supprimé").unwrap_err(), "État inconnu.");
    }

    #[test]
    fn places_and_waiting_list() {
        assert_eq!(place(100, 50, Some(2), 1), Ok(Placement::Confirmed));
        assert_eq!(place(100, 50, Some(2), 2), Ok(Placement::Waiting));
        assert_eq!(place(100, 50, None, 500), Ok(Placement::Confirmed));
        assert!(place(100, 100, Some(2), 0).unwrap_err().contains("déjà eu lieu"));
        assert_eq!(promotions(Some(3), 2, 5), 1);
        assert_eq!(promotions(Some(3), 3, 5), 0);
        assert_eq!(promotions(Some(3), 0, 1), 1);
        assert_eq!(promotions(None, 10, 2), 2);
    }

    #[test]
    fn agenda_is_split_at_now() {
        let agenda = split_agenda(vec![event(1, 300), event(2, 100), event(3, 500), event(4, 50)], 200);
        assert_eq!(agenda.upcoming.iter().map(|e| e.id).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(agenda.past.iter().map(|e| e.id).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn event_form() {
        let input = EventForm {
            title: " Atelier ",
            starts_at: "2030-05-02T10:00",
            ends_at: "2030-05-02T12:00",
            place: "Médiathèque",
            description: "",
            capacity: "12",
        };
        let valid = check_event(&input, 0).unwrap();
        assert_eq!((valid.title.as_str(), valid.capacity), ("Atelier", Some(12)));
        let bad = EventForm { title: "", ends_at: "2030-05-02T09:00", capacity: "0", ..input };
        let errors = check_event(&bad, 0).unwrap_err();
        let fields: Vec<&str> = errors.fields.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(fields, vec!["title", "ends_at", "capacity"]);
        assert_eq!(errors.value("capacity").as_deref(), Some("0"));
        let past = check_event(&input, 2_000_000_000).unwrap_err();
        assert_eq!(past.message("starts_at").as_deref(), Some("La date de début est déjà passée."));
    }

    #[test]
    fn icalendar_lines_are_escaped_folded_and_crlf() {
        let mut long = event(7, 1_900_000_000);
        long.title = "Visite, balade; et \\ retour".into();
        long.description = format!("Première ligne\nPuis {}", "é".repeat(60));
        let mut council = event(8, 1_900_100_000);
        council.host_kind = "conseil".into();
        council.host_slug = "cevennes".into();
        let text = calendar("Agenda, Carvin", "https://agora.example.fr/", &[long, council]);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "folded at 75 octets");
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Visite\\, balade\\; et \\\\ retour\r\n"));
        assert!(unfolded.contains(&format!("DESCRIPTION:Première ligne\\nPuis {}\r\n", "é".repeat(60))));
        assert!(unfolded.contains("X-WR-CALNAME:Agenda\\, Carvin\r\n"));
        assert!(unfolded.contains("UID:evenement-7@agora.example.fr\r\n"));
        assert!(unfolded.contains("DTSTART:20300317T174640Z\r\n"));
        let url = |path: String| format!("URL:https://agora.example.fr{path}\r\n");
        assert!(unfolded.contains(&url(crate::collectifs::paths::event("marche", 7))));
        assert!(unfolded.contains(&url(crate::citizen_councils::paths::council_event("cevennes", 8))));
        assert_eq!(unfolded.matches("BEGIN:VEVENT\r\n").count(), 2);
    }
}
