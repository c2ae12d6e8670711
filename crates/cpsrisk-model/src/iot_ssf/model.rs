//! The IoT-SSF model: preparation (2-2-1), assessment (2-2-2) and treatment (2-2-3) records.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::levels::{
    Axis1, Axis2, ConsequenceKind, DecisionStatus, DeviceKind, ImplTarget, PrivacyHarm, Role,
    SafetyHarm,
};
use crate::loc::Loc;

/// IoT-SSF input: the preparation (2-2-1), assessment (2-2-2) and treatment (2-2-3) records.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IotSsf {
    /// The applying entity (適用主体): a stakeholder ID.
    pub applying_entity: Loc<String>,
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub devices: Vec<Device>,
    #[serde(default)]
    pub data_flows: Vec<DataFlow>,
    pub target: Target,
    /// Whether law, contract or industry practice requires qualifications or specified
    /// requirements of the people who operate and manage the system; viewpoint-3 requirements
    /// serve only where it does (2-3-3 ③, 2-3-4 ③, 2-3-5 ③).
    #[serde(default)]
    pub operator_requirements: Option<OperatorRequirements>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub ratings: Vec<Rating>,
    #[serde(default)]
    pub policies: Vec<Policy>,
    #[serde(default)]
    pub threats: Vec<DeviceThreat>,
    /// Requirements that 表A-1 does not have; reported as the model's own.
    #[serde(default)]
    pub extra_requirements: Vec<ExtraRequirement>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Controls already in place before this assessment.
    #[serde(default)]
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub description: Option<String>,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub kind: DeviceKind,
    #[serde(default)]
    pub description: Option<String>,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    /// Faces an external network (the Internet, a carrier network).
    #[serde(default)]
    pub external_network: bool,
    /// Acts on the physical world.
    #[serde(default)]
    pub physical_action: bool,
    /// Cannot run security software itself.
    #[serde(default)]
    pub constrained: bool,
    /// The stakeholder who manages it.
    #[serde(default)]
    pub managed_by: Option<Loc<String>>,
    #[serde(default = "default_true")]
    pub in_scope: bool,
    /// Required when `in_scope` is false.
    #[serde(default)]
    pub out_of_scope_reason: Option<String>,
    /// `out_of_scope_reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_scope_reason_en: Option<String>,
    /// `out_of_scope_reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_scope_reason_ja: Option<String>,
    /// The device above it (gateway, server) that protects it.
    #[serde(default)]
    pub protected_by: Option<Loc<String>>,
    /// Free text: e.g. what an imported file said about the device that has no field here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFlow {
    pub id: Loc<String>,
    pub from: Loc<String>,
    pub to: Loc<String>,
    #[serde(default)]
    pub via: Vec<Loc<String>>,
    #[serde(default)]
    pub data: Option<String>,
    #[serde(default)]
    pub data_ja: Option<String>,
    /// `data` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_en: Option<String>,
    /// Free text: e.g. what an imported file said about the flow that has no field here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The target risk level (リスク基準): the highest acceptable level on each axis.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub axis1: Axis1,
    pub axis2: Axis2,
    #[serde(default)]
    pub statement: Option<String>,
    /// `statement` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_en: Option<String>,
    /// `statement` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_ja: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatorRequirements {
    pub required: bool,
    /// Why: the law, contract or circumstance (e.g. users without IT knowledge).
    #[serde(default)]
    pub basis: Option<String>,
    /// `basis` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_en: Option<String>,
    /// `basis` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_ja: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: Loc<String>,
    pub description: String,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    /// Devices the incident starts from.
    #[serde(default)]
    pub devices: Vec<Loc<String>>,
    /// Threat IDs of the catalog `iot-ssf-threats`.
    #[serde(default)]
    pub threats: Vec<Loc<String>>,
    #[serde(default)]
    pub consequences: Vec<ConsequenceKind>,
    /// Stakeholders it affects.
    #[serde(default)]
    pub affects: Vec<Loc<String>>,
}

/// One stakeholder's assessment on the two axes (2-2-2 ②).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub stakeholder: Loc<String>,
    #[serde(default)]
    pub incidents: Vec<Loc<String>>,
    pub axis1: Axis1Rating,
    pub axis2: Axis2Rating,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Axis1Rating {
    pub level: Loc<Axis1>,
    #[serde(default)]
    pub safety: Option<SafetyHarm>,
    #[serde(default)]
    pub privacy: Option<PrivacyHarm>,
    #[serde(default)]
    pub reasoning: Option<String>,
    /// `reasoning` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_en: Option<String>,
    /// `reasoning` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_ja: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Axis2Rating {
    pub level: Loc<Axis2>,
    /// Direct impact inside the stakeholder that matters to it.
    #[serde(default)]
    pub direct_internal: Option<bool>,
    /// Direct impact outside: customers, partners, the supply chain.
    #[serde(default)]
    pub direct_external: Option<bool>,
    /// The direct impact lasts long or recovery is slow.
    #[serde(default)]
    pub long_duration: Option<bool>,
    /// An alternative means (a DR site, manual operation) reduces the impact.
    #[serde(default)]
    pub substitutable: Option<bool>,
    /// A large-scale recall (indirect impact) is expected.
    #[serde(default)]
    pub large_recall: Option<bool>,
    #[serde(default)]
    pub reasoning: Option<String>,
    /// `reasoning` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_en: Option<String>,
    /// `reasoning` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning_ja: Option<String>,
}

/// A countermeasure policy for a risk outside the target (影響度が大きいリスクに対処するための対策方針).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: Loc<String>,
    pub stakeholder: Loc<String>,
    /// The axes it addresses: 1, 2 or both.
    #[serde(default)]
    pub axes: Vec<Loc<u8>>,
    pub text: String,
    #[serde(default)]
    pub text_ja: Option<String>,
    /// `text` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
    /// Requirement IDs (`SSF-Rnn` or an extra requirement's ID).
    #[serde(default)]
    pub requirements: Vec<Loc<String>>,
}

/// A threat to a device (2-2-3 ①).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeviceThreat {
    pub device: Loc<String>,
    pub threat: Loc<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    /// Candidate requirements the model lists for this threat, besides the catalog's.
    #[serde(default)]
    pub requirements: Vec<Loc<String>>,
    /// Why the residual risk is accepted without a measure.
    #[serde(default)]
    pub accepted: Option<String>,
    /// `accepted` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_en: Option<String>,
    /// `accepted` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_ja: Option<String>,
}

/// A requirement that 表A-1 does not have.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraRequirement {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub viewpoint: Loc<u8>,
    pub target: ImplTarget,
}

/// A decision on a requirement (2-2-3 ③): the measures, who implements them, and their status.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub requirement: Loc<String>,
    /// Stakeholder ID: the applying entity, or the stakeholder it asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementer: Option<Loc<String>>,
    /// Stakeholder IDs of several organisations that implement the measures jointly: the
    /// decision is recorded once and shown in each one's table. Give this or `implementer`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implementers: Vec<Loc<String>>,
    pub status: Loc<DecisionStatus>,
    /// Required when the status is `not-adopted`.
    #[serde(default)]
    pub reason: Option<String>,
    /// `reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_en: Option<String>,
    /// `reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_ja: Option<String>,
    /// Serves a policy for a high-impact risk (〇 in 表8–表11).
    #[serde(default)]
    pub high_impact: bool,
    #[serde(default)]
    pub devices: Vec<Loc<String>>,
    /// Threat IDs it addresses; without them the catalog's crosswalk decides.
    #[serde(default)]
    pub threats: Vec<Loc<String>>,
    #[serde(default)]
    pub measures: Vec<String>,
    /// `measures` in English, where they are written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures_en: Vec<String>,
    /// `measures` in Japanese, where they are written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures_ja: Vec<String>,
    /// The example measures of 添付B it takes up, by ID (`SSF-R04.m1.1`: before employment;
    /// catalog `iot-ssf-measures`); each must belong to `requirement`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annex_b: Vec<Loc<String>>,
    /// Where the row comes from, e.g. "表8 No.5".
    #[serde(default)]
    pub source_row: Option<String>,
}

impl Decision {
    /// Who implements it: `implementer`, or each of `implementers`.
    pub fn implementers(&self) -> impl Iterator<Item = &Loc<String>> {
        self.implementer.iter().chain(&self.implementers)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub description: String,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
    #[serde(default)]
    pub requirement: Option<Loc<String>>,
    #[serde(default)]
    pub devices: Vec<Loc<String>>,
}
