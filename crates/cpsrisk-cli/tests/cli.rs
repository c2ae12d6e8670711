//! The command line as users and CI pipelines call it: verbs, exit codes, diagnostics and
//! outputs, per `../shared/spec/CONTRACT.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cpsrisk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cpsrisk"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .expect("runs")
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    root()
        .join("examples/iot-ssf")
        .join(name)
        .join("model.yaml")
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cpsrisk-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` as a model and runs `validate` on it.
fn validate_text(name: &str, text: &str) -> (Output, String) {
    let path = scratch(name).join("model.yaml");
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    (cpsrisk(&["validate", &p]), p)
}

const STARTER: &str = cpsrisk_model::starters::IOT_SSF;

#[test]
fn validate_accepts_every_example() {
    for uc in [
        "uc1-gas-water-heater",
        "uc2-drone-photography",
        "uc3-agv-warehouse",
        "uc4-chemical-plant",
        "uc5-welding-robots",
        "uc6-condition-monitoring",
    ] {
        let o = cpsrisk(&["validate", &example(uc)]);
        assert!(o.status.success(), "{uc}: {}", stderr(&o));
    }
}

#[test]
fn misspelt_reference_is_located_with_a_suggestion() {
    let text = STARTER.replace("implementer: resident", "implementer: residnet");
    let line = text.lines().position(|l| l.contains("residnet")).unwrap() + 1;
    let (o, p) = validate_text("ref", &text);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with(&format!("{p}:{line}:")), "{err}");
    assert!(
        err.contains("error: unknown stakeholder `residnet`"),
        "{err}"
    );
    assert!(err.contains("did you mean `resident`?"), "{err}");
}

#[test]
fn bad_values_and_keys_exit_2_with_place() {
    let cases = [
        (
            "level",
            STARTER.replace(
                "axis1: limited, axis2: limited }",
                "axis1: limted, axis2: limited }",
            ),
            "`limted` is not an allowed value",
            "did you mean `limited`?",
        ),
        (
            "key",
            STARTER.replace("  overview:", "  overveiw:"),
            "unknown key `overveiw`",
            "did you mean `overview`?",
        ),
        (
            "req",
            STARTER.replace("requirement: SSF-R13", "requirement: SSF-R3"),
            "unknown requirement `SSF-R3`",
            "did you mean `SSF-R03`?",
        ),
        (
            "threat",
            STARTER.replace("threat: malware", "threat: malwere"),
            "unknown threat `malwere`",
            "did you mean `malware`?",
        ),
        (
            "syntax",
            STARTER.replace("cpsrisk: 1", "cpsrisk: [1"),
            "",
            "",
        ),
    ];
    for (name, text, message, hint) in cases {
        let (o, p) = validate_text(name, &text);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        let first = err.lines().next().unwrap_or_default();
        let mut parts = first.splitn(4, ':');
        assert_eq!(parts.next(), Some(p.as_str()), "{name}: {err}");
        assert!(
            parts.next().unwrap().parse::<u64>().is_ok(),
            "{name}: line in {err}"
        );
        assert!(
            parts.next().unwrap().parse::<u64>().is_ok(),
            "{name}: column in {err}"
        );
        assert!(
            parts.next().unwrap().starts_with(" error: "),
            "{name}: {err}"
        );
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains(hint), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}");
    }
}

#[test]
fn not_adopted_needs_a_reason() {
    let text = STARTER.replace("      status: requested\n", "      status: not-adopted\n");
    let (o, _) = validate_text("reason", &text);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not adopted but no reason"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn invalid_model_writes_no_report() {
    let dir = scratch("noreport");
    let model = dir.join("model.yaml");
    std::fs::write(
        &model,
        STARTER.replace("applying_entity: maker", "applying_entity: makr"),
    )
    .unwrap();
    let out = dir.join("report.html");
    let o = cpsrisk(&[
        "assess",
        model.to_str().unwrap(),
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn json_has_the_contract_fields() {
    let o = cpsrisk(&[
        "assess",
        &example("uc1-gas-water-heater"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let iot = &v["iot_ssf"];
    assert_eq!(iot["target"]["axis1"], "limited");
    assert_eq!(iot["target"]["axis2"], "limited");
    let resident = iot["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "resident")
        .unwrap();
    assert_eq!(
        (
            resident["axis1"].as_str(),
            resident["axis2"].as_str(),
            resident["within_target"].as_bool()
        ),
        (Some("serious"), Some("serious"), Some(false))
    );
    let supplier = iot["stakeholders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "supplier")
        .unwrap();
    assert_eq!(supplier["within_target"], true);
    let ids: Vec<&str> = iot["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"SSF-R05") && ids.contains(&"SSF-R37"),
        "{ids:?}"
    );
    let r05 = iot["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "SSF-R05")
        .unwrap();
    assert_eq!(r05["cpsf"], serde_json::json!(["CPS.GV-2"]));
    assert!(v["dmf"].is_null());
}

#[test]
fn html_is_self_contained_with_both_figures() {
    let dir = scratch("html");
    let out = dir.join("report.html");
    let o = cpsrisk(&[
        "assess",
        &example("uc4-chemical-plant"),
        "--format",
        "html",
        "--lang",
        "ja",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"ja\">"));
    assert_eq!(
        html.matches("<svg ").count(),
        2,
        "risk map and flow diagram"
    );
    assert!(html.contains("ステークホルダーごとのリスクアセスメント"));
    for external in ["src=\"http", "href=\"http", "<script", "<link"] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn text_and_markdown_in_both_languages() {
    let en = cpsrisk(&[
        "assess",
        &example("uc2-drone-photography"),
        "--format",
        "md",
    ]);
    assert!(stdout(&en).contains("## Who implements what"));
    let ja = cpsrisk(&["--lang", "ja", "assess", &example("uc2-drone-photography")]);
    let text = stdout(&ja);
    assert!(
        text.contains("対策の実施主体") && text.contains("水準外"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    let by_locale = Command::new(env!("CARGO_BIN_EXE_cpsrisk"))
        .args(["assess", &example("uc2-drone-photography")])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(stdout(&by_locale).contains("対策の実施主体"));
}

#[test]
fn fail_on_exits_1_after_writing_the_report() {
    let o = cpsrisk(&[
        "assess",
        &example("uc1-gas-water-heater"),
        "--format",
        "json",
        "--fail-on",
        "outside-target",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok());
    assert!(stderr(&o).contains("outside-target"));
    let o = cpsrisk(&[
        "assess",
        &example("uc6-condition-monitoring"),
        "--format",
        "json",
        "--fail-on",
        "untreated-threat",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn fail_on_warning_and_finding_count_dmf_findings() {
    // A-3 has DMF findings only (no IoT-SSF or conformance section): "any finding of any
    // engine" must see them.
    let model = format!(
        "{}/../../examples/dmf/a3-cloud-layers/model.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    for condition in ["warning", "finding"] {
        let o = cpsrisk(&["assess", &model, "--format", "json", "--fail-on", condition]);
        assert_eq!(o.status.code(), Some(1), "{condition}: {}", stderr(&o));
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(report["iot_ssf"].is_null() && report["conformance"].is_null());
        assert!(report["dmf"]["summary"]["warnings"].as_u64().unwrap() > 0);
        assert!(stderr(&o).contains(condition));
    }
}

#[test]
fn catalogs_list_and_export() {
    let o = cpsrisk(&["catalog", "list"]);
    assert!(stdout(&o).contains("iot-ssf-requirements") && stdout(&o).contains("iot-ssf-threats"));
    let o = cpsrisk(&[
        "catalog",
        "export",
        "iot-ssf-requirements",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 41);
    assert_eq!(v[0]["id"], "SSF-R01");
    let o = cpsrisk(&["catalog", "export", "iot-ssf-threat"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("iot-ssf-threats"));
}

#[test]
fn catalog_list_counts_and_find_in_both_languages() {
    let o = cpsrisk(&["catalog", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed = v.as_array().unwrap();
    for name in [
        "dmf-risks",
        "dmf-countermeasures",
        "dmf-threats",
        "dmf-actors",
        "provision-requirements",
    ] {
        let entry = listed
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert!(entry["entries"].as_u64().unwrap() > 0);
        // Everything listed exports.
        assert_eq!(
            cpsrisk(&["catalog", "export", name]).status.code(),
            Some(0),
            "{name}"
        );
    }
    let o = cpsrisk(&["catalog", "list", "--lang", "ja"]);
    assert!(stdout(&o).contains("dmf-risks") && stdout(&o).contains("71"));
    // 表A-1 l.17410: 「適切な水準のアクセス制御の実装」 in full-width and half-width forms.
    let o = cpsrisk(&["catalog", "find", "ｱｸｾｽ制御", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let r07 = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "SSF-R07")
        .unwrap();
    assert_eq!(r07["catalog"], "iot-ssf-requirements");
    assert_eq!(r07["name_ja"], "適切な水準のアクセス制御の実装");
    assert_eq!(
        r07["name_en"],
        "Implement an appropriate level of access control"
    );
    let o = cpsrisk(&["catalog", "find", "vulnerability", "handling"]);
    // 表A-1 l.17453 and 表B-2.6's vulnerability-handling process, both languages shown.
    let out = stdout(&o);
    let top: Vec<&str> = out.lines().take(4).collect();
    assert!(top.iter().any(|l| l.starts_with("SSF-R28")), "{top:?}");
    assert!(
        top.iter()
            .any(|l| l.contains("脆弱性対応に必要な手順等の整備と実践")),
        "{top:?}"
    );
    assert!(top.iter().any(|l| l.starts_with("DMF-C15")), "{top:?}");
    let o = cpsrisk(&["catalog", "find", "zzzzqqqq"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty() && !stderr(&o).is_empty());
}

/// Issue 10 item 16: `[with SI, and PE]` is two items in YAML; the starters write text lists as
/// block lists, and a flow list whose item looks cut gets a warning that does not fail.
#[test]
fn a_flow_list_cut_at_its_comma_is_a_warning_not_an_error() {
    let dir = scratch("flow-list");
    let path = dir.join("model.yaml");
    let model = STARTER.replacen(
        "      measures:\n        - Encrypt and sign commands end to end\n",
        "      measures: [Agree the keys with SI, and PE]\n",
        1,
    );
    assert_ne!(model, STARTER);
    std::fs::write(&path, &model).unwrap();
    let shown = path.to_str().unwrap();
    let line = model
        .lines()
        .position(|l| l.contains("[Agree the keys with SI, and PE]"))
        .unwrap()
        + 1;
    for lang in ["en", "ja"] {
        let o = cpsrisk(&["validate", shown, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let want = format!("{shown}:{line}:42: warning: ");
        assert!(stderr(&o).contains(&want), "{want}\n{}", stderr(&o));
        assert!(stderr(&o).contains("`and PE`"));
    }
    // The shipped starters have no such list.
    for engine in ["iot-ssf", "dmf", "conformance"] {
        let path = dir.join(format!("{engine}-starter.yaml"));
        assert!(
            cpsrisk(&["init", path.to_str().unwrap(), "--engine", engine])
                .status
                .success()
        );
        let o = cpsrisk(&["validate", path.to_str().unwrap()]);
        assert!(!stderr(&o).contains("warning"), "{engine}: {}", stderr(&o));
    }
}

#[test]
fn committed_schema_is_current_and_starter_validates() {
    let o = cpsrisk(&["schema"]);
    let committed = std::fs::read_to_string(root().join("schema/model.schema.json")).unwrap();
    assert_eq!(
        stdout(&o),
        committed,
        "run `cpsrisk schema --out schema/model.schema.json`"
    );
    let dir = scratch("init");
    let path = dir.join("model.yaml");
    assert!(cpsrisk(&["init", path.to_str().unwrap()]).status.success());
    assert!(
        cpsrisk(&["validate", path.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(
        cpsrisk(&["init", path.to_str().unwrap()]).status.code(),
        Some(2),
        "does not overwrite"
    );
    let o = cpsrisk(&["assess", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success());
    for (engine, key) in [("dmf", "dmf"), ("conformance", "conformance")] {
        let path = dir.join(format!("{engine}.yaml"));
        assert!(
            cpsrisk(&["init", path.to_str().unwrap(), "--engine", engine])
                .status
                .success()
        );
        let o = cpsrisk(&["assess", path.to_str().unwrap(), "--format", "json"]);
        assert!(o.status.success(), "{engine}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(v[key].is_object(), "{engine}");
    }
}

#[test]
fn init_to_standard_output_writes_the_starter_alone() {
    let o = cpsrisk(&["init", "-", "--engine", "dmf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = scratch("init-stdout");
    let path = dir.join("piped.yaml");
    std::fs::write(&path, &o.stdout).unwrap();
    let v = cpsrisk(&["validate", path.to_str().unwrap()]);
    assert!(v.status.success(), "{}", stderr(&v));
    assert!(
        !stdout(&o).contains("wrote"),
        "no message mixed into the model"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cpsrisk(&["assess"]).status.code(), Some(2));
    assert_eq!(cpsrisk(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        cpsrisk(&["validate", "/nonexistent/model.yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn every_json_key_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/json-output.md")).unwrap();
    fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map {
                    out.insert(k.clone());
                    keys(x, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|x| keys(x, out)),
            _ => {}
        }
    }
    let mut all = std::collections::BTreeSet::new();
    for uc in [
        "uc1-gas-water-heater",
        "uc3-agv-warehouse",
        "uc4-chemical-plant",
        "uc6-condition-monitoring",
    ] {
        let o = cpsrisk(&["assess", &example(uc), "--format", "json"]);
        keys(&serde_json::from_slice(&o.stdout).unwrap(), &mut all);
    }
    // The DMF keys: A-2 (personally related data, consent) and A-4 (transfers, tiers, units).
    for uc in ["a2-elderly-support", "a4-offshore-development"] {
        let path = root().join("examples/dmf").join(uc).join("model.yaml");
        let o = cpsrisk(&["assess", path.to_str().unwrap(), "--format", "json"]);
        keys(&serde_json::from_slice(&o.stdout).unwrap(), &mut all);
    }
    // Keys of bilingual texts and of the rows spelt out in one cell are documented by name too.
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| {
            !doc.contains(&format!("`{k}`"))
                && !doc.contains(&format!("{k},"))
                && !doc.contains(&format!("{k}}}"))
        })
        .collect();
    assert!(missing.is_empty(), "undocumented JSON keys: {missing:?}");
}

fn camera() -> String {
    root()
        .join("examples/conformance/smart-camera/model.yaml")
        .display()
        .to_string()
}

fn camera_text() -> String {
    std::fs::read_to_string(camera()).unwrap()
}

/// Replaces the first occurrence of `from` after the line containing `anchor`.
fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text.find(anchor).unwrap_or_else(|| panic!("{anchor}"));
    let at = start + text[start..].find(from).unwrap_or_else(|| panic!("{from}"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

#[test]
fn conformance_example_reports_checklist_plan_and_label() {
    let o = cpsrisk(&["assess", &camera(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &v["conformance"];
    assert!(v["iot_ssf"].is_null());
    assert_eq!(c["checklist"].as_array().unwrap().len(), 67);
    assert_eq!(c["illustrative"], true);
    assert_eq!(c["summary"]["mandatory_not_met"], 0);
    assert_eq!(c["results"]["fail"], 1);
    assert_eq!(c["label"]["ready_level"], 2);
    let plan = c["test_plan"].as_array().unwrap();
    assert!(plan.iter().any(|t| t["id"] == "4-1-1"));
    assert!(
        !plan.iter().any(|t| t["provision"] == "5.3-14"),
        "not applicable: not planned"
    );
    let o = cpsrisk(&[
        "assess",
        &camera(),
        "--format",
        "json",
        "--fail-on",
        "test-failed",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = cpsrisk(&[
        "assess",
        &camera(),
        "--format",
        "json",
        "--fail-on",
        "mandatory-not-met",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let dir = scratch("camera-html");
    let out = dir.join("camera.html");
    assert!(
        cpsrisk(&[
            "assess",
            &camera(),
            "--format",
            "html",
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let html = std::fs::read_to_string(out).unwrap();
    for heading in [
        "Checklist: provisions of EN 303 645",
        "Test plan: test cases of TS 103 701",
        "Label readiness",
        "UK PSTI",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
}

#[test]
fn conformance_contradictions_exit_2() {
    let text = camera_text();
    let cases = [
        // A provision that applies (the camera uses passwords) stated not applicable.
        (
            "na-but-applies",
            replace_after(
                &text,
                "- id: \"5.1-1\"\n",
                "status: met",
                "status: not-applicable",
            ),
            "make it apply",
        ),
        // A provision for constrained devices stated met by a device that is not constrained.
        (
            "met-but-na",
            replace_after(
                &text,
                "- id: \"5.3-14\"\n",
                "status: not-applicable",
                "status: met",
            ),
            "does not apply",
        ),
        // A verdict for a test of a provision that does not apply.
        (
            "verdict-na",
            text.replace(
                "  tests:\n",
                "  tests:\n    - {id: \"5.3-14-1\", verdict: pass}\n",
            ),
            "is not applicable to this product",
        ),
        (
            "unknown-id",
            replace_after(&text, "provisions:", "id: \"5.1-1\"", "id: \"5.1.1\""),
            "did you mean `5.1-1`?",
        ),
        (
            "bad-verdict",
            replace_after(&text, "tests:", "verdict: pass", "verdict: passed"),
            "did you mean `pass`?",
        ),
    ];
    for (name, text, expected) in cases {
        let (o, _) = validate_text(name, &text);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

fn dmf_fixture() -> String {
    root()
        .join("crates/cpsrisk-cli/tests/fixtures/dmf-transfer.yaml")
        .display()
        .to_string()
}

#[test]
fn dmf_reports_risks_rules_and_gaps() {
    let o = cpsrisk(&["assess", &dmf_fixture(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let risks = v["dmf"]["risks"].as_array().unwrap();
    // Contract: catalog_id and the model's event.
    assert!(
        risks
            .iter()
            .any(|r| r["catalog_id"] == "DMF-T01" && r["event"] == "send")
    );
    assert!(
        risks
            .iter()
            .any(|r| r["catalog_id"] == "DMF-T12" && r["event"] == "send"),
        "personal data viewpoint in play"
    );
    assert!(
        !risks
            .iter()
            .any(|r| r["event"] == "hand-over" && r["viewpoint"] == "personal-data"),
        "no personal data place applies to designs"
    );
    let t01 = risks
        .iter()
        .find(|r| r["catalog_id"] == "DMF-T01" && r["event"] == "send")
        .unwrap();
    assert_eq!(t01["treated"], true, "C05 is in place");
    let codes: Vec<&str> = v["dmf"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in ["DMF-L01", "DMF-L02", "DMF-L04", "DMF-G01"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let gap = &v["dmf"]["transfer_gaps"][0];
    assert_eq!(gap["verdicts"][0], serde_json::json!(["gdpr", "gap"]));
    assert_eq!(v["dmf"]["transfer_units"][0]["country"], true);
    // EU → JP is adequate: no gap.
    let to_japan = std::fs::read_to_string(dmf_fixture()).unwrap().replace(
        "{ id: us-co, name: US processor, country: US }",
        "{ id: us-co, name: Japanese processor, country: JP }",
    );
    let dir = scratch("dmf-jp");
    let path = dir.join("model.yaml");
    std::fs::write(&path, to_japan).unwrap();
    let o = cpsrisk(&["assess", path.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["dmf"]["transfer_gaps"][0]["verdicts"][0],
        serde_json::json!(["gdpr", "adequate"])
    );
}

#[test]
fn dmf_bad_input_exits_2() {
    let text = std::fs::read_to_string(dmf_fixture()).unwrap();
    let cases = [
        (
            "data-ref",
            text.replace("inputs: [customers]", "inputs: [customer]"),
            "did you mean `customers`?",
        ),
        (
            "kind",
            text.replace(
                "kind: transfer\n      name: Send",
                "kind: transfert\n      name: Send",
            ),
            "did you mean `transfer`?",
        ),
        (
            "category",
            text.replace("personal: personal-data,", "personal: personal-dat,"),
            "did you mean `personal-data`?",
        ),
        (
            "cycle",
            text.replace(
                "{ id: collect, kind: generation, name: Collect,",
                "{ id: collect, kind: generation, after: [send], name: Collect,",
            )
            .replace(
                "      name: Send to the US processor\n",
                "      name: Send to the US processor\n      after: [collect]\n",
            ),
            "cycle",
        ),
        (
            "no-receiver",
            text.replace("      to: { organisation: us-co, system: us-cloud }\n", ""),
            "has no receiving end",
        ),
        (
            "countermeasure",
            text.replace("id: DMF-C05", "id: DMF-C5"),
            "unknown countermeasure",
        ),
    ];
    for (name, text, expected) in cases {
        let (o, _) = validate_text(name, &text);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

#[test]
fn diff_shows_entities_and_results_that_changed() {
    let text = std::fs::read_to_string(dmf_fixture()).unwrap();
    let dir = scratch("diff");
    let new = dir.join("new.yaml");
    // The hand-over goes away; the transfer to the US gets safeguards.
    let changed = text.replace("    - { id: hand-over, kind: transfer, name: Hand over designs, inputs: [design], outputs: [design], at: { organisation: jp-co }, to: { organisation: vn-co } }\n", "")
        .replace("      countermeasures: [{ id: DMF-C05, status: in-place }]", "      records: { safeguards: [scc], foreign_country_notice: true }\n      countermeasures: [{ id: DMF-C05, status: in-place }]");
    std::fs::write(&new, changed).unwrap();
    let o = cpsrisk(&[
        "diff",
        &dmf_fixture(),
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let entities = d["entities"].as_array().unwrap();
    assert!(
        entities.iter().any(|e| e["list"] == "dmf.events"
            && e["key"] == "hand-over"
            && e["change"] == "removed")
    );
    assert!(entities.iter().any(|e| e["list"] == "dmf.events"
        && e["key"] == "send"
        && e["change"] == "changed"
        && e["fields"] == serde_json::json!(["records"])));
    assert!(
        d["risks"]["gone"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "DMF-T01@hand-over")
    );
    let gone: Vec<&str> = d["findings"]["gone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(gone.iter().any(|f| f.starts_with("DMF-G01")), "{gone:?}");
    assert!(gone.iter().any(|f| f.starts_with("DMF-L04")), "{gone:?}");
    let o = cpsrisk(&[
        "--lang",
        "ja",
        "diff",
        &dmf_fixture(),
        new.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("モデルの変更"));
    assert_eq!(
        cpsrisk(&["diff", &dmf_fixture(), "/nonexistent.yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn diagnostics_in_japanese() {
    let (_, p) = validate_text("ja", &STARTER.replace("  overview:", "  overveiw:"));
    let o = Command::new(env!("CARGO_BIN_EXE_cpsrisk"))
        .args(["validate", &p])
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(": error: 不明なキー `overveiw` です"), "{err}");
    assert!(
        err.contains("ヒント: `overview` の誤りではありませんか？"),
        "{err}"
    );
}
