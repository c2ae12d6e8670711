//! Progress on stderr (issue 12): a bar on a terminal for a run over a second, nothing when
//! stderr is a pipe or with `--quiet`, and diagnostics printed on lines of their own, never
//! mixed into the bar. The terminal is a pseudo-terminal made by util-linux `script`.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{cpsrisk, on_terminal, scratch, stderr};

/// A model of 20,000 devices: several seconds for a debug build.
fn large_model(dir: &Path) -> PathBuf {
    let path = dir.join("model.yaml");
    std::fs::write(&path, cpsrisk_bench::synthetic_model_yaml(20_000)).unwrap();
    path
}

/// Whether the run lasted long enough for a bar to be due; a fast (release) build may not.
fn long_enough(took: Duration) -> bool {
    if took < Duration::from_millis(1500) {
        println!("skipped: the run took {took:?}, too short for a progress bar to be due");
        return false;
    }
    true
}

#[test]
fn nothing_on_stderr_when_piped() {
    let dir = scratch("progress-piped");
    let model = large_model(&dir);
    let out = dir.join("report.json");
    let start = Instant::now();
    let o = cpsrisk()
        .args([
            "assess",
            model.to_str().unwrap(),
            "--format",
            "json",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "stderr is a pipe: no progress");
    assert!(std::fs::metadata(&out).unwrap().len() > 1_000_000);
    long_enough(took);
}

#[test]
fn a_bar_on_a_terminal_and_none_with_quiet() {
    let dir = scratch("progress-tty");
    let model = large_model(&dir);
    let out = dir.join("report.json");
    let args = format!(
        "assess {} --format json --out {}",
        model.display(),
        out.display()
    );
    let Some((o, took)) = on_terminal(&args) else {
        return;
    };
    let shown = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{shown}");
    if long_enough(took) {
        assert!(
            shown.contains("assessing IoT-SSF") && shown.contains("writing the report"),
            "a bar naming the stages:\n{shown}"
        );
        assert!(
            shown.ends_with("\r\x1b[2K"),
            "the bar is cleared at the end"
        );
    }
    let (quiet, _) = on_terminal(&format!("--quiet {args}")).unwrap();
    assert!(quiet.status.success());
    assert_eq!(
        String::from_utf8_lossy(&quiet.stdout),
        "",
        "--quiet: no bar"
    );
}

#[test]
fn diagnostics_stand_on_lines_of_their_own() {
    let dir = scratch("progress-diagnostics");
    let text = cpsrisk_bench::synthetic_model_yaml(20_000).replacen(
        "unauthorized-access",
        "unauthorised-access",
        1,
    );
    let model = dir.join("model.yaml");
    std::fs::write(&model, text).unwrap();
    let Some((o, took)) = on_terminal(&format!("assess {}", model.display())) else {
        return;
    };
    let shown = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(2), "{shown}");
    let line = shown
        .lines()
        .find(|l| l.contains("unauthorised-access"))
        .expect("the diagnostic");
    // The bar redraws itself over one line (carriage return, erase line); the diagnostic must
    // come after the bar was erased and hold the line to its end.
    let after_bar = line.rsplit("\r\x1b[2K").next().unwrap();
    assert!(
        after_bar.starts_with(&format!("{}:", model.display())) && !after_bar.contains("[="),
        "the diagnostic has its line to itself: {after_bar:?}"
    );
    long_enough(took);
}
