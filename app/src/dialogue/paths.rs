//! The address of the dialogue platform's landing page (its parts have their own `paths`).

pub fn dialogue() -> String {
    "/dialogue".into()
}
