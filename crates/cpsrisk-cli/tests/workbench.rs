//! The workbench verbs against the real binary: `admin`, `serve`, `push`, durability under
//! SIGKILL, and `admin verify-audit` on a tampered trail — on SQLite and, with `PG_URL`, on
//! PostgreSQL.

use std::io::Write;
use std::net::TcpListener;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_cpsrisk");
const MODEL: &str = cpsrisk_model::starters::IOT_SSF;
const PASSWORD: &str = "correct horse battery";

fn database_urls() -> Vec<String> {
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(cpsrisk_server::testing::database_urls())
}

fn cpsrisk(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// A user with a write token, through `cpsrisk admin`.
fn user_with_token(db: &str, email: &str) -> String {
    let out = cpsrisk(
        &[
            "admin",
            "create-user",
            "--database",
            db,
            "--email",
            email,
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cpsrisk(
        &[
            "admin",
            "create-token",
            "--database",
            db,
            "--email",
            email,
            "--name",
            "ci",
        ],
        None,
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.lines().last().unwrap().to_string();
    assert!(
        token.starts_with("cpsrisk_") && !token.contains(' '),
        "{stdout}"
    );
    token
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(db: &str) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let listen = format!("127.0.0.1:{port}");
        let child = Command::new(BIN)
            .args(["serve", "--database", db, "--listen", &listen])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://{listen}");
        let deadline = Instant::now() + Duration::from_secs(60);
        while ureq::get(&format!("{base}/healthz")).call().is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, base }
    }

    fn get_json(&self, token: &str, path: &str) -> Value {
        let mut r = agent()
            .get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    }

    fn kill(mut self) {
        // Child::kill sends SIGKILL: no shutdown code runs.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    )
}

fn create_project(base: &str, token: &str) -> i64 {
    let mut r = agent()
        .post(&format!("{base}/api/v1/projects"))
        .header("Authorization", &format!("Bearer {token}"))
        .content_type("application/json")
        .send(r#"{"name": "Smart lock"}"#)
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    v["id"].as_i64().unwrap()
}

#[test]
fn admin_serve_and_push_end_to_end() {
    for db in database_urls() {
        let token = user_with_token(&db, "ci@example.com");
        let server = Server::start(&db);
        let project = create_project(&server.base, &token);
        let dir = std::env::temp_dir().join(format!("cpsrisk-push-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let model = dir.join("model.yaml");
        std::fs::write(&model, MODEL).unwrap();
        let project_arg = project.to_string();
        let push = |extra: &[&str]| {
            let mut args = vec![
                "push",
                model.to_str().unwrap(),
                "--server",
                &server.base,
                "--project",
                &project_arg,
            ];
            args.extend_from_slice(extra);
            cpsrisk(&args, None, &[("CPSRISK_TOKEN", &token)])
        };
        let out = push(&[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("IoT-SSF"));
        assert!(String::from_utf8_lossy(&out.stderr).contains("revision 1"));

        // A second version with an untreated threat: saved on top of the first (If-Match
        // handled by push), and --fail-on gives exit 1 as with `assess`.
        std::fs::write(
            &model,
            MODEL.replace(
                "    - { device: lock, threat: tampering, description: Commands altered on the local link }\n",
                "    - { device: lock, threat: tampering, description: Commands altered on the local link }\n    - { device: lock, threat: denial-of-service, description: Jamming }\n",
            ),
        )
        .unwrap();
        let out = push(&["--format", "json", "--fail-on", "untreated-threat"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            report["iot_ssf"]["summary"]["device_threats_untreated"]
                .as_u64()
                .unwrap()
                > 0
        );
        assert!(String::from_utf8_lossy(&out.stderr).contains("revision 2"));

        // An invalid model: the CLI's diagnostics, exit 2, nothing saved.
        std::fs::write(
            &model,
            MODEL.replace("threat: spoofing,", "threat: spoofin,"),
        )
        .unwrap();
        let out = push(&[]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("model.yaml:") && stderr.contains("spoofing"),
            "{stderr}"
        );
        // No token: exit 2 with the variable named.
        let out = cpsrisk(
            &[
                "push",
                model.to_str().unwrap(),
                "--server",
                &server.base,
                "--project",
                &project_arg,
            ],
            None,
            &[],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("CPSRISK_TOKEN"));
        server.kill();
    }
}

/// Saves revisions as fast as it can until the server dies, recording each one acknowledged
/// with 201 and its content.
fn save_until_killed(
    base: String,
    token: String,
    project: i64,
    acked: Arc<Mutex<Vec<(i64, String)>>>,
    stop: Arc<AtomicBool>,
    start: i64,
) {
    let agent = agent();
    let mut head = start;
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let content = format!("{MODEL}\n# save {start}-{n}\n");
        let mut req = agent
            .post(&format!("{base}/api/v1/projects/{project}/revisions"))
            .header("Authorization", &format!("Bearer {token}"))
            .content_type("application/yaml");
        if head > 0 {
            req = req.header("If-Match", &format!("\"{head}\""));
        }
        let Ok(mut r) = req.send(content.as_bytes()) else {
            return; // the server is gone
        };
        if r.status() != 201 {
            continue;
        }
        let Ok(body) = r.body_mut().read_to_string() else {
            return;
        };
        let v: Value = serde_json::from_str(&body).unwrap();
        head = v["revision"].as_i64().unwrap();
        acked.lock().unwrap().push((head, content));
    }
}

#[test]
fn every_acknowledged_revision_survives_sigkill() {
    for db in database_urls() {
        let token = user_with_token(&db, "ci@example.com");
        let mut server = Server::start(&db);
        let project = create_project(&server.base, &token);
        let mut total_acked = 0;
        let mut head = 0;
        for round in 0..2 {
            let acked = Arc::new(Mutex::new(Vec::new()));
            let stop = Arc::new(AtomicBool::new(false));
            let saver = {
                let (base, token, acked, stop) = (
                    server.base.clone(),
                    token.clone(),
                    acked.clone(),
                    stop.clone(),
                );
                std::thread::spawn(move || {
                    save_until_killed(base, token, project, acked, stop, head)
                })
            };
            // A moment that is not the same from run to run.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos();
            // Once the first save is acknowledged (the machine may be busy), a while longer.
            let deadline = Instant::now() + Duration::from_secs(120);
            while acked.lock().unwrap().is_empty() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(200 + u64::from(nanos % 1200)));
            server.kill();
            stop.store(true, Ordering::SeqCst);
            saver.join().unwrap();
            server = Server::start(&db);
            let acked = acked.lock().unwrap().clone();
            assert!(
                !acked.is_empty(),
                "round {round}: nothing was saved before the kill"
            );
            let list = server.get_json(&token, &format!("/api/v1/projects/{project}/revisions"));
            let stored = list["revisions"].as_array().unwrap();
            for (rev, content) in &acked {
                let found = stored.iter().find(|s| s["revision"] == *rev);
                assert!(
                    found.is_some(),
                    "round {round}: acknowledged revision {rev} is missing"
                );
                let one = server.get_json(
                    &token,
                    &format!("/api/v1/projects/{project}/revisions/{rev}"),
                );
                assert_eq!(
                    one["content"].as_str(),
                    Some(content.as_str()),
                    "revision {rev}"
                );
            }
            head = stored[0]["revision"].as_i64().unwrap();
            assert!(head >= acked.last().unwrap().0);
            total_acked += acked.len();
        }
        eprintln!("{db}: {total_acked} acknowledged revisions survived two SIGKILLs");
        drop(server);
    }
}

#[test]
fn verify_audit_detects_a_tampered_row() {
    for db in database_urls() {
        user_with_token(&db, "ci@example.com");
        let out = cpsrisk(&["admin", "verify-audit", "--database", &db], None, &[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("intact (2 entries)"));
        let url = if db.starts_with("sqlite") {
            format!("{db}?mode=rw")
        } else {
            db.clone()
        };
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(&url).await.unwrap();
            let bypass = if db.starts_with("postgres") {
                "ALTER TABLE audit DISABLE TRIGGER audit_no_change"
            } else {
                "DROP TRIGGER audit_no_update"
            };
            sqlx::query(bypass).execute(&pool).await.unwrap();
            sqlx::query("UPDATE audit SET detail = '{\"admin\":true}' WHERE seq = 1")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        });
        let out = cpsrisk(&["admin", "verify-audit", "--database", &db], None, &[]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("broken at entry 1") && stderr.contains("changed"),
            "{stderr}"
        );
    }
}
