//! Where results go when the terminal or the file system is hostile: full devices, closed pipes,
//! device nodes and links as `--out`, links planted at temporary names, signals mid-write
//! (docs/security.md).

mod support;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use std::time::{Duration, Instant};
use support::{assert_ends, cpsrisk, on_terminal, scratch, stderr};

fn run(args: &[&str]) -> Output {
    cpsrisk().args(args).output().expect("runs")
}

fn example() -> String {
    support::example().display().to_string()
}

/// Names in `dir` that look like a temporary `--out` file.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cpsrisk-tmp"))
        .collect()
}

#[test]
fn validate_to_dev_full_exits_2() {
    let o = cpsrisk()
        .args(["validate", &example()])
        .stdout(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_ends(
        &o,
        2,
        "<stdout>: error: cannot write: No space left on device",
    );
}

#[test]
fn every_stdout_writer_exits_2_on_a_full_device() {
    let dir = scratch("full");
    let model = dir.join("new.yaml").display().to_string();
    for args in [
        vec!["catalog", "list"],
        vec!["catalog", "export", "iot-ssf-threats"],
        vec!["schema"],
        vec!["assess", &example()],
        vec!["diff", &example(), &example()],
        vec!["init", &model],
    ] {
        let o = cpsrisk()
            .args(&args)
            .stdout(File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_ends(&o, 2, "No space left");
    }
}

#[test]
fn diagnostics_to_dev_full_exit_2_without_a_panic() {
    let dir = scratch("errfull");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "cpsrisk: 1\n").unwrap();
    let o = cpsrisk()
        .args(["validate", bad.to_str().unwrap()])
        .stderr(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = cpsrisk()
        .args(["catalog", "export", "no-such-catalog"])
        .stderr(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn closed_pipe_ends_validate_quietly() {
    // Over 64 KiB of "ok" lines, so the writer meets the closed pipe whatever the timing.
    let dir = scratch("pipe");
    let long = dir.join(format!("{}.yaml", "m".repeat(200)));
    std::fs::write(&long, "cpsrisk: 1\nsystem:\n  name: x\n").unwrap();
    let long = long.display().to_string();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(std::iter::repeat_n(long.as_str(), 1000))
        .collect();
    let mut child = cpsrisk()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.ends_with(": ok\n"), "{first}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn out_to_dev_null_keeps_the_device_node() {
    let o = run(&["assess", &example(), "--out", "/dev/null"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
    assert!(leftovers(Path::new("/dev")).is_empty());
}

#[test]
fn out_to_dev_full_exits_2() {
    let o = run(&["assess", &example(), "--out", "/dev/full"]);
    assert_ends(&o, 2, "/dev/full: error: cannot write");
    assert!(
        std::fs::symlink_metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn out_to_a_fifo_writes_through() {
    let dir = scratch("fifo");
    let fifo = dir.join("report.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let o = run(&[
        "assess",
        &example(),
        "--format",
        "json",
        "--out",
        fifo.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = reader.join().unwrap();
    assert!(json.contains("\"iot_ssf\""));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn out_to_dev_stdout_writes_through_to_the_pipe() {
    let o = run(&[
        "assess",
        &example(),
        "--format",
        "json",
        "--out",
        "/dev/stdout",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"iot_ssf\""));
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn out_dash_means_stdout() {
    let o = run(&["assess", &example(), "--format", "json", "--out", "-"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"iot_ssf\""));
    assert!(!Path::new("-").exists());
}

#[test]
fn out_through_a_symlink_replaces_the_file_and_keeps_the_link() {
    let dir = scratch("link");
    let real = dir.join("real.md");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.md");
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let o = run(&[
        "assess",
        &example(),
        "--format",
        "md",
        "--out",
        link.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().starts_with("# "));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the replaced file keeps its permissions");
    assert!(leftovers(&dir).is_empty());
}

#[test]
fn out_to_a_dangling_link_or_a_directory_exits_2() {
    let dir = scratch("refuse");
    let link = dir.join("dangling.md");
    std::os::unix::fs::symlink("nowhere/else.md", &link).unwrap();
    let o = run(&["assess", &example(), "--out", link.to_str().unwrap()]);
    assert_ends(&o, 2, "symbolic link to nothing");
    let o = run(&["assess", &example(), "--out", dir.to_str().unwrap()]);
    assert_ends(&o, 2, "names a directory");
    assert!(leftovers(&dir).is_empty());
}

#[test]
fn planted_symlink_at_temp_name_is_not_followed() {
    // An attacker who can write to the output folder plants links at every name the old,
    // PID-based scheme would use next, pointing at a file of the victim's.
    let dir = scratch("plant");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let next = std::process::id();
    for pid in next..next + 500 {
        let _ =
            std::os::unix::fs::symlink(&victim, dir.join(format!(".report.md.cpsrisk-{pid}.tmp")));
    }
    let report = dir.join("report.md");
    let o = run(&[
        "assess",
        &example(),
        "--format",
        "md",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("# "));
    assert!(leftovers(&dir).is_empty());
}

/// A model large enough that writing its report takes a moment.
fn large_model(devices: usize) -> String {
    let mut m = String::from(
        "cpsrisk: 1\nsystem:\n  name: Large\niot_ssf:\n  applying_entity: maker\n  stakeholders:\n    - { id: maker, name: Maker, roles: [iot-service-provider] }\n  devices:\n",
    );
    for i in 0..devices {
        m.push_str(&format!(
            "    - {{ id: d{i}, name: Device {i}, kind: sensor, external_network: true, managed_by: maker }}\n"
        ));
    }
    m.push_str("  data_flows:\n");
    for i in 1..devices {
        m.push_str(&format!(
            "    - {{ id: f{i}, from: d{}, to: d{i}, data: Readings }}\n",
            i - 1
        ));
    }
    m.push_str("  target: { axis1: limited, axis2: limited }\n");
    m
}

#[test]
fn interrupted_run_leaves_no_temp_file() {
    let dir = scratch("signal");
    let report = dir.join("report.html");
    // A faster machine may finish the report before the test sees the temporary file: then
    // it tries again with a larger model.
    for devices in [4_000, 16_000, 64_000] {
        let model = dir.join("large.yaml");
        std::fs::write(&model, large_model(devices)).unwrap();
        let mut child = cpsrisk()
            .args(["assess", model.to_str().unwrap(), "--format", "html"])
            .arg("--out")
            .arg(&report)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        while leftovers(&dir).is_empty() && child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(1));
        }
        if leftovers(&dir).is_empty() {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "{}", stderr(&o));
            std::fs::remove_file(&report).unwrap();
            continue;
        }
        let pid = child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(128 + 15), "{}", stderr(&o));
        assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
        assert!(
            !report.exists(),
            "no partial report under the target's name"
        );
        return;
    }
    panic!("every run ended before it could be interrupted");
}

#[test]
fn json_is_one_line_for_files_and_pipes_and_indented_with_pretty() {
    let dir = scratch("json-layout");
    let (one, indented) = (dir.join("one.json"), dir.join("indented.json"));
    let ex = example();
    for (out, pretty) in [(&one, false), (&indented, true)] {
        let mut args = vec![
            "assess",
            &ex,
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
        ];
        if pretty {
            args.push("--pretty");
        }
        assert_eq!(run(&args).status.code(), Some(0));
    }
    let (one, indented) = (
        std::fs::read_to_string(one).unwrap(),
        std::fs::read_to_string(indented).unwrap(),
    );
    assert_eq!(one.lines().count(), 1, "one line, then a line break");
    assert!(one.ends_with("}\n"));
    assert!(indented.starts_with("{\n  \"cpsrisk_version\": "));
    assert!(indented.lines().count() > 100);
    let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(
        value(&one),
        value(&indented),
        "the same content in both layouts"
    );
    // Piped standard output is for programs too: the same bytes as the file.
    let piped = run(&["assess", &ex, "--format", "json"]);
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), one);
    // `diff` takes the same choice.
    let diff = |pretty: bool| {
        let mut args = vec!["diff", &ex, &ex, "--format", "json"];
        if pretty {
            args.push("--pretty");
        }
        String::from_utf8(run(&args).stdout).unwrap()
    };
    let (diff_one, diff_indented) = (diff(false), diff(true));
    assert_eq!(diff_one.lines().count(), 1);
    assert!(diff_indented.lines().count() > 1);
    assert_eq!(value(&diff_one), value(&diff_indented));
}

#[test]
fn json_printed_to_a_terminal_is_indented() {
    let Some((o, _)) = on_terminal(&format!("assess {} --format json", example())) else {
        return;
    };
    // The terminal turns each line break into CR LF.
    let shown = String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n");
    assert!(o.status.success(), "{shown}");
    assert!(shown.starts_with("{\n  \"cpsrisk_version\": "), "{shown}");
    assert!(shown.lines().count() > 100);
    serde_json::from_str::<serde_json::Value>(&shown).expect("still one JSON document");
}
