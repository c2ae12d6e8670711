//! Data Management Framework catalogs (添付B): the 71 risks of 表B-2.1 … B-2.5, the
//! countermeasures of 表B-2.6 with their crosswalk (plus the two the risk tables use but 表B-2.6
//! lacks), the threats of 表B-1.3 / B-1.4 and the threat-actor classes of 表B-1.2.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::Source;

/// One risk: an incident cell of 表B-2.1 … B-2.5, or (in `dmf-viewpoint-risks`) a risk of a
/// legal viewpoint 表B-2 has no rows for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub table: String,
    pub row: u32,
    /// `generation`, `processing`, `transfer`, `storage` or `disposal`.
    pub event: String,
    /// `confidentiality`, `integrity`, `availability`, `personal-data`, `intellectual-property`;
    /// `sensitive-technology` or `social-function` in `dmf-viewpoint-risks`.
    pub viewpoint: String,
    pub viewpoint_ja: String,
    /// `adversarial`, `accidental`, `structural`, `environmental`; null where the seed prints none.
    pub actor: Option<String>,
    pub actor_ja: Option<String>,
    pub text_ja: String,
    pub text_en: String,
    pub threats: Vec<String>,
    pub threats_ja: Vec<String>,
    pub countermeasures: Vec<String>,
    /// For the cells with two threats: which countermeasures answer which threat.
    #[serde(default)]
    pub threat_countermeasures: Vec<ThreatCountermeasures>,
    pub countermeasures_ja: Vec<String>,
    /// Conditions under which the risk makes sense at all (not a column of 表B-2):
    /// `pseudonymised-or-anonymised`, `third-party`, `cross-border`; each says its basis.
    #[serde(default)]
    pub applies_if: Vec<RiskCondition>,
    /// Facts of the model that put the risk in play; where one does not hold, the risk is kept
    /// in the `catalog` tier below the `primary` ones.
    #[serde(default)]
    pub primary_if: Vec<RiskCondition>,
    /// Where the entry comes from when not a row of 表B-2: `seed-use-case` (a use case's risk
    /// table) or `cpsrisk-judgement`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub source: Source,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A condition on the model's facts that a risk depends on, with who says so.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskCondition {
    pub condition: String,
    /// `seed` where the seed states it, `cpsrisk-judgement` otherwise.
    pub basis: String,
    pub rationale: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatCountermeasures {
    pub threat: String,
    pub countermeasures: Vec<String>,
}

/// One countermeasure of 表B-2.6 (or used by the risk tables only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Countermeasure {
    pub id: String,
    pub row: Option<u32>,
    pub name_ja: String,
    pub name_en: String,
    #[serde(default)]
    pub variants_ja: Vec<String>,
    pub events: Vec<String>,
    pub events_ja: Option<String>,
    #[serde(default)]
    pub cpsf: Vec<String>,
    #[serde(default)]
    pub iso27001: Vec<String>,
    #[serde(default)]
    pub sp800_53: Vec<String>,
    #[serde(default)]
    pub dmbok: Vec<String>,
    #[serde(default)]
    pub guidelines: Vec<Guideline>,
    pub in_mapping_table: bool,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    pub source: Source,
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guideline {
    pub text_ja: String,
    pub text_en: String,
}

/// A correction of a garbled mapping of 表B-2.6: what was printed and what is recorded.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub field: String,
    pub printed: serde_json::Value,
    pub recorded: serde_json::Value,
    pub reason: String,
}

/// A named entry with a definition: a threat or a threat-actor class.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Term {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    #[serde(default)]
    pub text_ja: Option<String>,
    #[serde(default)]
    pub text_en: Option<String>,
    pub source: Source,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Everything else the file carries (family, variants), kept for export.
    #[serde(flatten)]
    pub more: serde_json::Map<String, serde_json::Value>,
}

/// A standard the DMF names for choosing measures (3-1, seed lines 24509–24537).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceStandard {
    pub id: String,
    /// `risk-management`, `general` or `event`.
    pub group: String,
    /// For the `event` group: `generation`, `transfer`, `processing` or `disposal`.
    #[serde(default)]
    pub event: Option<String>,
    pub name_ja: String,
    pub name_en: String,
    #[serde(default)]
    pub condition_ja: Option<String>,
    #[serde(default)]
    pub condition_en: Option<String>,
    pub source: Source,
}

pub struct DmfCatalogs {
    pub risks: Vec<Risk>,
    /// The standards named per event and for the whole process (catalog `dmf-reference-standards`).
    pub reference_standards: Vec<ReferenceStandard>,
    /// Risks of the sensitive-technology and social-function viewpoints (`DMF-V…`).
    pub viewpoint_risks: Vec<Risk>,
    pub countermeasures: Vec<Countermeasure>,
    pub threats: Vec<Term>,
    pub actors: Vec<Term>,
    countermeasure_index: HashMap<String, usize>,
    risks_by_event: HashMap<String, Vec<usize>>,
}

impl DmfCatalogs {
    fn load() -> Self {
        let risks: Vec<Risk> = embedded_catalog!("dmf", "dmf-risks.yaml");
        let countermeasures: Vec<Countermeasure> =
            embedded_catalog!("dmf", "dmf-countermeasures.yaml");
        let threats: Vec<Term> = embedded_catalog!("dmf", "dmf-threats.yaml");
        let actors: Vec<Term> = embedded_catalog!("dmf", "dmf-actors.yaml");
        let viewpoint_risks: Vec<Risk> = embedded_catalog!("dmf", "dmf-viewpoint-risks.yaml");
        let mut risks_by_event: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in risks.iter().chain(&viewpoint_risks).enumerate() {
            risks_by_event.entry(r.event.clone()).or_default().push(i);
        }
        DmfCatalogs {
            reference_standards: embedded_catalog!("dmf", "dmf-reference-standards.yaml"),
            countermeasure_index: countermeasures
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.clone(), i))
                .collect(),
            risks_by_event,
            risks,
            viewpoint_risks,
            countermeasures,
            threats,
            actors,
        }
    }

    pub fn countermeasure(&self, id: &str) -> Option<&Countermeasure> {
        self.countermeasure_index
            .get(id)
            .map(|&i| &self.countermeasures[i])
    }

    /// The standards 3-1 names for the details of one event kind (group `event`), in seed order.
    pub fn standards_for_event<'a>(
        &'a self,
        event: &'a str,
    ) -> impl Iterator<Item = &'a ReferenceStandard> {
        self.reference_standards
            .iter()
            .filter(move |s| s.event.as_deref() == Some(event))
    }

    /// The risks of one event kind, in table order, then those of the other viewpoints.
    pub fn risks_for_event(&self, event: &str) -> impl Iterator<Item = &Risk> {
        self.risks_by_event
            .get(event)
            .into_iter()
            .flatten()
            .map(|&i| {
                self.risks
                    .get(i)
                    .unwrap_or_else(|| &self.viewpoint_risks[i - self.risks.len()])
            })
    }

    pub fn threat(&self, id: &str) -> Option<&Term> {
        self.threats.iter().find(|t| t.id == id)
    }

    pub fn actor(&self, id: &str) -> Option<&Term> {
        self.actors.iter().find(|t| t.id == id)
    }
}

/// The DMF catalogs compiled into this binary.
pub fn catalogs() -> &'static DmfCatalogs {
    static CATALOGS: LazyLock<DmfCatalogs> = LazyLock::new(DmfCatalogs::load);
    &CATALOGS
}
