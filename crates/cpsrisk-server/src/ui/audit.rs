//! The audit trail of one project as a table, filtered by who, what and when, with the
//! API's JSONL and CSV exports linked for the whole trail.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use time::Date;

use super::dashboard::ProjectNav;
use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::approvals::parse_date;
use crate::audit::{self, Entry};

#[derive(Deserialize, Default)]
pub struct AuditFilter {
    #[serde(default)]
    who: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
}

impl AuditFilter {
    /// A date field, empty for "no bound"; a malformed one is reported, not ignored.
    fn date(field: &str) -> Result<Option<Date>, String> {
        if field.trim().is_empty() {
            return Ok(None);
        }
        parse_date(field.trim())
            .map(Some)
            .ok_or_else(|| field.to_string())
    }

    /// Entries are stored with RFC 3339 UTC times, so their first ten characters are the day.
    fn keeps(&self, e: &Entry, since: Option<Date>, until: Option<Date>) -> bool {
        let who = self.who.trim().to_lowercase();
        let day = parse_date(e.at.get(..10).unwrap_or(""));
        (who.is_empty() || e.actor.to_lowercase().contains(&who))
            && (self.action.is_empty() || e.action == self.action)
            && since.is_none_or(|s| day.is_some_and(|d| d >= s))
            && until.is_none_or(|u| day.is_some_and(|d| d <= u))
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    nav: ProjectNav,
    filter: AuditFilter,
    /// Every action in the project's trail, for the filter's choices.
    actions: Vec<String>,
    entries: Vec<Entry>,
    total: usize,
    bad_date: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Query(filter): Query<AuditFilter>,
) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::AuditTrail).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let all = match audit::project_entries(&state.db, &signed.caller, id).await {
        Ok(all) => all,
        Err(e) => return error(e, lang),
    };
    let total = all.len();
    let mut actions: Vec<String> = all.iter().map(|e| e.action.clone()).collect();
    actions.sort();
    actions.dedup();
    let (entries, bad_date) = match (
        AuditFilter::date(&filter.since),
        AuditFilter::date(&filter.until),
    ) {
        (Ok(since), Ok(until)) => (
            all.into_iter()
                .filter(|e| filter.keeps(e, since, until))
                .collect(),
            None,
        ),
        (Err(bad), _) | (_, Err(bad)) => (Vec::new(), Some(bad)),
    };
    let title = format!("{} — {}", nav.project.name, Msg::AuditTrail.text(lang));
    render(&AuditPage {
        page: signed.titled(title).page,
        nav,
        filter,
        actions,
        entries,
        total,
        bad_date,
    })
}
