//! `cpsrisk serve`: the workbench server on SQLite (default) or PostgreSQL.

use cpsrisk_catalog::Lang;
use cpsrisk_server::{Config, Db};

use crate::Outcome;
use crate::console::errln;

pub const DATABASE_ENV: &str = "CPSRISK_DATABASE_URL";

/// `--database`, else `CPSRISK_DATABASE_URL`, else `cpsrisk.db` in the working directory.
pub fn database_url(flag: Option<String>) -> String {
    flag.or_else(|| std::env::var(DATABASE_ENV).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "cpsrisk.db".to_string())
}

/// A runtime for the async database and server code.
pub fn runtime(lang: Lang) -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Runtime::new() {
        Ok(rt) => Some(rt),
        Err(e) => {
            errln!(
                "error: {}{e}",
                lang.pick("cannot start the runtime: ", "ランタイムを開始できません: ")
            );
            None
        }
    }
}

/// Opens (and migrates) the database, reporting a failure in the user's language.
pub async fn open(url: &str, lang: Lang) -> Option<Db> {
    match Db::connect(url).await {
        Ok(db) => Some(db),
        Err(e) => {
            errln!(
                "error: {e}\n  = {}",
                lang.pick(
                    "help: give --database a file path, sqlite://PATH or postgres://USER@HOST/DB",
                    "ヒント: --database にはファイルパス、sqlite://PATH、postgres://USER@HOST/DB のいずれかを指定してください"
                )
            );
            None
        }
    }
}

pub fn run(database: Option<String>, listen: &str, lang: Lang) -> Outcome {
    let Some(rt) = runtime(lang) else {
        return Outcome::Invalid;
    };
    rt.block_on(async {
        let Some(db) = open(&database_url(database), lang).await else {
            return Outcome::Invalid;
        };
        match cpsrisk_server::serve(db, Config::default(), listen).await {
            Ok(()) => Outcome::Ok,
            Err(e) => {
                errln!(
                    "error: {}{listen}: {e}",
                    lang.pick("cannot listen on ", "待ち受けできません: ")
                );
                Outcome::Invalid
            }
        }
    })
}
