//! SARIF 2.1.0: one result per finding of every engine, located at the line and column of the
//! model file the finding concerns, so that code-scanning tools annotate the YAML.

use cpsrisk_catalog::Lang;
use cpsrisk_model::{Finding, Severity};
use cpsrisk_report::Report;
use serde::Serialize;

use crate::finding_help;
use crate::{Engine, all_findings, path_to_uri};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const FINDINGS_DOC: &str = "docs/findings.md";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    language: &'static str,
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    source_language: &'static str,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn tag(engine: Engine) -> &'static str {
    match engine {
        Engine::IotSsf => "iot-ssf",
        Engine::Conformance => "conformance",
        Engine::Dmf => "dmf",
    }
}

/// The SARIF log of one report, pretty JSON with a final newline.
pub fn render(report: &Report, lang: Lang) -> Vec<u8> {
    let findings = all_findings(report);
    // One rule per code, in order of first appearance; results point at them by index.
    let mut rules: Vec<Rule> = Vec::new();
    let mut results = Vec::with_capacity(findings.len());
    let uri = path_to_uri(report.model.path);
    for (engine, f) in findings {
        let rule_index = match rules.iter().position(|r| r.id == f.code) {
            Some(i) => i,
            None => {
                rules.push(rule(engine, f, lang));
                rules.len() - 1
            }
        };
        results.push(SarifResult {
            rule_id: f.code,
            rule_index,
            level: level(f.severity),
            message: Message {
                text: lang.pick(&f.message.en, &f.message.ja).to_string(),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri.clone(),
                        index: Some(0),
                    },
                    // Line 0 means the finding concerns something the model lacks: the file,
                    // not a place in it.
                    region: (f.line > 0).then(|| Region {
                        start_line: f.line,
                        start_column: f.column.max(1),
                    }),
                },
            }],
        });
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "cpsrisk",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            language: lang.code(),
            column_kind: "unicodeCodePoints",
            artifacts: vec![Artifact {
                location: ArtifactLocation { uri, index: None },
                source_language: "yaml",
            }],
            results,
        }],
    };
    let mut out = serde_json::to_vec_pretty(&log).expect("SARIF log serialises");
    out.push(b'\n');
    out
}

fn rule(engine: Engine, f: &Finding, lang: Lang) -> Rule {
    // A code without help text (a new check not yet described) still gets a rule: its check
    // name stands in for the description.
    let fires_when = finding_help::help(f.code)
        .map(|h| h.text(lang).to_string())
        .unwrap_or_else(|| f.check.to_string());
    let see = lang.pick(
        "See docs/findings.md of cpsrisk for the basis of each check.",
        "各チェックの根拠は cpsrisk の docs/findings.md を参照。",
    );
    Rule {
        id: f.code.to_string(),
        name: to_pascal_case(f.check),
        short_description: Message {
            text: format!("{}: {}", engine.name(lang), f.check),
        },
        full_description: Message {
            text: fires_when.clone(),
        },
        help: Help {
            text: format!("{fires_when} {see}"),
            markdown: format!(
                "{fires_when}\n\n{}",
                see.replace(FINDINGS_DOC, &format!("`{FINDINGS_DOC}`"))
            ),
        },
        default_configuration: Configuration {
            level: level(f.severity),
        },
        properties: RuleProperties {
            tags: vec![tag(engine)],
        },
    }
}

/// SARIF rule names are PascalCase identifiers (`threat-untreated` → `ThreatUntreated`).
fn to_pascal_case(check: &str) -> String {
    check
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(
            to_pascal_case("outside-target-without-policy"),
            "OutsideTargetWithoutPolicy"
        );
    }
}
