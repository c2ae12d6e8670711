//! `cpsrisk admin`: accounts, tokens and the audit check, on the database directly (with or
//! without a running server).

use std::io::BufRead;

use clap::Subcommand;
use cpsrisk_catalog::Lang;
use cpsrisk_server::accounts::{self, Scope};
use cpsrisk_server::audit::{self, Verdict};

use crate::Outcome;
use crate::console::{errln, outln};
use crate::serve::{database_url, open, runtime};

/// How `cpsrisk admin` records itself as the actor in the audit trail.
const ACTOR: &str = "cli:admin";

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create a user; the password is read from the first line of standard input.
    CreateUser {
        #[arg(long)]
        database: Option<String>,
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
        /// An instance admin (acts as owner of every project, creates users).
        #[arg(long)]
        admin: bool,
    },
    /// Create an API token for a user; the token alone is the last line of standard output.
    CreateToken {
        #[arg(long)]
        database: Option<String>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `read` tokens may only read.
        #[arg(long, default_value = "write")]
        scope: String,
    },
    /// Recompute the audit trail's hash chain; exit 1 when it was tampered with.
    VerifyAudit {
        #[arg(long)]
        database: Option<String>,
    },
}

fn report(e: &cpsrisk_server::error::ApiError, lang: Lang) -> Outcome {
    errln!("error: {}", e.message(lang));
    Outcome::Invalid
}

pub fn run(command: AdminCommand, lang: Lang) -> Outcome {
    let Some(rt) = runtime(lang) else {
        return Outcome::Invalid;
    };
    rt.block_on(async move {
        match command {
            AdminCommand::CreateUser {
                database,
                email,
                password_stdin: _,
                admin,
            } => {
                let mut password = String::new();
                if std::io::stdin().lock().read_line(&mut password).is_err() {
                    errln!(
                        "error: {}",
                        lang.pick(
                            "cannot read the password from standard input",
                            "標準入力からパスワードを読み取れません"
                        )
                    );
                    return Outcome::Invalid;
                }
                let password = password.trim_end_matches(['\r', '\n']).to_string();
                let Some(db) = open(&database_url(database), lang).await else {
                    return Outcome::Invalid;
                };
                match accounts::create_user(&db, ACTOR, &email, password, admin).await {
                    Ok(id) => {
                        outln!(
                            "{} {email} (id {id})",
                            lang.pick("created user", "ユーザーを作成しました:")
                        );
                        Outcome::Ok
                    }
                    Err(e) => report(&e, lang),
                }
            }
            AdminCommand::CreateToken {
                database,
                email,
                name,
                scope,
            } => {
                let scope = match scope.as_str() {
                    "read" => Scope::Read,
                    "write" => Scope::Write,
                    other => {
                        errln!(
                            "error: {}`{other}`",
                            lang.pick(
                                "--scope is read or write, not ",
                                "--scope は read か write です: "
                            )
                        );
                        return Outcome::Invalid;
                    }
                };
                let Some(db) = open(&database_url(database), lang).await else {
                    return Outcome::Invalid;
                };
                match accounts::create_token(&db, ACTOR, &email, &name, scope).await {
                    Ok(token) => {
                        outln!(
                            "{}",
                            lang.pick(
                                "API token (shown once; only its hash is stored):",
                                "API トークン(表示は一度だけ。保存されるのはハッシュのみ):"
                            )
                        );
                        outln!("{token}");
                        Outcome::Ok
                    }
                    Err(e) => report(&e, lang),
                }
            }
            AdminCommand::VerifyAudit { database } => {
                let Some(db) = open(&database_url(database), lang).await else {
                    return Outcome::Invalid;
                };
                match audit::verify(&db).await {
                    Ok(Verdict::Intact { entries }) => {
                        outln!(
                            "{} ({entries} {})",
                            lang.pick("audit trail intact", "監査証跡は改ざんされていません"),
                            lang.pick("entries", "件")
                        );
                        Outcome::Ok
                    }
                    Ok(Verdict::Broken { seq, why }) => {
                        errln!(
                            "{}{seq}: {}",
                            lang.pick(
                                "audit trail broken at entry ",
                                "監査証跡が壊れています。エントリ "
                            ),
                            why.describe(lang)
                        );
                        Outcome::Failed
                    }
                    Err(e) => {
                        errln!("error: {e}");
                        Outcome::Invalid
                    }
                }
            }
        }
    })
}
