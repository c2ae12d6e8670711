//! Requests across the supply chain in the browser: an editor creates them from the
//! responsibility tables of the newest revision and applies answers as new revisions; a
//! contributor sees only its organisation's requests and answers them, with an evidence file
//! if it has one. Editors also write requests by hand. Every step is the requests or evidence
//! API's own function, so roles, organisation scoping and file checks are the API's.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::error::ApiError;
use crate::evidence::{self, NewEvidence};
use crate::organisations::{self, Organisation};
use crate::requests::{self, FromAssessment, NewAnswer, NewRequest, Request};
use crate::roles::Action;

#[derive(Template)]
#[template(path = "requests.html")]
struct RequestsPage {
    page: Page,
    nav: ProjectNav,
    requests: Vec<Request>,
    organisations: Vec<Organisation>,
    can_manage: bool,
    can_answer: bool,
    /// What creating requests from the assessment did, or why an action was refused.
    notice: Option<String>,
    problem: Option<String>,
    /// The hand-written request form as last sent, and the field it was refused for.
    draft: RequestForm,
    invalid: Option<Invalid>,
}

/// Why a form was refused, and the input it is about (for `aria-describedby`).
pub struct Invalid {
    pub field: String,
    pub message: String,
}

impl RequestsPage {
    fn organisation_name(&self, id: &i64) -> &str {
        self.organisations
            .iter()
            .find(|o| o.id == *id)
            .map_or("", |o| o.name.as_str())
    }

    fn invalid_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|i| i.field == field)
            .map(|i| i.message.as_str())
    }
}

/// What the page shows besides the requests.
#[derive(Default)]
struct Shown {
    notice: Option<String>,
    problem: Option<String>,
    draft: RequestForm,
    invalid: Option<Invalid>,
}

async fn page(state: AppState, signed: Signed, id: i64, shown: Shown) -> Response {
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
    let organisations =
        match organisations::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
            Ok(l) => l.0.organisations,
            Err(e) => return error(e, lang),
        };
    let role = nav.project.role;
    let title = format!("{} — {}", nav.project.name, Msg::Requests.text(lang));
    render(&RequestsPage {
        page: signed.titled(title).page,
        nav,
        requests,
        organisations,
        can_manage: role.may(Action::ManageRequests),
        can_answer: role.may(Action::AnswerRequest),
        notice: shown.notice,
        problem: shown.problem,
        draft: shown.draft,
        invalid: shown.invalid,
    })
}

/// Refusals the user can act on are shown on the page; others are error pages.
async fn refused(state: AppState, signed: Signed, id: i64, e: ApiError) -> Response {
    let lang = signed.page.lang;
    if matches!(e.status.as_u16(), 409 | 412 | 422) {
        let problem = Some(e.message(lang).to_string());
        page(
            state,
            signed,
            id,
            Shown {
                problem,
                ..Shown::default()
            },
        )
        .await
    } else {
        error(e, lang)
    }
}

fn back(id: i64) -> Response {
    Redirect::to(&format!("/projects/{id}/requests")).into_response()
}

pub async fn list(State(state): State<AppState>, signed: Signed, Path(id): Path<i64>) -> Response {
    page(state, signed, id, Shown::default()).await
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
            let shown = Shown {
                notice: Some(notice),
                ..Shown::default()
            };
            page(state, signed, id, shown).await
        }
        Err(e) => refused(state, signed, id, e).await,
    }
}

/// The fields of the hand-written request form (kept to show them again when refused).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RequestForm {
    organisation: String,
    subject: String,
    text: String,
    due_on: String,
}

pub async fn create(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<RequestForm>,
) -> Response {
    let lang = signed.page.lang;
    let Ok(organisation) = f.organisation.trim().parse() else {
        let invalid = Invalid {
            field: "organisation".to_string(),
            message: Msg::OrganisationRequired.text(lang).to_string(),
        };
        let shown = Shown {
            draft: f,
            invalid: Some(invalid),
            ..Shown::default()
        };
        return page(state, signed, id, shown).await;
    };
    let body = NewRequest {
        organisation,
        subject: f.subject.clone(),
        text: f.text.clone(),
        due_on: Some(f.due_on.clone()),
    };
    let done = requests::create(
        State(state.clone()),
        signed.caller.clone(),
        Path(id),
        StrictJson(body),
    )
    .await;
    match done {
        Ok(_) => back(id),
        Err(e) if e.status.as_u16() == 422 => {
            let field = e.detail("field").and_then(|v| v.as_str()).unwrap_or("");
            let invalid = Invalid {
                field: field.to_string(),
                message: e.message(lang).to_string(),
            };
            let shown = Shown {
                draft: f,
                invalid: Some(invalid),
                ..Shown::default()
            };
            page(state, signed, id, shown).await
        }
        Err(e) => refused(state, signed, id, e).await,
    }
}

/// An answer as the multipart form sends it: status, statement and an optional file.
struct AnswerForm {
    answer: NewAnswer,
    file: Option<NewEvidence>,
}

impl AnswerForm {
    async fn read(mut form: Multipart) -> Result<AnswerForm, ApiError> {
        let unreadable = |_| {
            ApiError::invalid(
                "unreadable-form",
                "the form could not be read; send it again",
                "フォームを読み取れません。もう一度送信してください",
            )
        };
        let (mut status, mut statement, mut effective_date) = Default::default();
        let mut file = None;
        while let Some(field) = form.next_field().await.map_err(unreadable)? {
            match field.name().unwrap_or("") {
                "status" => status = field.text().await.map_err(unreadable)?,
                "statement" => statement = field.text().await.map_err(unreadable)?,
                "effective_date" => effective_date = field.text().await.map_err(unreadable)?,
                "file" => {
                    let file_name = field.file_name().unwrap_or("").to_string();
                    let media_type = field
                        .content_type()
                        .unwrap_or("application/octet-stream")
                        .to_string();
                    let bytes = field.bytes().await.map_err(unreadable)?.to_vec();
                    // A file input left empty still sends a part, without a name or bytes.
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        file = Some((file_name, media_type, bytes));
                    }
                }
                _ => {}
            }
        }
        Ok(AnswerForm {
            answer: NewAnswer { status, statement },
            file: file.map(|(file_name, media_type, bytes)| NewEvidence {
                file_name,
                effective_date,
                media_type,
                bytes,
            }),
        })
    }
}

/// An answer, and its evidence file: the file's checks run first, so a refused file stores
/// nothing, not even the answer.
pub async fn answer(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, rq)): Path<(i64, i64)>,
    form: Multipart,
) -> Response {
    let f = match AnswerForm::read(form).await {
        Ok(f) => f,
        Err(e) => return refused(state, signed, id, e).await,
    };
    let caller = signed.caller.clone();
    if let Some(file) = &f.file {
        let checked = evidence::permitted(
            &state,
            &caller,
            id,
            rq,
            &file.file_name,
            &file.effective_date,
        )
        .await;
        if let Err(e) = checked {
            return refused(state, signed, id, e).await;
        }
    }
    let done = requests::answer(
        State(state.clone()),
        caller.clone(),
        Path((id, rq)),
        StrictJson(f.answer),
    )
    .await;
    if let Err(e) = done {
        return refused(state, signed, id, e).await;
    }
    if let Some(file) = f.file
        && let Err(e) = evidence::store(&state, &caller, id, rq, file).await
    {
        return refused(state, signed, id, e).await;
    }
    back(id)
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
