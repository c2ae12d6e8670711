//! The SARIF log of every example passes Microsoft's SARIF multitool `validate` with no error
//! (`SARIF_MULTITOOL`, installed by `.ci/run`), carries one result per finding at the model's
//! line and column, and is byte-identical when written twice.

mod common;

use std::process::Command;

use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, all_findings, render_report};
use cpsrisk_report::Report;
use serde_json::Value;

fn sarif(report: &Report, lang: Lang) -> Vec<u8> {
    render_report(report, ReportFormat::Sarif, lang, &Timestamp::fixed()).expect("renders")
}

#[test]
fn every_example_has_one_located_result_per_finding() {
    let mut located = 0;
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).unwrap();
        let shown = path.display().to_string();
        let report = Report::new(&shown, &model);
        let bytes = sarif(&report, Lang::Ja);
        assert_eq!(bytes, sarif(&report, Lang::Ja), "{shown}: two runs differ");
        let log: Value = serde_json::from_slice(&bytes).unwrap();
        let run = &log["runs"][0];
        let results = run["results"].as_array().unwrap();
        let findings = all_findings(&report);
        assert_eq!(results.len(), findings.len(), "{shown}");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for (r, (_, f)) in results.iter().zip(&findings) {
            assert_eq!(r["ruleId"], f.code);
            let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], f.code);
            assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
            assert_eq!(r["message"]["text"], f.message.ja.as_str());
            let region = &r["locations"][0]["physicalLocation"]["region"];
            if f.line > 0 {
                assert_eq!(region["startLine"], f.line, "{shown} {}", f.code);
                // The line really is in the model file, and its column is on it.
                let line = text.lines().nth(f.line as usize - 1).expect("line in file");
                assert!(
                    line.chars().count() as u64 + 1 >= f.column,
                    "{shown}:{}",
                    f.line
                );
                located += 1;
            }
        }
    }
    assert!(
        located > 20,
        "findings located in the model files: {located}"
    );
}

#[test]
fn every_example_passes_the_sarif_multitool() {
    let Some(tool) = common::tool_from_env("SARIF_MULTITOOL") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("cpsrisk-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut written = 0;
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).unwrap();
        let shown = path.display().to_string();
        let report = Report::new(&shown, &model);
        for lang in [Lang::En, Lang::Ja] {
            let file = dir.join(format!("{written}-{}.sarif", lang.code()));
            std::fs::write(&file, sarif(&report, lang)).unwrap();
            written += 1;
        }
    }
    // One run of the tool over every file: it starts slowly.
    let out = dir.join("validation.json");
    let run = Command::new(&tool)
        .arg("validate")
        .arg(dir.join("*.sarif"))
        .arg("-o")
        .arg(&out)
        .args(["--log", "ForceOverwrite"])
        .output()
        .expect("the multitool runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(&format!("{written} files scanned")),
        "the multitool scanned every file: {stdout}"
    );
    let validation: Value =
        serde_json::from_slice(&std::fs::read(&out).expect("validation output")).unwrap();
    let errors: Vec<String> = validation["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["results"].as_array().into_iter().flatten())
        .filter(|r| r["level"] == "error")
        .map(|r| format!("{} {} {}", r["ruleId"], r["message"], r["locations"]))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
