//! Approvals bound to one revision: a reviewer approves the treatment plan, or accepts a
//! residual risk with a reason and an expiry. An approval never moves to a later revision;
//! the list says "approved at N, changed since" and the diff shows what changed.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::accounts::Created;
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::db::{now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::revisions::{self, report_format, request_lang, typed};
use crate::roles::Action;
use crate::sessions::Caller;

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApproval {
    /// `treatment-plan` or `risk-acceptance`.
    pub kind: String,
    /// For a risk acceptance: the residual risk, `DEVICE/THREAT` of an IoT-SSF device threat
    /// or the catalog ID of a DMF risk found in this revision.
    pub subject: Option<String>,
    /// For a risk acceptance: why it is accepted.
    pub reason: Option<String>,
    /// For a risk acceptance: until when (`YYYY-MM-DD`, in the future).
    pub expires_on: Option<String>,
}

/// The residual risks a revision's assessment names, as accepted subjects.
pub fn risk_subjects(assessment: &Value) -> Vec<String> {
    let threats = assessment["iot_ssf"]["device_threats"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some(format!(
                "{}/{}",
                t["device"].as_str()?,
                t["threat"].as_str()?
            ))
        });
    let risks = assessment["dmf"]["risks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["catalog_id"].as_str().map(String::from));
    threats.chain(risks).collect()
}

fn required(field: &str) -> ApiError {
    ApiError::invalid(
        "field-required",
        format!("a risk acceptance needs `{field}`"),
        format!("リスク受容には `{field}` が必要です"),
    )
}

/// A `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Approve a revision's treatment plan or accept one of its residual risks.
#[utoipa::path(post, path = "/api/v1/projects/{id}/revisions/{rev}/approvals",
    params(("id" = i64, Path), ("rev" = i64, Path)), request_body = NewApproval,
    responses((status = 201, body = Created), (status = 403), (status = 404), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rev)): Path<(i64, i64)>,
    StrictJson(body): StrictJson<NewApproval>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    ProjectAccess::check(&state.db, &caller, id, Action::Approve).await?;
    let (_, assessment) = revisions::load(&state.db, id, rev).await?;
    match body.kind.as_str() {
        "treatment-plan" => {}
        "risk-acceptance" => {
            let subject = body.subject.as_deref().ok_or_else(|| required("subject"))?;
            let reason = body.reason.as_deref().unwrap_or("").trim();
            if reason.is_empty() {
                return Err(required("reason"));
            }
            let expires = body
                .expires_on
                .as_deref()
                .ok_or_else(|| required("expires_on"))?;
            match parse_date(expires) {
                Some(d) if d > today() => {}
                _ => {
                    return Err(ApiError::invalid(
                        "bad-expiry",
                        format!("`expires_on` is a future date YYYY-MM-DD, not `{expires}`"),
                        format!("`expires_on` は未来の日付(YYYY-MM-DD)にしてください: `{expires}`"),
                    ));
                }
            }
            let assessment: Value = serde_json::from_str(&assessment).unwrap_or(Value::Null);
            let known = risk_subjects(&assessment);
            if !known.iter().any(|k| k == subject) {
                let hint = cpsrisk_catalog::near_miss(subject, known.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(ApiError::invalid(
                    "unknown-risk",
                    format!("revision {rev} has no residual risk `{subject}`{hint}"),
                    format!("リビジョン {rev} に残留リスク `{subject}` はありません{hint}"),
                ));
            }
        }
        other => {
            return Err(ApiError::invalid(
                "unknown-kind",
                format!("unknown approval kind `{other}`: use treatment-plan or risk-acceptance"),
                format!(
                    "不明な承認の種類 `{other}`: treatment-plan か risk-acceptance を指定してください"
                ),
            ));
        }
    }
    let mut tx = state.db.begin_write().await?;
    let sha: String =
        sqlx::query_scalar("SELECT sha256 FROM revisions WHERE project_id = $1 AND number = $2")
            .bind(id)
            .bind(rev)
            .fetch_one(&mut *tx)
            .await?;
    let approval: i64 = sqlx::query(
        "INSERT INTO approvals (project_id, revision, kind, subject, reason, expires_on, \
         approver_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(id)
    .bind(rev)
    .bind(&body.kind)
    .bind(&body.subject)
    .bind(&body.reason)
    .bind(&body.expires_on)
    .bind(caller.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "approval.create",
            project: Some(id),
            object: format!("approval:{approval}"),
            before: None,
            after: Some(sha),
            detail: json!(body),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: approval })))
}

#[derive(Serialize, ToSchema)]
pub struct Approval {
    pub id: i64,
    pub revision: i64,
    pub kind: String,
    pub subject: Option<String>,
    pub reason: Option<String>,
    pub expires_on: Option<String>,
    pub expired: bool,
    pub approver: String,
    pub created_at: String,
    /// True when the project has newer revisions than the approved one.
    pub changed_since: bool,
    /// "approved at N, changed since" (or "approved at N").
    pub status: String,
    pub status_ja: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApprovalList {
    pub head: i64,
    pub approvals: Vec<Approval>,
}

/// The approvals, oldest first, each with whether the model changed since.
#[utoipa::path(get, path = "/api/v1/projects/{id}/approvals", params(("id" = i64, Path)),
    responses((status = 200, body = ApprovalList), (status = 403), (status = 404)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<ApprovalList>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadApprovals).await?;
    let head: i64 = sqlx::query_scalar("SELECT head FROM projects WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db.pool)
        .await?;
    let rows = sqlx::query(
        "SELECT a.id, a.revision, a.kind, a.subject, a.reason, a.expires_on, u.email, a.created_at \
         FROM approvals a JOIN users u ON u.id = a.approver_id WHERE a.project_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let approvals = rows
        .iter()
        .map(|r| {
            let revision: i64 = r.try_get(1)?;
            let expires_on: Option<String> = r.try_get(5)?;
            let changed = head != revision;
            let (status, status_ja) = if changed {
                (
                    format!("approved at {revision}, changed since"),
                    format!("リビジョン {revision} で承認、その後変更あり"),
                )
            } else {
                (
                    format!("approved at {revision}"),
                    format!("リビジョン {revision} で承認"),
                )
            };
            Ok(Approval {
                id: r.try_get(0)?,
                revision,
                kind: r.try_get(2)?,
                subject: r.try_get(3)?,
                reason: r.try_get(4)?,
                expired: expires_on
                    .as_deref()
                    .and_then(parse_date)
                    .is_some_and(|d| d <= today()),
                expires_on,
                approver: r.try_get(6)?,
                created_at: rfc3339(r.try_get(7)?),
                changed_since: changed,
                status,
                status_ja,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(axum::Json(ApprovalList { head, approvals }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ChangesQuery {
    /// `json` (default), `html`, `md` or `text`.
    pub format: Option<String>,
    pub lang: Option<String>,
}

/// What changed from the approved revision to the newest one (the diff of `cpsrisk diff`).
#[utoipa::path(get, path = "/api/v1/projects/{id}/approvals/{approval}/changes",
    params(("id" = i64, Path), ("approval" = i64, Path), ChangesQuery),
    responses((status = 200, description = "the diff"), (status = 403), (status = 404)))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, approval)): Path<(i64, i64)>,
    Query(q): Query<ChangesQuery>,
) -> ApiResult<Response> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadApprovals).await?;
    let row = sqlx::query(
        "SELECT a.revision, p.head FROM approvals a JOIN projects p ON p.id = a.project_id \
         WHERE a.id = $1 AND a.project_id = $2",
    )
    .bind(approval)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(ApiError::not_found)?;
    let (from, to): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
    let (format, media) = report_format(q.format.as_deref().unwrap_or("json"))?;
    let lang = request_lang(&headers, q.lang.as_deref());
    let text = revisions::render_diff(&state.db, id, from, to, format, lang).await?;
    Ok(typed(text, media))
}
