//! The `--fail-on` conditions, judged from the counts of an assessment — computed here
//! (`assess`) or returned by a workbench server (`push`).

use clap::ValueEnum;
use cpsrisk_report::Report;
use serde_json::Value;

use crate::FailOn;
use crate::console::errln;

/// The figures the conditions look at; `None` where the model has no input for the engine.
pub struct Counts {
    iot: Option<[u64; 2]>,
    conformance: Option<[u64; 2]>,
    /// Warnings and findings of every engine, DMF included.
    warnings: u64,
    findings: u64,
}

impl Counts {
    pub fn of(report: &Report) -> Counts {
        let iot = report.iot_ssf.as_ref().map(|a| &a.summary);
        let conf = report.conformance.as_ref().map(|a| &a.summary);
        let dmf = report.dmf.as_ref();
        Counts {
            iot: iot.map(|s| {
                [
                    s.stakeholders_outside_target as u64,
                    s.device_threats_untreated as u64,
                ]
            }),
            conformance: conf.map(|s| [s.mandatory_not_met as u64, s.tests_failed as u64]),
            warnings: (iot.map_or(0, |s| s.warnings)
                + conf.map_or(0, |s| s.warnings)
                + dmf.map_or(0, |a| a.summary.warnings)) as u64,
            findings: (report.iot_ssf.as_ref().map_or(0, |a| a.findings.len())
                + report.conformance.as_ref().map_or(0, |a| a.findings.len())
                + dmf.map_or(0, |a| a.findings.len())) as u64,
        }
    }

    /// The same figures read from `cpsrisk assess --format json` output.
    pub fn of_json(report: &Value) -> Counts {
        let summary = |engine: &str, fields: [&str; 2]| {
            let s = report
                .get(engine)
                .filter(|v| !v.is_null())?
                .get("summary")?;
            Some(fields.map(|f| s.get(f).and_then(Value::as_u64).unwrap_or(0)))
        };
        let findings = |engine: &str| {
            report[engine]["findings"]
                .as_array()
                .map_or(0, |a| a.len() as u64)
        };
        let warnings = ["iot_ssf", "conformance", "dmf"]
            .iter()
            .map(|engine| report[engine]["summary"]["warnings"].as_u64().unwrap_or(0))
            .sum();
        Counts {
            iot: summary(
                "iot_ssf",
                ["stakeholders_outside_target", "device_threats_untreated"],
            ),
            conformance: summary("conformance", ["mandatory_not_met", "tests_failed"]),
            warnings,
            findings: findings("iot_ssf") + findings("conformance") + findings("dmf"),
        }
    }
}

/// The names of the conditions that are met.
pub fn met(counts: &Counts, fail_on: &[FailOn]) -> Vec<String> {
    let iot = |i: usize| counts.iot.is_some_and(|c| c[i] > 0);
    let conf = |i: usize| counts.conformance.is_some_and(|c| c[i] > 0);
    fail_on
        .iter()
        .filter(|c| match c {
            FailOn::OutsideTarget => iot(0),
            FailOn::UntreatedThreat => iot(1),
            FailOn::MandatoryNotMet => conf(0),
            FailOn::TestFailed => conf(1),
            FailOn::Warning => counts.warnings > 0,
            FailOn::Finding => counts.findings > 0,
        })
        .filter_map(|c| c.to_possible_value().map(|v| v.get_name().to_string()))
        .collect()
}

/// Exit 1 with the conditions named when any is met.
pub fn outcome(met: &[String], lang: cpsrisk_catalog::Lang) -> crate::Outcome {
    if met.is_empty() {
        crate::Outcome::Ok
    } else {
        errln!(
            "{}{}",
            lang.pick("fail-on condition met: ", "--fail-on の条件に該当: "),
            met.join(", ")
        );
        crate::Outcome::Failed
    }
}
