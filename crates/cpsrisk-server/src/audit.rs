//! The audit trail: one append-only row per change and per sign-in attempt, each carrying the
//! hash of its predecessor so that editing or removing a row breaks the chain.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::db::{Db, Tx, now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::roles::Action;
use crate::secret::sha256_hex;
use crate::sessions::Caller;

/// What happened, before it is chained.
pub struct Event<'a> {
    pub actor: &'a str,
    pub action: &'static str,
    pub project: Option<i64>,
    pub object: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub detail: Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub project: Option<i64>,
    pub object: String,
    pub before_hash: Option<String>,
    pub after_hash: Option<String>,
    #[schema(value_type = Object)]
    pub detail: Value,
    pub prev_hash: String,
    pub hash: String,
}

struct Stored {
    seq: i64,
    at: i64,
    actor: String,
    action: String,
    project: Option<i64>,
    object: String,
    before: Option<String>,
    after: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

const COLUMNS: &str =
    "seq, at, actor, action, project_id, object, before_hash, after_hash, detail, prev_hash, hash";

fn chain_hash(prev: &str, s: &Stored) -> String {
    let canonical = json!([
        s.seq, s.at, s.actor, s.action, s.project, s.object, s.before, s.after, s.detail
    ]);
    sha256_hex(format!("{prev}\n{canonical}").as_bytes())
}

/// Appends inside a transaction opened by `Db::begin_write`, which already holds the head.
pub async fn append(tx: &mut Tx, e: Event<'_>) -> Result<(), sqlx::Error> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut **tx)
        .await?;
    let prev_seq: i64 = head.try_get(0)?;
    let prev_hash: String = head.try_get(1)?;
    let mut s = Stored {
        seq: prev_seq + 1,
        at: now_ms(),
        actor: e.actor.to_string(),
        action: e.action.to_string(),
        project: e.project,
        object: e.object,
        before: e.before,
        after: e.after,
        detail: e.detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    s.hash = chain_hash(&s.prev_hash, &s);
    sqlx::query(
        "INSERT INTO audit (seq, at, actor, action, project_id, object, before_hash, after_hash, \
         detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(s.seq)
    .bind(s.at)
    .bind(&s.actor)
    .bind(&s.action)
    .bind(s.project)
    .bind(&s.object)
    .bind(&s.before)
    .bind(&s.after)
    .bind(&s.detail)
    .bind(&s.prev_hash)
    .bind(&s.hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(s.seq)
        .bind(&s.hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn stored(row: &sqlx::any::AnyRow) -> Result<Stored, sqlx::Error> {
    Ok(Stored {
        seq: row.try_get(0)?,
        at: row.try_get(1)?,
        actor: row.try_get(2)?,
        action: row.try_get(3)?,
        project: row.try_get(4)?,
        object: row.try_get(5)?,
        before: row.try_get(6)?,
        after: row.try_get(7)?,
        detail: row.try_get(8)?,
        prev_hash: row.try_get(9)?,
        hash: row.try_get(10)?,
    })
}

impl From<Stored> for Entry {
    fn from(s: Stored) -> Entry {
        Entry {
            seq: s.seq,
            at: rfc3339(s.at),
            actor: s.actor,
            action: s.action,
            project: s.project,
            object: s.object,
            before_hash: s.before,
            after_hash: s.after,
            detail: serde_json::from_str(&s.detail).unwrap_or(Value::String(s.detail)),
            prev_hash: s.prev_hash,
            hash: s.hash,
        }
    }
}

/// Where the chain is broken, if it is.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact { entries: i64 },
    Broken { seq: i64, why: Break },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    Missing,
    Relinked,
    Changed,
    Truncated,
}

impl Break {
    pub fn describe(self, lang: cpsrisk_catalog::Lang) -> &'static str {
        match self {
            Break::Missing => lang.pick("an entry is missing", "エントリが欠落しています"),
            Break::Relinked => lang.pick(
                "the link to the previous entry does not match",
                "前のエントリへのリンクが一致しません",
            ),
            Break::Changed => lang.pick(
                "the entry was changed after it was written",
                "エントリが書き込み後に変更されています",
            ),
            Break::Truncated => lang.pick(
                "entries at the end of the trail were removed",
                "証跡の末尾のエントリが削除されています",
            ),
        }
    }
}

/// Recomputes every link from the first entry to the recorded head.
pub async fn verify(db: &Db) -> Result<Verdict, sqlx::Error> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM audit ORDER BY seq"
    )))
    .fetch_all(&db.pool)
    .await?;
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&db.pool)
        .await?;
    let (head_seq, head_hash): (i64, String) = (head.try_get(0)?, head.try_get(1)?);
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    for row in &rows {
        let s = stored(row)?;
        if s.seq != expected_seq {
            return Ok(Verdict::Broken {
                seq: expected_seq,
                why: Break::Missing,
            });
        }
        if s.prev_hash != prev {
            return Ok(Verdict::Broken {
                seq: s.seq,
                why: Break::Relinked,
            });
        }
        if chain_hash(&prev, &s) != s.hash {
            return Ok(Verdict::Broken {
                seq: s.seq,
                why: Break::Changed,
            });
        }
        prev = s.hash;
        expected_seq += 1;
    }
    if head_seq != expected_seq - 1 || head_hash != prev {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            why: Break::Truncated,
        });
    }
    Ok(Verdict::Intact { entries: head_seq })
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `json` (default), `jsonl` or `csv`.
    pub format: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditList {
    pub entries: Vec<Entry>,
}

/// The project's audit trail, oldest first.
#[utoipa::path(get, path = "/api/v1/projects/{id}/audit", params(("id" = i64, Path), ExportQuery),
    responses((status = 200, body = AuditList), (status = 403), (status = 404)))]
pub async fn project_audit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    let entries = project_entries(&state.db, &caller, id).await?;
    export(entries, q.format.as_deref())
}

/// The project's trail, oldest first, for a caller allowed to read it (the API and the page).
pub async fn project_entries(db: &Db, caller: &Caller, id: i64) -> ApiResult<Vec<Entry>> {
    ProjectAccess::check(db, caller, id, Action::ReadAudit).await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM audit WHERE project_id = $1 ORDER BY seq"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| stored(r).map(Entry::from))
        .collect::<Result<Vec<_>, _>>()?)
}

/// The whole trail — sign-ins, accounts and every project — for instance admins.
#[utoipa::path(get, path = "/api/v1/audit", params(ExportQuery),
    responses((status = 200, body = AuditList), (status = 403)))]
pub async fn instance_audit(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ExportQuery>,
) -> ApiResult<Response> {
    if !caller.is_admin {
        return Err(ApiError::forbidden());
    }
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM audit ORDER BY seq"
    )))
    .fetch_all(&state.db.pool)
    .await?;
    let entries = rows
        .iter()
        .map(|r| stored(r).map(Entry::from))
        .collect::<Result<Vec<_>, _>>()?;
    export(entries, q.format.as_deref())
}

fn export(entries: Vec<Entry>, format: Option<&str>) -> ApiResult<Response> {
    match format.unwrap_or("json") {
        "json" => Ok(axum::Json(AuditList { entries }).into_response()),
        "jsonl" => {
            let mut out = String::new();
            for e in &entries {
                out.push_str(&serde_json::to_string(e).unwrap_or_default());
                out.push('\n');
            }
            Ok(([(header::CONTENT_TYPE, "application/jsonl")], out).into_response())
        }
        "csv" => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "seq",
                "at",
                "actor",
                "action",
                "project",
                "object",
                "before_hash",
                "after_hash",
                "detail",
                "prev_hash",
                "hash",
            ]);
            for e in &entries {
                let _ = w.write_record([
                    e.seq.to_string(),
                    e.at.clone(),
                    e.actor.clone(),
                    e.action.clone(),
                    e.project.map(|p| p.to_string()).unwrap_or_default(),
                    e.object.clone(),
                    e.before_hash.clone().unwrap_or_default(),
                    e.after_hash.clone().unwrap_or_default(),
                    e.detail.to_string(),
                    e.prev_hash.clone(),
                    e.hash.clone(),
                ]);
            }
            let bytes = w.into_inner().unwrap_or_default();
            Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response())
        }
        other => Err(ApiError::invalid(
            "unknown-format",
            format!("unknown audit export format `{other}`: use json, jsonl or csv"),
            format!("不明な監査ログ形式 `{other}`: json、jsonl、csv のいずれかを指定してください"),
        )),
    }
}
