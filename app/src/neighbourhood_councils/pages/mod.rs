//! One file per neighbourhood-council page.
pub mod apply;
pub mod candidacies;
pub mod council;
pub mod draw;
pub mod list;

use crate::neighbourhood_councils::model::Council;
use crate::platform::i18n::t;
use crate::platform::time::french_date;

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
