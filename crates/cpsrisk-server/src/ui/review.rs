//! Review of one revision: a reviewer approves its treatment plan or accepts one of its
//! residual risks (reason, expiry), through the approvals API; the approvals so far are listed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::approvals::{self, Approval, NewApproval};
use crate::body::StrictJson;
use crate::revisions;
use crate::roles::Action;

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    page: Page,
    nav: ProjectNav,
    revision: i64,
    can_approve: bool,
    /// The residual risks of this revision that may be accepted.
    subjects: Vec<String>,
    approvals: Vec<Approval>,
    problem: Option<String>,
}

async fn page(
    state: AppState,
    signed: Signed,
    id: i64,
    revision: i64,
    problem: Option<String>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Review).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let assessment = match revisions::load(&state.db, id, revision).await {
        Ok((_, a)) => serde_json::from_str(&a).unwrap_or(Value::Null),
        Err(e) => return error(e, lang),
    };
    let list = approvals::list(State(state.clone()), signed.caller.clone(), Path(id)).await;
    let approvals = match list {
        Ok(l) => l.0.approvals,
        Err(e) => return error(e, lang),
    };
    let title = format!(
        "{} — {} {revision}",
        nav.project.name,
        Msg::Review.text(lang)
    );
    render(&ReviewPage {
        page: signed.titled(title).page,
        can_approve: nav.project.role.may(Action::Approve),
        nav,
        revision,
        subjects: approvals::risk_subjects(&assessment),
        approvals,
        problem,
    })
}

pub async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, revision)): Path<(i64, i64)>,
) -> Response {
    page(state, signed, id, revision, None).await
}

#[derive(Deserialize)]
pub struct ApprovalForm {
    kind: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    expires_on: String,
}

fn filled(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

pub async fn approve(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, revision)): Path<(i64, i64)>,
    Form(f): Form<ApprovalForm>,
) -> Response {
    let lang = signed.page.lang;
    // A treatment-plan approval carries no subject, reason or expiry; the form's risk
    // fields are ignored for it rather than refused.
    let acceptance = f.kind == "risk-acceptance";
    let body = NewApproval {
        kind: f.kind,
        subject: filled(f.subject).filter(|_| acceptance),
        reason: filled(f.reason).filter(|_| acceptance),
        expires_on: filled(f.expires_on).filter(|_| acceptance),
    };
    let done = approvals::create(
        State(state.clone()),
        signed.caller.clone(),
        Path((id, revision)),
        StrictJson(body),
    )
    .await;
    match done {
        Ok(_) => {
            Redirect::to(&format!("/projects/{id}/revisions/{revision}/review")).into_response()
        }
        Err(e) if e.status.as_u16() == 422 => {
            let problem = Some(e.message(lang).to_string());
            page(state, signed, id, revision, problem).await
        }
        Err(e) => error(e, lang),
    }
}
