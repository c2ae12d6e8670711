//! Candidate requirements for each device threat (2-2-3 ②) and whether the decisions treat it.
//!
//! The candidates of a threat are those the model lists for it plus those the six use cases'
//! candidate tables pair with the threat (catalog `iot-ssf-threat-requirements`). A threat is
//! treated when a decision that is not `not-adopted` takes a requirement for it — naming the
//! threat explicitly, or being one of its candidates (a decision naming no threat or 全般) — on
//! its device (a decision without devices applies to all), when a control already in place meets one of its candidates on
//! that device, or when the model records why the risk is accepted.

use std::sync::Arc;

use cpsrisk_model::{Loc, Position, Shared};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

use crate::index::Index;
use crate::interned::{Lists, Texts};

/// The threat ID of 全般 (measures effective against many threats).
const GENERAL: &str = "general";

#[derive(Debug, Clone, Serialize)]
pub struct DeviceThreatResult {
    pub device: Shared,
    pub threat: Shared,
    pub threat_name_en: Shared,
    pub threat_name_ja: Shared,
    pub description: Option<String>,
    /// Candidate requirement IDs, the model's first, then the catalog's, without repeats; one
    /// list shared by every device threat with the same candidates.
    pub candidates: Arc<[Candidate]>,
    /// Requirement IDs of the decisions that treat this threat, sorted; shared like `candidates`.
    pub treated_by: Arc<[Shared]>,
    pub accepted: Option<Shared>,
    #[serde(skip)]
    pub at: Position,
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub id: Shared,
    /// `model` when the model lists it for this threat, `catalog` when the use cases' candidate
    /// tables pair it with the threat, `cpsrisk-judgement` when cpsrisk does (catalog
    /// `iot-ssf-threat-requirements`, `basis`).
    pub from: &'static str,
}

/// Which requirements treat which threats on which devices, from the decisions that take a
/// requirement and the controls in place; built once so that each device threat is answered
/// by a few lookups, whatever the number of decisions.
#[derive(Default)]
struct Coverage<'a> {
    /// Decisions naming a threat, without devices: the threat on every device.
    threat_anywhere: HashMap<&'a str, Vec<&'a str>>,
    /// Decisions naming a threat on given devices.
    threat_on_device: HashMap<(&'a str, &'a str), Vec<&'a str>>,
    /// Decisions naming no threat, and controls, without devices.
    requirement_anywhere: HashSet<&'a str>,
    /// The same, on given devices.
    requirement_on_device: HashSet<(&'a str, &'a str)>,
}

impl<'a> Coverage<'a> {
    fn new(ix: &Index<'a>) -> Self {
        let mut c = Coverage::default();
        for d in ix.taken.values().flatten() {
            let requirement = d.requirement.as_str();
            // 全般 is no threat of its own but a measure 「様々な脅威に対して共通に有効な対策」
            // (footnote 28, seed line 8804): like a decision naming no threat, it treats each
            // threat of its devices for which its requirement is a candidate.
            if d.threats.is_empty() || d.threats.iter().any(|t| t.as_str() == GENERAL) {
                c.add_requirement(requirement, &d.devices);
            }
            for t in &d.threats {
                if d.devices.is_empty() {
                    c.threat_anywhere
                        .entry(t.as_str())
                        .or_default()
                        .push(requirement);
                }
                for device in &d.devices {
                    c.threat_on_device
                        .entry((t.as_str(), device.as_str()))
                        .or_default()
                        .push(requirement);
                }
            }
        }
        for control in &ix.model.controls {
            if let Some(r) = &control.requirement {
                c.add_requirement(r.as_str(), &control.devices);
            }
        }
        // Many decisions take the same requirement against the same threat: keep each once,
        // so that a device threat copies only the distinct ones.
        for ids in c
            .threat_anywhere
            .values_mut()
            .chain(c.threat_on_device.values_mut())
        {
            ids.sort_unstable();
            ids.dedup();
        }
        c
    }

    fn add_requirement(&mut self, requirement: &'a str, devices: &'a [Loc<String>]) {
        if devices.is_empty() {
            self.requirement_anywhere.insert(requirement);
        }
        for device in devices {
            self.requirement_on_device
                .insert((requirement, device.as_str()));
        }
    }

    /// Puts into `treating` the requirement IDs that treat `threat` on `device`, given its
    /// candidates, possibly repeated and unsorted.
    fn treating(
        &self,
        threat: &'a str,
        device: &'a str,
        candidates: &[(&'a str, &'static str)],
        treating: &mut Vec<&'a str>,
    ) {
        treating.clear();
        treating.extend(self.threat_anywhere.get(threat).into_iter().flatten());
        treating.extend(
            self.threat_on_device
                .get(&(threat, device))
                .into_iter()
                .flatten(),
        );
        treating.extend(candidates.iter().map(|&(id, _)| id).filter(|&id| {
            self.requirement_anywhere.contains(id)
                || self.requirement_on_device.contains(&(id, device))
        }));
    }
}

/// What the catalog says of a kind of threat, looked up once per kind rather than once per
/// device threat.
struct ThreatKind<'a> {
    name_en: Shared,
    name_ja: Shared,
    /// The use cases' candidates for it (and cpsrisk's), with where each comes from.
    candidates: Vec<(&'a str, &'static str)>,
}

impl<'a> ThreatKind<'a> {
    fn new(ix: &Index<'a>, threat: &'a str, texts: &mut Texts<'a>) -> Self {
        let (en, ja) = ix.catalog.threat(threat).map_or((threat, threat), |c| {
            (c.name_en.as_str(), c.name_ja.as_str())
        });
        ThreatKind {
            name_en: texts.get(en),
            name_ja: texts.get(ja),
            candidates: ix
                .catalog
                .candidates_for_threat(threat)
                .map(|p| {
                    let from = if p.basis == "seed" {
                        "catalog"
                    } else {
                        "cpsrisk-judgement"
                    };
                    (p.requirement.as_str(), from)
                })
                .collect(),
        }
    }
}

pub fn device_threats<'a>(ix: &Index<'a>) -> Vec<DeviceThreatResult> {
    let coverage = Coverage::new(ix);
    let mut texts = Texts::default();
    let mut kinds: HashMap<&'a str, ThreatKind<'a>> = HashMap::default();
    let mut candidate_lists = Lists::default();
    let mut treating_lists = Lists::default();
    // Reused for every device threat: (candidate ID, where from), and the treating IDs.
    let mut candidates: Vec<(&'a str, &'static str)> = Vec::new();
    let mut treating: Vec<&'a str> = Vec::new();
    let mut out = Vec::with_capacity(ix.model.threats.len());
    for t in &ix.model.threats {
        let threat = t.threat.as_str();
        let device = t.device.as_str();
        let kind = kinds
            .entry(threat)
            .or_insert_with(|| ThreatKind::new(ix, threat, &mut texts));
        candidates.clear();
        let model_listed = t.requirements.iter().map(|r| (r.as_str(), "model"));
        for (id, from) in model_listed.chain(kind.candidates.iter().copied()) {
            if !candidates.iter().any(|&(seen, _)| seen == id) {
                candidates.push((id, from));
            }
        }
        coverage.treating(threat, device, &candidates, &mut treating);
        out.push(DeviceThreatResult {
            device: texts.get(device),
            threat: texts.get(threat),
            threat_name_en: kind.name_en.clone(),
            threat_name_ja: kind.name_ja.clone(),
            description: t.description.clone(),
            candidates: candidate_lists.get(&candidates, |list| {
                list.iter()
                    .map(|&(id, from)| Candidate {
                        id: texts.get(id),
                        from,
                    })
                    .collect()
            }),
            // Sorted only the first time a list is seen: most device threats repeat one.
            treated_by: treating_lists.get(&treating, |list| {
                let mut sorted = list.to_vec();
                sorted.sort_unstable();
                sorted.dedup();
                sorted.into_iter().map(|id| texts.get(id)).collect()
            }),
            accepted: t.accepted.as_deref().map(|a| texts.get(a)),
            at: t.device.at,
        });
    }
    out
}
