//! Who is calling: a browser session (cookie + CSRF token) or an API token (Bearer). Sessions,
//! sign-in attempts and their throttling live in the database, so any number of server
//! processes can share them.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::accounts::{self, Scope};
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::db::{now_ms, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::secret::{constant_time_eq, random_hex, sha256_hex};

pub const COOKIE: &str = "__Host-cpsrisk_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: i64,
    pub email: String,
    pub is_admin: bool,
    /// The session's ID hash when signed in through a browser session.
    pub session: Option<String>,
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The value of one cookie the browser sent.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE).map(str::to_string)
}

/// Refuses cross-site browser requests: `Sec-Fetch-Site` must be same-origin or none, or,
/// from browsers that do not send it, `Origin` must name this host.
pub fn check_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let refuse = || {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "cross-site",
            "cross-site requests are refused",
            "クロスサイトのリクエストは拒否されます",
        )
    };
    let get = |h: &str| headers.get(h).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site") {
        return if site == "same-origin" || site == "none" {
            Ok(())
        } else {
            Err(refuse())
        };
    }
    if let (Some(origin), Some(host)) = (get("origin"), get("host")) {
        let same = origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host);
        return if same { Ok(()) } else { Err(refuse()) };
    }
    Ok(())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let db = &state.db;
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if let Some(token) = bearer {
            let row = sqlx::query(
                "SELECT u.id, u.email, u.is_admin, t.scope FROM tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
            )
            .bind(sha256_hex(token.trim().as_bytes()))
            .fetch_optional(&db.pool)
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
            let scope: String = row.try_get(3)?;
            if scope == Scope::Read.as_str() && !is_safe(&parts.method) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "token-scope",
                    "this API token may only read",
                    "この API トークンは読み取り専用です",
                ));
            }
            return Ok(Caller {
                user_id: row.try_get(0)?,
                email: row.try_get(1)?,
                is_admin: row.try_get::<i64, _>(2)? != 0,
                session: None,
            });
        }
        let id = session_cookie(&parts.headers).ok_or_else(ApiError::unauthenticated)?;
        let id_hash = sha256_hex(id.as_bytes());
        let row = sqlx::query(
            "SELECT u.id, u.email, u.is_admin, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2",
        )
        .bind(&id_hash)
        .bind(now_ms())
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
        if !is_safe(&parts.method) {
            // A cookie is sent by the browser on its own; a change also needs the origin
            // check and the session's CSRF token, which only our own pages can read.
            check_origin(&parts.headers)?;
            let csrf: String = row.try_get(3)?;
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent, &csrf) {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    "csrf",
                    "the CSRF token is missing or wrong; send the X-CSRF-Token header",
                    "CSRF トークンがないか誤っています。X-CSRF-Token ヘッダーを送ってください",
                ));
            }
        }
        Ok(Caller {
            user_id: row.try_get(0)?,
            email: row.try_get(1)?,
            is_admin: row.try_get::<i64, _>(2)? != 0,
            session: Some(id_hash),
        })
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    /// Send it as the `X-CSRF-Token` header with every change.
    pub csrf_token: String,
    pub expires_at: String,
}

/// Sign in; sets the session cookie. Throttled per account after repeated failures.
#[utoipa::path(post, path = "/api/v1/session", request_body = SignIn,
    responses((status = 201, body = SessionInfo), (status = 401), (status = 429)))]
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    StrictJson(body): StrictJson<SignIn>,
) -> ApiResult<Response> {
    check_origin(&headers)?;
    let db = &state.db;
    let email = body.email.trim().to_lowercase();
    let now = now_ms();
    let failures: i64 = sqlx::query(
        "SELECT COUNT(*) FROM signin_attempts WHERE email = $1 AND succeeded = 0 AND at > $2",
    )
    .bind(&email)
    .bind(now - state.config.signin_window_ms)
    .fetch_one(&db.pool)
    .await?
    .try_get(0)?;
    let throttled = failures >= state.config.signin_max_failures;
    let user = if throttled {
        None
    } else {
        sqlx::query("SELECT id, password_hash FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(&db.pool)
            .await?
    };
    let (user_id, stored) = match &user {
        Some(r) => (
            Some(r.try_get::<i64, _>(0)?),
            Some(r.try_get::<String, _>(1)?),
        ),
        None => (None, None),
    };
    let ok = !throttled && accounts::verify_password(body.password, stored).await;
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO signin_attempts (email, at, succeeded) VALUES ($1, $2, $3)")
        .bind(&email)
        .bind(now)
        .bind(ok as i64)
        .execute(&mut *tx)
        .await?;
    let action = match (ok, throttled) {
        (true, _) => "sign-in",
        (false, true) => "sign-in.throttled",
        (false, false) => "sign-in.failed",
    };
    audit::append(
        &mut tx,
        Event {
            actor: &email,
            action,
            project: None,
            object: format!("user:{email}"),
            before: None,
            after: None,
            detail: json!({}),
        },
    )
    .await?;
    let (Some(user_id), true) = (user_id, ok) else {
        tx.commit().await?;
        return Err(if throttled {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                "too many failed sign-ins for this account; wait and try again",
                "このアカウントのサインイン失敗が多すぎます。時間をおいて再試行してください",
            )
        } else {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "bad-credentials",
                "wrong e-mail or password",
                "メールアドレスまたはパスワードが違います",
            )
        });
    };
    let id = random_hex();
    let csrf = random_hex();
    let expires = now + state.config.session_ttl_ms;
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sha256_hex(id.as_bytes()))
    .bind(user_id)
    .bind(&csrf)
    .bind(now)
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let cookie = format!(
        "{COOKIE}={id}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={}",
        state.config.session_ttl_ms / 1000
    );
    let mut response = (
        StatusCode::CREATED,
        axum::Json(SessionInfo {
            csrf_token: csrf,
            expires_at: rfc3339(expires),
        }),
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}

fn clear_cookie() -> (header::HeaderName, &'static str) {
    (
        header::SET_COOKIE,
        "__Host-cpsrisk_session=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0",
    )
}

/// Sign out: the session is revoked in the database, not only forgotten by the browser.
#[utoipa::path(delete, path = "/api/v1/session", responses((status = 204), (status = 401)))]
pub async fn sign_out(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let Some(session) = &caller.session else {
        return Err(ApiError::invalid(
            "no-session",
            "API tokens have no session to end",
            "API トークンには終了するセッションがありません",
        ));
    };
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id_hash = $2")
        .bind(now_ms())
        .bind(session)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "sign-out",
            project: None,
            object: format!("user:{}", caller.email),
            before: None,
            after: None,
            detail: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::NO_CONTENT, [clear_cookie()]).into_response())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Change your password; every session of the account is revoked.
#[utoipa::path(put, path = "/api/v1/account/password", request_body = PasswordChange,
    responses((status = 204), (status = 401), (status = 422)))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<PasswordChange>,
) -> ApiResult<Response> {
    accounts::check_password_policy(&body.new_password)?;
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(caller.user_id)
        .fetch_one(&state.db.pool)
        .await?;
    if !accounts::verify_password(body.current_password, Some(stored)).await {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad-credentials",
            "the current password is wrong",
            "現在のパスワードが違います",
        ));
    }
    let hash = accounts::hash_password(body.new_password).await;
    let mut tx = state.db.begin_write().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(caller.user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(caller.user_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Event {
            actor: &caller.email,
            action: "password.change",
            project: None,
            object: format!("user:{}", caller.email),
            before: None,
            after: None,
            detail: json!({"sessions_revoked": true}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::NO_CONTENT, [clear_cookie()]).into_response())
}
