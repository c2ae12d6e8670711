//! Support for tests of the server and of the CLI verbs around it: the databases a test runs
//! against — a fresh SQLite file always, and a fresh PostgreSQL database when `PG_URL` is set
//! (`.ci/run` starts one).

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// Database URLs for one test; prints why PostgreSQL is skipped when it is.
pub async fn database_urls() -> Vec<String> {
    let dir = std::env::temp_dir().join(unique("cpsrisk_test"));
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    let mut urls = vec![format!("sqlite://{}", dir.join("test.db").display())];
    match std::env::var("PG_URL") {
        Ok(pg) if !pg.is_empty() => {
            let name = unique("cpsrisk_test");
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&pg)
                .await
                .expect("PG_URL is reachable");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .expect("a test database can be created");
            pool.close().await;
            let (base, _) = pg.rsplit_once('/').expect("PG_URL ends in /DATABASE");
            urls.push(format!("{base}/{name}"));
        }
        _ => eprintln!("PG_URL is not set: skipping the PostgreSQL half of this test"),
    }
    urls
}
