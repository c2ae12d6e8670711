//! Members and their roles: the list, and adding or changing a member (owners), through the
//! API's member functions.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::members::{self, Member, MemberChange};
use crate::organisations::{self, Organisation};
use crate::roles::{Action, ROLES, Role};

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    page: Page,
    nav: ProjectNav,
    members: Vec<Member>,
    organisations: Vec<Organisation>,
    can_manage: bool,
    roles: &'static [Role],
    problem: Option<String>,
}

async fn page(state: AppState, signed: Signed, id: i64, problem: Option<String>) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Members).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let members = match members::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
        Ok(list) => list.0.members,
        Err(e) => return error(e, lang),
    };
    let organisations =
        match organisations::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
            Ok(l) => l.0.organisations,
            Err(e) => return error(e, lang),
        };
    let title = format!("{} — {}", nav.project.name, Msg::Members.text(lang));
    render(&MembersPage {
        can_manage: nav.project.role.may(Action::ManageMembers),
        page: signed.titled(title).page,
        nav,
        members,
        organisations,
        roles: &ROLES,
        problem,
    })
}

pub async fn list(State(state): State<AppState>, signed: Signed, Path(id): Path<i64>) -> Response {
    page(state, signed, id, None).await
}

impl MembersPage {
    fn organisation_name(&self, id: &i64) -> &str {
        self.organisations
            .iter()
            .find(|o| o.id == *id)
            .map_or("", |o| o.name.as_str())
    }
}

#[derive(Deserialize)]
pub struct MemberForm {
    email: String,
    role: String,
    organisation: Option<String>,
}

pub async fn put(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<MemberForm>,
) -> Response {
    let lang = signed.page.lang;
    let change = MemberChange {
        email: f.email,
        role: f.role,
        organisation: f.organisation.and_then(|o| o.trim().parse().ok()),
    };
    let done = members::put(
        State(state.clone()),
        signed.caller.clone(),
        Path(id),
        StrictJson(change),
    )
    .await;
    match done {
        Ok(_) => Redirect::to(&format!("/projects/{id}/members")).into_response(),
        Err(e) if e.status.as_u16() == 422 => {
            let problem = Some(e.message(lang).to_string());
            page(state, signed, id, problem).await
        }
        Err(e) => error(e, lang),
    }
}
