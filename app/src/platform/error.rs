//! The one error type every server function returns, with French messages.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Field-level problems of a submitted form, with the values to show again
/// (never passwords) so that a no-JavaScript round trip keeps what was typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormErrors {
    pub fields: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.fields.push((field.to_string(), message.into()));
    }

    pub fn keep(&mut self, field: &str, value: impl Into<String>) {
        self.values.push((field.to_string(), value.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn message(&self, field: &str) -> Option<String> {
        self.fields.iter().find(|(name, _)| name == field).map(|(_, message)| message.clone())
    }

    /// The id picked in a drop-down, if it is one of the `listed` (id, name) pairs; otherwise `message`
    /// is recorded against `field`.
    pub fn chosen(&mut self, field: &str, raw: &str, listed: &[(i64, String)], message: &str) -> Option<i64> {
        let id = raw.trim().parse::<i64>().ok().filter(|id| listed.iter().any(|(known, _)| known == id));
        if id.is_none() {
            self.add(field, message);
        }
        id
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values.iter().find(|(name, _)| name == field).map(|(_, value)| value.clone())
    }

    /// `Ok(())` when no field failed, otherwise the error to return.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() { Ok(()) } else { Err(AppError::Invalid(self)) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Connectez-vous pour continuer.")]
    Unauthenticated,
    #[error("Vous n'avez pas les droits nécessaires pour cette action.")]
    Forbidden,
    #[error("Élément introuvable.")]
    NotFound,
    #[error("Le formulaire contient des erreurs : corrigez les champs signalés.")]
    Invalid(FormErrors),
    /// A business rule refused the action; the message says which, in French.
    #[error("{0}")]
    Refused(String),
    #[error("Trop de tentatives. Réessayez dans quelques minutes.")]
    RateLimited,
    #[error("Une erreur interne est survenue. Réessayez plus tard.")]
    Internal,
    #[error("Requête invalide : {0}")]
    Request(String),
}

impl AppError {
    pub fn refused(message: impl Into<String>) -> Self {
        AppError::Refused(message.into())
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Refused(_) => StatusCode::CONFLICT,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Request(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn form(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(form) => Some(form),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}
