//! Sessions, CSRF, throttling, token scopes and bad input.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, MODEL};
use cpsrisk_server::Config;
use serde_json::json;

const PASSWORD: &str = "correct horse battery";

#[tokio::test]
async fn a_cookie_without_the_csrf_token_cannot_change_anything() {
    on_every_backend!(|app| {
        app.user("ann@example.com", false).await;
        let session = app.sign_in("ann@example.com", PASSWORD).await.unwrap();
        let Auth::Session { cookie, csrf } = session.clone() else {
            unreachable!()
        };
        // Reading with the cookie alone is fine.
        let r = app
            .get("/api/v1/projects", &Auth::CookieOnly(cookie.clone()))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        // A change with the cookie alone (what a forged cross-site form sends) is refused.
        let forged = app
            .post_json(
                "/api/v1/projects",
                &Auth::CookieOnly(cookie.clone()),
                json!({"name": "x"}),
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(forged.json()["error"]["code"], "csrf");
        // The right token but a cross-site fetch is refused too.
        let r = app
            .send(
                Method::POST,
                "/api/v1/projects",
                &Auth::CookieOnly(cookie.clone()),
                &[("x-csrf-token", &csrf), ("sec-fetch-site", "cross-site")],
                Some(("application/json", br#"{"name":"x"}"#.to_vec())),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .send(
                Method::POST,
                "/api/v1/projects",
                &Auth::CookieOnly(cookie.clone()),
                &[
                    ("x-csrf-token", &csrf),
                    ("origin", "https://evil.example"),
                    ("host", "workbench.example"),
                ],
                Some(("application/json", br#"{"name":"x"}"#.to_vec())),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Same origin with the token: accepted, and nothing was created before.
        let ok = app
            .post_json("/api/v1/projects", &session, json!({"name": "x"}))
            .await;
        assert_eq!(ok.status, StatusCode::CREATED);
        let list = app.get("/api/v1/projects", &session).await.json();
        assert_eq!(list["projects"].as_array().unwrap().len(), 1);
    });
}

#[tokio::test]
async fn sessions_expire_and_are_revoked_on_sign_out_and_password_change() {
    on_every_backend!(|app| {
        app.user("ann@example.com", false).await;
        let s1 = app.sign_in("ann@example.com", PASSWORD).await.unwrap();
        assert_eq!(app.get("/api/v1/account", &s1).await.status, StatusCode::OK);
        let r = app
            .send(Method::DELETE, "/api/v1/session", &s1, &[], None)
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert!(
            r.headers["set-cookie"]
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
        assert_eq!(
            app.get("/api/v1/account", &s1).await.status,
            StatusCode::UNAUTHORIZED
        );

        // Expiry is checked against the stored time, in every process.
        let s2 = app.sign_in("ann@example.com", PASSWORD).await.unwrap();
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE revoked_at IS NULL")
            .bind(cpsrisk_server::db::now_ms() - 1)
            .execute(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(
            app.get("/api/v1/account", &s2).await.status,
            StatusCode::UNAUTHORIZED
        );

        // A password change ends every session of the account.
        let s3 = app.sign_in("ann@example.com", PASSWORD).await.unwrap();
        let s4 = app.sign_in("ann@example.com", PASSWORD).await.unwrap();
        let r = app
            .put_json(
                "/api/v1/account/password",
                &s3,
                json!({"current_password": PASSWORD, "new_password": "short"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "too short");
        let r = app
            .put_json(
                "/api/v1/account/password",
                &s3,
                json!({"current_password": PASSWORD, "new_password": "an even longer passphrase"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        assert_eq!(
            app.get("/api/v1/account", &s3).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.get("/api/v1/account", &s4).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert!(app.sign_in("ann@example.com", PASSWORD).await.is_err());
        assert!(
            app.sign_in("ann@example.com", "an even longer passphrase")
                .await
                .is_ok()
        );
    });
}

#[tokio::test]
async fn sign_in_is_throttled_after_repeated_failures_and_every_attempt_is_audited() {
    for url in common::database_urls().await {
        let config = Config {
            signin_max_failures: 3,
            ..Config::default()
        };
        let app = common::App::with_config(&url, config).await;
        app.user("ann@example.com", false).await;
        for _ in 0..3 {
            let r = app
                .sign_in("ann@example.com", "not the password")
                .await
                .unwrap_err();
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        // Now even the right password is refused until the window passes.
        let r = app.sign_in("ann@example.com", PASSWORD).await.unwrap_err();
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers.contains_key("retry-after"));
        // Unknown accounts answer like wrong passwords.
        let r = app
            .sign_in("nobody@example.com", PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let actions: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit WHERE action LIKE 'sign-in%' ORDER BY seq",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(
            actions,
            [
                "sign-in.failed",
                "sign-in.failed",
                "sign-in.failed",
                "sign-in.throttled",
                "sign-in.failed"
            ]
        );
        // Another account is not affected.
        app.user("bob@example.com", false).await;
        assert!(app.sign_in("bob@example.com", PASSWORD).await.is_ok());
        // Instance admins read the whole trail, sign-ins included; others may not.
        let admin = Auth::Token(app.user("root@example.com", true).await);
        let csv = app.get("/api/v1/audit?format=csv", &admin).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.text().contains("sign-in.throttled"));
        let user = Auth::Token(app.user("carol@example.com", false).await);
        assert_eq!(
            app.get("/api/v1/audit", &user).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn tokens_are_hashed_at_rest_and_read_tokens_cannot_write() {
    on_every_backend!(|app| {
        let token = app.user("ann@example.com", false).await;
        let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM tokens")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
        assert!(!stored.contains(&token), "only the hash is stored");
        let write = Auth::Token(token);
        let r = app
            .post_json(
                "/api/v1/account/tokens",
                &write,
                json!({"name": "ci", "scope": "read"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let read = Auth::Token(r.json()["token"].as_str().unwrap().to_string());
        assert_eq!(
            app.get("/api/v1/projects", &read).await.status,
            StatusCode::OK
        );
        let r = app
            .post_json("/api/v1/projects", &read, json!({"name": "x"}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["error"]["code"], "token-scope");
        let wrong = Auth::Token("cpsrisk_0000".into());
        assert_eq!(
            app.get("/api/v1/projects", &wrong).await.status,
            StatusCode::UNAUTHORIZED
        );
        // Only instance admins create users.
        let r = app
            .post_json(
                "/api/v1/users",
                &write,
                json!({"email": "x@example.com", "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let admin = Auth::Token(app.user("root@example.com", true).await);
        let r = app
            .post_json(
                "/api/v1/users",
                &admin,
                json!({"email": "x@example.com", "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    });
}

#[tokio::test]
async fn bad_input_is_refused_clearly_and_nothing_is_stored() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("ann@example.com", false).await);
        app.user("bob@example.com", false).await;
        let p = app.project(&owner, "A").await;
        let q = app.project(&owner, "B").await;
        // Malformed JSON: 422 with line and column.
        let r = app
            .send(
                Method::POST,
                "/api/v1/projects",
                &owner,
                &[],
                Some((
                    "application/json",
                    b"{\n  \"name\": \"x\",\n  oops\n}".to_vec(),
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["line"], 3);
        assert!(r.json()["column"].as_u64().is_some());
        // Unknown fields are refused, not ignored.
        let r = app
            .post_json(
                "/api/v1/projects",
                &owner,
                json!({"name": "x", "owner": "me"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("owner")
        );
        // JSON with the wrong content type.
        let r = app
            .send(
                Method::POST,
                "/api/v1/projects",
                &owner,
                &[],
                Some(("text/plain", br#"{"name":"x"}"#.to_vec())),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // Oversized JSON bodies.
        let big = json!({"name": "x".repeat(17 * 1024 * 1024)});
        assert_eq!(
            app.post_json("/api/v1/projects", &owner, big).await.status,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        // Unknown roles.
        let r = app
            .put_json(
                &format!("/api/v1/projects/{p}/members"),
                &owner,
                json!({"email": "bob@example.com", "role": "boss"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("contributor")
        );
        // An organisation of another project.
        let other_org = app
            .post_json(
                &format!("/api/v1/projects/{q}/organisations"),
                &owner,
                json!({"name": "Lab", "kind": "lab"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .put_json(
                &format!("/api/v1/projects/{p}/members"),
                &owner,
                json!({"email": "bob@example.com", "role": "contributor", "organisation": other_org}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let members = app
            .get(&format!("/api/v1/projects/{p}/members"), &owner)
            .await
            .json();
        assert_eq!(
            members["members"].as_array().unwrap().len(),
            1,
            "nothing stored"
        );
        // A revision number of another project.
        assert_eq!(
            app.save(q, &owner, None, MODEL).await.status,
            StatusCode::CREATED
        );
        let r = app
            .get(&format!("/api/v1/projects/{p}/revisions/1"), &owner)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // The last owner cannot step down.
        let r = app
            .put_json(
                &format!("/api/v1/projects/{p}/members"),
                &owner,
                json!({"email": "ann@example.com", "role": "viewer"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
    });
}
