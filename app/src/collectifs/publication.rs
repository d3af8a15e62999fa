//! Publications of the collectifs and the opinion chain, without I/O: kinds, the form, who may take
//! which step and in what order, what the public sees, and the Atom (RFC 4287) rendering.
use super::model::{PublicationKind, PublicationStage};
use crate::platform::text::bounded_text;
use chrono::{DateTime, NaiveDate};

/// Opinions, reports and studies are addressed to the municipality; memos and minutes are not.
pub fn goes_through_chain(kind: PublicationKind) -> bool {
    matches!(kind, PublicationKind::Opinion | PublicationKind::Report | PublicationKind::Study)
}

/// The stage a new publication starts at.
pub fn first_stage(kind: PublicationKind) -> PublicationStage {
    if goes_through_chain(kind) { PublicationStage::Draft } else { PublicationStage::Published }
}

/// A draft is the collectif's own business; every other stage is public, so the tracker can show
/// an opinion from the day it reaches the municipal bureau.
pub fn public(stage: PublicationStage) -> bool {
    stage != PublicationStage::Draft
}

/// The steps of the opinion chain, each taken by one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The collectif sends its draft (or its reworked text) to the municipal bureau.
    Submit,
    /// The bureau validates it…
    Validate,
    /// …or returns it with remarks.
    Return,
    /// Presented to a named commission of elected officials on a date.
    Present,
    /// The municipality's answer is published.
    Answer,
}

impl Step {
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "submit" => Self::Submit,
            "validate" => Self::Validate,
            "return" => Self::Return,
            "present" => Self::Present,
            "answer" => Self::Answer,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Validate => "validate",
            Self::Return => "return",
            Self::Present => "present",
            Self::Answer => "answer",
        }
    }

    /// The stage the publication reaches.
    pub fn target(self) -> PublicationStage {
        match self {
            Self::Submit => PublicationStage::Submitted,
            Self::Validate => PublicationStage::Validated,
            Self::Return => PublicationStage::Returned,
            Self::Present => PublicationStage::Presented,
            Self::Answer => PublicationStage::Answered,
        }
    }

    /// Only the collectif submits; the municipality (staff) takes every other step.
    fn by_collectif(self) -> bool {
        self == Self::Submit
    }
}

/// Who is acting on a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Staff act for the municipality: the bureau, the commissions' secretariat.
    pub staff: bool,
    /// A facilitator of the collectif that wrote it.
    pub facilitator: bool,
}

/// A step with what it carries, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStep {
    pub step: Step,
    /// The remarks (return), the commission's name (present) or the answer (answer).
    pub note: String,
    /// `YYYY-MM-DD`: the day of the commission's meeting (present only).
    pub on_date: Option<String>,
}

/// The stages a step may start from.
fn sources(step: Step) -> &'static [PublicationStage] {
    match step {
        Step::Submit => &[PublicationStage::Draft, PublicationStage::Returned],
        Step::Validate | Step::Return => &[PublicationStage::Submitted],
        Step::Present => &[PublicationStage::Validated],
        Step::Answer => &[PublicationStage::Presented],
    }
}

/// Why a step was refused: the field to fix, or `None` when the step itself cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRefusal {
    pub field: Option<&'static str>,
    pub message: String,
}

impl StepRefusal {
    fn step(message: impl Into<String>) -> Self {
        Self { field: None, message: message.into() }
    }

    fn field(field: &'static str) -> impl Fn(String) -> Self {
        move |message| Self { field: Some(field), message }
    }
}

/// Accepts a step of the chain or says, in French, why not: out of order, by the wrong side, or
/// without what it must carry. The note is typed in field `note`, the day in `on_date`.
pub fn check_step(
    kind: PublicationKind,
    stage: PublicationStage,
    step: Step,
    actor: Actor,
    note: &str,
    on_date: &str,
) -> Result<ValidStep, StepRefusal> {
    if !goes_through_chain(kind) {
        return Err(StepRefusal::step("Seuls les avis, rapports et études suivent le circuit de validation."));
    }
    let allowed = if step.by_collectif() { actor.facilitator || actor.staff } else { actor.staff };
    if !allowed {
        return Err(StepRefusal::step(if step.by_collectif() {
            "Seuls les animateurs du collectif peuvent transmettre ce texte au bureau municipal."
        } else {
            "Cette étape revient à la municipalité."
        }));
    }
    if !sources(step).contains(&stage) {
        return Err(StepRefusal::step(format!(
            "Étape impossible maintenant : le texte est « {} ». {}",
            stage.label(),
            next_hint(stage)
        )));
    }
    let text = |what, min, max| bounded_text(note, what, min, max).map_err(StepRefusal::field("note"));
    let (note, on_date) = match step {
        Step::Submit | Step::Validate => (String::new(), None),
        Step::Return => (text("les remarques du bureau", 5, 2000)?, None),
        Step::Answer => (text("la réponse de la municipalité", 5, 4000)?, None),
        Step::Present => {
            let commission = text("le nom de la commission", 3, 150)?;
            let day = NaiveDate::parse_from_str(on_date.trim(), "%Y-%m-%d")
                .map_err(|_| StepRefusal::field("on_date")("Indiquez la date de la commission.".into()))?;
            (commission, Some(day.format("%Y-%m-%d").to_string()))
        }
    };
    Ok(ValidStep { step, note, on_date })
}

fn next_hint(stage: PublicationStage) -> &'static str {
    match stage {
        PublicationStage::Draft | PublicationStage::Returned => "Il doit d'abord être transmis au bureau municipal.",
        PublicationStage::Submitted => "Le bureau municipal doit d'abord le valider ou le renvoyer.",
        PublicationStage::Validated => "Il doit d'abord être présenté à une commission.",
        PublicationStage::Presented => "Il attend la réponse de la municipalité.",
        PublicationStage::Answered => "Le circuit est terminé.",
        PublicationStage::Published => "",
    }
}

/// The text fields of a new publication, as typed.
#[derive(Debug, Clone, Copy)]
pub struct PublicationForm<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub published_on: &'a str,
    pub summary: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPublication {
    pub kind: PublicationKind,
    pub title: String,
    /// `YYYY-MM-DD`, the date on the document.
    pub published_on: String,
    pub summary: String,
}

/// Checks a new publication's fields, or answers the code of the first problem (the form is a
/// plain multipart form, so the code travels back in the address): see [`problem`].
pub fn check_publication(input: PublicationForm<'_>) -> Result<ValidPublication, &'static str> {
    let kind = PublicationKind::parse(input.kind.trim()).ok_or("type")?;
    let title = bounded_text(input.title, "le titre", 5, 200).map_err(|_| "titre")?;
    let day = NaiveDate::parse_from_str(input.published_on.trim(), "%Y-%m-%d").map_err(|_| "date")?;
    let summary = if input.summary.trim().is_empty() {
        String::new()
    } else {
        bounded_text(input.summary, "le résumé", 1, 1000).map_err(|_| "resume")?
    };
    Ok(ValidPublication { kind, title, published_on: day.format("%Y-%m-%d").to_string(), summary })
}

/// The French message for a problem code of the publication form or its file.
pub fn problem(code: &str) -> &'static str {
    match code {
        "type" => "Choisissez le type de publication.",
        "titre" => "Le titre doit compter de 5 à 200 caractères.",
        "date" => "Indiquez la date du document.",
        "resume" => "Le résumé ne doit pas dépasser 1 000 caractères.",
        "trop-lourd" => "Le fichier dépasse 5 Mo : envoyez une version plus légère.",
        "absent" => "Joignez le document en PDF.",
        "format-pdf" => "Le document doit être un fichier PDF.",
        "etape" => "Le texte a déjà quitté le brouillon : son fichier ne change plus.",
        _ => "La publication n'a pas pu être enregistrée.",
    }
}

/// One entry of an Atom feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The publication's page, relative to the site (`/collectifs/marche/publications/4`).
    pub path: String,
    pub title: String,
    pub summary: String,
    /// Who wrote it: the collectif.
    pub author: String,
    pub updated: i64,
    /// The PDF: address relative to the site, and its size in bytes.
    pub file_path: String,
    pub file_size: i64,
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(utc: i64) -> String {
    DateTime::from_timestamp(utc, 0).map(|at| at.format("%Y-%m-%dT%H:%M:%SZ").to_string()).unwrap_or_default()
}

/// An Atom feed (RFC 4287) of `entries`, newest first; `self_path` is the feed's own address.
pub fn atom(title: &str, base_url: &str, self_path: &str, entries: &[FeedEntry]) -> String {
    let base = base_url.trim_end_matches('/');
    let updated = entries.iter().map(|entry| entry.updated).max().unwrap_or(0);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n");
    out.push_str(&format!("  <id>{base}{self_path}</id>\n  <title>{}</title>\n", xml_escape(title)));
    out.push_str(&format!("  <updated>{}</updated>\n", rfc3339(updated)));
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}{self_path}\"/>\n"));
    out.push_str("  <author><name>Agora</name></author>\n");
    for entry in entries {
        let page = format!("{base}{}", entry.path);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{page}</id>\n    <title>{}</title>\n", xml_escape(&entry.title)));
        out.push_str(&format!("    <updated>{}</updated>\n", rfc3339(entry.updated)));
        out.push_str(&format!("    <author><name>{}</name></author>\n", xml_escape(&entry.author)));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>\n"));
        out.push_str(&format!(
            "    <link rel=\"enclosure\" type=\"application/pdf\" length=\"{}\" href=\"{base}{}\"/>\n",
            entry.file_size, entry.file_path
        ));
        if !entry.summary.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", xml_escape(&entry.summary)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collectifs::paths;
    use PublicationKind::{Memo, Minutes, Opinion, Report, Study};
    use PublicationStage::{Answered, Draft, Presented, Submitted, Validated};

    const FACILITATOR: Actor = Actor { staff: false, facilitator: true };
    const STAFF: Actor = Actor { staff: true, facilitator: false };
    const MEMBER: Actor = Actor { staff: false, facilitator: false };

    #[test]
    fn an_opinion_goes_through_the_whole_chain_in_order() {
        let mut stage = first_stage(Opinion);
        assert_eq!(stage, Draft);
        assert!(!public(stage));
        let steps = [
            (Step::Submit, FACILITATOR, "", ""),
            (Step::Return, STAFF, "Précisez le coût des bancs.", ""),
            (Step::Submit, FACILITATOR, "", ""),
            (Step::Validate, STAFF, "", ""),
            (Step::Present, STAFF, "Commission cadre de vie", "2026-03-12"),
            (Step::Answer, STAFF, "La ville installera six bancs au printemps.", ""),
        ];
        for (step, actor, note, day) in steps {
            let valid = check_step(Opinion, stage, step, actor, note, day).unwrap();
            assert_eq!(valid.note, note);
            stage = step.target();
        }
        assert_eq!(stage, Answered);
        assert!(public(stage));
    }

    #[test]
    fn steps_out_of_order_are_refused_in_french() {
        let skipped = check_step(Opinion, Draft, Step::Validate, STAFF, "", "").unwrap_err().message;
        assert!(skipped.contains("« brouillon »") && skipped.contains("transmis au bureau"), "{skipped}");
        assert!(check_step(Report, Submitted, Step::Present, STAFF, "Commission", "2026-01-01").is_err());
        assert!(check_step(Study, Answered, Step::Answer, STAFF, "Encore une réponse", "").is_err());
        assert!(check_step(Opinion, Validated, Step::Submit, FACILITATOR, "", "").is_err());
        let memo = check_step(Memo, PublicationStage::Published, Step::Submit, STAFF, "", "").unwrap_err();
        assert!(memo.field.is_none() && memo.message.starts_with("Seuls les avis"));
    }

    #[test]
    fn each_side_takes_only_its_own_steps() {
        assert_eq!(
            check_step(Opinion, Submitted, Step::Validate, FACILITATOR, "", "").unwrap_err().message,
            "Cette étape revient à la municipalité."
        );
        assert!(check_step(Opinion, Draft, Step::Submit, MEMBER, "", "").unwrap_err().message.contains("animateurs"));
        // Staff may send a text for a collectif that has no facilitator left.
        assert!(check_step(Opinion, Draft, Step::Submit, STAFF, "", "").is_ok());
    }

    #[test]
    fn steps_carry_what_they_must() {
        let no_remarks = check_step(Opinion, Submitted, Step::Return, STAFF, "", "").unwrap_err();
        assert_eq!(
            (no_remarks.field, no_remarks.message.as_str()),
            (Some("note"), "Indiquez les remarques du bureau.")
        );
        let no_day = check_step(Opinion, Validated, Step::Present, STAFF, "Commission", "").unwrap_err();
        assert_eq!(no_day.field, Some("on_date"));
        let presented = check_step(Opinion, Validated, Step::Present, STAFF, " Finances ", "2026-05-04").unwrap();
        assert_eq!((presented.note.as_str(), presented.on_date.as_deref()), ("Finances", Some("2026-05-04")));
        assert!(check_step(Opinion, Presented, Step::Answer, STAFF, " ", "").is_err());
    }

    #[test]
    fn publication_forms_answer_a_problem_code() {
        let input =
            PublicationForm { kind: "opinion", title: "Avis sur les bancs", published_on: "2026-02-01", summary: "" };
        assert_eq!(check_publication(input).unwrap().kind, Opinion);
        assert_eq!(check_publication(PublicationForm { kind: "tract", ..input }), Err("type"));
        assert_eq!(check_publication(PublicationForm { title: "Avis", ..input }), Err("titre"));
        assert_eq!(check_publication(PublicationForm { published_on: "01/02/2026", ..input }), Err("date"));
        assert_eq!(problem("date"), "Indiquez la date du document.");
        assert_eq!(first_stage(Minutes), PublicationStage::Published);
    }

    #[test]
    fn atom_feeds_escape_text_and_link_the_pdf() {
        let entry = FeedEntry {
            path: paths::publication("marche", 4),
            title: "Avis <marché> & halles".into(),
            summary: "Résumé".into(),
            author: "Marché".into(),
            updated: 1_700_000_000,
            file_path: paths::publication_document("marche", 4),
            file_size: 680_960,
        };
        let feed = atom("Publications", "https://agora.example/", &paths::publications_feed(), &[entry]);
        assert!(feed.contains("<title>Avis &lt;marché&gt; &amp; halles</title>"));
        assert!(feed.contains("<updated>2023-11-14T22:13:20Z</updated>"));
        assert!(feed.contains(&format!(
            "<link rel=\"enclosure\" type=\"application/pdf\" length=\"680960\" href=\"https://agora.example{}\"/>",
            paths::publication_document("marche", 4)
        )));
        assert!(feed.contains(&format!("<id>https://agora.example{}</id>", paths::publication("marche", 4))));
    }
}
