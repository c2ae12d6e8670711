//! The database: one pool over SQLite or PostgreSQL, the embedded migrations, and the write
//! transaction every change goes through.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Executor, Transaction};

/// Which database the pool talks to; the SQL is shared, the migrations are per backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

pub type Tx = Transaction<'static, sqlx::Any>;

/// `cpsrisk.db` (a path), `sqlite://…` or `postgres://…`.
pub fn normalise_url(url: &str) -> Result<(String, Backend), String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok((url.to_string(), Backend::Postgres))
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        let rest = rest.trim_start_matches("//");
        let sep = if rest.contains('?') { '&' } else { '?' };
        let url = if rest.contains("mode=") {
            format!("sqlite://{rest}")
        } else {
            format!("sqlite://{rest}{sep}mode=rwc")
        };
        Ok((url, Backend::Sqlite))
    } else if url.contains("://") {
        Err(format!(
            "unsupported database URL `{url}`: use a file path, sqlite://PATH or postgres://…"
        ))
    } else {
        Ok((format!("sqlite://{url}?mode=rwc"), Backend::Sqlite))
    }
}

impl Db {
    /// Connects and brings the schema up to date (safe with several processes at once:
    /// sqlx takes a lock around migrations on PostgreSQL).
    pub async fn connect(url: &str) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalise_url(url)?;
        let options: AnyConnectOptions = url.parse().map_err(|e| format!("{e}"))?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL with full sync: an acknowledged commit survives a crash; the
                        // busy timeout lets several processes share the file.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), String> {
        // (version, name, SQLite, PostgreSQL); applied in order, each once.
        const MIGRATIONS: [(i64, &str, &str, &str); 2] = [
            (
                1,
                "workbench",
                include_str!("../migrations/sqlite/0001_workbench.sql"),
                include_str!("../migrations/postgres/0001_workbench.sql"),
            ),
            (
                2,
                "request due date",
                include_str!("../migrations/sqlite/0002_request_due.sql"),
                include_str!("../migrations/postgres/0002_request_due.sql"),
            ),
        ];
        let migrations = MIGRATIONS
            .iter()
            .map(|&(version, name, sqlite, postgres)| {
                let sql = match self.backend {
                    Backend::Sqlite => sqlite,
                    Backend::Postgres => postgres,
                };
                Migration::new(
                    version,
                    Cow::Borrowed(name),
                    MigrationType::Simple,
                    sqlx::SqlSafeStr::into_sql_str(sql),
                    false,
                )
            })
            .collect();
        Migrator::with_migrations(migrations)
            .run(&self.pool)
            .await
            .map_err(|e| format!("cannot migrate the database: {e}"))
    }

    /// A transaction for a change. Its first statement takes the row lock on the audit head,
    /// so writers are serialised across processes (PostgreSQL row lock, SQLite write lock)
    /// and the audit chain stays linear.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// RFC 3339 in UTC, for the API.
pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
