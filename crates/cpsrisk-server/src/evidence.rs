//! Evidence files attached to a request: stored in the database with their SHA-256, the date
//! they speak for (distinct from the upload time) and who uploaded them. File names are
//! checked, never used as paths: a name with path tricks is refused and nothing is stored.

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::approvals::parse_date;
use crate::audit::{self, Event};
use crate::body::read_body;
use crate::db::now_ms;
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::requests::visible;
use crate::roles::Action;
use crate::secret::sha256_hex;
use crate::sessions::Caller;

/// Why a file name is refused, if it is: separators, parent references, drive letters and
/// streams, percent signs (double decoding), control characters, leading dots, device names.
pub fn check_file_name(name: &str) -> Result<(), ApiError> {
    const DEVICES: [&str; 6] = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    let stem = name.split('.').next().unwrap_or("").to_lowercase();
    let bad = name.is_empty()
        || name.chars().count() > 200
        || name.trim() != name
        || name.starts_with('.')
        || name.contains("..")
        || name.chars().any(|c| {
            matches!(
                c,
                '/' | '\\' | ':' | '%' | '"' | '<' | '>' | '|' | '*' | '?'
            ) || c.is_control()
        })
        || DEVICES.contains(&stem.as_str());
    if bad {
        Err(ApiError::invalid(
            "bad-file-name",
            format!(
                "the file name {name:?} is refused: give a plain name without paths, `..`, leading dots, `:`, `%` or control characters; nothing was stored"
            ),
            format!(
                "ファイル名 {name:?} は受け付けられません。パス、`..`、先頭のドット、`:`、`%`、制御文字を含まない名前にしてください。何も保存していません"
            ),
        ))
    } else {
        Ok(())
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    pub file_name: String,
    /// The date the evidence speaks for, `YYYY-MM-DD` (e.g. the test report's date).
    pub effective_date: String,
}

#[derive(Serialize, ToSchema)]
pub struct Uploaded {
    pub id: i64,
    pub sha256: String,
    pub size: i64,
}

/// A file to attach, as the API's body or a browser form's file field brings it.
pub struct NewEvidence {
    pub file_name: String,
    pub effective_date: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Refuses before anything is read or stored: the role, the request's visibility to the
/// caller (404 for another organisation's), the file name and the effective date.
pub async fn permitted(
    state: &AppState,
    caller: &Caller,
    project: i64,
    request: i64,
    file_name: &str,
    effective_date: &str,
) -> ApiResult<()> {
    let access = ProjectAccess::check(&state.db, caller, project, Action::AnswerRequest).await?;
    visible(&state.db, &access, project, request).await?;
    check_file_name(file_name)?;
    if parse_date(effective_date).is_none() {
        return Err(ApiError::invalid(
            "bad-date",
            format!("`effective_date` is a date YYYY-MM-DD, not `{effective_date}`"),
            format!("`effective_date` は日付(YYYY-MM-DD)にしてください: `{effective_date}`"),
        ));
    }
    Ok(())
}

/// Stores a file that passed [`permitted`], with its SHA-256 and an audit entry.
pub async fn store(
    state: &AppState,
    caller: &Caller,
    project: i64,
    request: i64,
    file: NewEvidence,
) -> ApiResult<Uploaded> {
    let sha = sha256_hex(&file.bytes);
    let size = file.bytes.len() as i64;
    let media: String = file.media_type.chars().take(100).collect();
    let mut tx = state.db.begin_write().await?;
    let evidence: i64 = sqlx::query(
        "INSERT INTO evidence (request_id, file_name, media_type, sha256, size, content, \
         effective_date, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(request)
    .bind(&file.file_name)
    .bind(&media)
    .bind(&sha)
    .bind(size)
    .bind(file.bytes)
    .bind(&file.effective_date)
    .bind(caller.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "evidence.upload",
            project: Some(project),
            object: format!("request:{request}/evidence:{evidence}"),
            before: None,
            after: Some(sha.clone()),
            detail: json!({"file_name": file.file_name, "effective_date": file.effective_date, "size": size}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Uploaded {
        id: evidence,
        sha256: sha,
        size,
    })
}

/// Attach an evidence file (the request body, any media type) to a request.
#[utoipa::path(post, path = "/api/v1/projects/{id}/requests/{request}/evidence",
    params(("id" = i64, Path), ("request" = i64, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Uploaded), (status = 403), (status = 404), (status = 413), (status = 422)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rq)): Path<(i64, i64)>,
    Query(q): Query<UploadQuery>,
    req: Request,
) -> ApiResult<(StatusCode, axum::Json<Uploaded>)> {
    permitted(&state, &caller, id, rq, &q.file_name, &q.effective_date).await?;
    let media_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    let bytes = read_body(req, &state).await?.to_vec();
    let file = NewEvidence {
        file_name: q.file_name,
        effective_date: q.effective_date,
        media_type,
        bytes,
    };
    let uploaded = store(&state, &caller, id, rq, file).await?;
    Ok((StatusCode::CREATED, axum::Json(uploaded)))
}

/// Download an evidence file (always as an attachment, never rendered).
#[utoipa::path(get, path = "/api/v1/projects/{id}/requests/{request}/evidence/{evidence}",
    params(("id" = i64, Path), ("request" = i64, Path), ("evidence" = i64, Path)),
    responses((status = 200, description = "the file"), (status = 404)))]
pub async fn download(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, rq, ev)): Path<(i64, i64, i64)>,
) -> ApiResult<Response> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ReadRequests).await?;
    visible(&state.db, &access, id, rq).await?;
    let row = sqlx::query(
        "SELECT file_name, sha256, content FROM evidence WHERE id = $1 AND request_id = $2",
    )
    .bind(ev)
    .bind(rq)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(ApiError::not_found)?;
    let (name, sha, content): (String, String, Vec<u8>) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let mut response = Response::new(Body::from(content));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    // The name passed `check_file_name`; non-ASCII names go in the RFC 5987 form.
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii() { c } else { '_' })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&sha) {
        h.insert("x-content-sha256", v);
    }
    Ok(response)
}
