//! Candidate requirements for each device threat (2-2-3 ②) and whether the decisions treat it.
//!
//! The candidates of a threat are those the model lists for it plus those the six use cases'
//! candidate tables pair with the threat (catalog `iot-ssf-threat-requirements`). A threat is
//! treated when a decision that is not `not-adopted` takes a requirement for it — naming the
//! threat explicitly, or being one of its candidates (a decision naming no threat or 全般) — on
//! its device (a decision without devices applies to all), when a control already in place meets one of its candidates on
//! that device, or when the model records why the risk is accepted.

use std::collections::BTreeSet;

use cpsrisk_model::{Loc, Position, Shared};
use foldhash::{HashMap, HashSet};
use serde::Serialize;

use crate::index::Index;

/// The threat ID of 全般 (measures effective against many threats).
const GENERAL: &str = "general";

#[derive(Debug, Clone, Serialize)]
pub struct DeviceThreatResult {
    pub device: Shared,
    pub threat: Shared,
    pub threat_name_en: Shared,
    pub threat_name_ja: Shared,
    pub description: Option<String>,
    /// Candidate requirement IDs, the model's first, then the catalog's, without repeats.
    pub candidates: Vec<Candidate>,
    /// Requirement IDs of the decisions that treat this threat.
    pub treated_by: Vec<Shared>,
    pub accepted: Option<String>,
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
    threat_anywhere: HashMap<&'a str, BTreeSet<&'a str>>,
    /// Decisions naming a threat on given devices.
    threat_on_device: HashMap<(&'a str, &'a str), BTreeSet<&'a str>>,
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
                        .insert(requirement);
                }
                for device in &d.devices {
                    c.threat_on_device
                        .entry((t.as_str(), device.as_str()))
                        .or_default()
                        .insert(requirement);
                }
            }
        }
        for control in &ix.model.controls {
            if let Some(r) = &control.requirement {
                c.add_requirement(r.as_str(), &control.devices);
            }
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

    /// Requirement IDs that treat `threat` on `device`, given its candidates, sorted.
    fn treating(
        &self,
        threat: &'a str,
        device: &'a str,
        candidates: &[Candidate],
        shared: &mut Interner<'a>,
    ) -> Vec<Shared> {
        let mut found: BTreeSet<&str> = BTreeSet::new();
        found.extend(self.threat_anywhere.get(threat).into_iter().flatten());
        found.extend(
            self.threat_on_device
                .get(&(threat, device))
                .into_iter()
                .flatten(),
        );
        let mut treating: Vec<Shared> = found.into_iter().map(|id| shared.get(id)).collect();
        for c in candidates {
            let id = c.id.as_str();
            if (self.requirement_anywhere.contains(id)
                || self.requirement_on_device.contains(&(id, device)))
                && !treating.contains(&c.id)
            {
                treating.push(c.id.clone());
            }
        }
        treating.sort_unstable();
        treating
    }
}

/// Hands out one [`Shared`] per distinct text.
#[derive(Default)]
struct Interner<'a>(HashMap<&'a str, Shared>);

impl<'a> Interner<'a> {
    fn get(&mut self, text: &'a str) -> Shared {
        self.0
            .entry(text)
            .or_insert_with(|| Shared::from(text))
            .clone()
    }
}

pub fn device_threats<'a>(ix: &Index<'a>) -> Vec<DeviceThreatResult> {
    let coverage = Coverage::new(ix);
    let mut shared = Interner::default();
    ix.model
        .threats
        .iter()
        .map(|t| {
            let threat = t.threat.as_str();
            let mut candidates: Vec<Candidate> = Vec::new();
            let model_listed = t.requirements.iter().map(|r| (r.as_str(), "model"));
            let crosswalk = ix.catalog.candidates_for_threat(threat).map(|p| {
                let from = if p.basis == "seed" {
                    "catalog"
                } else {
                    "cpsrisk-judgement"
                };
                (p.requirement.as_str(), from)
            });
            for (id, from) in model_listed.chain(crosswalk) {
                if !candidates.iter().any(|c| c.id == id) {
                    candidates.push(Candidate {
                        id: shared.get(id),
                        from,
                    });
                }
            }
            let treated_by = coverage.treating(threat, t.device.as_str(), &candidates, &mut shared);
            let (en, ja) = ix.catalog.threat(threat).map_or((threat, threat), |c| {
                (c.name_en.as_str(), c.name_ja.as_str())
            });
            DeviceThreatResult {
                device: shared.get(t.device.as_str()),
                threat: shared.get(threat),
                threat_name_en: shared.get(en),
                threat_name_ja: shared.get(ja),
                description: t.description.clone(),
                candidates,
                treated_by,
                accepted: t.accepted.clone(),
                at: t.device.at,
            }
        })
        .collect()
}
