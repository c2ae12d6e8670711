//! History (revisions with author and message, the diff between any two) and the report of
//! one revision, rendered by the same functions as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use cpsrisk_report::Format;
use serde::Deserialize;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::revisions::{self, ReportQuery, RevisionInfo};

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    page: Page,
    nav: ProjectNav,
    revisions: Vec<RevisionInfo>,
    from: i64,
    to: i64,
    diff: Option<String>,
}

#[derive(Deserialize)]
pub struct Compare {
    from: Option<i64>,
    to: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(q): Query<Compare>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::History).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let revisions =
        match revisions::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
            Ok(list) => list.0.revisions,
            Err(e) => return error(e, lang),
        };
    let head = nav.project.head;
    let (from, to) = (q.from.unwrap_or((head - 1).max(1)), q.to.unwrap_or(head));
    let diff = match (q.from, q.to) {
        (Some(from), Some(to)) => {
            let text = Format::Text { colour: false };
            match revisions::render_diff(&state.db, id, from, to, text, lang).await {
                Ok(d) => Some(d),
                Err(e) => return error(e, lang),
            }
        }
        _ => None,
    };
    let title = format!("{} — {}", nav.project.name, Msg::History.text(lang));
    render(&HistoryPage {
        page: signed.titled(title).page,
        nav,
        revisions,
        from,
        to,
        diff,
    })
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    page: Page,
    nav: ProjectNav,
    revision: i64,
}

impl ReportPage {
    /// The API address of this revision's report, for the downloads.
    fn base(&self) -> String {
        format!(
            "/api/v1/projects/{}/revisions/{}/report",
            self.nav.project.id, self.revision
        )
    }
}

/// The report of one revision in a frame, with its downloads.
pub async fn report_page(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, revision)): Path<(i64, i64)>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Report).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let title = format!(
        "{} — {} {revision}",
        nav.project.name,
        Msg::Revision.text(lang)
    );
    render(&ReportPage {
        page: signed.titled(title).page,
        nav,
        revision,
    })
}

/// The HTML report, exactly as `cpsrisk assess --format html` writes it, for the frame.
pub async fn report_frame(
    State(state): State<AppState>,
    signed: Signed,
    headers: HeaderMap,
    Path(ids): Path<(i64, i64)>,
) -> Response {
    let lang = signed.page.lang;
    let q = ReportQuery {
        format: Some("html".to_string()),
        lang: Some(lang.code().to_string()),
    };
    match revisions::report(State(state), signed.caller, headers, Path(ids), Query(q)).await {
        Ok(r) => r,
        Err(e) => error(e, lang),
    }
}
