//! The observations, risks and findings of one assessment, shared by the assessment results
//! and the plan of action and milestones (both use OSCAL's assessment-common shapes).

use cpsrisk_catalog::Lang;
use cpsrisk_model::Severity;
use cpsrisk_model::levels::{Named, Verdict};
use cpsrisk_report::Report;
use serde::Serialize;

use super::common::{Prop, Timestamp, token, uuid};
use crate::{all_findings, finding_help};

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Observation {
    pub uuid: String,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub methods: Vec<&'static str>,
    pub types: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relevant_evidence: Vec<Evidence>,
    pub collected: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    pub description: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Risk {
    pub uuid: String,
    pub title: String,
    pub description: String,
    pub statement: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Finding {
    pub uuid: String,
    pub title: String,
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    pub target: Target,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_observations: Vec<RelatedObservation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_risks: Vec<AssociatedRisk>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Target {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub target_id: String,
    pub status: Status,
}

#[derive(Debug, Serialize)]
pub struct Status {
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct RelatedObservation {
    pub observation_uuid: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct AssociatedRisk {
    pub risk_uuid: String,
}

/// What one assessment found, in OSCAL's terms, plus what is still open (for the POA&M).
pub struct Collected {
    pub observations: Vec<Observation>,
    pub risks: Vec<Risk>,
    pub findings: Vec<Finding>,
    /// Indexes into `risks` that are open, and into `findings` that are not satisfied and
    /// need action (warnings and failed tests; notes are left out).
    pub open_risks: Vec<usize>,
    pub open_findings: Vec<usize>,
}

/// The name every UUID of a report's documents is derived from: the report's JSON, so the
/// same report gives the same UUIDs and a changed one new UUIDs.
pub fn report_key(report: &Report) -> String {
    serde_json::to_string(report).expect("report serialises")
}

pub fn collect(report: &Report, key: &str, lang: Lang, stamp: &Timestamp) -> Collected {
    let mut c = Collected {
        observations: Vec::new(),
        risks: Vec::new(),
        findings: Vec::new(),
        open_risks: Vec::new(),
        open_findings: Vec::new(),
    };
    engine_findings(report, key, lang, stamp, &mut c);
    test_verdicts(report, key, lang, stamp, &mut c);
    iot_ssf_risks(report, key, lang, &mut c);
    c
}

fn place(path: &str, line: u64, column: u64, lang: Lang) -> String {
    if line == 0 {
        path.to_string()
    } else {
        format!(
            "{path}:{line}:{column} {}",
            lang.pick("(model file)", "（モデルファイル）")
        )
    }
}

/// One observation and one not-satisfied finding per finding of every engine; the target is
/// the cpsrisk check (its code as the objective).
fn engine_findings(report: &Report, key: &str, lang: Lang, stamp: &Timestamp, c: &mut Collected) {
    for (i, (engine, f)) in all_findings(report).into_iter().enumerate() {
        let message = lang.pick(&f.message.en, &f.message.ja).to_string();
        let obs_uuid = uuid(&format!("{key}/finding/{i}/observation"));
        c.observations.push(Observation {
            uuid: obs_uuid.clone(),
            title: format!("{} {}", f.code, f.check),
            description: message.clone(),
            props: vec![Prop::own("finding-code", f.code)],
            methods: vec!["EXAMINE"],
            types: vec!["finding"],
            relevant_evidence: vec![Evidence {
                description: place(report.model.path, f.line, f.column, lang),
            }],
            collected: stamp.as_str().to_string(),
            remarks: None,
        });
        let help = finding_help::help(f.code).map(|h| h.text(lang).to_string());
        if f.severity == Severity::Warning {
            c.open_findings.push(c.findings.len());
        }
        c.findings.push(Finding {
            uuid: uuid(&format!("{key}/finding/{i}")),
            title: format!("{} {} ({})", f.code, f.check, engine.name(lang)),
            description: message,
            props: vec![
                Prop::own("finding-code", f.code),
                Prop::own("severity", severity_name(f.severity)),
            ],
            target: Target {
                kind: "objective-id",
                target_id: token("cpsrisk", f.code),
                status: Status {
                    state: "not-satisfied",
                    reason: None,
                    remarks: help,
                },
            },
            related_observations: vec![RelatedObservation {
                observation_uuid: obs_uuid,
            }],
            related_risks: Vec::new(),
        });
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A finding per TS 103 701 test case with a verdict, its evidence as an observation.
fn test_verdicts(report: &Report, key: &str, lang: Lang, stamp: &Timestamp, c: &mut Collected) {
    let Some(conf) = &report.conformance else {
        return;
    };
    for t in &conf.test_plan {
        let Some(verdict) = t.verdict else { continue };
        let obs_uuid = uuid(&format!("{key}/test/{}/observation", t.id));
        let purpose = lang.pick(&t.purpose_en, &t.purpose_ja).to_string();
        c.observations.push(Observation {
            uuid: obs_uuid.clone(),
            title: format!("TS 103 701 {}", t.id),
            description: purpose.clone(),
            props: vec![Prop::own("test-case", &t.id)],
            methods: vec!["TEST"],
            types: vec!["control-objective"],
            relevant_evidence: t
                .evidence
                .iter()
                .map(|e| Evidence {
                    description: e.clone(),
                })
                .collect(),
            collected: stamp.as_str().to_string(),
            remarks: t.notes.clone(),
        });
        let (state, reason) = match verdict {
            Verdict::Pass => ("satisfied", "pass"),
            Verdict::Fail => ("not-satisfied", "fail"),
            Verdict::NotApplicable => ("satisfied", "other"),
        };
        if verdict == Verdict::Fail {
            c.open_findings.push(c.findings.len());
        }
        c.findings.push(Finding {
            uuid: uuid(&format!("{key}/test/{}", t.id)),
            title: format!(
                "TS 103 701 {} ({} {}): {}",
                t.id,
                lang.pick("provision", "規定"),
                t.provision,
                lang.pick(verdict.name_en(), verdict.name_ja())
            ),
            description: purpose,
            props: vec![
                Prop::own("test-case", &t.id),
                Prop::own("provision", &t.provision),
                Prop::own("verdict", verdict.id()),
            ],
            target: Target {
                kind: "objective-id",
                target_id: token("ts103701", &t.id),
                status: Status {
                    state,
                    reason: Some(reason),
                    remarks: (verdict == Verdict::NotApplicable)
                        .then(|| lang.pick(verdict.name_en(), verdict.name_ja()).to_string()),
                },
            },
            related_observations: vec![RelatedObservation {
                observation_uuid: obs_uuid,
            }],
            related_risks: Vec::new(),
        });
    }
}

/// IoT-SSF stakeholders outside the target level and device threats without treatment as
/// risks; an accepted device threat is a risk whose deviation is approved.
fn iot_ssf_risks(report: &Report, key: &str, lang: Lang, c: &mut Collected) {
    let Some(iot) = &report.iot_ssf else { return };
    let target = format!(
        "{} / {}",
        lang.pick(iot.target.axis1.name_en(), iot.target.axis1.name_ja()),
        lang.pick(iot.target.axis2.name_en(), iot.target.axis2.name_ja())
    );
    for s in iot.stakeholders.iter().filter(|s| !s.within_target) {
        let name = lang.pick(&s.name_en, &s.name_ja);
        let policies = if s.policies.is_empty() {
            lang.pick(
                "No countermeasure policy is recorded.",
                "対策方針の記録はない。",
            )
            .to_string()
        } else {
            format!(
                "{}{}",
                lang.pick("Countermeasure policies: ", "対策方針: "),
                s.policies.join(", ")
            )
        };
        c.open_risks.push(c.risks.len());
        c.risks.push(Risk {
            uuid: uuid(&format!("{key}/stakeholder/{}", s.id)),
            title: format!(
                "{}{name} ({})",
                lang.pick("Outside the target level: ", "リスク基準超過: "),
                s.id
            ),
            description: format!(
                "{}{} / {}; {}{target}",
                lang.pick("Rated ", "評価: "),
                lang.pick(s.axis1.name_en(), s.axis1.name_ja()),
                lang.pick(s.axis2.name_en(), s.axis2.name_ja()),
                lang.pick("target ", "リスク基準: "),
            ),
            statement: policies,
            props: vec![Prop::own("stakeholder", &s.id)],
            status: "open",
        });
    }
    for (i, t) in iot
        .device_threats
        .iter()
        .enumerate()
        .filter(|(_, t)| t.treated_by.is_empty())
    {
        let threat = lang.pick(&t.threat_name_en, &t.threat_name_ja);
        let (status, statement) = match &t.accepted {
            Some(reason) => (
                "deviation-approved",
                format!("{}{reason}", lang.pick("Accepted: ", "リスク受容: ")),
            ),
            None => {
                c.open_risks.push(c.risks.len());
                let candidates: Vec<&str> = t.candidates.iter().map(|c| c.id.as_str()).collect();
                (
                    "open",
                    format!(
                        "{}{}",
                        lang.pick(
                            "No decision takes a candidate requirement: ",
                            "候補の対策要件を採る決定がない: "
                        ),
                        candidates.join(", ")
                    ),
                )
            }
        };
        c.risks.push(Risk {
            uuid: uuid(&format!("{key}/device-threat/{i}")),
            title: format!("{} — {threat}", t.device),
            description: t.description.clone().unwrap_or_else(|| {
                format!(
                    "{}{} {}",
                    lang.pick("Threat to device ", "機器への脅威: "),
                    t.device,
                    threat
                )
            }),
            statement,
            props: vec![
                Prop::own("device", &t.device),
                Prop::own("threat", &t.threat),
            ],
            status,
        });
    }
}
