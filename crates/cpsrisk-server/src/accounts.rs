//! Accounts: argon2id password hashes (computed off the async threads), users and API tokens.

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::audit::{self, Event};
use crate::body::StrictJson;
use crate::db::{Db, now_ms};
use crate::error::{ApiError, ApiResult};
use crate::secret::{random_hex, sha256_hex};
use crate::sessions::Caller;

/// ASVS V2.1: at least 12 characters, long passphrases allowed.
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

pub fn check_password_policy(password: &str) -> Result<(), ApiError> {
    let n = password.chars().count();
    if (PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "weak-password",
            format!("a password has {PASSWORD_MIN} to {PASSWORD_MAX} characters"),
            format!("パスワードは {PASSWORD_MIN}〜{PASSWORD_MAX} 文字にしてください"),
        ))
    }
}

pub async fn hash_password(password: String) -> String {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .expect("argon2id hashing with default parameters succeeds")
    })
    .await
    .expect("the hashing task completes")
}

/// Verifies against the stored hash, or against a fixed hash when the account does not exist
/// so that the answer takes as long either way.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        Argon2::default()
            .hash_password(b"no account has this password")
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let exists = stored.is_some();
    let hash = stored.unwrap_or_else(|| DUMMY.clone());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    ok && exists
}

pub fn normalise_email(email: &str) -> Result<String, ApiError> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= 254
        && e.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'));
    if valid {
        Ok(e)
    } else {
        Err(ApiError::invalid(
            "invalid-email",
            format!("`{email}` is not an e-mail address"),
            format!("`{email}` はメールアドレスではありません"),
        ))
    }
}

/// Creates a user; `actor` is who did it (an admin, or `cli` for `cpsrisk admin`).
pub async fn create_user(
    db: &Db,
    actor: &str,
    email: &str,
    password: String,
    admin: bool,
) -> ApiResult<i64> {
    let email = normalise_email(email)?;
    check_password_policy(&password)?;
    let hash = hash_password(password).await;
    let mut tx = db.begin_write().await?;
    let exists = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "user-exists",
            format!("a user {email} exists already"),
            format!("ユーザー {email} は既に存在します"),
        ));
    }
    let id: i64 = sqlx::query(
        "INSERT INTO users (email, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(&email)
    .bind(&hash)
    .bind(admin as i64)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    audit::append(
        &mut tx,
        Event {
            actor,
            action: "user.create",
            project: None,
            object: format!("user:{email}"),
            before: None,
            after: None,
            detail: json!({"admin": admin}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What a token may do: `read` allows safe methods only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Read,
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }
}

/// Creates an API token and returns it; only its SHA-256 is kept.
pub async fn create_token(
    db: &Db,
    actor: &str,
    email: &str,
    name: &str,
    scope: Scope,
) -> ApiResult<String> {
    let email = normalise_email(email)?;
    let mut tx = db.begin_write().await?;
    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(&email)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(user) = user else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no-such-user",
            format!("no user {email}; create it first with `cpsrisk admin create-user`"),
            format!(
                "ユーザー {email} はいません。先に `cpsrisk admin create-user` で作成してください"
            ),
        ));
    };
    let token = format!("cpsrisk_{}", random_hex());
    let hash = sha256_hex(token.as_bytes());
    sqlx::query(
        "INSERT INTO tokens (user_id, name, token_hash, scope, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(name)
    .bind(&hash)
    .bind(scope.as_str())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Event {
            actor,
            action: "token.create",
            project: None,
            object: format!("user:{email}"),
            before: None,
            after: Some(hash),
            detail: json!({"name": name, "scope": scope.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub admin: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Create a user (instance admins only).
#[utoipa::path(post, path = "/api/v1/users", request_body = NewUser,
    responses((status = 201, body = Created), (status = 403), (status = 409), (status = 422)))]
pub async fn post_user(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<NewUser>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    if !caller.is_admin {
        return Err(ApiError::forbidden());
    }
    let id = create_user(
        &state.db,
        &caller.email,
        &body.email,
        body.password,
        body.admin,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
    pub scope: Scope,
}

#[derive(Serialize, ToSchema)]
pub struct TokenCreated {
    /// Shown once; only its hash is stored.
    pub token: String,
}

/// Create an API token for yourself.
#[utoipa::path(post, path = "/api/v1/account/tokens", request_body = NewToken,
    responses((status = 201, body = TokenCreated), (status = 401)))]
pub async fn post_token(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<NewToken>,
) -> ApiResult<(StatusCode, axum::Json<TokenCreated>)> {
    let token = create_token(
        &state.db,
        &caller.email,
        &caller.email,
        &body.name,
        body.scope,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(TokenCreated { token })))
}

#[derive(Serialize, ToSchema)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub admin: bool,
}

/// Who the caller is.
#[utoipa::path(get, path = "/api/v1/account", responses((status = 200, body = Account), (status = 401)))]
pub async fn get_account(caller: Caller) -> axum::Json<Account> {
    axum::Json(Account {
        id: caller.user_id,
        email: caller.email,
        admin: caller.is_admin,
    })
}
