//! Candidate requirements for each device threat (2-2-3 ②) and whether the decisions treat it.
//!
//! The candidates of a threat are those the model lists for it plus those the six use cases'
//! candidate tables pair with the threat (catalog `iot-ssf-threat-requirements`). A threat is
//! treated when a decision that is not `not-adopted` takes a requirement for it — naming the
//! threat explicitly, or being one of its candidates — on its device (a decision without
//! devices applies to all), when a control already in place meets one of its candidates on
//! that device, or when the model records why the risk is accepted.

use cpsrisk_model::Position;
use serde::Serialize;

use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct DeviceThreatResult {
    pub device: String,
    pub threat: String,
    pub threat_name_en: String,
    pub threat_name_ja: String,
    pub description: Option<String>,
    /// Candidate requirement IDs, the model's first, then the catalog's, without repeats.
    pub candidates: Vec<Candidate>,
    /// Requirement IDs of the decisions that treat this threat.
    pub treated_by: Vec<String>,
    pub accepted: Option<String>,
    #[serde(skip)]
    pub at: Position,
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub id: String,
    /// `model` when the model lists it for this threat, `catalog` when the crosswalk does.
    pub from: &'static str,
}

pub fn device_threats(ix: &Index) -> Vec<DeviceThreatResult> {
    ix.model
        .threats
        .iter()
        .map(|t| {
            let threat = t.threat.as_str();
            let mut candidates: Vec<Candidate> = Vec::new();
            let model_listed = t.requirements.iter().map(|r| (r.as_str(), "model"));
            let crosswalk = ix
                .catalog
                .candidates_for_threat(threat)
                .map(|p| (p.requirement.as_str(), "catalog"));
            for (id, from) in model_listed.chain(crosswalk) {
                if !candidates.iter().any(|c| c.id == id) {
                    candidates.push(Candidate {
                        id: id.to_string(),
                        from,
                    });
                }
            }
            let on_device = |devices: &[cpsrisk_model::Loc<String>]| {
                devices.is_empty() || devices.iter().any(|d| d.value == t.device.value)
            };
            let mut treated_by: Vec<String> = Vec::new();
            // Decisions that name the threat treat it whatever their requirement.
            for decision in ix.taken_for_threat.get(threat).into_iter().flatten() {
                if on_device(&decision.devices) {
                    treated_by.push(decision.requirement.value.clone());
                }
            }
            for c in &candidates {
                let decided = ix
                    .taken
                    .get(c.id.as_str())
                    .into_iter()
                    .flatten()
                    .any(|d| d.threats.is_empty() && on_device(&d.devices));
                let controlled = ix
                    .controls
                    .get(c.id.as_str())
                    .into_iter()
                    .flatten()
                    .any(|k| on_device(&k.devices));
                if decided || controlled {
                    treated_by.push(c.id.clone());
                }
            }
            treated_by.sort();
            treated_by.dedup();
            let (en, ja) = ix
                .catalog
                .threat(threat)
                .map(|c| (c.name_en.clone(), c.name_ja.clone()))
                .unwrap_or_else(|| (threat.to_string(), threat.to_string()));
            DeviceThreatResult {
                device: t.device.value.clone(),
                threat: threat.to_string(),
                threat_name_en: en,
                threat_name_ja: ja,
                description: t.description.clone(),
                candidates,
                treated_by,
                accepted: t.accepted.clone(),
                at: t.device.at,
            }
        })
        .collect()
}
