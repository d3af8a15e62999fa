//! Every address of the consultations space. Pages, redirects and tests build them here, beside the
//! routes of `pages::ConsultationRoutes` and the plain route of `http`, instead of repeating literals.

/// The published consultations (and, for staff, those in preparation).
pub fn consultations() -> String {
    "/dialogue/consultations".into()
}

pub fn new_consultation() -> String {
    "/dialogue/consultations/nouvelle".into()
}

/// The consultation's presentation and questionnaire to answer.
pub fn consultation(id: i64) -> String {
    format!("/dialogue/consultations/{id}")
}

pub fn results(id: i64) -> String {
    format!("/dialogue/consultations/{id}/resultats")
}

/// The staff's page to edit the questions and publish the consultation.
pub fn questionnaire(id: i64) -> String {
    format!("/dialogue/consultations/{id}/questionnaire")
}

/// The staff's CSV of free-text answers.
pub fn text_answers(id: i64) -> String {
    format!("/dialogue/consultations/{id}/reponses-libres.csv")
}
