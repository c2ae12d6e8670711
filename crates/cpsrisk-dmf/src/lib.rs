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
pub use risks::{RiskFound, TransferUnits};

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
            let applied = model
                .places
                .iter()
                .filter(|p| places::applies(&ix, p, attrs, e))
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
