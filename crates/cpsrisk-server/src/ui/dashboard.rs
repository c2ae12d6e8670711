//! A project at a glance: the IoT-SSF risk map and counts, conformance per clause with label
//! readiness, and DMF events × risks, all from the newest revision.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use cpsrisk_catalog::Lang;
use cpsrisk_report::Report;

use super::i18n::Msg;
use super::page::{Page, Signed, error, render};
use crate::AppState;
use crate::approvals::{self, Approval};
use crate::error::ApiResult;
use crate::projects::{self, Project};
use crate::requests;
use crate::revisions;
use crate::roles::Action;

/// The project and what the caller may do there, for the tabs every project page shows.
pub struct ProjectNav {
    pub project: Project,
    pub can_read: bool,
    pub can_edit: bool,
    pub can_list_members: bool,
    pub can_read_audit: bool,
    pub can_read_requests: bool,
    pub can_administer_organisations: bool,
    /// Contributors change nothing but their answers: not "view only".
    pub can_answer: bool,
    /// The tab shown.
    pub current: Msg,
}

impl ProjectNav {
    pub async fn load(
        state: &AppState,
        signed: &Signed,
        id: i64,
        current: Msg,
    ) -> ApiResult<ProjectNav> {
        let project = projects::get(State(state.clone()), signed.caller.clone(), Path(id))
            .await?
            .0;
        Ok(ProjectNav {
            can_read: project.role.may(Action::ReadRevisions),
            can_edit: project.role.may(Action::SaveRevision),
            can_list_members: project.role.may(Action::ListMembers),
            can_read_audit: project.role.may(Action::ReadAudit),
            can_read_requests: project.role.may(Action::ReadRequests),
            can_administer_organisations: project.role.may(Action::AdministerOrganisations),
            can_answer: project.role.may(Action::AnswerRequest),
            project,
            current,
        })
    }

    pub fn is(&self, tab: Msg) -> bool {
        self.current == tab
    }
}

pub struct IotSsfView {
    pub risk_map: String,
    pub rated: usize,
    pub outside: usize,
    pub threats: usize,
    pub untreated: usize,
}

pub struct ClauseRow {
    pub clause: String,
    pub met: usize,
    pub not_met: usize,
    pub not_applicable: usize,
    pub not_run: usize,
}

pub struct ConformanceView {
    pub clauses: Vec<ClauseRow>,
    pub target_level: Option<u8>,
    pub ready_level: u8,
}

pub struct EventRow {
    pub event: String,
    pub risks: Vec<String>,
    pub untreated: usize,
}

pub struct Glance {
    pub iot_ssf: Option<IotSsfView>,
    pub conformance: Option<ConformanceView>,
    pub dmf: Option<Vec<EventRow>>,
}

/// The report's risk map scales itself with a `style` attribute, which the pages' CSP (no
/// inline style) refuses; app.css gives the figure's SVG the same rule.
fn without_inline_style(svg: String) -> String {
    svg.replacen(r#" style="max-width:100%;height:auto""#, "", 1)
}

/// What the dashboard shows of one model; `None` if the stored model no longer loads.
fn glance(content: &str, label: &str, lang: Lang) -> Option<Glance> {
    let model = cpsrisk_model::load_and_check(content).ok()?;
    let report = Report::new(label, &model);
    let iot_ssf = report.iot_ssf.as_ref().map(|a| IotSsfView {
        risk_map: without_inline_style(cpsrisk_report::svg::risk_map(a, lang)),
        rated: a.summary.stakeholders_rated,
        outside: a.summary.stakeholders_outside_target,
        threats: a.summary.device_threats,
        untreated: a.summary.device_threats_untreated,
    });
    let conformance = report.conformance.as_ref().map(|c| ConformanceView {
        clauses: c
            .results_by_clause
            .iter()
            .map(|r| ClauseRow {
                clause: r.clause.clone(),
                met: r.tally.pass,
                not_met: r.tally.fail,
                not_applicable: r.tally.not_applicable,
                not_run: r.tally.not_run,
            })
            .collect(),
        target_level: c.label.target_level,
        ready_level: c.label.ready_level,
    });
    let dmf = report.dmf.as_ref().map(|d| {
        d.order
            .iter()
            .map(|event| {
                let found = d.risks.iter().filter(|r| &r.event == event);
                EventRow {
                    event: event.clone(),
                    risks: found.clone().map(|r| r.catalog_id.clone()).collect(),
                    untreated: found.filter(|r| !r.treated).count(),
                }
            })
            .collect()
    });
    Some(Glance {
        iot_ssf,
        conformance,
        dmf,
    })
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    page: Page,
    nav: ProjectNav,
    glance: Option<Glance>,
    /// The approvals, for those who may read them.
    approvals: Option<Vec<Approval>>,
    /// Requests not yet applied, among those the caller sees.
    open_requests: Option<usize>,
}

impl DashboardPage {
    /// The newest revision has no treatment-plan approval yet.
    fn awaiting_approval(&self) -> bool {
        self.nav.project.head > 0
            && self.approvals.as_ref().is_some_and(|list| {
                !list
                    .iter()
                    .any(|a| a.kind == "treatment-plan" && !a.changed_since)
            })
    }
}

pub async fn show(State(state): State<AppState>, signed: Signed, Path(id): Path<i64>) -> Response {
    let lang = signed.page.lang;
    let nav = match ProjectNav::load(&state, &signed, id, Msg::Dashboard).await {
        Ok(n) => n,
        Err(e) => return error(e, lang),
    };
    let head = nav.project.head;
    let mut summary = None;
    if nav.can_read && head > 0 {
        let content = match revisions::load(&state.db, id, head).await {
            Ok((content, _)) => content,
            Err(e) => return error(e, lang),
        };
        let label = format!("project-{id}/revision-{head}");
        summary = tokio::task::spawn_blocking(move || glance(&content, &label, lang))
            .await
            .ok()
            .flatten();
    }
    let approvals = if nav.project.role.may(Action::ReadApprovals) {
        match approvals::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
            Ok(l) => Some(l.0.approvals),
            Err(e) => return error(e, lang),
        }
    } else {
        None
    };
    let open_requests = if nav.can_read_requests {
        match requests::list(State(state.clone()), signed.caller.clone(), Path(id)).await {
            Ok(l) => Some(
                l.0.requests
                    .iter()
                    .filter(|r| r.status != "applied")
                    .count(),
            ),
            Err(e) => return error(e, lang),
        }
    } else {
        None
    };
    let title = nav.project.name.clone();
    render(&DashboardPage {
        approvals,
        open_requests,
        page: signed.titled(title).page,
        nav,
        glance: summary,
    })
}
