//! Requests across the supply chain. An editor sends requests to an organisation — from the
//! responsibility tables of an assessment (what the applying entity asks of each other
//! implementer, 表8–表11), from the test plan of a conformance assessment (verdicts a maker
//! needs from a lab), or by hand. The organisation's contributors answer with a status, a
//! statement and evidence. An answer becomes a proposed change of the model that only an
//! editor applies, as a new revision.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cpsrisk_catalog::Lang;
use cpsrisk_model::Model;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::accounts::Created;
use crate::approvals::{parse_date, today};
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::db::{Db, now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::revisions::{self, request_lang};
use crate::roles::{Action, Role};
use crate::sessions::Caller;

/// Where a request comes from, and so which answers it takes and what applying one changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A row of a responsibility table: the decision's status.
    Responsibility,
    /// A test case of the conformance test plan: the lab's verdict.
    ConformanceTest,
    /// Written by hand: answered, not applied.
    Manual,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Responsibility => "responsibility",
            Source::ConformanceTest => "conformance-test",
            Source::Manual => "manual",
        }
    }

    fn parse(s: &str) -> Source {
        match s {
            "responsibility" => Source::Responsibility,
            "conformance-test" => Source::ConformanceTest,
            _ => Source::Manual,
        }
    }

    /// The statuses an answer may give (the model's own spellings where it is applied).
    fn statuses(self) -> &'static [&'static str] {
        match self {
            Source::Responsibility => {
                &["in-place", "decided", "planned", "requested", "not-adopted"]
            }
            Source::ConformanceTest => &["pass", "fail", "not-applicable"],
            Source::Manual => &["done", "partly-done", "not-done", "not-applicable"],
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    pub organisation: i64,
    pub subject: String,
    pub text: String,
    /// When the answer is due, `YYYY-MM-DD`, today or later.
    #[serde(default)]
    pub due_on: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FromAssessment {
    /// The revision whose assessment is read (default: the newest).
    pub revision: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct FromAssessmentResult {
    pub revision: i64,
    pub created: Vec<i64>,
    /// Implementers (model stakeholder IDs) with rows but no organisation linked to them.
    pub unaddressed: Vec<String>,
    /// Open requests that exist already for the same organisation and subject.
    pub already_open: usize,
}

struct Draft {
    organisation: i64,
    source: Source,
    subject: String,
    implementer: Option<String>,
    text: String,
    due_on: Option<String>,
}

async fn insert(
    tx: &mut crate::db::Tx,
    caller: &Caller,
    project: i64,
    revision: i64,
    d: &Draft,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query(
        "INSERT INTO requests (project_id, organisation_id, source, subject, implementer, text, \
         revision, status, created_by, created_at, due_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10) RETURNING id",
    )
    .bind(project)
    .bind(d.organisation)
    .bind(d.source.as_str())
    .bind(&d.subject)
    .bind(&d.implementer)
    .bind(&d.text)
    .bind(revision)
    .bind(caller.user_id)
    .bind(now_ms())
    .bind(&d.due_on)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    audit::append(
        tx,
        Event {
            actor: &caller.email,
            action: "request.create",
            project: Some(project),
            object: format!("request:{id}"),
            before: None,
            after: None,
            detail: json!({"organisation": d.organisation, "source": d.source.as_str(),
                           "subject": d.subject, "revision": revision, "due_on": d.due_on}),
        },
    )
    .await?;
    Ok(id)
}

async fn head(db: &Db, project: i64) -> ApiResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT head FROM projects WHERE id = $1")
            .bind(project)
            .fetch_one(&db.pool)
            .await?,
    )
}

fn no_revision_yet() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "no-revision",
        "the project has no revision yet",
        "プロジェクトにはまだリビジョンがありません",
    )
}

/// Send one request by hand.
#[utoipa::path(post, path = "/api/v1/projects/{id}/requests", params(("id" = i64, Path)),
    request_body = NewRequest,
    responses((status = 201, body = Created), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    StrictJson(body): StrictJson<NewRequest>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    ProjectAccess::check(&state.db, &caller, id, Action::ManageRequests).await?;
    let field = |name: &str, en: &str, ja: &str| {
        ApiError::invalid("field-required", en, ja).with(json!({ "field": name }))
    };
    if body.subject.trim().is_empty() {
        return Err(field(
            "subject",
            "a request needs a subject",
            "依頼には件名が必要です",
        ));
    }
    if body.text.trim().is_empty() {
        return Err(field(
            "text",
            "a request needs a text saying what is asked",
            "依頼には依頼内容が必要です",
        ));
    }
    let due_on = body
        .due_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(due) = due_on {
        match parse_date(due) {
            Some(d) if d >= today() => {}
            Some(_) => {
                return Err(ApiError::invalid(
                    "bad-due-date",
                    format!("the due date {due} is in the past"),
                    format!("期限 {due} は過去の日付です"),
                )
                .with(json!({"field": "due_on"})));
            }
            None => {
                return Err(ApiError::invalid(
                    "bad-due-date",
                    format!("`due_on` is a date YYYY-MM-DD, not `{due}`"),
                    format!("`due_on` は日付(YYYY-MM-DD)にしてください: `{due}`"),
                )
                .with(json!({"field": "due_on"})));
            }
        }
    }
    let revision = head(&state.db, id).await?;
    if revision == 0 {
        return Err(no_revision_yet());
    }
    let mut tx = state.db.begin_write().await?;
    crate::organisations::require_in_project(&mut tx, id, body.organisation).await?;
    let draft = Draft {
        organisation: body.organisation,
        source: Source::Manual,
        subject: body.subject.trim().to_string(),
        implementer: None,
        text: body.text,
        due_on: due_on.map(str::to_string),
    };
    let request = insert(&mut tx, &caller, id, revision, &draft).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: request })))
}

/// The requests an assessment implies: one per row of every other implementer's
/// responsibility table, addressed to the organisation linked to that stakeholder, and one
/// per conformance test case without a verdict, addressed to the project's lab.
fn drafts(assessment: &Value, orgs: &[(i64, String, Option<String>)]) -> (Vec<Draft>, Vec<String>) {
    let mut out = Vec::new();
    let mut unaddressed = Vec::new();
    for table in assessment["iot_ssf"]["responsibility"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if table["applying_entity"].as_bool() == Some(true) {
            continue;
        }
        let implementer = table["implementer"].as_str().unwrap_or("").to_string();
        let Some((org, _, _)) = orgs
            .iter()
            .find(|(_, _, s)| s.as_deref() == Some(implementer.as_str()))
        else {
            unaddressed.push(implementer);
            continue;
        };
        for row in table["rows"].as_array().into_iter().flatten() {
            let requirement = row["requirement"].as_str().unwrap_or("");
            let measures: Vec<&str> = row["measures"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            out.push(Draft {
                organisation: *org,
                source: Source::Responsibility,
                subject: requirement.to_string(),
                implementer: Some(implementer.clone()),
                text: format!(
                    "{requirement} {} / {}: {}",
                    row["name_en"].as_str().unwrap_or(""),
                    row["name_ja"].as_str().unwrap_or(""),
                    measures.join("; ")
                ),
                due_on: None,
            });
        }
    }
    let lab = orgs.iter().find(|(_, kind, _)| kind == "lab");
    for test in assessment["conformance"]["test_plan"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if !test["verdict"].is_null() {
            continue;
        }
        let Some((org, _, _)) = lab else {
            unaddressed.push("lab".to_string());
            break;
        };
        let case = test["id"].as_str().unwrap_or("");
        out.push(Draft {
            organisation: *org,
            source: Source::ConformanceTest,
            subject: case.to_string(),
            implementer: None,
            text: format!(
                "TS 103 701 {case}: {} / {}",
                test["purpose_en"].as_str().unwrap_or(""),
                test["purpose_ja"].as_str().unwrap_or("")
            ),
            due_on: None,
        });
    }
    (out, unaddressed)
}

/// Create the requests a revision's assessment implies.
#[utoipa::path(post, path = "/api/v1/projects/{id}/requests/from-assessment",
    params(("id" = i64, Path)), request_body = FromAssessment,
    responses((status = 201, body = FromAssessmentResult), (status = 403), (status = 404), (status = 409)))]
pub async fn from_assessment(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    StrictJson(body): StrictJson<FromAssessment>,
) -> ApiResult<(StatusCode, axum::Json<FromAssessmentResult>)> {
    ProjectAccess::check(&state.db, &caller, id, Action::ManageRequests).await?;
    let revision = match body.revision {
        Some(r) => r,
        None => head(&state.db, id).await?,
    };
    if revision == 0 {
        return Err(no_revision_yet());
    }
    let (_, assessment) = revisions::load(&state.db, id, revision).await?;
    let assessment: Value = serde_json::from_str(&assessment).unwrap_or(Value::Null);
    let orgs: Vec<(i64, String, Option<String>)> = sqlx::query(
        "SELECT id, kind, stakeholder FROM organisations WHERE project_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let (drafts, unaddressed) = drafts(&assessment, &orgs);
    let mut tx = state.db.begin_write().await?;
    let open: Vec<(i64, String)> = sqlx::query(
        "SELECT organisation_id, subject FROM requests WHERE project_id = $1 AND status <> 'applied'",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let mut created = Vec::new();
    let mut already_open = 0;
    for d in &drafts {
        if open
            .iter()
            .any(|(o, s)| *o == d.organisation && *s == d.subject)
        {
            already_open += 1;
            continue;
        }
        created.push(insert(&mut tx, &caller, id, revision, d).await?);
    }
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(FromAssessmentResult {
            revision,
            created,
            unaddressed,
            already_open,
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct Answer {
    pub id: i64,
    pub status: String,
    pub statement: String,
    pub author: String,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct EvidenceInfo {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub size: i64,
    /// The date the evidence speaks for (a test report's date), not the upload date.
    pub effective_date: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct Request {
    pub id: i64,
    pub organisation: i64,
    pub source: String,
    pub subject: String,
    pub implementer: Option<String>,
    pub text: String,
    /// The revision whose assessment it came from.
    pub revision: i64,
    /// `open`, `answered` or `applied`.
    pub status: String,
    pub created_at: String,
    /// When the answer is due (`YYYY-MM-DD`), if the request says.
    pub due_on: Option<String>,
    /// The statuses an answer may give.
    pub answer_statuses: Vec<String>,
    pub answers: Vec<Answer>,
    pub evidence: Vec<EvidenceInfo>,
}

#[derive(Serialize, ToSchema)]
pub struct RequestList {
    pub requests: Vec<Request>,
}

const REQUEST: &str = "SELECT id, organisation_id, source, subject, implementer, text, revision, \
     status, created_at, due_on FROM requests";

/// A request the caller may see: a contributor only those addressed to its organisation;
/// anything else is 404 like a request that does not exist.
pub async fn visible(
    db: &Db,
    access: &ProjectAccess,
    project: i64,
    request: i64,
) -> ApiResult<sqlx::any::AnyRow> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REQUEST} WHERE id = $1 AND project_id = $2"
    )))
    .bind(request)
    .bind(project)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(ApiError::not_found)?;
    let org: i64 = row.try_get(1)?;
    if access.role == Role::Contributor && access.organisation != Some(org) {
        return Err(ApiError::not_found());
    }
    Ok(row)
}

async fn request(db: &Db, row: &sqlx::any::AnyRow) -> ApiResult<Request> {
    let id: i64 = row.try_get(0)?;
    let source: String = row.try_get(2)?;
    let answers = sqlx::query(
        "SELECT a.id, a.status, a.statement, u.email, a.created_at FROM answers a \
         JOIN users u ON u.id = a.author_id WHERE a.request_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(Answer {
            id: r.try_get(0)?,
            status: r.try_get(1)?,
            statement: r.try_get(2)?,
            author: r.try_get(3)?,
            created_at: rfc3339(r.try_get(4)?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let evidence = sqlx::query(
        "SELECT e.id, e.file_name, e.media_type, e.sha256, e.size, e.effective_date, u.email, \
         e.uploaded_at FROM evidence e JOIN users u ON u.id = e.uploaded_by \
         WHERE e.request_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(EvidenceInfo {
            id: r.try_get(0)?,
            file_name: r.try_get(1)?,
            media_type: r.try_get(2)?,
            sha256: r.try_get(3)?,
            size: r.try_get(4)?,
            effective_date: r.try_get(5)?,
            uploaded_by: r.try_get(6)?,
            uploaded_at: rfc3339(r.try_get(7)?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    Ok(Request {
        id,
        organisation: row.try_get(1)?,
        answer_statuses: Source::parse(&source)
            .statuses()
            .iter()
            .map(|s| s.to_string())
            .collect(),
        source,
        subject: row.try_get(3)?,
        implementer: row.try_get(4)?,
        text: row.try_get(5)?,
        revision: row.try_get(6)?,
        status: row.try_get(7)?,
        created_at: rfc3339(row.try_get(8)?),
        due_on: row.try_get(9)?,
        answers,
        evidence,
    })
}

/// The requests (a contributor sees only those addressed to its organisation).
#[utoipa::path(get, path = "/api/v1/projects/{id}/requests", params(("id" = i64, Path)),
    responses((status = 200, body = RequestList), (status = 404)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<RequestList>> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ReadRequests).await?;
    let only_org = (access.role == Role::Contributor).then_some(access.organisation.unwrap_or(-1));
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REQUEST} WHERE project_id = $1 AND ($2 = 0 OR organisation_id = $3) ORDER BY id"
    )))
    .bind(id)
    .bind(only_org.is_some() as i64)
    .bind(only_org.unwrap_or(0))
    .fetch_all(&state.db.pool)
    .await?;
    let mut requests = Vec::with_capacity(rows.len());
    for row in &rows {
        requests.push(request(&state.db, row).await?);
    }
    Ok(axum::Json(RequestList { requests }))
}

/// One request with its answers and evidence.
#[utoipa::path(get, path = "/api/v1/projects/{id}/requests/{request}",
    params(("id" = i64, Path), ("request" = i64, Path)),
    responses((status = 200, body = Request), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rq)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<Request>> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ReadRequests).await?;
    let row = visible(&state.db, &access, id, rq).await?;
    Ok(axum::Json(request(&state.db, &row).await?))
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnswer {
    /// One of the request's `answer_statuses`.
    pub status: String,
    pub statement: String,
}

/// Answer a request (contributors of the addressed organisation, editors, owners).
#[utoipa::path(post, path = "/api/v1/projects/{id}/requests/{request}/answers",
    params(("id" = i64, Path), ("request" = i64, Path)), request_body = NewAnswer,
    responses((status = 201, body = Created), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn answer(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rq)): Path<(i64, i64)>,
    StrictJson(body): StrictJson<NewAnswer>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::AnswerRequest).await?;
    let row = visible(&state.db, &access, id, rq).await?;
    let source = Source::parse(&row.try_get::<String, _>(2)?);
    let status: String = row.try_get(7)?;
    if status == "applied" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "applied",
            "this request's answer has been applied; ask for a new request",
            "この依頼の回答は適用済みです。新しい依頼を受けてください",
        ));
    }
    if !source.statuses().contains(&body.status.as_str()) {
        let known = source.statuses().join(", ");
        return Err(ApiError::invalid(
            "unknown-status",
            format!(
                "unknown answer status `{}`: use one of {known}",
                body.status
            ),
            format!(
                "不明な回答ステータス `{}`: {known} のいずれかを指定してください",
                body.status
            ),
        ));
    }
    let mut tx = state.db.begin_write().await?;
    let answer: i64 = sqlx::query(
        "INSERT INTO answers (request_id, status, statement, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(rq)
    .bind(&body.status)
    .bind(&body.statement)
    .bind(caller.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query("UPDATE requests SET status = 'answered' WHERE id = $1")
        .bind(rq)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "answer.create",
            project: Some(id),
            object: format!("request:{rq}"),
            before: None,
            after: None,
            detail: json!(body),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: answer })))
}

/// Replaces the scalar that starts at 1-based `line`/`column` (a status or verdict token).
fn replace_token(text: &str, line: u64, column: u64, with: &str) -> Option<String> {
    let start_of_line: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)? as usize)
        .map(str::len)
        .sum();
    let rest = text.get(start_of_line..)?;
    let offset: usize = rest
        .char_indices()
        .nth(column.checked_sub(1)? as usize)
        .map(|(i, _)| i)?;
    let start = start_of_line + offset;
    let tail = &text[start..];
    let len = match tail.chars().next()? {
        q @ ('"' | '\'') => tail[1..].find(q)? + 2,
        _ => tail
            .find(|c: char| c == ',' || c == '}' || c == ']' || c == '#' || c.is_whitespace())
            .unwrap_or(tail.len()),
    };
    Some(format!("{}{with}{}", &text[..start], &text[start + len..]))
}

/// Inserts a test result as a new first item of the conformance `tests:` list.
fn insert_test(text: &str, model: &Model, case: &str, verdict: &str) -> Option<String> {
    let first = model.conformance.as_ref()?.tests.first()?;
    let line = text.lines().nth(first.id.at.line as usize - 1)?;
    let indent = &line[..line.len() - line.trim_start().len()];
    if !line.trim_start().starts_with("- ") {
        return None;
    }
    let start: usize = text
        .split_inclusive('\n')
        .take(first.id.at.line as usize - 1)
        .map(str::len)
        .sum();
    Some(format!(
        "{}{indent}- {{ id: \"{case}\", verdict: {verdict} }}\n{}",
        &text[..start],
        &text[start..]
    ))
}

fn cannot_apply(en: &str, ja: &str) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, "cannot-apply", en, ja)
}

/// The newest model with the request's latest answer applied: (head, new text, answer).
async fn proposal(
    db: &Db,
    project: i64,
    row: &sqlx::any::AnyRow,
) -> ApiResult<(i64, String, (String, String))> {
    let rq: i64 = row.try_get(0)?;
    let source = Source::parse(&row.try_get::<String, _>(2)?);
    let subject: String = row.try_get(3)?;
    let implementer: Option<String> = row.try_get(4)?;
    let latest = sqlx::query(
        "SELECT status, statement FROM answers WHERE request_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(rq)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| {
        cannot_apply(
            "the request has no answer yet",
            "この依頼にはまだ回答がありません",
        )
    })?;
    let (status, statement): (String, String) = (latest.try_get(0)?, latest.try_get(1)?);
    if source == Source::Manual {
        return Err(cannot_apply(
            "a request written by hand names no place in the model; edit the model instead",
            "手動の依頼はモデルの箇所を指しません。モデルを直接編集してください",
        ));
    }
    let head = head(db, project).await?;
    let (text, _) = revisions::load(db, project, head).await?;
    let model = cpsrisk_model::load_and_check(&text).map_err(|_| {
        cannot_apply(
            "the newest revision does not load",
            "最新リビジョンを読み込めません",
        )
    })?;
    let changed = match source {
        Source::Responsibility => model
            .iot_ssf
            .as_ref()
            .and_then(|m| {
                m.decisions.iter().find(|d| {
                    d.requirement.as_str() == subject
                        && (d.implementer.as_ref().map(|i| i.as_str()) == implementer.as_deref()
                            || d.implementers
                                .iter()
                                .any(|i| Some(i.as_str()) == implementer.as_deref()))
                })
            })
            .and_then(|d| replace_token(&text, d.status.at.line, d.status.at.column, &status)),
        Source::ConformanceTest => {
            let existing = model
                .conformance
                .as_ref()
                .and_then(|c| c.tests.iter().find(|t| t.id.as_str() == subject));
            match existing {
                Some(t) => replace_token(&text, t.verdict.at.line, t.verdict.at.column, &status),
                None => insert_test(&text, &model, &subject, &status),
            }
        }
        Source::Manual => None,
    };
    let text = changed.ok_or_else(|| {
        cannot_apply(
            "the newest revision has no place for this answer (the decision or the test list is gone); edit the model instead",
            "最新リビジョンにこの回答を反映する箇所がありません(判断またはテスト一覧がありません)。モデルを直接編集してください",
        )
    })?;
    Ok((head, text, (status, statement)))
}

#[derive(Serialize, ToSchema)]
pub struct Proposal {
    /// The revision the change is made on.
    pub base: i64,
    /// The model with the answer applied.
    pub content: String,
    /// `cpsrisk diff` of the base and the proposed model (JSON).
    #[schema(value_type = Object)]
    pub diff: Value,
}

/// The proposed change an answer makes: the newest model with it applied, and the diff.
#[utoipa::path(get, path = "/api/v1/projects/{id}/requests/{request}/proposal",
    params(("id" = i64, Path), ("request" = i64, Path)),
    responses((status = 200, body = Proposal), (status = 403), (status = 404), (status = 409)))]
pub async fn get_proposal(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rq)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<Proposal>> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ManageRequests).await?;
    let row = visible(&state.db, &access, id, rq).await?;
    let (base, content, _) = proposal(&state.db, id, &row).await?;
    let (old, _) = revisions::load(&state.db, id, base).await?;
    let new = content.clone();
    let diff = tokio::task::spawn_blocking(move || {
        let a = cpsrisk_model::load_and_check(&old).ok()?;
        let b = cpsrisk_model::load_and_check(&new).ok()?;
        let text = cpsrisk_report::Report::render_diff(
            &cpsrisk_report::Report::new("base", &a),
            &cpsrisk_report::Report::new("proposed", &b),
            cpsrisk_report::Format::Json { pretty: false },
            Lang::En,
        );
        serde_json::from_str(&text).ok()
    })
    .await
    .ok()
    .flatten()
    .unwrap_or(Value::Null);
    Ok(axum::Json(Proposal {
        base,
        content,
        diff,
    }))
}

/// Apply the latest answer as a new revision (editors). `If-Match` names the newest revision
/// the editor reviewed the proposal on.
#[utoipa::path(post, path = "/api/v1/projects/{id}/requests/{request}/apply",
    params(("id" = i64, Path), ("request" = i64, Path),
        ("If-Match" = String, Header, description = "the newest revision, e.g. \"3\"")),
    responses((status = 201, description = "`{\"revision\": N, \"report\": …}`"), (status = 403), (status = 404),
        (status = 409), (status = 412), (status = 422), (status = 428)))]
pub async fn apply(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, rq)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ManageRequests).await?;
    let row = visible(&state.db, &access, id, rq).await?;
    if row.try_get::<String, _>(7)? == "applied" {
        return Err(cannot_apply(
            "the answer is applied already",
            "回答は適用済みです",
        ));
    }
    let parent = revisions::if_match(&headers)?.ok_or_else(|| {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if-match-required",
            "name the newest revision in If-Match",
            "最新のリビジョンを If-Match で指定してください",
        )
    })?;
    let (_, text, (status, statement)) = proposal(&state.db, id, &row).await?;
    let message = format!("request {rq}: {status} — {statement}");
    let lang = request_lang(&headers, None);
    let saved = revisions::save(&state.db, &caller, id, Some(parent), text, &message, lang).await?;
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE requests SET status = 'applied' WHERE id = $1")
        .bind(rq)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "request.apply",
            project: Some(id),
            object: format!("request:{rq}"),
            before: None,
            after: None,
            detail: json!({"revision": saved.revision}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(revisions::created_response(id, &saved))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::{Msg, status};

    #[test]
    fn every_status_has_a_label_in_both_languages() {
        let sources = [
            Source::Responsibility,
            Source::ConformanceTest,
            Source::Manual,
        ];
        let words = sources.iter().flat_map(|s| s.statuses().iter().copied());
        for word in words.chain(["open", "answered", "applied"]) {
            let (en, ja) = (status(word, Lang::En), status(word, Lang::Ja));
            assert!(en.is_some() && ja.is_some(), "{word}");
            assert_ne!(en, ja, "{word}");
        }
        assert_eq!(
            status("applied", Lang::Ja),
            Some(Msg::StatusApplied.text(Lang::Ja))
        );
    }
}
