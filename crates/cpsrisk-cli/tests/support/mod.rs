//! What the tests of hostile inputs and output targets share.
// Each test file uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The binary under test, in English, with no input limit from the environment.
pub fn cpsrisk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cpsrisk"));
    c.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("CPSRISK_MAX_INPUT");
    c
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An example model that is valid.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/iot-ssf/uc1-gas-water-heater/model.yaml")
}

/// A scratch folder of this test's own.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cpsrisk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Asserts that the run ended with `code` and said `message` on stderr.
#[track_caller]
pub fn assert_ends(o: &Output, code: i32, message: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
}

/// Runs `args` with stdout and stderr on a pseudo-terminal; `None` without `script`.
pub fn on_terminal(args: &str) -> Option<(Output, Duration)> {
    if !Path::new("/usr/bin/script").exists() {
        println!("skipped: no /usr/bin/script (util-linux) to make a terminal");
        return None;
    }
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_cpsrisk"));
    let start = Instant::now();
    let o = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .expect("script runs");
    Some((o, start.elapsed()))
}
