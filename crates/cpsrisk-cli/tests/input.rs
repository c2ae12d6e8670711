//! Reading models that are hostile as files: too large, FIFOs without a writer, directories,
//! not UTF-8; and standard input as `-` (docs/security.md).

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use support::{assert_ends, cpsrisk, example, scratch, stderr};

#[test]
fn oversized_input_exits_2_under_limit() {
    // 300 MB (sparse, so the test costs no disk) under a 200 MB address-space limit: read
    // whole, it would abort; the default input limit (256 MiB) refuses it first.
    let dir = scratch("big");
    let big = dir.join("big.yaml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300_000_000)
        .unwrap();
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 200000 && exec \"{}\" validate \"{}\"",
            env!("CARGO_BIN_EXE_cpsrisk"),
            big.display()
        ))
        .env("LANG", "C")
        .env_remove("CPSRISK_MAX_INPUT")
        .output()
        .unwrap();
    assert_ends(
        &o,
        2,
        &format!(
            "{}:1:1: error: the model is larger than the input limit of 268435456 bytes",
            big.display()
        ),
    );
    let err = stderr(&o);
    assert!(
        err.contains("--max-input-size or CPSRISK_MAX_INPUT"),
        "{err}"
    );
}

#[test]
fn max_input_size_flag_and_env_set_the_limit() {
    let model = example();
    let size = std::fs::metadata(&model).unwrap().len();
    let below = (size - 1).to_string();
    let o = cpsrisk()
        .args(["validate", "--max-input-size", &below])
        .arg(&model)
        .output()
        .unwrap();
    assert_ends(&o, 2, &format!("input limit of {below} bytes"));
    let o = cpsrisk()
        .env("CPSRISK_MAX_INPUT", "1K")
        .arg("validate")
        .arg(&model)
        .output()
        .unwrap();
    assert_ends(&o, 2, "input limit of 1024 bytes");
    let o = cpsrisk()
        .env("CPSRISK_MAX_INPUT", "1K")
        .args(["validate", "--max-input-size", "1M"])
        .arg(&model)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "the flag wins over the variable: {}",
        stderr(&o)
    );
    let o = cpsrisk()
        .args(["validate", "--max-input-size", "lots"])
        .arg(&model)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn oversized_stdin_exits_2() {
    let mut child = cpsrisk()
        .args(["validate", "--max-input-size", "100", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The writer may meet a closed pipe once cpsrisk has read its fill.
    let _ = child.stdin.take().unwrap().write_all(&[b'#'; 10_000]);
    let o = child.wait_with_output().unwrap();
    assert_ends(&o, 2, "input limit of 100 bytes");
}

#[test]
fn fifo_input_without_writer_exits_2() {
    let dir = scratch("fifo");
    let fifo = dir.join("model.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = cpsrisk()
        .arg("validate")
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("cpsrisk blocked on a FIFO with no writer");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let o = child.wait_with_output().unwrap();
    assert_ends(&o, 2, "not a regular file but a FIFO");
}

#[test]
fn directory_and_device_inputs_exit_2() {
    let dir = scratch("dir");
    for (path, kind) in [
        (dir.as_path(), "a directory"),
        (Path::new("/dev/zero"), "a device"),
    ] {
        let o = cpsrisk().arg("validate").arg(path).output().unwrap();
        assert_ends(&o, 2, &format!("not a regular file but {kind}"));
    }
}

#[test]
fn dash_reads_the_model_from_stdin() {
    let o = cpsrisk()
        .args(["assess", "-", "--format", "json"])
        .stdin(std::fs::File::open(example()).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"iot_ssf\""));
}

#[test]
fn non_utf8_input_is_located() {
    let dir = scratch("latin1");
    let model = dir.join("model.yaml");
    std::fs::write(&model, b"cpsrisk: 1\nsystem:\n  name: Caf\xe9\n").unwrap();
    let o = cpsrisk().arg("validate").arg(&model).output().unwrap();
    assert_ends(
        &o,
        2,
        &format!("{}:3:12: error: the model is not UTF-8", model.display()),
    );
}
