//! Account data as the pages see it (shared by server and browser).
use crate::platform::identity::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Profile {
    pub email: String,
    pub display_name: String,
    pub birth_date: String,
    pub commune_id: Option<i64>,
    pub territory_id: Option<i64>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    pub locale: String,
    pub verified_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub verified: bool,
}

/// Everything Agora holds about one person, as given by "export my data".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataExport {
    pub profile: Profile,
    pub role_changes: Vec<(String, String, i64)>,
    /// Petitions filed: title, state code, created at.
    pub petitions_filed: Vec<(String, String, i64)>,
    /// Petitions signed with this account: title, confirmed at.
    pub petitions_signed: Vec<(String, i64)>,
}
