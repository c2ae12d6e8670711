//! `cpsrisk push MODEL --server URL --project ID`: save a model as the next revision on a
//! workbench server (as a CI step), print the assessment the server computed, and exit like
//! `cpsrisk assess`, `--fail-on` included.

use std::path::PathBuf;

use clap::Args;
use cpsrisk_catalog::Lang;
use serde_json::Value;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, parse_pem};

use crate::console::{errln, outln};
use crate::{FailOn, FormatArg, Outcome, fail_on};

pub const TOKEN_ENV: &str = "CPSRISK_TOKEN";

#[derive(Args)]
pub struct PushArgs {
    model: PathBuf,
    /// The workbench, e.g. https://workbench.example or http://127.0.0.1:8080.
    #[arg(long)]
    server: String,
    /// The project's ID.
    #[arg(long)]
    project: i64,
    /// What changed and why (default: the file name).
    #[arg(long)]
    message: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Exit with 1 when the condition is met (repeatable).
    #[arg(long, value_enum)]
    fail_on: Vec<FailOn>,
}

fn fail(en: &str, ja: &str, detail: impl std::fmt::Display, lang: Lang) -> Outcome {
    errln!("error: {}{detail}", lang.pick(en, ja));
    Outcome::Invalid
}

struct Client {
    agent: ureq::Agent,
    base: String,
    token: String,
}

impl Client {
    /// Status and body text of one request.
    fn call(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<(&str, &[u8], Option<String>)>,
    ) -> Result<(u16, String), ureq::Error> {
        let url = format!("{}{path}", self.base);
        let auth = format!("Bearer {}", self.token);
        let mut response = match (method, body) {
            ("POST", Some((content_type, bytes, if_match))) => {
                let mut req = self
                    .agent
                    .post(&url)
                    .header("Authorization", &auth)
                    .content_type(content_type);
                for (k, v) in query {
                    req = req.query(*k, *v);
                }
                if let Some(m) = if_match {
                    req = req.header("If-Match", &m);
                }
                req.send(bytes)?
            }
            _ => {
                let mut req = self.agent.get(&url).header("Authorization", &auth);
                for (k, v) in query {
                    req = req.query(*k, *v);
                }
                req.call()?
            }
        };
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()?;
        Ok((status, text))
    }
}

/// The operating system's trusted certificates (`SSL_CERT_FILE`, else the usual bundle paths),
/// for HTTPS servers.
fn system_roots() -> RootCerts {
    let candidates = std::env::var("SSL_CERT_FILE").ok().into_iter().chain(
        [
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/cert.pem",
        ]
        .map(String::from),
    );
    let pem = candidates
        .filter_map(|path| std::fs::read(path).ok())
        .next()
        .unwrap_or_default();
    let certs: Vec<Certificate<'static>> = parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    RootCerts::new_with_certs(&certs)
}

/// The HTTP status and the server's error message, in the user's language.
fn server_message(status: u16, body: &str, lang: Lang) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let e = &v["error"];
    let message = e[lang.pick("message", "message_ja")]
        .as_str()
        .or(e["message"].as_str())
        .unwrap_or(body);
    format!("HTTP {status} {message}").trim_end().to_string()
}

pub fn run(args: PushArgs, lang: Lang) -> Outcome {
    let Some(token) = std::env::var(TOKEN_ENV).ok().filter(|t| !t.is_empty()) else {
        return fail(
            "set the API token in ",
            "API トークンを環境変数に設定してください: ",
            TOKEN_ENV,
            lang,
        );
    };
    let text = match std::fs::read(&args.model) {
        Ok(t) => t,
        Err(e) => {
            return fail(
                "cannot read the model: ",
                "モデルを読み込めません: ",
                format!("{}: {e}", args.model.display()),
                lang,
            );
        }
    };
    let tls = TlsConfig::builder().root_certs(system_roots()).build();
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .build();
    let client = Client {
        agent: ureq::Agent::new_with_config(config),
        base: args.server.trim_end_matches('/').to_string(),
        token,
    };
    let project = format!("/api/v1/projects/{}", args.project);
    let unreachable = |e: ureq::Error| {
        fail(
            "cannot reach the server: ",
            "サーバーに接続できません: ",
            format!("{}: {e}", args.server),
            lang,
        )
    };
    let head = match client.call("GET", &project, &[], None) {
        Ok((200, body)) => serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| v["head"].as_i64())
            .unwrap_or(0),
        Ok((status, body)) => {
            return fail(
                "the project cannot be read: ",
                "プロジェクトを読み取れません: ",
                server_message(status, &body, lang),
                lang,
            );
        }
        Err(e) => return unreachable(e),
    };
    let is_json = args
        .model
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let content_type = if is_json {
        "application/json"
    } else {
        "application/yaml"
    };
    let message = args
        .message
        .clone()
        .unwrap_or_else(|| args.model.display().to_string());
    let lang_code = lang.pick("en", "ja");
    let if_match = (head > 0).then(|| format!("\"{head}\""));
    let saved = client.call(
        "POST",
        &format!("{project}/revisions"),
        &[("message", &message), ("lang", lang_code)],
        Some((content_type, &text, if_match)),
    );
    let (revision, report) = match saved {
        Ok((201, body)) => {
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            (v["revision"].as_i64().unwrap_or(0), v["report"].clone())
        }
        Ok((422, body)) => {
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            let shown = args.model.display();
            for d in v["diagnostics"].as_array().into_iter().flatten() {
                errln!(
                    "{shown}:{}:{}: error: {}",
                    d["line"],
                    d["column"],
                    d[lang.pick("message", "message_ja")].as_str().unwrap_or("")
                );
                if let Some(help) = d[lang.pick("help", "help_ja")].as_str() {
                    errln!("  = {}{help}", lang.pick("help: ", "ヒント: "));
                }
            }
            if v["diagnostics"].is_null() {
                errln!("error: {}", server_message(422, &body, lang));
            }
            return Outcome::Invalid;
        }
        Ok((status, body)) => {
            return fail(
                "the server refused the revision: ",
                "サーバーがリビジョンを受け付けませんでした: ",
                server_message(status, &body, lang),
                lang,
            );
        }
        Err(e) => return unreachable(e),
    };
    errln!(
        "{} {revision}",
        lang.pick("saved as revision", "保存したリビジョン:")
    );
    let shown = match args.format {
        FormatArg::Json => Ok(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"),
        other => {
            let name = match other {
                FormatArg::Md => "md",
                FormatArg::Html => "html",
                _ => "text",
            };
            match client.call(
                "GET",
                &format!("{project}/revisions/{revision}/report"),
                &[("format", name), ("lang", lang_code)],
                None,
            ) {
                Ok((200, body)) => Ok(body),
                Ok((status, body)) => Err(server_message(status, &body, lang)),
                Err(e) => Err(e.to_string()),
            }
        }
    };
    match shown {
        Ok(text) => outln!("{}", text.trim_end_matches('\n')),
        Err(e) => {
            return fail(
                "the report cannot be read: ",
                "レポートを読み取れません: ",
                e,
                lang,
            );
        }
    }
    fail_on::outcome(
        &fail_on::met(&fail_on::Counts::of_json(&report), &args.fail_on),
        lang,
    )
}
