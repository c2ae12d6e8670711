//! What every page shares: the language, the signed-in user with the session's CSRF token,
//! the security headers, and error pages.

use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{Form, FromRequest, FromRequestParts, Multipart, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use cpsrisk_catalog::Lang;
use serde::Deserialize;
use sqlx::Row;

use super::i18n::Msg;
use crate::AppState;
use crate::body::too_large;
use crate::error::ApiError;
use crate::revisions::request_lang;
use crate::roles::Role;
use crate::sessions::{CSRF_HEADER, Caller, cookie};

const LANG_COOKIE: &str = "cpsrisk_lang";

/// The page language: the user's choice (a cookie), else `Accept-Language`, else English.
pub fn lang(headers: &HeaderMap) -> Lang {
    match cookie(headers, LANG_COOKIE) {
        Some("ja") => Lang::Ja,
        Some("en") => Lang::En,
        _ => request_lang(headers, None),
    }
}

/// The page language as an extractor.
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(UiLang(lang(&parts.headers)))
    }
}

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Only paths on this site, so the switch cannot be used to send users elsewhere.
fn local_path(back: Option<String>) -> String {
    back.filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".to_string())
}

/// The language switch: remembers the choice for a year and returns to the page.
pub async fn set_language(Path(code): Path<String>, Query(q): Query<Back>) -> Response {
    let code = if code == "ja" { "ja" } else { "en" };
    let cookie = format!("{LANG_COOKIE}={code}; Path=/; SameSite=Lax; Max-Age=31536000");
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to(&local_path(q.back)),
    )
        .into_response()
}

/// The chrome of every page: language, the signed-in user, the CSRF token for its forms.
pub struct Page {
    pub lang: Lang,
    pub email: Option<String>,
    pub csrf: String,
    /// The current path, for the language switch to return to.
    pub path: String,
    pub title: String,
}

impl Page {
    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.lang)
    }

    pub fn role(&self, role: &Role) -> &'static str {
        super::i18n::role(*role).text(self.lang)
    }

    /// A request's or an answer's status in the page language (unknown words as they are).
    pub fn status<'a>(&self, word: &'a str) -> &'a str {
        super::i18n::status(word, self.lang).unwrap_or(word)
    }

    /// An organisation kind in the page language.
    pub fn kind<'a>(&self, word: &'a str) -> &'a str {
        super::i18n::kind(word).map_or(word, |m| m.text(self.lang))
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang(&self) -> (&'static str, &'static str) {
        match self.lang {
            Lang::Ja => ("en", "English"),
            Lang::En => ("ja", "日本語"),
        }
    }
}

/// A signed-in browser user; anyone else is sent to the sign-in page.
pub struct Signed {
    pub caller: Caller,
    pub page: Page,
}

impl Signed {
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.page.title = title.into();
        self
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = lang(&parts.headers);
        let caller = match Caller::from_request_parts(parts, state).await {
            Ok(c) if c.session.is_some() => c,
            Ok(_) => return Err(Redirect::to("/signin").into_response()),
            Err(e) if e.status == StatusCode::UNAUTHORIZED => {
                return Err(Redirect::to("/signin").into_response());
            }
            Err(e) => return Err(error(e, lang)),
        };
        let csrf: String = sqlx::query("SELECT csrf_token FROM sessions WHERE id_hash = $1")
            .bind(caller.session.as_deref().unwrap_or(""))
            .fetch_one(&state.db.pool)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(|e| error(e.into(), lang))?;
        let page = Page {
            lang,
            email: Some(caller.email.clone()),
            csrf,
            path: parts.uri.path().to_string(),
            title: String::new(),
        };
        Ok(Signed { caller, page })
    }
}

/// Renders a template as a page.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            eprintln!("template error: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    message: String,
}

/// An API error as a page in the user's language, with the same status.
pub fn error(e: ApiError, lang: Lang) -> Response {
    let status = e.status;
    let page = Page {
        lang,
        email: None,
        csrf: String::new(),
        path: "/".to_string(),
        title: Msg::Error.text(lang).to_string(),
    };
    let message = e.message(lang).to_string();
    (status, render(&ErrorPage { page, message })).into_response()
}

/// Browsers send forms without custom headers, so a form's `csrf` field is moved into the
/// header the session check reads; the check itself (origin and token) stays in one place.
/// Multipart forms (file uploads) carry the field too; the body is read once, within the
/// pages' size limit.
pub async fn csrf_from_form(req: Request, next: Next) -> Response {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let multipart = content_type.starts_with("multipart/form-data");
    let is_form = multipart || content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form || req.headers().contains_key(CSRF_HEADER) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let bytes = match Bytes::from_request(Request::from_parts(parts.clone(), body), &()).await {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(too_large(), lang(&parts.headers));
        }
        Err(r) => return r.into_response(),
    };
    let copy = Request::from_parts(parts.clone(), Body::from(bytes.clone()));
    let token = if multipart {
        multipart_csrf(copy).await
    } else {
        #[derive(Deserialize)]
        struct CsrfField {
            csrf: Option<String>,
        }
        Form::<CsrfField>::from_request(copy, &())
            .await
            .ok()
            .and_then(|f| f.0.csrf)
    };
    if let Some(v) = token.and_then(|t| HeaderValue::from_str(&t).ok()) {
        parts.headers.insert(CSRF_HEADER, v);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The `csrf` field of a multipart form (the forms put it first).
async fn multipart_csrf(req: Request) -> Option<String> {
    let mut form = Multipart::from_request(req, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("csrf") {
            return field.text().await.ok();
        }
    }
    None
}

/// The pages' headers: scripts and styles only from this server, never framed.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let framed_report = req.uri().path().ends_with("/report.html");
    let mut response = next.run(req).await;
    let csp = if framed_report {
        // A stored report: inline styles and SVG, no scripts, shown in a frame of our page.
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
    } else {
        "default-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    };
    let h = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            header::X_FRAME_OPTIONS,
            if framed_report { "SAMEORIGIN" } else { "DENY" },
        ),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, csp),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
