//! The cpsrisk workbench: a shared, versioned, signed-off record of assessments over HTTP.
//! Another shell around the engines, like the CLI: models are checked with
//! `cpsrisk_model::load_and_check` and assessed with `cpsrisk_report::Report`.
//!
//! Every piece of state — sessions, sign-in throttling, the write lock — lives in the
//! database, so several `cpsrisk serve` processes can share one PostgreSQL.

pub mod accounts;
pub mod approvals;
pub mod audit;
mod body;
pub mod db;
pub mod error;
pub mod evidence;
pub mod members;
pub mod openapi;
pub mod organisations;
pub mod projects;
pub mod requests;
pub mod revisions;
pub mod roles;
mod secret;
pub mod sessions;
pub mod testing;
pub mod ui;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};

pub use db::Db;

/// Limits and lifetimes; the defaults are what `cpsrisk serve` uses.
#[derive(Debug, Clone)]
pub struct Config {
    pub session_ttl_ms: i64,
    /// Larger request bodies are refused with 413.
    pub max_body_bytes: usize,
    /// Failed sign-ins per account within the window before sign-in is refused with 429.
    pub signin_max_failures: i64,
    pub signin_window_ms: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_ttl_ms: 8 * 3600 * 1000,
            max_body_bytes: 16 * 1024 * 1024,
            signin_max_failures: 5,
            signin_window_ms: 15 * 60 * 1000,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

/// The whole HTTP API.
pub fn router(db: Db, config: Config) -> Router {
    let max_body = config.max_body_bytes;
    let state = AppState {
        db,
        config: Arc::new(config),
    };
    let p = "/api/v1/projects/{id}";
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/session",
            post(sessions::sign_in).delete(sessions::sign_out),
        )
        .route("/api/v1/account", get(accounts::get_account))
        .route(
            "/api/v1/account/password",
            axum::routing::put(sessions::change_password),
        )
        .route("/api/v1/account/tokens", post(accounts::post_token))
        .route("/api/v1/users", post(accounts::post_user))
        .route("/api/v1/audit", get(audit::instance_audit))
        .route(
            "/api/v1/projects",
            get(projects::list).post(projects::create),
        )
        .route(p, get(projects::get))
        .route(
            &format!("{p}/members"),
            get(members::list).put(members::put),
        )
        .route(
            &format!("{p}/organisations"),
            get(organisations::list).post(organisations::create),
        )
        .route(
            &format!("{p}/organisations/{{organisation}}"),
            axum::routing::patch(organisations::rename),
        )
        .route(
            &format!("{p}/revisions"),
            get(revisions::list).post(revisions::create),
        )
        .route(&format!("{p}/revisions/{{rev}}"), get(revisions::get))
        .route(
            &format!("{p}/revisions/{{rev}}/report"),
            get(revisions::report),
        )
        .route(&format!("{p}/diff"), get(revisions::diff))
        .route(
            &format!("{p}/revisions/{{rev}}/approvals"),
            post(approvals::create),
        )
        .route(&format!("{p}/approvals"), get(approvals::list))
        .route(
            &format!("{p}/approvals/{{approval}}/changes"),
            get(approvals::changes),
        )
        .route(
            &format!("{p}/requests"),
            get(requests::list).post(requests::create),
        )
        .route(
            &format!("{p}/requests/from-assessment"),
            post(requests::from_assessment),
        )
        .route(&format!("{p}/requests/{{request}}"), get(requests::get))
        .route(
            &format!("{p}/requests/{{request}}/answers"),
            post(requests::answer),
        )
        .route(
            &format!("{p}/requests/{{request}}/proposal"),
            get(requests::get_proposal),
        )
        .route(
            &format!("{p}/requests/{{request}}/apply"),
            post(requests::apply),
        )
        .route(
            &format!("{p}/requests/{{request}}/evidence"),
            post(evidence::upload),
        )
        .route(
            &format!("{p}/requests/{{request}}/evidence/{{evidence}}"),
            get(evidence::download),
        )
        .route(&format!("{p}/audit"), get(audit::project_audit))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(security_headers))
        .merge(ui::routes(max_body))
        .with_state(state)
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/healthz", responses((status = 200), (status = 503)))]
async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<&'static str, error::ApiError> {
    sqlx::query("SELECT 1").fetch_one(&state.db.pool).await?;
    Ok("ok\n")
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        // Reports are self-contained HTML with inline styles and SVG, no scripts.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(db: Db, config: Config, listen: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    eprintln!(
        "cpsrisk serve: listening on http://{} ({:?})",
        listener.local_addr()?,
        db.backend
    );
    axum::serve(listener, router(db, config))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
