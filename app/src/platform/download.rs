//! Answers of the plain HTTP routes (downloads, feeds): CSV files and errors as status + French text.
use super::error::AppError;
use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

pub fn error_response(error: AppError) -> Response {
    (error.status(), error.to_string()).into_response()
}

/// A CSV download named `file_name`.
pub fn csv_response(file_name: &str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
