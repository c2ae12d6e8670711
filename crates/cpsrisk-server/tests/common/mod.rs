//! Shared test harness: the router in-process over a fresh SQLite file and, when `PG_URL` is
//! set, over a fresh PostgreSQL database.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use cpsrisk_server::{Config, Db, accounts};
use serde_json::Value;
use tower::ServiceExt;

pub const MODEL: &str = cpsrisk_model::starters::IOT_SSF;
pub const CONFORMANCE_MODEL: &str = cpsrisk_model::starters::CONFORMANCE;

/// The starter model with a changed target level and one more threat: a real second version.
pub fn model_v2() -> String {
    MODEL
        .replace(
            "target: { axis1: limited, axis2: limited }",
            "target: { axis1: serious, axis2: limited }",
        )
        .replace(
            "    - { device: lock, threat: tampering, description: Commands altered on the local link }\n",
            "    - { device: lock, threat: tampering, description: Commands altered on the local link }\n    - { device: lock, threat: denial-of-service, description: Jamming the local link }\n",
        )
}

pub use cpsrisk_server::testing::database_urls;

pub mod pages;

pub struct App {
    pub db: Db,
    pub router: Router,
    pub url: String,
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// How a request authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    None,
    Token(String),
    /// Session cookie and CSRF token.
    Session {
        cookie: String,
        csrf: String,
    },
    /// Session cookie without the CSRF token (a forged cross-site request).
    CookieOnly(String),
}

impl App {
    pub async fn new(url: &str) -> App {
        Self::with_config(url, Config::default()).await
    }

    pub async fn with_config(url: &str, config: Config) -> App {
        let db = Db::connect(url).await.expect("database opens");
        let router = cpsrisk_server::router(db.clone(), config);
        App {
            db,
            router,
            url: url.to_string(),
        }
    }

    pub fn backend(&self) -> &str {
        if self.url.starts_with("postgres") {
            "postgres"
        } else {
            "sqlite"
        }
    }

    /// A user and a write token for it.
    pub async fn user(&self, email: &str, admin: bool) -> String {
        accounts::create_user(
            &self.db,
            "test",
            email,
            "correct horse battery".into(),
            admin,
        )
        .await
        .unwrap();
        accounts::create_token(&self.db, "test", email, "test", accounts::Scope::Write)
            .await
            .unwrap()
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        auth: &Auth,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Response {
        let mut req = Request::builder().method(method).uri(path);
        match auth {
            Auth::None => {}
            Auth::Token(t) => req = req.header("authorization", format!("Bearer {t}")),
            Auth::Session { cookie, csrf } => {
                req = req
                    .header("cookie", format!("__Host-cpsrisk_session={cookie}"))
                    .header("x-csrf-token", csrf)
                    .header("sec-fetch-site", "same-origin")
            }
            Auth::CookieOnly(cookie) => {
                req = req.header("cookie", format!("__Host-cpsrisk_session={cookie}"))
            }
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = match body {
            Some((ct, bytes)) => req.header("content-type", ct).body(Body::from(bytes)),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Response {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, auth: &Auth) -> Response {
        self.send(Method::GET, path, auth, &[], None).await
    }

    pub async fn post_json(&self, path: &str, auth: &Auth, body: Value) -> Response {
        self.send(
            Method::POST,
            path,
            auth,
            &[],
            Some(("application/json", body.to_string().into_bytes())),
        )
        .await
    }

    pub async fn put_json(&self, path: &str, auth: &Auth, body: Value) -> Response {
        self.send(
            Method::PUT,
            path,
            auth,
            &[],
            Some(("application/json", body.to_string().into_bytes())),
        )
        .await
    }

    /// Saves a model; `parent` goes into If-Match.
    pub async fn save(
        &self,
        project: i64,
        auth: &Auth,
        parent: Option<i64>,
        model: &str,
    ) -> Response {
        let if_match = parent.map(|p| format!("\"{p}\""));
        let headers: Vec<(&str, &str)> = if_match
            .as_deref()
            .map(|v| vec![("if-match", v)])
            .unwrap_or_default();
        self.send(
            Method::POST,
            &format!("/api/v1/projects/{project}/revisions?message=test"),
            auth,
            &headers,
            Some(("application/yaml", model.as_bytes().to_vec())),
        )
        .await
    }

    /// `owner@example.com` signed in (session cookie and CSRF token), owning a new project.
    pub async fn owner_and_project(&self, name: &str) -> (Auth, i64) {
        self.user("owner@example.com", false).await;
        let owner = self
            .sign_in("owner@example.com", "correct horse battery")
            .await
            .unwrap();
        let id = self.project(&owner, name).await;
        (owner, id)
    }

    pub async fn project(&self, owner: &Auth, name: &str) -> i64 {
        let r = self
            .post_json("/api/v1/projects", owner, serde_json::json!({"name": name}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()["id"].as_i64().unwrap()
    }

    /// Signs in through the API; returns the session cookie and CSRF token.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Auth, Response> {
        let r = self
            .post_json(
                "/api/v1/session",
                &Auth::None,
                serde_json::json!({"email": email, "password": password}),
            )
            .await;
        if r.status != StatusCode::CREATED {
            return Err(r);
        }
        let set = r.headers["set-cookie"].to_str().unwrap().to_string();
        let cookie = set
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_string();
        Ok(Auth::Session {
            cookie,
            csrf: r.json()["csrf_token"].as_str().unwrap().to_string(),
        })
    }
}

/// Runs `f` once per database backend.
#[macro_export]
macro_rules! on_every_backend {
    (|$app:ident| $body:block) => {
        for url in common::database_urls().await {
            let $app = common::App::new(&url).await;
            eprintln!("backend: {}", $app.backend());
            $body
        }
    };
}
