//! Projects (one system or product each) and the access check every project endpoint starts
//! with: not a member → 404, a member whose role does not allow the action → 403.

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
use crate::db::{Db, now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::roles::{Action, Role};
use crate::sessions::Caller;

/// The caller's standing in one project.
pub struct ProjectAccess {
    pub role: Role,
    /// A contributor's organisation.
    pub organisation: Option<i64>,
}

impl ProjectAccess {
    pub async fn check(
        db: &Db,
        caller: &Caller,
        project: i64,
        action: Action,
    ) -> ApiResult<ProjectAccess> {
        let row = sqlx::query(
            "SELECT m.role, m.organisation_id FROM projects p \
             LEFT JOIN members m ON m.project_id = p.id AND m.user_id = $2 WHERE p.id = $1",
        )
        .bind(project)
        .bind(caller.user_id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(ApiError::not_found)?;
        let access = if caller.is_admin {
            ProjectAccess {
                role: Role::Owner,
                organisation: None,
            }
        } else {
            let role: Option<String> = row.try_get(0)?;
            let role = role
                .as_deref()
                .and_then(Role::parse)
                .ok_or_else(ApiError::not_found)?;
            ProjectAccess {
                role,
                organisation: row.try_get(1)?,
            }
        };
        if access.role.may(action) {
            Ok(access)
        } else {
            Err(ApiError::forbidden())
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct Project {
    pub id: i64,
    pub name: String,
    /// The newest revision (0 before the first save).
    pub head: i64,
    pub created_at: String,
    /// The caller's role (`owner` for instance admins who are not members).
    pub role: Role,
}

/// Create a project; the caller becomes its owner.
#[utoipa::path(post, path = "/api/v1/projects", request_body = NewProject,
    responses((status = 201, body = Created), (status = 401), (status = 422)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<NewProject>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid(
            "invalid-name",
            "a project name has 1 to 200 characters",
            "プロジェクト名は 1〜200 文字にしてください",
        ));
    }
    let mut tx = state.db.begin_write().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO projects (name, head, created_by, created_at) VALUES ($1, 0, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(caller.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    sqlx::query("INSERT INTO members (project_id, user_id, role) VALUES ($1, $2, 'owner')")
        .bind(id)
        .bind(caller.user_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "project.create",
            project: Some(id),
            object: format!("project:{id}"),
            before: None,
            after: None,
            detail: json!({"name": name}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

fn project(row: &sqlx::any::AnyRow, role: Role) -> Result<Project, sqlx::Error> {
    Ok(Project {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        head: row.try_get(2)?,
        created_at: rfc3339(row.try_get(3)?),
        role,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ProjectList {
    pub projects: Vec<Project>,
}

/// The projects the caller may see.
#[utoipa::path(get, path = "/api/v1/projects", responses((status = 200, body = ProjectList), (status = 401)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<axum::Json<ProjectList>> {
    let rows = sqlx::query(
        "SELECT p.id, p.name, p.head, p.created_at, m.role FROM projects p \
         LEFT JOIN members m ON m.project_id = p.id AND m.user_id = $1 \
         WHERE m.user_id IS NOT NULL OR $2 = 1 ORDER BY p.id",
    )
    .bind(caller.user_id)
    .bind(caller.is_admin as i64)
    .fetch_all(&state.db.pool)
    .await?;
    let projects = rows
        .iter()
        .map(|r| {
            let role: Option<String> = r.try_get(4)?;
            project(
                r,
                role.as_deref().and_then(Role::parse).unwrap_or(Role::Owner),
            )
        })
        .collect::<Result<_, _>>()?;
    Ok(axum::Json(ProjectList { projects }))
}

/// One project.
#[utoipa::path(get, path = "/api/v1/projects/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = Project), (status = 404)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<Project>> {
    let access = ProjectAccess::check(&state.db, &caller, id, Action::ViewProject).await?;
    let row = sqlx::query("SELECT id, name, head, created_at FROM projects WHERE id = $1")
        .bind(id)
        .fetch_one(&state.db.pool)
        .await?;
    Ok(axum::Json(project(&row, access.role)?))
}
