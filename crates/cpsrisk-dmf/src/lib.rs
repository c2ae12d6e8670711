//! The Data Management Framework engine: the four steps of the DMF (seed lines 23815–23903)
//! on a model's data, places and events, as pure functions.
//!
//! | step | module |
//! |---|---|
//! | STEP 1 the event flow and lineage | [`flow`] |
//! | STEP 2 the places that apply | [`places`] |
//! | STEP 3 required attributes, A → A′ changes, value | [`attributes`] |
//! | STEP 4 risks per event from 添付B, transfer units, countermeasure status | [`risks`] |
//! | the seed's legal rules | [`rules`] |
//! | transfer gap analysis | [`gap`] |

pub mod attributes;
pub mod flow;
pub mod gap;
mod index;
pub mod places;
pub mod risks;
pub mod rules;

use cpsrisk_model::model::Dmf;
use cpsrisk_model::{Finding, Severity};
use serde::Serialize;

pub use attributes::{AttributeChange, DataValue, Stage};
pub use flow::LineageEdge;
pub use gap::TransferGap;
pub use risks::{RiskFound, Tier, TransferUnits};

/// The places that apply to one data item at one event (STEP 2).
#[derive(Debug, Clone, Serialize)]
pub struct AppliedPlaces {
    pub event: String,
    pub data: String,
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// STEP 1: event IDs in the order they happen, and the lineage of the data.
    pub order: Vec<String>,
    pub lineage: Vec<LineageEdge>,
    /// STEP 2.
    pub places: Vec<AppliedPlaces>,
    /// STEP 3: each data item's attributes as declared and after each event that changes them.
    pub stages: Vec<Stage>,
    pub attribute_changes: Vec<AttributeChange>,
    pub values: Vec<DataValue>,
    /// STEP 4: **contract** `risks[]` with `catalog_id` and `event`.
    pub risks: Vec<RiskFound>,
    pub transfer_units: Vec<TransferUnits>,
    pub transfer_gaps: Vec<TransferGap>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub events: usize,
    pub risks: usize,
    /// Risks the model's facts put in play (`tier: primary`).
    pub risks_primary: usize,
    pub risks_untreated: usize,
    pub gaps: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn assess(model: &Dmf) -> Assessment {
    let ix = index::Index::new(model);
    let flow = flow::flow(&ix);
    let step3 = attributes::step3(&ix);
    let mut places = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in &ix.order {
        for d in e.inputs.iter().chain(&e.outputs) {
            let key = (e.id.value.clone(), d.value.clone());
            let Some(attrs) = step3
                .after_event
                .get(&key)
                .or_else(|| step3.at_event.get(&key))
            else {
                continue;
            };
            if !seen.insert(key.clone()) {
                continue;
            }
            let applied = places::applicable(&ix, attrs, e)
                .into_iter()
                .map(|p| p.id.value.clone())
                .collect();
            places.push(AppliedPlaces {
                event: e.id.value.clone(),
                data: d.value.clone(),
                places: applied,
            });
        }
    }
    let step4 = risks::step4(&ix, &step3);
    let (transfer_gaps, gap_findings) = gap::gaps(&ix, &step3);
    let rule_findings = rules::rules(&ix, &step3);
    let mut findings = flow.findings;
    findings.extend(step3.findings);
    findings.extend(step4.findings);
    findings.extend(rule_findings);
    findings.extend(gap_findings);
    findings.sort_by_key(|f| (f.line, f.column, f.code));
    let summary = Summary {
        events: model.events.len(),
        risks: step4.risks.len(),
        risks_primary: step4
            .risks
            .iter()
            .filter(|r| r.tier == Tier::Primary)
            .count(),
        risks_untreated: step4.risks.iter().filter(|r| !r.treated).count(),
        gaps: transfer_gaps
            .iter()
            .flat_map(|g| &g.verdicts)
            .filter(|(_, v)| *v == "gap")
            .count(),
        warnings: Severity::Warning.count(&findings),
        infos: Severity::Info.count(&findings),
    };
    Assessment {
        order: flow.order,
        lineage: flow.lineage,
        places,
        stages: step3.stages,
        attribute_changes: step3.changes,
        values: step3.values,
        risks: step4.risks,
        transfer_units: step4.units,
        transfer_gaps,
        findings,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dmf(yaml: &str) -> Dmf {
        serde_saphyr::from_str(yaml).expect("test model")
    }

    const BASE: &str = "
places:
  - { id: appi, name: APPI, rule: law, categories: [personal-data], jurisdiction: JP, requires: [purpose, value] }
  - { id: nda, name: NDA, rule: contract, categories: [intellectual-property], binds: [b] }
  - { id: rules, name: Internal rules, rule: internal-rule, categories: [], binds: [a] }
  - { id: gdpr, name: GDPR, rule: law, categories: [personal-data], jurisdiction: EU, binds: [b] }
organisations:
  - { id: a, name: A, country: JP }
  - { id: b, name: B, country: JP }
data:
  - id: x
    name: X
    attributes: { personal: personal-data, ip: trade-secret }
    judgements: { confidentiality: high, integrity: very-high, availability: low }
events:
";

    #[test]
    fn order_keeps_after_then_file_order() {
        let d = dmf(&format!(
            "{BASE}  - {{ id: e3, kind: storage, name: s, inputs: [x], after: [e2] }}\n  - {{ id: e1, kind: generation, name: g, outputs: [x] }}\n  - {{ id: e2, kind: processing, name: p, inputs: [x], outputs: [x], after: [e1] }}\n"
        ));
        assert_eq!(assess(&d).order, ["e1", "e2", "e3"]);
    }

    #[test]
    fn places_apply_by_category_and_scope() {
        let d = dmf(&format!(
            "{BASE}  - {{ id: e1, kind: generation, name: g, outputs: [x], at: {{ organisation: a }} }}\n  - {{ id: e2, kind: transfer, name: t, inputs: [x], outputs: [x], at: {{ organisation: a }}, to: {{ organisation: b }} }}\n"
        ));
        let a = assess(&d);
        let at = |e: &str| {
            a.places
                .iter()
                .find(|p| p.event == e)
                .unwrap()
                .places
                .clone()
        };
        assert_eq!(
            at("e1"),
            ["appi", "rules"],
            "the NDA binds only B; the rules bind A and name no category"
        );
        assert_eq!(
            at("e2"),
            ["appi", "nda", "rules", "gdpr"],
            "a law that binds B applies outside its jurisdiction"
        );
        let value = a.values.iter().find(|v| v.data == "x").unwrap();
        assert_eq!(
            (
                value.value.map(cpsrisk_model::levels::Named::id),
                value.basis
            ),
            (Some("very-high"), "derived")
        );
        assert!(
            a.findings
                .iter()
                .any(|f| f.code == "DMF-A01" && f.message.en.contains("Purpose of use")),
            "APPI requires a purpose"
        );
        assert!(
            !a.findings
                .iter()
                .any(|f| f.code == "DMF-A01" && f.message.en.contains("Value")),
            "the value is derived"
        );
    }

    #[test]
    fn storage_without_source_and_use_after_disposal() {
        let d = dmf(&format!(
            "{BASE}  - {{ id: e1, kind: storage, name: s, inputs: [x] }}\n  - {{ id: e2, kind: generation, name: g, outputs: [x] }}\n  - {{ id: e3, kind: disposal, name: d, inputs: [x] }}\n  - {{ id: e4, kind: processing, name: p, inputs: [x] }}\n"
        ));
        let codes: Vec<&str> = assess(&d).findings.iter().map(|f| f.code).collect();
        assert!(codes.contains(&"DMF-F04"), "{codes:?}");
        assert!(codes.contains(&"DMF-F02"), "{codes:?}");
        assert!(codes.contains(&"DMF-F03"), "{codes:?}");
    }

    #[test]
    fn conditional_risks_need_their_condition() {
        let d = dmf(&format!(
            "{BASE}  - {{ id: e1, kind: generation, name: g, outputs: [x], at: {{ organisation: a }} }}\n  - {{ id: inside, kind: transfer, name: t, inputs: [x], outputs: [x], at: {{ organisation: a, system: s1 }}, to: {{ organisation: a, system: s2 }} }}\n  - {{ id: outside, kind: transfer, name: t, inputs: [x], outputs: [x], at: {{ organisation: a }}, to: {{ organisation: b }} }}\n"
        ));
        let a = assess(&d);
        let has = |event: &str, id: &str| {
            a.risks
                .iter()
                .any(|r| r.event == event && r.catalog_id == id)
        };
        assert!(
            !has("inside", "DMF-T10"),
            "no third party inside one organisation"
        );
        assert!(has("outside", "DMF-T10"), "provision to a third party");
        assert!(!has("outside", "DMF-T12"), "A and B are both in Japan");
        assert!(has("outside", "DMF-T01"), "unconditional risks stay");
    }

    /// Issue 10 item 3: the sensitive-technology (機微技術管理) and social-function (適切な社会機能の
    /// 維持) viewpoints reach STEP 4 where a place of theirs applies (place categories, seed lines
    /// 24312–24320); A-4's row (表A-4.3, 27293–27301) is DMF-V01, sorted under country
    /// (27174–27178) and primary only where the technology leaves the country.
    #[test]
    fn sensitive_technology_and_social_function_reach_step4() {
        let d = dmf("
places:
  - { id: fefta, name: FEFTA, rule: law, categories: [sensitive-technology], jurisdiction: JP }
  - { id: fiea, name: FIEA, rule: law, categories: [social-function], jurisdiction: JP }
organisations:
  - { id: a, name: A, country: JP }
  - { id: b, name: B, country: US }
  - { id: r, name: R, country: JP }
data:
  - { id: design, name: D, attributes: { technology: undetermined } }
  - { id: results, name: R, attributes: { social: insider information } }
events:
  - { id: abroad, kind: transfer, name: t, inputs: [design, results], outputs: [design, results], at: { organisation: a }, to: { organisation: b } }
  - { id: home, kind: transfer, name: t, inputs: [design], outputs: [design], at: { organisation: a }, to: { organisation: r } }
  - { id: screened, kind: transfer, name: t, inputs: [design], outputs: [design], at: { organisation: a }, to: { organisation: b }, records: { export_screening: true } }
");
        let a = assess(&d);
        let risk = |event: &str, id: &str| {
            a.risks
                .iter()
                .find(|r| r.event == event && r.catalog_id == id)
        };
        let v01 = risk("abroad", "DMF-V01").expect("機微技術管理 row");
        assert_eq!(
            (v01.viewpoint.as_str(), v01.unit, v01.tier),
            ("sensitive-technology", Some("country"), Tier::Primary)
        );
        let v02 = risk("abroad", "DMF-V02").expect("適切な社会機能の維持 row");
        assert_eq!((v02.unit, v02.tier), (Some("organisation"), Tier::Primary));
        assert!(
            v02.conditions
                .iter()
                .all(|c| c.condition.basis == "cpsrisk-judgement")
        );
        assert_eq!(
            risk("home", "DMF-V01").unwrap().tier,
            Tier::Catalog,
            "a resident at home"
        );
        assert!(
            risk("screened", "DMF-V01").is_none(),
            "the screening is recorded"
        );
    }

    /// Issue 10 items 1–2: facts decide the tier; insider and trade-secret risks are sorted under
    /// organisation/person (A-4, 27180–27184), not country, and primaries come first.
    #[test]
    fn tiers_follow_the_facts_and_primaries_come_first() {
        let d = dmf(&format!(
            "{BASE}  - {{ id: g, kind: generation, name: g, outputs: [x], at: {{ organisation: a }} }}\n  - {{ id: gd, kind: generation, name: g, outputs: [x], at: {{ organisation: a, device: sensor }} }}\n  - {{ id: t, kind: transfer, name: t, inputs: [x], outputs: [x], at: {{ organisation: a, country: JP }}, to: {{ organisation: b, country: US }} }}\n  - {{ id: s, kind: storage, name: s, inputs: [x], at: {{ organisation: b }} }}\n"
        ));
        let a = assess(&d);
        let tier = |event: &str, id: &str| {
            a.risks
                .iter()
                .find(|r| r.event == event && r.catalog_id == id)
                .map(|r| r.tier)
        };
        assert_eq!(
            tier("g", "DMF-G05"),
            Some(Tier::Catalog),
            "no device at the event"
        );
        assert_eq!(tier("gd", "DMF-G05"), Some(Tier::Primary));
        assert_eq!(tier("t", "DMF-T14"), Some(Tier::Catalog), "A's own data");
        assert_eq!(
            tier("s", "DMF-S17"),
            Some(Tier::Primary),
            "B received it from A"
        );
        let t13 = a
            .risks
            .iter()
            .find(|r| r.event == "t" && r.catalog_id == "DMF-T13")
            .unwrap();
        assert_eq!(t13.unit, Some("organisation"));
        let g: Vec<Tier> = a
            .risks
            .iter()
            .filter(|r| r.event == "g")
            .map(|r| r.tier)
            .collect();
        assert!(g.is_sorted(), "{g:?}");
        assert_eq!(
            a.summary.risks_primary,
            a.risks.iter().filter(|r| r.tier == Tier::Primary).count()
        );
    }
}
