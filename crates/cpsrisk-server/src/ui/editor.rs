//! The model editor: the YAML with line numbers, checked on the server as you type (the
//! CLI's diagnostics, placed at their lines, near-miss suggestions one click away), saved
//! as a new revision on top of the one edited; a conflict shows what the other save changed.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cpsrisk_catalog::Lang;
use cpsrisk_model::Diagnostic;
use cpsrisk_model::starters::STARTERS;
use cpsrisk_report::Format;
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::projects::ProjectAccess;
use crate::revisions;
use crate::roles::Action;

/// One diagnostic as the editor shows it.
pub struct Problem {
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub hint: Option<String>,
    /// The near-miss ID the hint suggests, for the Apply button.
    pub suggestion: Option<String>,
}

impl Problem {
    fn new(d: &Diagnostic, lang: Lang) -> Problem {
        let suggestion = d.hint.as_ref().and_then(|h| {
            // The model crate words near misses as "did you mean `ID`?".
            let rest = h.en.strip_prefix("did you mean `")?;
            rest.split_once('`').map(|(id, _)| id.to_string())
        });
        Problem {
            line: d.at.line,
            column: d.at.column,
            message: d.message.get(lang).to_string(),
            hint: d.hint.as_ref().map(|h| h.get(lang).to_string()),
            suggestion,
        }
    }
}

/// The diagnostics `cpsrisk validate` gives for a text, checked off the async threads.
async fn check(text: String, lang: Lang) -> Vec<Problem> {
    tokio::task::spawn_blocking(move || match cpsrisk_model::load_and_check(&text) {
        Ok(_) => Vec::new(),
        Err(ds) => ds.iter().map(|d| Problem::new(d, lang)).collect(),
    })
    .await
    .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "diagnostics.html")]
struct Diagnostics {
    page: Page,
    problems: Vec<Problem>,
}

#[derive(Template)]
#[template(path = "editor.html")]
struct EditorPage {
    page: Page,
    nav: ProjectNav,
    content: String,
    parent: i64,
    message: String,
    problems: Option<Vec<Problem>>,
    conflict: Option<String>,
    starters: Vec<&'static str>,
}

#[derive(Deserialize)]
pub struct EditQuery {
    /// Start from a starter model instead of the newest revision.
    template: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Editor).await {
        Ok(n) if n.can_read => n,
        Ok(_) => return error(crate::error::ApiError::forbidden(), lang),
        Err(e) => return error(e, lang),
    };
    let head = nav.project.head;
    let starter = q
        .template
        .as_deref()
        .and_then(|t| STARTERS.iter().find(|(name, _)| *name == t));
    let content = match starter {
        Some((_, text)) => text.to_string(),
        None if head > 0 => match revisions::load(&state.db, id, head).await {
            Ok((content, _)) => content,
            Err(e) => return error(e, lang),
        },
        None => STARTERS[0].1.to_string(),
    };
    let title = format!("{} — {}", nav.project.name, Msg::Editor.text(lang));
    render(&EditorPage {
        page: signed.titled(title).page,
        nav,
        content,
        parent: head,
        message: String::new(),
        problems: None,
        conflict: None,
        starters: STARTERS.iter().map(|(name, _)| *name).collect(),
    })
}

#[derive(Deserialize)]
pub struct ModelForm {
    content: String,
    #[serde(default)]
    parent: i64,
    #[serde(default)]
    message: String,
}

/// The diagnostics for the text being edited, as a fragment for htmx.
pub async fn validate(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<ModelForm>,
) -> Response {
    let lang = signed.page.lang;
    if let Err(e) = ProjectAccess::check(&state.db, &signed.caller, id, Action::ReadRevisions).await
    {
        return error(e, lang);
    }
    let problems = check(f.content, lang).await;
    render(&Diagnostics {
        page: signed.page,
        problems,
    })
}

/// Saves through the API's revision function: a new revision, or the editor again with the
/// diagnostics, or with the other save's changes when the parent is no longer the newest.
pub async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<ModelForm>,
) -> Response {
    let lang = signed.page.lang;
    if let Err(e) = ProjectAccess::check(&state.db, &signed.caller, id, Action::SaveRevision).await
    {
        return error(e, lang);
    }
    let parent = (f.parent > 0).then_some(f.parent);
    let saved = revisions::save(
        &state.db,
        &signed.caller,
        id,
        parent,
        f.content.clone(),
        &f.message,
        lang,
    )
    .await;
    let e = match saved {
        Ok(_) => return Redirect::to(&format!("/projects/{id}")).into_response(),
        Err(e) => e,
    };
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Editor).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let (problems, conflict) = match (e.code, parent) {
        ("invalid-model", _) => (Some(check(f.content.clone(), lang).await), None),
        ("stale", Some(p)) => {
            let text = Format::Text { colour: false };
            let other = revisions::render_diff(&state.db, id, p, nav.project.head, text, lang)
                .await
                .unwrap_or_else(|e| e.message(lang).to_string());
            (None, Some(other))
        }
        ("if-match-required", None) => (None, Some(String::new())),
        _ => return error(e, lang),
    };
    let title = format!("{} — {}", nav.project.name, Msg::Editor.text(lang));
    let status = if conflict.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    // After a conflict the text is saved on top of the newest revision once the user has
    // looked at what changed there.
    let parent = if conflict.is_some() {
        nav.project.head
    } else {
        f.parent
    };
    let page = EditorPage {
        page: signed.titled(title).page,
        nav,
        content: f.content,
        parent,
        message: f.message,
        problems,
        conflict,
        starters: STARTERS.iter().map(|(name, _)| *name).collect(),
    };
    (status, render(&page)).into_response()
}
