//! The browser pages of the workbench: server-rendered HTML (askama, auto-escaped) with htmx
//! for partial updates. Every page reads without JavaScript; every change goes through the
//! same functions as the JSON API (sessions, role checks, revisions, reports).

mod assets;
mod audit;
mod auth;
mod dashboard;
mod editor;
mod history;
pub mod i18n;
mod members;
mod organisations;
mod page;
mod projects;
mod requests;
mod review;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};

use crate::AppState;

/// The pages, with their own security headers and the form CSRF field moved into the header
/// the session check reads.
pub fn routes(max_body: usize) -> Router<AppState> {
    let p = "/projects/{id}";
    Router::new()
        .route("/", get(projects::home))
        .route("/lang/{code}", get(page::set_language))
        .route("/signin", get(auth::sign_in_page).post(auth::sign_in))
        .route("/signout", post(auth::sign_out))
        .route(
            "/account/password",
            get(auth::password_page).post(auth::change_password),
        )
        .route("/projects", get(projects::list).post(projects::create))
        .route(p, get(dashboard::show))
        .route(&format!("{p}/edit"), get(editor::show))
        .route(&format!("{p}/validate"), post(editor::validate))
        .route(&format!("{p}/save"), post(editor::save))
        .route(&format!("{p}/history"), get(history::list))
        .route(&format!("{p}/revisions/{{rev}}"), get(history::report_page))
        .route(
            &format!("{p}/revisions/{{rev}}/report.html"),
            get(history::report_frame),
        )
        .route(
            &format!("{p}/revisions/{{rev}}/review"),
            get(review::show).post(review::approve),
        )
        .route(
            &format!("{p}/requests"),
            get(requests::list).post(requests::create),
        )
        .route(
            &format!("{p}/requests/from-assessment"),
            post(requests::from_assessment),
        )
        .route(
            &format!("{p}/requests/{{request}}/answer"),
            post(requests::answer),
        )
        .route(
            &format!("{p}/requests/{{request}}/apply"),
            post(requests::apply),
        )
        .route(
            &format!("{p}/organisations"),
            get(organisations::list).post(organisations::create),
        )
        .route(
            &format!("{p}/organisations/{{organisation}}/rename"),
            post(organisations::rename),
        )
        .route(&format!("{p}/audit"), get(audit::show))
        .route(
            &format!("{p}/members"),
            get(members::list).post(members::put),
        )
        .route("/assets/{file}", get(assets::serve))
        .layer(middleware::from_fn(page::csrf_from_form))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn(page::security_headers))
}
