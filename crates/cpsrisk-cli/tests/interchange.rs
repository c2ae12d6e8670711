//! The interchange forms of the command line: `assess --format sarif|oscal|oscal-poam|otm`,
//! `catalog export NAME --format oscal`, and their errors.

use std::path::Path;
use std::process::{Command, Output};

fn cpsrisk(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cpsrisk"));
    c.args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("runs")
}

fn model(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(path)
        .join("model.yaml")
        .display()
        .to_string()
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

#[test]
fn assess_writes_sarif_and_oscal_byte_identically() {
    let m = model("conformance/smart-camera");
    for format in ["sarif", "oscal", "oscal-poam"] {
        let a = cpsrisk(&["assess", &m, "--format", format], &[]);
        let b = cpsrisk(&["assess", &m, "--format", format], &[]);
        json(&a);
        assert_eq!(a.stdout, b.stdout, "{format}: two runs differ");
    }
    let sarif = json(&cpsrisk(
        &["assess", &m, "--format", "sarif", "--lang", "ja"],
        &[],
    ));
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["language"], "ja");
    let ar = json(&cpsrisk(&["assess", &m, "--format", "oscal"], &[]));
    assert_eq!(
        ar["assessment-results"]["metadata"]["last-modified"],
        "1970-01-01T00:00:00Z"
    );
}

#[test]
fn source_date_epoch_sets_the_oscal_time() {
    let m = model("iot-ssf/uc1-gas-water-heater");
    let ar = json(&cpsrisk(
        &["assess", &m, "--format", "oscal"],
        &[("SOURCE_DATE_EPOCH", "1764925200")],
    ));
    assert_eq!(
        ar["assessment-results"]["metadata"]["last-modified"],
        "2025-12-05T09:00:00Z"
    );
    let bad = cpsrisk(
        &["assess", &m, "--format", "oscal"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn catalogs_export_as_oscal_and_misspellings_get_a_suggestion() {
    let cat = json(&cpsrisk(
        &[
            "catalog",
            "export",
            "iot-ssf-requirements",
            "--format",
            "oscal",
        ],
        &[],
    ));
    assert_eq!(cat["catalog"]["groups"][0]["controls"][0]["id"], "ssf-r01");
    let psti = json(&cpsrisk(
        &["catalog", "export", "uk-psti", "--format", "oscal"],
        &[],
    ));
    assert_eq!(
        psti["profile"]["imports"][0]["include-controls"][0]["with-ids"][0],
        "en303645-5.1-1"
    );
    let o = cpsrisk(
        &[
            "catalog",
            "export",
            "en303645-provison",
            "--format",
            "oscal",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("en303645-provisions"));
}

#[test]
fn diff_refuses_interchange_formats() {
    let m = model("iot-ssf/uc1-gas-water-heater");
    let o = cpsrisk(&["diff", &m, &m, "--format", "sarif"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

#[test]
fn assess_writes_a_workbook_to_out() {
    let dir = std::env::temp_dir().join(format!("cpsrisk-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.xlsx");
    let m = model("dmf/a1-pos-data");
    let o = cpsrisk(
        &[
            "assess",
            &m,
            "--format",
            "xlsx",
            "--out",
            file.to_str().unwrap(),
            "--lang",
            "ja",
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip container");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn convert_writes_a_model_that_reads_back() {
    let dir = std::env::temp_dir().join(format!("cpsrisk-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json_file = dir.join("model.json");
    let m = model("conformance/smart-camera");
    let o = cpsrisk(
        &[
            "convert",
            &m,
            "--to",
            "json",
            "--out",
            json_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let a = cpsrisk(&["assess", &m, "--format", "json"], &[]);
    let b = cpsrisk(
        &["assess", json_file.to_str().unwrap(), "--format", "json"],
        &[],
    );
    // Positions differ between the notations; everything else is the same.
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for k in ["line", "column", "path"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let (mut a, mut b) = (json(&a), json(&b));
    strip(&mut a);
    strip(&mut b);
    assert!(a == b, "the JSON model assesses the same");
    let yaml = cpsrisk(
        &["convert", json_file.to_str().unwrap(), "--to", "yaml"],
        &[],
    );
    assert_eq!(yaml.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&yaml.stdout).contains("cpsrisk: 1"));
    let yaml_file = dir.join("model.yaml");
    let json_s = json_file.to_str().unwrap();
    let o = cpsrisk(
        &[
            "convert",
            json_s,
            "--to",
            "yaml",
            "--out",
            yaml_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stdout.is_empty(),
        "--out FILE writes nothing to standard output"
    );
    assert_eq!(
        std::fs::read(&yaml_file).unwrap(),
        yaml.stdout,
        "the same bytes as on stdout"
    );
    let bad = cpsrisk(&["convert", &m, "--to", "toml"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

fn otm_fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../cpsrisk-interchange/tests/otm")
        .join(name)
        .display()
        .to_string()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cpsrisk-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn import_otm_writes_a_model_validate_accepts_and_reports_the_mapping() {
    let dir = temp_dir("import-otm");
    let out = dir.join("model.yaml");
    let out_s = out.to_str().unwrap();
    let file = otm_fixture("smart-meter.otm.yaml");
    let o = cpsrisk(&["import", "otm", &file, "--out", out_s], &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(o.stdout.is_empty());
    assert!(
        stderr.starts_with("OTM import: 16 mapped, 9 kept as notes, 1 dropped\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("dropped  dataflows[3] `zone-flow`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("To complete before the assessment means anything:"),
        "{stderr}"
    );
    let v = cpsrisk(&["validate", out_s], &[]);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stderr)
    );
    let a = cpsrisk(&["assess", out_s, "--format", "json"], &[]);
    assert_eq!(json(&a)["iot_ssf"]["summary"]["device_threats"], 3);

    // The report in Japanese, to a file; the model to standard output.
    let report = dir.join("report.txt");
    let o = cpsrisk(
        &[
            "--lang",
            "ja",
            "import",
            "otm",
            &file,
            "--report",
            report.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("cpsrisk: 1"));
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        text.starts_with("OTM の取り込み: 対応付け 16 件、注記として保持 9 件、除外 1 件"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_otm_refuses_a_bad_file_and_writes_nothing() {
    let dir = temp_dir("import-otm-bad");
    let out = dir.join("model.yaml");
    let file = otm_fixture("bad-reference.otm.yaml");
    let o = cpsrisk(
        &["import", "otm", &file, "--out", out.to_str().unwrap()],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with(&format!(
            "{file}:7:25: error: no trust zone has the ID `zone-1`"
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written for a bad file");
    let missing = cpsrisk(
        &["import", "otm", &dir.join("none.otm").display().to_string()],
        &[],
    );
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn assess_writes_otm_that_imports_back() {
    let dir = temp_dir("otm-round-trip");
    let m = model("iot-ssf/uc3-agv-warehouse");
    let otm_file = dir.join("uc3.otm.json");
    let a = cpsrisk(&["assess", &m, "--format", "otm"], &[]);
    let doc = json(&a);
    assert_eq!(doc["otmVersion"], "0.2.0");
    let b = cpsrisk(
        &[
            "assess",
            &m,
            "--format",
            "otm",
            "--out",
            otm_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(b.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&otm_file).unwrap(),
        a.stdout,
        "byte-identical"
    );
    let back = dir.join("back.yaml");
    let i = cpsrisk(
        &[
            "import",
            "otm",
            otm_file.to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(
        i.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&i.stderr)
    );
    let before = json(&cpsrisk(&["assess", &m, "--format", "json"], &[]));
    let after = json(&cpsrisk(
        &["assess", back.to_str().unwrap(), "--format", "json"],
        &[],
    ));
    let threats = |r: &serde_json::Value| -> std::collections::BTreeSet<(String, String)> {
        r["iot_ssf"]["device_threats"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["device"].to_string(), t["threat"].to_string()))
            .collect()
    };
    assert_eq!(threats(&after), threats(&before));
    let _ = std::fs::remove_dir_all(&dir);
}
