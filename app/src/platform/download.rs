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
    file_response("text/csv; charset=utf-8", body, Some(file_name))
}

/// A file with its real type; named, it is offered for download rather than shown.
pub fn file_response(content_type: &str, body: impl IntoResponse, file_name: Option<&str>) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Some(value) =
        file_name.and_then(|name| HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")).ok())
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A file someone uploaded (a PDF, a photo): always downloaded as `name` plus the type's extension,
/// never shown inline, and sandboxed should a browser render it anyway, so that a crafted file
/// runs nothing on this site's origin.
pub fn uploaded_file_response(content_type: &str, body: Vec<u8>, name: &str) -> Response {
    let extension = match content_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "bin",
    };
    let mut response = file_response(content_type, body, Some(&format!("{name}.{extension}")));
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    response
}
