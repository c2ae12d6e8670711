//! The requirements the assessment proposes or records as selected, each with the CPSF measure
//! IDs behind it (添付B) and why it is listed.

use std::collections::BTreeSet;

use cpsrisk_model::levels::{DecisionStatus, ImplTarget};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

use crate::device_threats::{Candidate, DeviceThreatResult};
use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct RequirementResult {
    pub id: String,
    pub name_en: String,
    pub name_ja: String,
    pub viewpoint: u8,
    pub target: Option<ImplTarget>,
    /// False for a requirement of the model's own.
    pub in_catalog: bool,
    /// CPSF measure IDs of 添付B.
    pub cpsf: Vec<String>,
    /// Policies that map to it.
    pub policies: Vec<String>,
    /// It is a candidate for a device threat that no decision treats yet.
    pub proposed_for_untreated_threats: bool,
    /// The decisions on it: status and implementer.
    pub decisions: Vec<DecisionRef>,
    /// Descriptions of the controls already in place that meet it.
    pub existing_controls: Vec<String>,
    /// `selected` when a decision takes it, `existing-control` when only a control in place
    /// meets it, `not-adopted` when every decision rejects it, `proposed` otherwise.
    pub state: &'static str,
    pub high_impact: bool,
    /// How the seed's six use cases took it up: IDs of catalog `iot-ssf-case-examples`
    /// (`UC1-表8-15`: use case 1, 表8 row 15; `UC4-p3`: a policy of use case 4).
    pub seed_cases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRef {
    /// The implementer, the first of them for a joint decision.
    pub implementer: String,
    /// The others who implement it jointly (`implementers` in the model).
    pub joint_with: Vec<String>,
    pub status: DecisionStatus,
    pub reason: Option<String>,
}

pub fn requirements(ix: &Index, threats: &[DeviceThreatResult]) -> Vec<RequirementResult> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    ids.extend(
        ix.model
            .policies
            .iter()
            .flat_map(|p| p.requirements.iter().map(|r| r.as_str())),
    );
    ids.extend(ix.model.decisions.iter().map(|d| d.requirement.as_str()));
    ids.extend(ix.controls.keys().copied());
    // Device threats share their candidate lists: each list is read once.
    let mut lists_seen: HashSet<*const Candidate> = HashSet::default();
    let mut untreated: HashSet<&str> = HashSet::default();
    for t in threats
        .iter()
        .filter(|t| t.treated_by.is_empty() && t.accepted.is_none())
    {
        if lists_seen.insert(t.candidates.as_ptr()) {
            untreated.extend(t.candidates.iter().map(|c| c.id.as_str()));
        }
    }
    ids.extend(untreated.iter().copied());

    let mut policies_of: HashMap<&str, Vec<String>> = HashMap::default();
    for p in &ix.model.policies {
        for r in &p.requirements {
            policies_of
                .entry(r.as_str())
                .or_default()
                .push(p.id.value.clone());
        }
    }
    let mut decisions_of: HashMap<&str, Vec<DecisionRef>> = HashMap::default();
    let mut high_impact: BTreeSet<&str> = BTreeSet::new();
    for d in &ix.model.decisions {
        let implementers: Vec<String> = d.implementers().map(|s| s.value.clone()).collect();
        decisions_of
            .entry(d.requirement.as_str())
            .or_default()
            .push(DecisionRef {
                implementer: implementers.first().cloned().unwrap_or_default(),
                joint_with: implementers.get(1..).unwrap_or_default().to_vec(),
                status: d.status.value,
                reason: d.reason.clone(),
            });
        if d.high_impact {
            high_impact.insert(d.requirement.as_str());
        }
    }

    let mut out: Vec<RequirementResult> = ids
        .into_iter()
        .filter_map(|id| {
            let info = ix.requirement(id)?;
            let decisions = decisions_of.remove(id).unwrap_or_default();
            let policies = policies_of.remove(id).unwrap_or_default();
            let existing_controls: Vec<String> = ix
                .controls
                .get(id)
                .into_iter()
                .flatten()
                .map(|c| c.description.clone())
                .collect();
            let state = if decisions
                .iter()
                .any(|d| d.status != DecisionStatus::NotAdopted)
            {
                "selected"
            } else if !existing_controls.is_empty() {
                "existing-control"
            } else if !decisions.is_empty() {
                "not-adopted"
            } else {
                "proposed"
            };
            Some(RequirementResult {
                id: id.to_string(),
                name_en: info.name_en.to_string(),
                name_ja: info.name_ja.to_string(),
                viewpoint: info.viewpoint,
                target: info.target,
                in_catalog: info.in_catalog,
                cpsf: ix
                    .catalog
                    .requirement(id)
                    .map(|r| r.cpsf.clone())
                    .unwrap_or_default(),
                high_impact: high_impact.contains(id) || !policies.is_empty(),
                policies,
                proposed_for_untreated_threats: untreated.contains(id),
                decisions,
                existing_controls,
                state,
                seed_cases: ix
                    .catalog
                    .case_examples_for(id)
                    .map(|e| e.id.clone())
                    .collect(),
            })
        })
        .collect();
    // 表A-1 order (the IDs sort that way), then the model's own requirements.
    out.sort_by_key(|r| !r.in_catalog);
    out
}
