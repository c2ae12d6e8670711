//! Revisions: every save of a model is immutable, with the assessment the engines computed
//! for it. Saving names its parent in `If-Match` (optimistic concurrency); an invalid model
//! is refused with the CLI's diagnostics and nothing is saved.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cpsrisk_catalog::{CatalogFormat, Lang};
use cpsrisk_model::Diagnostic;
use cpsrisk_report::{Format, Report};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::audit::{self, Event};
use crate::body::{read_body, unsupported_media_type};
use crate::db::{Db, now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::roles::Action;
use crate::secret::sha256_hex;
use crate::sessions::Caller;

/// Each catalog compiled into this build, identified by the SHA-256 of its JSON export.
pub static CATALOG_VERSIONS: LazyLock<BTreeMap<&'static str, String>> = LazyLock::new(|| {
    cpsrisk_catalog::CATALOG_NAMES
        .iter()
        .filter_map(|(name, _, _)| {
            let text = cpsrisk_catalog::export(name, CatalogFormat::Json).ok()?;
            Some((*name, sha256_hex(text.as_bytes())[..16].to_string()))
        })
        .collect()
});

/// The language of messages and reports: `?lang=`, else `Accept-Language`, else English.
pub fn request_lang(headers: &HeaderMap, lang: Option<&str>) -> Lang {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::from_locale(lang.or(accept).unwrap_or("en"))
}

/// The label a revision's report carries in place of a file path.
fn report_path(project: i64, revision: i64) -> String {
    format!("project-{project}/revision-{revision}")
}

fn diagnostics_error(diagnostics: &[Diagnostic], lang: Lang) -> ApiError {
    let list: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            json!({
                "line": d.at.line,
                "column": d.at.column,
                "message": d.message.en,
                "message_ja": d.message.ja,
                "help": d.hint.as_ref().map(|h| &h.en),
                "help_ja": d.hint.as_ref().map(|h| &h.ja),
                "rendered": d.render("model", lang),
            })
        })
        .collect();
    ApiError::invalid(
        "invalid-model",
        format!("the model has {} problem(s); nothing was saved", list.len()),
        format!(
            "モデルに {} 件の問題があります。何も保存していません",
            list.len()
        ),
    )
    .with(json!({"diagnostics": list}))
}

/// Checks and assesses a model text off the async threads: the assessment JSON, or the
/// diagnostics `cpsrisk validate` would print.
pub async fn assess(text: String, path: String) -> Result<String, Vec<Diagnostic>> {
    tokio::task::spawn_blocking(move || {
        let model = cpsrisk_model::load_and_check(&text)?;
        Ok(Report::new(&path, &model).render(Format::Json { pretty: false }, Lang::En))
    })
    .await
    .expect("the assessment task completes")
}

/// The revision named by `If-Match: "N"`.
pub fn if_match(headers: &HeaderMap) -> ApiResult<Option<i64>> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    v.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse::<i64>().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad-if-match",
                "If-Match names a revision number in quotes, e.g. \"3\"",
                "If-Match には引用符で囲んだリビジョン番号を指定してください(例: \"3\")",
            )
        })
}

pub struct Saved {
    pub revision: i64,
    pub assessment: String,
}

/// Saves a model as the next revision of a project: checks, assesses, then — in one
/// transaction — compares the parent with the head and inserts. Used by the revision
/// endpoint and by applying an answer.
pub async fn save(
    db: &Db,
    caller: &Caller,
    project: i64,
    parent: Option<i64>,
    text: String,
    message: &str,
    lang: Lang,
) -> ApiResult<Saved> {
    let head: i64 = sqlx::query_scalar("SELECT head FROM projects WHERE id = $1")
        .bind(project)
        .fetch_one(&db.pool)
        .await?;
    // Assessed outside the write transaction so writers are not held up by the engines;
    // the label uses the number the revision will most likely get and is checked below.
    let sha = sha256_hex(text.as_bytes());
    let assessment = assess(text.clone(), report_path(project, head + 1))
        .await
        .map_err(|d| diagnostics_error(&d, lang))?;
    let mut tx = db.begin_write().await?;
    let current: i64 = sqlx::query_scalar("SELECT head FROM projects WHERE id = $1")
        .bind(project)
        .fetch_one(&mut *tx)
        .await?;
    match parent {
        None if current > 0 => {
            return Err(ApiError::new(
                StatusCode::PRECONDITION_REQUIRED,
                "if-match-required",
                format!("name the revision you edited in If-Match (the newest is \"{current}\")"),
                format!("編集元のリビジョンを If-Match で指定してください(最新は \"{current}\")"),
            ));
        }
        Some(p) if p != current => {
            return Err(ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "stale",
                format!("revision {p} is not the newest ({current}); merge and save again"),
                format!("リビジョン {p} は最新ではありません(最新は {current})。取り込んでから保存し直してください"),
            )
            .with(json!({"head": current})));
        }
        _ => {}
    }
    if current != head {
        // Someone saved between the read and the lock; the parent check above passed only
        // because the caller named that newer head, so relabel the report.
        tx.rollback().await?;
        return Box::pin(save(db, caller, project, parent, text, message, lang)).await;
    }
    let number = current + 1;
    let before: Option<String> =
        sqlx::query_scalar("SELECT sha256 FROM revisions WHERE project_id = $1 AND number = $2")
            .bind(project)
            .bind(current)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO revisions (project_id, number, parent, sha256, content, author_id, message, \
         cpsrisk_version, catalog_versions, assessment, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(project)
    .bind(number)
    .bind((current > 0).then_some(current))
    .bind(&sha)
    .bind(&text)
    .bind(caller.user_id)
    .bind(message)
    .bind(env!("CARGO_PKG_VERSION"))
    .bind(json!(*CATALOG_VERSIONS).to_string())
    .bind(&assessment)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE projects SET head = $1 WHERE id = $2")
        .bind(number)
        .bind(project)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "revision.save",
            project: Some(project),
            object: format!("revision:{number}"),
            before,
            after: Some(sha),
            detail: json!({"message": message}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Saved {
        revision: number,
        assessment,
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SaveQuery {
    /// What changed and why.
    pub message: Option<String>,
    pub lang: Option<String>,
}

/// Save a model (YAML or JSON) as a new revision.
#[utoipa::path(post, path = "/api/v1/projects/{id}/revisions", params(("id" = i64, Path), SaveQuery,
        ("If-Match" = Option<String>, Header, description = "the revision edited, e.g. \"3\"; omitted only for the first")),
    request_body(content = String, content_type = "application/yaml"),
    responses((status = 201, description = "`{\"revision\": N, \"report\": <assess JSON>}`"),
        (status = 403), (status = 404), (status = 412), (status = 413), (status = 415), (status = 422), (status = 428)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(q): Query<SaveQuery>,
    req: Request,
) -> ApiResult<Response> {
    ProjectAccess::check(&state.db, &caller, id, Action::SaveRevision).await?;
    let headers = req.headers().clone();
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_string();
    if ![
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "application/json",
    ]
    .contains(&media.as_str())
    {
        return Err(unsupported_media_type(
            "application/yaml or application/json",
        ));
    }
    let parent = if_match(&headers)?;
    let bytes = read_body(req, &state).await?;
    let lang = request_lang(&headers, q.lang.as_deref());
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        ApiError::invalid(
            "not-utf8",
            format!(
                "the model is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
            format!(
                "モデルが UTF-8 のテキストではありません(バイト {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let message = q.message.unwrap_or_default();
    let saved = save(&state.db, &caller, id, parent, text, &message, lang).await?;
    Ok(created_response(id, &saved))
}

/// 201 `{"revision": N, "report": …}` with `ETag` and `Location`.
pub fn created_response(project: i64, saved: &Saved) -> Response {
    let body = format!(
        "{{\"revision\":{},\"report\":{}}}",
        saved.revision, saved.assessment
    );
    let mut response = (
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", saved.revision)) {
        h.insert(header::ETAG, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!(
        "/api/v1/projects/{project}/revisions/{}",
        saved.revision
    )) {
        h.insert(header::LOCATION, v);
    }
    response
}

#[derive(Serialize, ToSchema)]
pub struct RevisionInfo {
    pub revision: i64,
    pub parent: Option<i64>,
    pub sha256: String,
    pub author: String,
    pub message: String,
    pub created_at: String,
    pub cpsrisk_version: String,
    #[schema(value_type = Object)]
    pub catalog_versions: Value,
    /// The model text; only in the answer for one revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

const INFO: &str = "SELECT r.number, r.parent, r.sha256, u.email, r.message, r.created_at, \
     r.cpsrisk_version, r.catalog_versions FROM revisions r JOIN users u ON u.id = r.author_id";

fn info(row: &sqlx::any::AnyRow) -> Result<RevisionInfo, sqlx::Error> {
    let catalogs: String = row.try_get(7)?;
    Ok(RevisionInfo {
        revision: row.try_get(0)?,
        parent: row.try_get(1)?,
        sha256: row.try_get(2)?,
        author: row.try_get(3)?,
        message: row.try_get(4)?,
        created_at: rfc3339(row.try_get(5)?),
        cpsrisk_version: row.try_get(6)?,
        catalog_versions: serde_json::from_str(&catalogs).unwrap_or(Value::Null),
        content: None,
    })
}

#[derive(Serialize, ToSchema)]
pub struct RevisionList {
    pub revisions: Vec<RevisionInfo>,
}

/// The revisions, newest first.
#[utoipa::path(get, path = "/api/v1/projects/{id}/revisions", params(("id" = i64, Path)),
    responses((status = 200, body = RevisionList), (status = 403), (status = 404)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<RevisionList>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadRevisions).await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{INFO} WHERE r.project_id = $1 ORDER BY r.number DESC"
    )))
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let revisions = rows.iter().map(info).collect::<Result<_, _>>()?;
    Ok(axum::Json(RevisionList { revisions }))
}

fn no_revision(rev: i64) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no-such-revision",
        format!("this project has no revision {rev}"),
        format!("このプロジェクトにリビジョン {rev} はありません"),
    )
}

/// A revision's model text and stored assessment.
pub async fn load(db: &Db, project: i64, rev: i64) -> ApiResult<(String, String)> {
    let row = sqlx::query(
        "SELECT content, assessment FROM revisions WHERE project_id = $1 AND number = $2",
    )
    .bind(project)
    .bind(rev)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| no_revision(rev))?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// One revision with its model text.
#[utoipa::path(get, path = "/api/v1/projects/{id}/revisions/{rev}",
    params(("id" = i64, Path), ("rev" = i64, Path)),
    responses((status = 200, body = RevisionInfo), (status = 403), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rev)): Path<(i64, i64)>,
) -> ApiResult<axum::Json<RevisionInfo>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadRevisions).await?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{INFO} WHERE r.project_id = $1 AND r.number = $2"
    )))
    .bind(id)
    .bind(rev)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(|| no_revision(rev))?;
    let mut revision = info(&row)?;
    revision.content = Some(load(&state.db, id, rev).await?.0);
    Ok(axum::Json(revision))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// `json` (default, the stored assessment), `html`, `md`, `text`, `sarif` (SARIF 2.1.0),
    /// `oscal` (OSCAL assessment results), `oscal-poam`, `xlsx` or `otm` (Open Threat Model).
    pub format: Option<String>,
    pub lang: Option<String>,
}

/// The report formats a revision can be rendered in, with their media types.
pub fn report_format(name: &str) -> ApiResult<(Format, &'static str)> {
    match name {
        "json" => Ok((Format::Json { pretty: false }, "application/json")),
        "html" => Ok((Format::Html, "text/html; charset=utf-8")),
        "md" => Ok((Format::Markdown, "text/markdown; charset=utf-8")),
        "text" => Ok((Format::Text { colour: false }, "text/plain; charset=utf-8")),
        other => Err(ApiError::invalid(
            "unknown-format",
            format!(
                "unknown report format `{other}`: use json, html, md or text (reports also sarif, oscal, oscal-poam, xlsx, otm)"
            ),
            format!(
                "不明なレポート形式 `{other}`: json、html、md、text のいずれかを指定してください(レポートは sarif、oscal、oscal-poam、xlsx、otm も可)"
            ),
        )),
    }
}

pub fn typed(body: String, media: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    response
}

/// The report of one revision. JSON is the assessment stored when the revision was saved;
/// the other formats are rendered from the revision's model by this server.
#[utoipa::path(get, path = "/api/v1/projects/{id}/revisions/{rev}/report",
    params(("id" = i64, Path), ("rev" = i64, Path), ReportQuery),
    responses((status = 200, description = "the report"), (status = 403), (status = 404), (status = 406), (status = 422)))]
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path((id, rev)): Path<(i64, i64)>,
    Query(q): Query<ReportQuery>,
) -> ApiResult<Response> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadRevisions).await?;
    let name = q.format.as_deref().unwrap_or("json");
    if let Some(format) = cpsrisk_interchange::ReportFormat::from_name(name) {
        let lang = request_lang(&headers, q.lang.as_deref());
        return interchange_report(&state.db, id, rev, format, lang).await;
    }
    let (format, media) = report_format(name)?;
    let (content, assessment) = load(&state.db, id, rev).await?;
    if matches!(format, Format::Json { .. }) {
        return Ok(typed(assessment, media));
    }
    let lang = request_lang(&headers, q.lang.as_deref());
    let path = report_path(id, rev);
    let text = tokio::task::spawn_blocking(move || {
        cpsrisk_model::load_and_check(&content)
            .map(|model| Report::new(&path, &model).render(format, lang))
    })
    .await
    .expect("the report task completes")
    .map_err(|d| diagnostics_error(&d, lang))?;
    Ok(typed(text, media))
}

/// SARIF or OSCAL of a revision, stamped with the time the revision was saved so that the
/// same revision always gives the same document.
async fn interchange_report(
    db: &Db,
    project: i64,
    rev: i64,
    format: cpsrisk_interchange::ReportFormat,
    lang: Lang,
) -> ApiResult<Response> {
    let (content, _) = load(db, project, rev).await?;
    let saved_ms: i64 = sqlx::query_scalar(
        "SELECT created_at FROM revisions WHERE project_id = $1 AND number = $2",
    )
    .bind(project)
    .bind(rev)
    .fetch_one(&db.pool)
    .await?;
    let path = report_path(project, rev);
    let stamp = cpsrisk_interchange::Timestamp::from_unix((saved_ms / 1000) as u64);
    let rendered = tokio::task::spawn_blocking(move || {
        let model = cpsrisk_model::load_and_check(&content)?;
        Ok(cpsrisk_interchange::render_report(
            &Report::new(&path, &model),
            format,
            lang,
            &stamp,
        ))
    })
    .await
    .expect("the report task completes")
    .map_err(|d: Vec<Diagnostic>| diagnostics_error(&d, lang))?
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "render",
            format!("the report could not be written: {e}"),
            format!("レポートを書き出せません: {e}"),
        )
    })?;
    let mut response = Response::new(Body::from(rendered));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    Ok(response)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DiffQuery {
    pub from: i64,
    pub to: i64,
    /// `json` (default), `html`, `md` or `text`.
    pub format: Option<String>,
    pub lang: Option<String>,
}

/// The same diff as `cpsrisk diff` between two revisions.
pub async fn render_diff(
    db: &Db,
    project: i64,
    from: i64,
    to: i64,
    format: Format,
    lang: Lang,
) -> ApiResult<String> {
    let (old, _) = load(db, project, from).await?;
    let (new, _) = load(db, project, to).await?;
    let (old_path, new_path) = (report_path(project, from), report_path(project, to));
    tokio::task::spawn_blocking(move || {
        let a = cpsrisk_model::load_and_check(&old)?;
        let b = cpsrisk_model::load_and_check(&new)?;
        Ok(Report::render_diff(
            &Report::new(&old_path, &a),
            &Report::new(&new_path, &b),
            format,
            lang,
        ))
    })
    .await
    .expect("the diff task completes")
    .map_err(|d: Vec<Diagnostic>| diagnostics_error(&d, lang))
}

/// What changed between two revisions.
#[utoipa::path(get, path = "/api/v1/projects/{id}/diff", params(("id" = i64, Path), DiffQuery),
    responses((status = 200, description = "the diff"), (status = 403), (status = 404)))]
pub async fn diff(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<DiffQuery>,
) -> ApiResult<Response> {
    ProjectAccess::check(&state.db, &caller, id, Action::ReadRevisions).await?;
    let (format, media) = report_format(q.format.as_deref().unwrap_or("json"))?;
    let lang = request_lang(&headers, q.lang.as_deref());
    let text = render_diff(&state.db, id, q.from, q.to, format, lang).await?;
    Ok(typed(text, media))
}
