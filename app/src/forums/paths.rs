//! Every address of the forums space. Pages, redirects, emails and tests build them here, beside
//! the routes of `pages::ForumRoutes`, instead of repeating literals.

/// The list of forum themes (and the reply-email preference).
pub fn forums() -> String {
    "/dialogue/forums".into()
}

/// The staff's form to open a forum theme.
pub fn new_theme() -> String {
    "/dialogue/forums/nouveau".into()
}

/// The flagged posts waiting for a moderator.
pub fn moderation() -> String {
    "/dialogue/forums/moderation".into()
}

/// A thread's posts; its pages and its posts' anchors (`#message-{id}`) follow.
pub fn thread(id: i64) -> String {
    format!("/dialogue/forums/fil/{id}")
}

/// A forum theme: its guiding question, synthesis and threads.
pub fn theme(id: i64) -> String {
    format!("/dialogue/forums/{id}")
}
