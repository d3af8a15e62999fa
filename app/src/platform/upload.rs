//! Reading a multipart form with one file: a file over the limit is read to its end but not kept,
//! so the browser gets a French answer rather than a cut connection.
use super::error::AppError;
use axum::{
    extract::{Multipart, multipart::MultipartError},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

/// Back to `page`, with `done` or the code of the problem in the address.
pub fn back(page: &str, outcome: Result<&str, &str>, done: &str, refused: &str) -> Response {
    match outcome {
        Ok(_) => Redirect::to(&format!("{page}?{done}=1")).into_response(),
        Err(code) => Redirect::to(&format!("{page}?{refused}={code}")).into_response(),
    }
}

#[derive(Debug, Default)]
pub struct Upload {
    /// The file's bytes; empty when none was chosen or it was too large.
    pub file: Vec<u8>,
    pub too_large: bool,
    /// The text fields, in the order sent.
    pub fields: Vec<(String, String)>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(field, _)| field == name).map_or("", |(_, value)| value.as_str())
    }
}

/// Reads `form`, keeping the `file_field` up to `max_bytes` and every other field as text.
pub async fn read_upload(mut form: Multipart, file_field: &str, max_bytes: usize) -> Result<Upload, AppError> {
    let mut upload = Upload::default();
    let failed = |error: &MultipartError| error.status() != StatusCode::PAYLOAD_TOO_LARGE;
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if failed(&error) => return Err(AppError::Request(error.body_text())),
            Err(_) => {
                upload.too_large = true;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        let limit = if name == file_field { max_bytes } else { 64 * 1024 };
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() > limit => upload.too_large |= name == file_field,
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) if failed(&error) => return Err(AppError::Request(error.body_text())),
                Err(_) => {
                    upload.too_large = true;
                    break;
                }
            }
        }
        if name == file_field {
            upload.file = if upload.too_large { Vec::new() } else { bytes };
        } else {
            upload.fields.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    Ok(upload)
}
