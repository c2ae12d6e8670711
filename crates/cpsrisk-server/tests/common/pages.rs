//! Requests as a browser sends them: forms with the session cookie, the CSRF field and the
//! same-origin header.

use axum::http::{Method, StatusCode};

use super::{App, Auth, Response};

pub fn form(fields: &[(&str, &str)]) -> Option<(&'static str, Vec<u8>)> {
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Some(("application/x-www-form-urlencoded", body.into_bytes()))
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The session cookie alone: what a browser sends with a form, plus the same-origin header.
pub fn cookie(auth: &Auth) -> (String, String) {
    match auth {
        Auth::Session { cookie, csrf } => (cookie.clone(), csrf.clone()),
        _ => unreachable!("signed in through a session"),
    }
}

/// A member of the project signed in through a session, as a browser would be.
pub async fn session_member(
    app: &App,
    owner: &Auth,
    project: i64,
    email: &str,
    role: &str,
    organisation: Option<i64>,
) -> Auth {
    app.user(email, false).await;
    let r = app
        .put_json(
            &format!("/api/v1/projects/{project}/members"),
            owner,
            serde_json::json!({"email": email, "role": role, "organisation": organisation}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    app.sign_in(email, "correct horse battery").await.unwrap()
}

/// Posts a form as the browser of `auth` does: its cookie, its CSRF field, same origin.
pub async fn post_form(app: &App, path: &str, auth: &Auth, fields: &[(&str, &str)]) -> Response {
    let (cookie, csrf) = cookie(auth);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    app.send(
        Method::POST,
        path,
        &Auth::CookieOnly(cookie),
        &[("sec-fetch-site", "same-origin")],
        form(&all),
    )
    .await
}

/// A `multipart/form-data` body as a browser builds it: text fields, then file fields
/// (name, file name, media type, bytes).
pub fn multipart(
    fields: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> Option<(&'static str, Vec<u8>)> {
    const BOUNDARY: &str = "----cpsrisk-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, media, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {media}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Some((
        "multipart/form-data; boundary=----cpsrisk-test-boundary-7MA4YWxkTrZu0gW",
        body,
    ))
}

/// Posts a multipart form as the browser of `auth` does; `csrf` false leaves the field out.
pub async fn post_multipart(
    app: &App,
    path: &str,
    auth: &Auth,
    csrf: bool,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> Response {
    let (cookie, token) = cookie(auth);
    let mut all = Vec::new();
    if csrf {
        all.push(("csrf", token.as_str()));
    }
    all.extend_from_slice(fields);
    app.send(
        Method::POST,
        path,
        &Auth::CookieOnly(cookie),
        &[("sec-fetch-site", "same-origin")],
        multipart(&all, files),
    )
    .await
}
