//! The projects list and creating a project.

use askama::Template;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::projects::{self, NewProject, Project};

pub async fn home() -> Redirect {
    Redirect::to("/projects")
}

#[derive(Template)]
#[template(path = "projects.html")]
struct ProjectsPage {
    page: Page,
    projects: Vec<Project>,
    problem: Option<String>,
}

async fn page(state: AppState, signed: Signed, problem: Option<String>) -> Response {
    let lang = signed.page.lang;
    let caller = signed.caller.clone();
    match projects::list(State(state), caller).await {
        Ok(list) => render(&ProjectsPage {
            page: signed.titled(Msg::Projects.text(lang)).page,
            projects: list.0.projects,
            problem,
        }),
        Err(e) => error(e, lang),
    }
}

pub async fn list(State(state): State<AppState>, signed: Signed) -> Response {
    page(state, signed, None).await
}

#[derive(Deserialize)]
pub struct NewProjectForm {
    name: String,
}

pub async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<NewProjectForm>,
) -> Response {
    let lang = signed.page.lang;
    let caller = signed.caller.clone();
    match projects::create(
        State(state.clone()),
        caller,
        StrictJson(NewProject { name: f.name }),
    )
    .await
    {
        Ok((_, created)) => {
            Redirect::to(&format!("/projects/{}/edit", created.0.id)).into_response()
        }
        Err(e) if e.status.is_client_error() && e.status.as_u16() == 422 => {
            let problem = Some(e.message(lang).to_string());
            page(state, signed, problem).await
        }
        Err(e) => error(e, lang),
    }
}
