//! Forum data as the pages see it (shared by server and browser).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Theme {
    pub id: i64,
    pub institution_name: String,
    pub title: String,
    pub question: String,
    pub opens_at: i64,
    pub closes_at: i64,
    pub synthesis_html: Option<String>,
    pub threads: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ThreadRow {
    pub id: i64,
    pub theme_id: i64,
    pub title: String,
    pub author_name: Option<String>,
    pub posts: i64,
    pub locked_at: Option<i64>,
    pub last_post_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Post {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    /// The Markdown source: sent only to the author while they may edit, and to quote.
    pub body: String,
    /// Sanitised when written.
    pub body_html: String,
    pub supports: i64,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub hidden_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeView {
    pub theme: Theme,
    /// One page of threads, the most recently active first.
    pub threads: Vec<ThreadRow>,
    pub shown: crate::platform::paging::PageOf,
    pub signed_in: bool,
    pub is_staff: bool,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub theme: Theme,
    pub thread: ThreadRow,
    pub posts: Vec<Post>,
    pub page: i64,
    pub pages: i64,
    /// Posts of this page the caller supports.
    pub supported: Vec<i64>,
    pub user_id: Option<i64>,
    pub can_moderate: bool,
    pub now: i64,
}

/// A flagged post waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FlaggedPost {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub author_name: Option<String>,
    pub body_html: String,
    pub flags: i64,
    pub reasons: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForumsView {
    /// One page of the themes, the most recently opened first.
    pub themes: Vec<Theme>,
    pub shown: crate::platform::paging::PageOf,
    pub signed_in: bool,
    pub is_staff: bool,
    pub can_moderate: bool,
    pub reply_emails: bool,
}
