//! `assess --format oscal`: an OSCAL assessment-results document with one result holding the
//! findings of every engine, the TS 103 701 verdicts with their evidence, and the IoT-SSF
//! risks (stakeholders outside the target level, untreated device threats).

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::conformance::Applicability;
use cpsrisk_report::Report;
use serde::Serialize;

use super::common::{Metadata, Prop, Timestamp, to_json, token, uuid};
use super::results::{Finding, Observation, Risk, collect, report_key};
use crate::path_to_uri;

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Document {
    assessment_results: AssessmentResults,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResults {
    uuid: String,
    metadata: Metadata,
    import_ap: ImportAp,
    results: Vec<AssessmentResult>,
}

#[derive(Serialize)]
struct ImportAp {
    href: String,
    remarks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResult {
    uuid: String,
    title: String,
    description: String,
    start: String,
    props: Vec<Prop>,
    reviewed_controls: ReviewedControls,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    risks: Vec<Risk>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Finding>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct ReviewedControls {
    control_selections: Vec<ControlSelection>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
enum ControlSelection {
    IncludeAll {},
    IncludeControls(Vec<ControlRef>),
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlRef {
    control_id: String,
}

pub fn render(report: &Report, lang: Lang, stamp: &Timestamp) -> Vec<u8> {
    let key = report_key(report);
    let c = collect(report, &key, lang, stamp);
    let name = system_name(report, lang);
    let doc = Document {
        assessment_results: AssessmentResults {
            uuid: uuid(&format!("{key}/assessment-results")),
            metadata: Metadata::new(
                format!(
                    "{}{name}",
                    lang.pick("Assessment results: ", "アセスメント結果: ")
                ),
                stamp,
            ),
            import_ap: ImportAp {
                href: path_to_uri(report.model.path),
                remarks: lang
                    .pick(
                        "cpsrisk has no separate assessment plan: the model file it assessed stands for it.",
                        "cpsrisk には独立したアセスメント計画はなく、評価したモデルファイルがその代わりとなる。",
                    )
                    .into(),
            },
            results: vec![AssessmentResult {
                uuid: uuid(&format!("{key}/result")),
                title: format!("cpsrisk assess: {name}"),
                description: lang
                    .pick(
                        "The findings of every engine cpsrisk ran on the model, the test lab's verdicts and the risks outside the target level.",
                        "cpsrisk がモデルに対して実行した全エンジンの指摘、試験所の判定、リスク基準を超えるリスク。",
                    )
                    .into(),
                start: stamp.as_str().into(),
                props: vec![Prop::own("cpsrisk-version", env!("CARGO_PKG_VERSION"))],
                reviewed_controls: reviewed_controls(report),
                observations: c.observations,
                risks: c.risks,
                findings: c.findings,
            }],
        },
    };
    to_json(&doc)
}

pub(super) fn system_name<'a>(report: &'a Report, lang: Lang) -> &'a str {
    match (lang, report.model.name_ja) {
        (Lang::Ja, Some(ja)) => ja,
        _ => report.model.name,
    }
}

/// The controls the assessment looked at: the IoT-SSF requirements it proposes or records, and
/// the EN 303 645 provisions that apply to the product; everything when there are none.
fn reviewed_controls(report: &Report) -> ReviewedControls {
    let requirements = report
        .iot_ssf
        .iter()
        .flat_map(|a| &a.requirements)
        .filter(|r| r.in_catalog)
        .map(|r| token("iot-ssf", &r.id));
    let provisions = report
        .conformance
        .iter()
        .flat_map(|a| &a.checklist)
        .filter(|r| r.applicability == Applicability::Applies)
        .map(|r| token("en303645", &r.id));
    let ids: Vec<ControlRef> = requirements
        .chain(provisions)
        .map(|control_id| ControlRef { control_id })
        .collect();
    let selection = if ids.is_empty() {
        ControlSelection::IncludeAll {}
    } else {
        ControlSelection::IncludeControls(ids)
    };
    ReviewedControls {
        control_selections: vec![selection],
    }
}
