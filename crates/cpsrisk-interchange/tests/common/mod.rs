//! Shared by the integration tests: the example models of the repository and the external
//! validators. Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every `model.yaml` under `examples/`, sorted, with its text.
pub fn example_models() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .canonicalize()
        .expect("examples directory");
    let mut found = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("examples directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "model.yaml") {
                let text = std::fs::read_to_string(&path).expect("example readable");
                found.push((path, text));
            }
        }
    }
    found.sort();
    assert!(found.len() >= 10, "examples found: {}", found.len());
    found
}

/// The directory an external tool lives in, from `var`; `None` (with the reason printed) when
/// the variable is unset, so that `cargo test` works on a machine without the tool.
pub fn tool_from_env(var: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => {
            eprintln!(
                "SKIPPED: {var} is not set (.ci/run sets it); the official validator did not run"
            );
            None
        }
    }
}
