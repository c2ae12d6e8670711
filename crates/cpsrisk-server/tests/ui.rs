//! The browser pages without a browser: security headers, the CSRF field of forms, the
//! language choice, role-dependent controls, and saving through the editor form — on SQLite
//! and, with `PG_URL`, PostgreSQL. The real-browser test is cpsrisk-cli/tests/browser.rs.

mod common;

use axum::http::{Method, StatusCode};
use common::Auth;

fn form(fields: &[(&str, &str)]) -> Option<(&'static str, Vec<u8>)> {
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Some(("application/x-www-form-urlencoded", body.into_bytes()))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The session cookie alone: what a browser sends with a form, plus the same-origin header.
fn cookie(auth: &Auth) -> (String, String) {
    match auth {
        Auth::Session { cookie, csrf } => (cookie.clone(), csrf.clone()),
        _ => unreachable!("signed in through a session"),
    }
}

#[tokio::test]
async fn pages_are_safe_bilingual_and_follow_roles() {
    on_every_backend!(|app| {
        app.user("owner@example.com", false).await;
        app.user("viewer@example.com", false).await;
        let owner = app
            .sign_in("owner@example.com", "correct horse battery")
            .await
            .unwrap();
        let (owner_cookie, owner_csrf) = cookie(&owner);
        let browser = |c: &str| Auth::CookieOnly(c.to_string());
        let same_origin = [("sec-fetch-site", "same-origin")];

        // Signed out: sent to the sign-in page, which has the pages' headers.
        let r = app.get("/projects", &Auth::None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.headers["location"], "/signin");
        let r = app.get("/signin", &Auth::None).await;
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["referrer-policy"], "no-referrer");
        let html = r.text();
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=").count()
        );

        // Language: Accept-Language first, the cookie overrides it.
        let ja = app
            .send(
                Method::GET,
                "/signin",
                &Auth::None,
                &[("accept-language", "ja-JP,ja;q=0.9")],
                None,
            )
            .await;
        assert!(ja.text().contains("<html lang=\"ja\">") && ja.text().contains("サインイン"));
        let en = app
            .send(
                Method::GET,
                "/signin",
                &Auth::None,
                &[("accept-language", "ja"), ("cookie", "cpsrisk_lang=en")],
                None,
            )
            .await;
        assert!(en.text().contains("<html lang=\"en\">") && en.text().contains("Sign in"));
        let switch = app.get("/lang/ja?back=//evil.example/", &Auth::None).await;
        assert_eq!(switch.headers["location"], "/", "only local paths");

        // A form without the CSRF field is refused; with it the project is created.
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &same_origin,
                form(&[("name", "P")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &same_origin,
                form(&[("csrf", &owner_csrf), ("name", "Door lock")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let edit = r.headers["location"].to_str().unwrap().to_string();
        let id: i64 = edit.split('/').nth(2).unwrap().parse().unwrap();
        // The right token from another site is still refused.
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &[("sec-fetch-site", "cross-site")],
                form(&[("csrf", &owner_csrf), ("name", "X")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The editor form: a typo is diagnosed at its line, a valid model is saved.
        let typo = common::MODEL.replacen("applying_entity: maker", "applying_entity: makr", 1);
        let line = typo.lines().position(|l| l.contains("makr")).unwrap() + 1;
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/validate"),
                &browser(&owner_cookie),
                &same_origin,
                form(&[("csrf", &owner_csrf), ("content", &typo)]),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains(&format!("data-line=\"{line}\"")),
            "{}",
            r.text()
        );
        assert!(
            r.text().contains("data-replacement=\"maker\""),
            "{}",
            r.text()
        );
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/save"),
                &browser(&owner_cookie),
                &same_origin,
                form(&[
                    ("csrf", &owner_csrf),
                    ("parent", "0"),
                    ("message", "first"),
                    ("content", common::MODEL),
                ]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let dash = app.get(&format!("/projects/{id}"), &owner).await;
        assert!(
            dash.text().contains("<svg"),
            "the dashboard shows the risk map"
        );

        // A viewer reads without edit controls and cannot save, even with its own token.
        app.put_json(
            &format!("/api/v1/projects/{id}/members"),
            &owner,
            serde_json::json!({"email": "viewer@example.com", "role": "viewer"}),
        )
        .await;
        let viewer = app
            .sign_in("viewer@example.com", "correct horse battery")
            .await
            .unwrap();
        let (viewer_cookie, viewer_csrf) = cookie(&viewer);
        let page = app
            .get(&format!("/projects/{id}/edit"), &viewer)
            .await
            .text();
        assert!(page.contains("readonly") && !page.contains("id=\"save\""));
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/save"),
                &browser(&viewer_cookie),
                &same_origin,
                form(&[
                    ("csrf", &viewer_csrf),
                    ("parent", "1"),
                    ("content", common::MODEL),
                ]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    });
}
