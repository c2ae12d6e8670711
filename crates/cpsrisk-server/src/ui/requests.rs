//! Requests across the supply chain in the browser: an editor creates them from the
//! responsibility tables of the newest revision and applies answers as new revisions; a
//! contributor sees only its organisation's requests and answers them. Every step is the
//! requests API's own function, so roles and organisation scoping are the API's.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::requests::{self, FromAssessment, NewAnswer, Request};
use crate::roles::Action;

#[derive(Template)]
#[template(path = "requests.html")]
struct RequestsPage {
    page: Page,
    nav: ProjectNav,
    requests: Vec<Request>,
    can_manage: bool,
    can_answer: bool,
    /// What creating requests from the assessment did, or why an action was refused.
    notice: Option<String>,
    problem: Option<String>,
}

async fn page(
    state: AppState,
    signed: Signed,
    id: i64,
    notice: Option<String>,
    problem: Option<String>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Requests).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let requests = match requests::list(State(state.clone()), signed.caller.clone(), Path(id)).await
    {
        Ok(l) => l.0.requests,
        Err(e) => return error(e, lang),
    };
    let role = nav.project.role;
    let title = format!("{} — {}", nav.project.name, Msg::Requests.text(lang));
    render(&RequestsPage {
        page: signed.titled(title).page,
        nav,
        requests,
        can_manage: role.may(Action::ManageRequests),
        can_answer: role.may(Action::AnswerRequest),
        notice,
        problem,
    })
}

/// Refusals the user can act on are shown on the page; others are error pages.
async fn refused(state: AppState, signed: Signed, id: i64, e: crate::error::ApiError) -> Response {
    let lang = signed.page.lang;
    if matches!(e.status.as_u16(), 409 | 412 | 422) {
        let problem = Some(e.message(lang).to_string());
        page(state, signed, id, None, problem).await
    } else {
        error(e, lang)
    }
}

fn back(id: i64) -> Response {
    Redirect::to(&format!("/projects/{id}/requests")).into_response()
}

pub async fn list(State(state): State<AppState>, signed: Signed, Path(id): Path<i64>) -> Response {
    page(state, signed, id, None, None).await
}

pub async fn from_assessment(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Response {
    let lang = signed.page.lang;
    let done = requests::from_assessment(
        State(state.clone()),
        signed.caller.clone(),
        Path(id),
        StrictJson(FromAssessment { revision: None }),
    )
    .await;
    match done {
        Ok((_, r)) => {
            let mut notice = format!(
                "{}: {} · {}: {}",
                Msg::RequestsCreated.text(lang),
                r.created.len(),
                Msg::AlreadyOpen.text(lang),
                r.already_open
            );
            if !r.unaddressed.is_empty() {
                notice.push_str(&format!(
                    " · {}: {}",
                    Msg::Unaddressed.text(lang),
                    r.unaddressed.join(", ")
                ));
            }
            page(state, signed, id, Some(notice), None).await
        }
        Err(e) => refused(state, signed, id, e).await,
    }
}

#[derive(Deserialize)]
pub struct AnswerForm {
    status: String,
    statement: String,
}

pub async fn answer(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, rq)): Path<(i64, i64)>,
    Form(f): Form<AnswerForm>,
) -> Response {
    let body = NewAnswer {
        status: f.status,
        statement: f.statement,
    };
    let done = requests::answer(
        State(state.clone()),
        signed.caller.clone(),
        Path((id, rq)),
        StrictJson(body),
    )
    .await;
    match done {
        Ok(_) => back(id),
        Err(e) => refused(state, signed, id, e).await,
    }
}

#[derive(Deserialize)]
pub struct ApplyForm {
    /// The newest revision when the editor read the answer: a later save is a conflict.
    parent: i64,
}

pub async fn apply(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, rq)): Path<(i64, i64)>,
    Form(f): Form<ApplyForm>,
) -> Response {
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", f.parent)) {
        headers.insert(header::IF_MATCH, v);
    }
    headers.insert(
        header::ACCEPT_LANGUAGE,
        HeaderValue::from_static(signed.page.lang.code()),
    );
    let done = requests::apply(
        State(state.clone()),
        signed.caller.clone(),
        headers,
        Path((id, rq)),
    )
    .await;
    match done {
        Ok(_) => back(id),
        Err(e) => refused(state, signed, id, e).await,
    }
}
