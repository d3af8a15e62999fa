//! One file per neighbourhood-council page.
pub mod apply;
pub mod candidacies;
pub mod council;
pub mod draw;
pub mod list;

use crate::budget::ballot::french_date;
use crate::platform::i18n::t;
use crate::sortition::model::Council;
use leptos::prelude::*;

/// `Candidatures ouvertes jusqu'au 15 janvier 2027 · tirage le 01/02/2027`.
pub(crate) fn window_text(council: &Council, open: bool) -> String {
    let draw = format!("{} {}", t("tirage au sort le", "draw on"), council.draw_day);
    if open {
        format!(
            "{} {} · {draw}",
            t("Candidatures ouvertes jusqu'au", "Applications open until"),
            // The window ends as the last day ends.
            french_date(council.applications_close_at - 1)
        )
    } else {
        format!("{} · {draw}", t("Candidatures closes", "Applications closed"))
    }
}

/// The notice or error a plain form's redirect carries in the address.
#[component]
pub(crate) fn UploadOutcome(
    done: Memo<Option<String>>,
    refused: Memo<Option<String>>,
    saved: &'static str,
    /// The French reason for a problem's code.
    #[prop(default = crate::sortition::model::upload_problem)]
    problem: fn(&str) -> Option<&'static str>,
) -> impl IntoView {
    view! {
        {move || done.get().map(|_| view! { <crate::ui::Notice text=saved.to_string() /> })}
        {move || refused.get().map(|code| {
            let problem = problem(&code).unwrap_or("Le fichier n'a pas pu être enregistré.");
            view! { <p class="alert alert-error" role="alert">{format!("{} {problem}", t("Fichier non enregistré :", "File not saved:"))}</p> }
        })}
    }
}
