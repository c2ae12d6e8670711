//! `assess --format oscal-poam`: an OSCAL plan of action and milestones with one item per
//! thing that is untreated or not met — open risks (stakeholders outside the target level,
//! untreated device threats), warnings of every engine and failed tests.

use cpsrisk_catalog::Lang;
use cpsrisk_report::Report;
use serde::Serialize;

use super::assessment_results::system_name;
use super::common::{Metadata, Prop, Timestamp, to_json, uuid};
use super::results::{AssociatedRisk, Finding, Observation, Risk, collect, report_key};

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Document {
    plan_of_action_and_milestones: Poam,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Poam {
    uuid: String,
    metadata: Metadata,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    risks: Vec<Risk>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Finding>,
    poam_items: Vec<PoamItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct PoamItem {
    uuid: String,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_findings: Vec<RelatedFinding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_risks: Vec<AssociatedRisk>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RelatedFinding {
    finding_uuid: String,
}

pub fn render(report: &Report, lang: Lang, stamp: &Timestamp) -> Vec<u8> {
    let key = report_key(report);
    let c = collect(report, &key, lang, stamp);
    let mut items: Vec<PoamItem> = Vec::new();
    for &i in &c.open_risks {
        let r = &c.risks[i];
        items.push(PoamItem {
            uuid: uuid(&format!("{}/poam-item", r.uuid)),
            title: r.title.clone(),
            description: r.statement.clone(),
            props: Vec::new(),
            related_findings: Vec::new(),
            related_risks: vec![AssociatedRisk {
                risk_uuid: r.uuid.clone(),
            }],
        });
    }
    for &i in &c.open_findings {
        let f = &c.findings[i];
        items.push(PoamItem {
            uuid: uuid(&format!("{}/poam-item", f.uuid)),
            title: f.title.clone(),
            description: f.description.clone(),
            props: Vec::new(),
            related_findings: vec![RelatedFinding {
                finding_uuid: f.uuid.clone(),
            }],
            related_risks: Vec::new(),
        });
    }
    if items.is_empty() {
        // OSCAL requires at least one item; say plainly that nothing is open.
        items.push(PoamItem {
            uuid: uuid(&format!("{key}/poam-item/none")),
            title: lang.pick("Nothing open", "未対応の項目なし").into(),
            description: lang
                .pick(
                    "The assessment found nothing untreated or not met.",
                    "アセスメントでは、未対応または不適合の項目は見つからなかった。",
                )
                .into(),
            props: vec![Prop::own("nothing-open", "true")],
            related_findings: Vec::new(),
            related_risks: Vec::new(),
        });
    }
    let name = system_name(report, lang);
    let doc = Document {
        plan_of_action_and_milestones: Poam {
            uuid: uuid(&format!("{key}/poam")),
            metadata: Metadata::new(
                format!(
                    "{}{name}",
                    lang.pick("Plan of action and milestones: ", "対応計画（POA&M）: ")
                ),
                stamp,
            ),
            observations: c.observations,
            risks: c.risks,
            findings: c.findings,
            poam_items: items,
        },
    };
    to_json(&doc)
}
