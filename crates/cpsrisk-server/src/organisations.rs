//! Organisations: the parties the frameworks name (maker, integrator, supplier, operator,
//! lab), per project. `stakeholder` links one to a stakeholder ID of the model, so that the
//! responsibility tables of an assessment can address requests to it.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::accounts::Created;
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::projects::ProjectAccess;
use crate::roles::Action;
use crate::sessions::Caller;

pub const KINDS: [&str; 5] = ["maker", "integrator", "supplier", "operator", "lab"];

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisation {
    pub name: String,
    /// `maker`, `integrator`, `supplier`, `operator` or `lab`.
    pub kind: String,
    /// The model's stakeholder ID this organisation is (e.g. `resident`, `maker`).
    pub stakeholder: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub stakeholder: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OrganisationList {
    pub organisations: Vec<Organisation>,
}

/// 422 unless the organisation belongs to this project (IDs of other projects are refused).
pub async fn require_in_project(tx: &mut Tx, project: i64, org: i64) -> ApiResult<()> {
    let found = sqlx::query("SELECT id FROM organisations WHERE id = $1 AND project_id = $2")
        .bind(org)
        .bind(project)
        .fetch_optional(&mut **tx)
        .await?;
    found.map(|_| ()).ok_or_else(|| {
        ApiError::invalid(
            "unknown-organisation",
            format!("organisation {org} is not part of this project"),
            format!("組織 {org} はこのプロジェクトにありません"),
        )
        .with(json!({"field": "organisation"}))
    })
}

/// A trimmed name of 1 to 200 characters.
fn checked_name(name: &str) -> ApiResult<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid(
            "invalid-name",
            "an organisation name has 1 to 200 characters",
            "組織名は 1〜200 文字にしてください",
        )
        .with(json!({"field": "name"})));
    }
    Ok(name)
}

/// 409 when another organisation of the project has the name.
async fn refuse_taken(tx: &mut Tx, project: i64, name: &str) -> ApiResult<()> {
    let taken = sqlx::query("SELECT id FROM organisations WHERE project_id = $1 AND name = $2")
        .bind(project)
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?;
    match taken {
        Some(_) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "organisation-exists",
            format!("an organisation `{name}` exists in this project"),
            format!("組織 `{name}` はこのプロジェクトに既にあります"),
        )
        .with(json!({"field": "name"}))),
        None => Ok(()),
    }
}

/// Add an organisation.
#[utoipa::path(post, path = "/api/v1/projects/{id}/organisations", params(("id" = i64, Path)),
    request_body = NewOrganisation,
    responses((status = 201, body = Created), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    StrictJson(body): StrictJson<NewOrganisation>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    ProjectAccess::check(&state.db, &caller, id, Action::ManageOrganisations).await?;
    if !KINDS.contains(&body.kind.as_str()) {
        return Err(ApiError::invalid(
            "unknown-kind",
            format!(
                "unknown organisation kind `{}`: use one of {}",
                body.kind,
                KINDS.join(", ")
            ),
            format!(
                "不明な組織の種類 `{}`: {} のいずれかを指定してください",
                body.kind,
                KINDS.join("、")
            ),
        ));
    }
    let name = checked_name(&body.name)?;
    let mut tx = state.db.begin_write().await?;
    refuse_taken(&mut tx, id, name).await?;
    let org: i64 = sqlx::query(
        "INSERT INTO organisations (project_id, name, kind, stakeholder) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(id)
    .bind(name)
    .bind(&body.kind)
    .bind(&body.stakeholder)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "organisation.create",
            project: Some(id),
            object: format!("organisation:{org}"),
            before: None,
            after: None,
            detail: json!(body),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: org })))
}

/// The project's organisations.
#[utoipa::path(get, path = "/api/v1/projects/{id}/organisations", params(("id" = i64, Path)),
    responses((status = 200, body = OrganisationList), (status = 404)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<OrganisationList>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ViewProject).await?;
    let rows = sqlx::query(
        "SELECT id, name, kind, stakeholder FROM organisations WHERE project_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let organisations = rows
        .iter()
        .map(|r| {
            Ok(Organisation {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                kind: r.try_get(2)?,
                stakeholder: r.try_get(3)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(axum::Json(OrganisationList { organisations }))
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub name: String,
}

/// Rename an organisation (owners; members and requests keep pointing at it).
#[utoipa::path(patch, path = "/api/v1/projects/{id}/organisations/{organisation}",
    params(("id" = i64, Path), ("organisation" = i64, Path)), request_body = Rename,
    responses((status = 200, body = Organisation), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn rename(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, org)): Path<(i64, i64)>,
    StrictJson(body): StrictJson<Rename>,
) -> ApiResult<axum::Json<Organisation>> {
    ProjectAccess::check(&state.db, &caller, id, Action::AdministerOrganisations).await?;
    let name = checked_name(&body.name)?;
    let mut tx = state.db.begin_write().await?;
    let row = sqlx::query(
        "SELECT name, kind, stakeholder FROM organisations WHERE id = $1 AND project_id = $2",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(ApiError::not_found)?;
    let before: String = row.try_get(0)?;
    if before != name {
        refuse_taken(&mut tx, id, name).await?;
        sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(org)
            .execute(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            Event {
                actor: &caller.email,
                action: "organisation.rename",
                project: Some(id),
                object: format!("organisation:{org}"),
                before: None,
                after: None,
                detail: json!({"from": before, "to": name}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(axum::Json(Organisation {
        id: org,
        name: name.to_string(),
        kind: row.try_get(1)?,
        stakeholder: row.try_get(2)?,
    }))
}
