//! The organisations of a project (owners and instance admins): each with its kind, the model
//! stakeholder it stands for and the members who answer for it; adding and renaming through
//! the organisations API.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::error::ApiError;
use crate::members::{self, Member};
use crate::organisations::{self, KINDS, NewOrganisation, Organisation, Rename};
use crate::projects::ProjectAccess;
use crate::roles::Action;

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    page: Page,
    nav: ProjectNav,
    organisations: Vec<Organisation>,
    members: Vec<Member>,
    kinds: &'static [&'static str],
    /// The add form as last sent, and why it or a rename was refused.
    draft: OrganisationForm,
    problem: Option<Problem>,
}

/// A refusal and the form it belongs to (`new` or the ID of the renamed organisation).
struct Problem {
    form: String,
    message: String,
}

impl OrganisationsPage {
    fn members_of(&self, org: &i64) -> Vec<&Member> {
        self.members
            .iter()
            .filter(|m| m.organisation == Some(*org))
            .collect()
    }

    fn problem_for(&self, form: &str) -> Option<&str> {
        self.problem
            .as_ref()
            .filter(|p| p.form == form)
            .map(|p| p.message.as_str())
    }
}

/// The page shows who belongs to which organisation: owners and instance admins only; its
/// add form is held to the same.
async fn owners_only(state: &AppState, signed: &Signed, id: i64) -> Result<(), ApiError> {
    ProjectAccess::check(
        &state.db,
        &signed.caller,
        id,
        Action::AdministerOrganisations,
    )
    .await
    .map(|_| ())
}

async fn page(
    state: AppState,
    signed: Signed,
    id: i64,
    draft: OrganisationForm,
    problem: Option<Problem>,
) -> Response {
    let lang = signed.page.lang;
    if let Err(e) = owners_only(&state, &signed, id).await {
        return error(e, lang);
    }
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Organisations).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let caller = signed.caller.clone();
    let organisations =
        match organisations::list(State(state.clone()), caller.clone(), Path(id)).await {
            Ok(l) => l.0.organisations,
            Err(e) => return error(e, lang),
        };
    let members = match members::list(State(state.clone()), caller, Path(id)).await {
        Ok(l) => l.0.members,
        Err(e) => return error(e, lang),
    };
    let title = format!("{} — {}", nav.project.name, Msg::Organisations.text(lang));
    render(&OrganisationsPage {
        page: signed.titled(title).page,
        nav,
        organisations,
        members,
        kinds: &KINDS,
        draft,
        problem,
    })
}

pub async fn list(State(state): State<AppState>, signed: Signed, Path(id): Path<i64>) -> Response {
    page(state, signed, id, OrganisationForm::default(), None).await
}

/// Refusals about the input are shown beside the form; others are error pages.
async fn refused(
    state: AppState,
    signed: Signed,
    id: i64,
    draft: OrganisationForm,
    form: String,
    e: ApiError,
) -> Response {
    let lang = signed.page.lang;
    if matches!(e.status.as_u16(), 409 | 422) {
        let problem = Problem {
            form,
            message: e.message(lang).to_string(),
        };
        page(state, signed, id, draft, Some(problem)).await
    } else {
        error(e, lang)
    }
}

fn back(id: i64) -> Response {
    Redirect::to(&format!("/projects/{id}/organisations")).into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OrganisationForm {
    name: String,
    kind: String,
    stakeholder: String,
}

pub async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<OrganisationForm>,
) -> Response {
    if let Err(e) = owners_only(&state, &signed, id).await {
        return error(e, signed.page.lang);
    }
    let stakeholder = f.stakeholder.trim();
    let body = NewOrganisation {
        name: f.name.clone(),
        kind: f.kind.clone(),
        stakeholder: (!stakeholder.is_empty()).then(|| stakeholder.to_string()),
    };
    let done = organisations::create(
        State(state.clone()),
        signed.caller.clone(),
        Path(id),
        StrictJson(body),
    )
    .await;
    match done {
        Ok(_) => back(id),
        Err(e) => refused(state, signed, id, f, "new".to_string(), e).await,
    }
}

#[derive(Deserialize)]
pub struct RenameForm {
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, org)): Path<(i64, i64)>,
    Form(f): Form<RenameForm>,
) -> Response {
    let done = organisations::rename(
        State(state.clone()),
        signed.caller.clone(),
        Path((id, org)),
        StrictJson(Rename { name: f.name }),
    )
    .await;
    match done {
        Ok(_) => back(id),
        Err(e) => {
            let draft = OrganisationForm::default();
            refused(state, signed, id, draft, org.to_string(), e).await
        }
    }
}
