//! Members of a project and their roles.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::error::{ApiError, ApiResult};
use crate::organisations;
use crate::projects::ProjectAccess;
use crate::roles::{Action, ROLES, Role};
use crate::sessions::Caller;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChange {
    pub email: String,
    /// `owner`, `editor`, `reviewer`, `contributor` or `viewer`.
    pub role: String,
    /// Required for contributors: the organisation they answer for.
    pub organisation: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Member {
    pub email: String,
    pub role: Role,
    pub organisation: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct MemberList {
    pub members: Vec<Member>,
}

/// Add a member or change a member's role (owners only).
#[utoipa::path(put, path = "/api/v1/projects/{id}/members", params(("id" = i64, Path)),
    request_body = MemberChange,
    responses((status = 200, body = Member), (status = 403), (status = 404), (status = 422)))]
pub async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    StrictJson(body): StrictJson<MemberChange>,
) -> ApiResult<axum::Json<Member>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ManageMembers).await?;
    let Some(role) = Role::parse(&body.role) else {
        let known: Vec<&str> = ROLES.iter().map(|r| r.as_str()).collect();
        return Err(ApiError::invalid(
            "unknown-role",
            format!(
                "unknown role `{}`: use one of {}",
                body.role,
                known.join(", ")
            ),
            format!(
                "不明なロール `{}`: {} のいずれかを指定してください",
                body.role,
                known.join("、")
            ),
        ));
    };
    if role == Role::Contributor && body.organisation.is_none() {
        return Err(ApiError::invalid(
            "organisation-required",
            "a contributor answers for an organisation: give `organisation`",
            "コントリビューターは組織を代表して回答します。`organisation` を指定してください",
        ));
    }
    let mut tx = state.db.begin_write().await?;
    if let Some(org) = body.organisation {
        organisations::require_in_project(&mut tx, id, org).await?;
    }
    let email = body.email.trim().to_lowercase();
    let user: i64 = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "no-such-user",
                format!("no user {email}; an instance admin creates accounts"),
                format!("ユーザー {email} はいません。アカウントはインスタンス管理者が作成します"),
            )
        })?
        .try_get(0)?;
    let before: Option<String> =
        sqlx::query_scalar("SELECT role FROM members WHERE project_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await?;
    if before.as_deref() == Some("owner") && role != Role::Owner {
        let owners: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM members WHERE project_id = $1 AND role = 'owner'",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if owners <= 1 {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "last-owner",
                "a project keeps at least one owner",
                "プロジェクトには少なくとも 1 人のオーナーが必要です",
            ));
        }
    }
    let org = body.organisation.filter(|_| role == Role::Contributor);
    sqlx::query("DELETE FROM members WHERE project_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO members (project_id, user_id, role, organisation_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(user)
    .bind(role.as_str())
    .bind(org)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "member.set",
            project: Some(id),
            object: format!("user:{email}"),
            before: None,
            after: None,
            detail: json!({"before": before, "role": role.as_str(), "organisation": org}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(Member {
        email,
        role,
        organisation: org,
    }))
}

/// The members and their roles.
#[utoipa::path(get, path = "/api/v1/projects/{id}/members", params(("id" = i64, Path)),
    responses((status = 200, body = MemberList), (status = 403), (status = 404)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<MemberList>> {
    ProjectAccess::check(&state.db, &caller, id, Action::ListMembers).await?;
    let rows = sqlx::query(
        "SELECT u.email, m.role, m.organisation_id FROM members m JOIN users u ON u.id = m.user_id \
         WHERE m.project_id = $1 ORDER BY u.email",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    let members = rows
        .iter()
        .map(|r| {
            let role: String = r.try_get(1)?;
            Ok(Member {
                email: r.try_get(0)?,
                role: Role::parse(&role).unwrap_or(Role::Viewer),
                organisation: r.try_get(2)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(axum::Json(MemberList { members }))
}
