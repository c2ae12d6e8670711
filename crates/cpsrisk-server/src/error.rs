//! Errors as HTTP responses: a status and `{"error": {"code", "message", "message_ja"}}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    /// English and Japanese (boxed: errors travel in every `Result` of the server).
    text: Box<(String, String)>,
    /// Extra fields merged into the body (diagnostics, location, …).
    extra: Option<Box<Value>>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code,
            text: Box::new((en.into(), ja.into())),
            extra: None,
        }
    }

    pub fn with(mut self, extra: Value) -> Self {
        self.extra = Some(Box::new(extra));
        self
    }

    /// One of the extra fields, e.g. `field` naming the input a 422 is about.
    pub fn detail(&self, key: &str) -> Option<&Value> {
        self.extra.as_deref().and_then(|e| e.get(key))
    }

    pub fn message(&self, lang: cpsrisk_catalog::Lang) -> &str {
        lang.pick(&self.text.0, &self.text.1)
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in or send an API token",
            "サインインするか API トークンを送ってください",
        )
    }

    /// The same answer whether the object does not exist or the caller may not know of it.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "not found",
            "見つかりません",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "your role in this project does not allow this",
            "このプロジェクトでのあなたのロールではこの操作はできません",
        )
    }

    pub fn invalid(code: &'static str, en: impl Into<String>, ja: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, en, ja)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        eprintln!("database error: {e}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database",
            "the database is unavailable; try again",
            "データベースを利用できません。再試行してください",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (en, ja) = *self.text;
        let mut body = json!({
            "error": {"code": self.code, "message": en, "message_ja": ja}
        });
        if let Some(Value::Object(extra)) = self.extra.map(|e| *e) {
            for (k, v) in extra {
                body[k.as_str()] = v;
            }
        }
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("900"));
        }
        response
    }
}
