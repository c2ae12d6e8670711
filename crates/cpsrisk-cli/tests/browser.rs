//! The workbench pages in a real browser: starts the real `cpsrisk serve` on a free loopback
//! port with a fresh SQLite database, creates the accounts with `cpsrisk admin`, and runs
//! e2e/workbench.mjs (playwright-core driving Debian's Chromium, axe-core for accessibility).
//! Needs `CHROMIUM` (the browser binary) and e2e/node_modules (`npm ci` in e2e/); `.ci/run`
//! provides both, and without them the test says so and skips. Screenshots are saved under
//! target/e2e-screenshots/.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_cpsrisk");
const PASSWORD: &str = "correct horse battery";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn create_user(db: &str, email: &str) {
    let mut child = Command::new(BIN)
        .args(["admin", "create-user", "--database", db, "--email", email])
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PASSWORD}").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success(), "create-user {email}");
}

/// Ends the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn workbench_pages_in_chromium() {
    let chromium = match std::env::var("CHROMIUM") {
        Ok(c) if !c.is_empty() => c,
        _ => {
            eprintln!("CHROMIUM is not set: skipping the browser test (.ci/run sets it)");
            return;
        }
    };
    let e2e = repo().join("e2e");
    if !e2e.join("node_modules/playwright-core").is_dir() {
        eprintln!("e2e/node_modules is missing: skipping the browser test (run `npm ci` in e2e/)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("cpsrisk_browser_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}", dir.join("workbench.db").display());
    create_user(&db, "owner@example.com");
    create_user(&db, "viewer@example.com");
    create_user(&db, "contributor@example.com");
    create_user(&db, "outsider@example.com");
    // Large enough that saving takes well over a second, so the progress notice shows.
    let large = dir.join("large.yaml");
    std::fs::write(&large, cpsrisk_bench::synthetic_model_yaml(5000)).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let _server = Server(
        Command::new(BIN)
            .args(["serve", "--database", &db, "--listen", &address])
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while TcpStream::connect(&address).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let shots = repo().join("target/e2e-screenshots");
    let status = Command::new("node")
        .arg("workbench.mjs")
        .current_dir(&e2e)
        .env("BASE_URL", format!("http://{address}"))
        .env("OWNER_EMAIL", "owner@example.com")
        .env("VIEWER_EMAIL", "viewer@example.com")
        .env("CONTRIBUTOR_EMAIL", "contributor@example.com")
        .env("OUTSIDER_EMAIL", "outsider@example.com")
        .env("LARGE_MODEL_PATH", &large)
        .env("PASSWORD", PASSWORD)
        .env(
            "MODEL_PATH",
            repo().join("examples/iot-ssf/uc1-gas-water-heater/model.yaml"),
        )
        .env("SCREENSHOTS", &shots)
        .env("CHROMIUM", chromium)
        .status()
        .expect("node runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        status.success(),
        "e2e/workbench.mjs failed (screenshots in {})",
        shots.display()
    );
}
