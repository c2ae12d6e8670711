//! The model file: one system described once, read by every engine that has input in it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::levels::{
    AttributeName, Axis1, Axis2, CloudLayer, ConsequenceKind, CountermeasureStatus, DecisionStatus,
    DeviceKind, EventKind, ImplTarget, IpCategory, PersonalCategory, PlaceCategory, PlaceRule,
    PrivacyHarm, ProvisionStatus, Role, SafetyHarm, TechCategory, ValueLevel, Verdict,
};
use crate::loc::Loc;

/// A cpsrisk model (format version 1).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "cpsrisk model")]
pub struct Model {
    /// Format version: 1.
    pub cpsrisk: Loc<u32>,
    pub system: System,
    /// Input for the IoT-SSF engine.
    #[serde(default)]
    pub iot_ssf: Option<IotSsf>,
    /// Input for the consumer IoT conformance engine (EN 303 645, TS 103 701).
    #[serde(default)]
    pub conformance: Option<Conformance>,
    /// Input for the Data Management Framework engine.
    #[serde(default)]
    pub dmf: Option<Dmf>,
}

/// The system under assessment (IoT-SSF 2-2-1 ①).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    #[serde(default)]
    pub overview: Option<Overview>,
    #[serde(default)]
    pub scope_notes: Vec<String>,
    /// Where the model comes from, e.g. a use case of the seed.
    #[serde(default)]
    pub source: Option<ModelSource>,
    /// How an ambiguous or inconsistent source was read.
    #[serde(default)]
    pub reading_notes: Vec<String>,
}

/// The overview in 5W1H.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub who: Option<String>,
    #[serde(default)]
    pub what: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default, rename = "where")]
    pub where_: Option<String>,
    #[serde(default)]
    pub how: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSource {
    pub document: String,
    #[serde(default)]
    pub lines: Option<[u32; 2]>,
}

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
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    pub kind: DeviceKind,
    #[serde(default)]
    pub description: Option<String>,
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
    /// The device above it (gateway, server) that protects it.
    #[serde(default)]
    pub protected_by: Option<Loc<String>>,
}

/// A map read with every key at most once: serde-saphyr rejects a repeated key itself, serde_json
/// would keep the last value, so the JSON path fails here and the YAML parser explains.
fn unique_keys<'de, D, V>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = std::collections::BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate mapping key: {key}"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
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
}

/// The target risk level (リスク基準): the highest acceptable level on each axis.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub axis1: Axis1,
    pub axis2: Axis2,
    #[serde(default)]
    pub statement: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatorRequirements {
    pub required: bool,
    /// Why: the law, contract or circumstance (e.g. users without IT knowledge).
    #[serde(default)]
    pub basis: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: Loc<String>,
    pub description: String,
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
    /// Candidate requirements the model lists for this threat, besides the catalog's.
    #[serde(default)]
    pub requirements: Vec<Loc<String>>,
    /// Why the residual risk is accepted without a measure.
    #[serde(default)]
    pub accepted: Option<String>,
}

/// A requirement that 表A-1 does not have.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraRequirement {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
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
    #[serde(default)]
    pub requirement: Option<Loc<String>>,
    #[serde(default)]
    pub devices: Vec<Loc<String>>,
}

/// A consumer IoT product and its conformance records: the supplier's implementation
/// conformance statement (ICS) and extra information for testing (IXIT) per provision of
/// EN 303 645, the test lab's verdicts per test case of TS 103 701, and label evidence.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conformance {
    pub product: Product,
    #[serde(default)]
    pub provisions: Vec<ProvisionStatement>,
    #[serde(default)]
    pub tests: Vec<TestResult>,
    #[serde(default)]
    pub label: Option<LabelEvidence>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// The model designation (EN 303 645 5.3-16).
    #[serde(default)]
    pub model_designation: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// True for a made-up example product.
    #[serde(default)]
    pub illustrative: bool,
    /// The published support period (5.3-13), e.g. "until 2031-03-31".
    #[serde(default)]
    pub support_period: Option<String>,
    /// Where the vulnerability disclosure policy is published (5.2-1).
    #[serde(default)]
    pub vulnerability_disclosure_policy: Option<String>,
    pub properties: ProductProperties,
}

/// The properties that decide which provisions apply. A property left out is "not stated",
/// and provisions that depend on it are reported as of unknown applicability.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductProperties {
    /// The device uses passwords in any state other than the factory default.
    #[serde(default)]
    pub uses_passwords: Option<bool>,
    /// Users or administrators authenticate to the device.
    #[serde(default)]
    pub user_authentication: Option<bool>,
    /// A constrained device (EN 303 645 3.1).
    #[serde(default)]
    pub constrained: Option<bool>,
    /// The device has network interfaces.
    #[serde(default)]
    pub network_interfaces: Option<bool>,
    /// The device's software can be updated.
    #[serde(default)]
    pub software_updates: Option<bool>,
    /// Updates are delivered over a network.
    #[serde(default)]
    pub network_updates: Option<bool>,
    /// Automatic update mechanisms are used.
    #[serde(default)]
    pub automatic_updates: Option<bool>,
    /// A debug interface is physically accessible.
    #[serde(default)]
    pub debug_interface_accessible: Option<bool>,
    /// There are associated services (cloud, mobile app).
    #[serde(default)]
    pub associated_services: Option<bool>,
    /// The device or its services process personal data.
    #[serde(default)]
    pub personal_data: Option<bool>,
    /// It processes sensitive personal data.
    #[serde(default)]
    pub sensitive_personal_data: Option<bool>,
    /// It has external sensing capabilities (camera, microphone, sensors).
    #[serde(default)]
    pub external_sensing: Option<bool>,
    /// It collects telemetry data.
    #[serde(default)]
    pub collects_telemetry: Option<bool>,
    /// Personal data processing relies on the consumer's consent.
    #[serde(default)]
    pub consent_based_processing: Option<bool>,
    /// The device has a user interface.
    #[serde(default)]
    pub user_interface: Option<bool>,
    /// Critical security parameters are communicated via remotely accessible interfaces.
    #[serde(default)]
    pub remotely_accessible_interfaces: Option<bool>,
    /// There are network or logical interfaces not needed for operation.
    #[serde(default)]
    pub unused_interfaces: Option<bool>,
}

impl ProductProperties {
    /// A property by its catalog name (`applies_when`); `None` when not stated or unknown.
    pub fn get(&self, name: &str) -> Option<bool> {
        match name {
            "uses_passwords" => self.uses_passwords,
            "user_authentication" => self.user_authentication,
            "constrained" => self.constrained,
            "network_interfaces" => self.network_interfaces,
            "software_updates" => self.software_updates,
            "network_updates" => self.network_updates,
            "automatic_updates" => self.automatic_updates,
            "debug_interface_accessible" => self.debug_interface_accessible,
            "associated_services" => self.associated_services,
            "personal_data" => self.personal_data,
            "sensitive_personal_data" => self.sensitive_personal_data,
            "external_sensing" => self.external_sensing,
            "collects_telemetry" => self.collects_telemetry,
            "consent_based_processing" => self.consent_based_processing,
            "user_interface" => self.user_interface,
            "remotely_accessible_interfaces" => self.remotely_accessible_interfaces,
            "unused_interfaces" => self.unused_interfaces,
            _ => None,
        }
    }
}

/// The supplier's statement on one provision: the ICS entry with its IXIT.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionStatement {
    /// Provision ID, e.g. `5.1-1`.
    pub id: Loc<String>,
    pub status: Loc<ProvisionStatus>,
    /// How the product meets it (the ICS statement).
    #[serde(default)]
    pub implementation: Option<String>,
    /// Why it is not applicable or not met; required then (EN 303 645 provision 4-1).
    #[serde(default)]
    pub justification: Option<String>,
    /// Extra information the test lab needs (IXIT).
    #[serde(default)]
    pub ixit: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The test lab's verdict on one test case.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestResult {
    /// Test case ID, e.g. `5.1-1-1`.
    pub id: Loc<String>,
    pub verdict: Loc<Verdict>,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Evidence for the label levels beyond EN 303 645 (Singapore CLS tiers 2–4).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelEvidence {
    /// The CLS level aimed at, 1–4.
    #[serde(default)]
    pub target_level: Option<Loc<u8>>,
    /// Conformity to the lifecycle requirements is declared (tier 2).
    #[serde(default)]
    pub lifecycle_declaration: Option<String>,
    /// Reference of the test lab's software binary analysis report (tier 3).
    #[serde(default)]
    pub binary_analysis: Option<String>,
    /// Reference of the test lab's penetration test report (tier 4).
    #[serde(default)]
    pub penetration_test: Option<String>,
}

/// Data Management Framework input: data whose attributes change through events inside places.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dmf {
    /// Organisations and people that handle the data.
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    /// Systems and services, including cloud services with their layers.
    #[serde(default)]
    pub systems: Vec<DmfSystem>,
    #[serde(default)]
    pub places: Vec<Place>,
    pub data: Vec<DataItem>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country where it is established, e.g. `JP`, `US`, `EU`;
    /// `unknown` with `country_reason` when it cannot be identified.
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    /// A non-resident (非居住者: a person or company not settled in Japan, seed lines
    /// 26920–26921): technology provided to it is an export even inside the country (a deemed
    /// export, lines 24077–24080).
    #[serde(default)]
    pub non_resident: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DmfSystem {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// The organisation that operates it (for a cloud service: the provider).
    #[serde(default)]
    pub operator: Option<Loc<String>>,
    /// The cloud layer it is, if a cloud service.
    #[serde(default)]
    pub layer: Option<CloudLayer>,
    /// The system it runs on (a SaaS on a PaaS or IaaS).
    #[serde(default)]
    pub runs_on: Option<Loc<String>>,
    /// ISO 3166-1 alpha-2 code of the country where its servers (data centres) are; `unknown`
    /// with `country_reason` when it cannot be identified (the company must then say so and
    /// why, seed footnote 47, lines 26946–26950).
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the servers' country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    /// Whether the operator handles the data on it (for cloud use: false = not a provision to a third party).
    #[serde(default)]
    pub operator_handles_data: Option<bool>,
}

/// A place (場): the scope where one norm about data is shared.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    pub rule: PlaceRule,
    pub categories: Vec<PlaceCategory>,
    /// For a law: the country or region (ISO 3166-1 alpha-2, `EU`) where it applies.
    #[serde(default)]
    pub jurisdiction: Option<Loc<String>>,
    /// For a law: it also applies to data from its jurisdiction handled elsewhere.
    #[serde(default)]
    pub extraterritorial: bool,
    /// The organisations it binds: for a contract, internal rule or terms, its parties (it
    /// applies where one of them takes part); for a law, organisations it binds, which makes
    /// the law apply abroad too, at any event where one of them takes part (e.g. a handler of
    /// personal information under the APPI at its overseas site).
    #[serde(default)]
    pub binds: Vec<Loc<String>>,
    /// The attributes it requires data to carry (the 〇 of the rules × attributes table).
    #[serde(default)]
    pub requires: Vec<AttributeName>,
    /// For a personal data law: countries (ISO 3166-1 alpha-2) whose protection it recognises
    /// as adequate.
    #[serde(default)]
    pub adequate_countries: Vec<Loc<String>>,
}

/// A data item with its attributes: objective facts apart from subjective judgements.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataItem {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    #[serde(default)]
    pub attributes: Attributes,
    #[serde(default)]
    pub judgements: Judgements,
}

/// The objective attributes of data (2-2-3); every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<TechCategory>,
    /// Other categories under a place of proper social functions (e.g. insider information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social: Option<String>,
    /// Who may see it: organisations, departments or roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure_scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controllers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights_holders: Option<Vec<String>>,
    /// Medium and storage location (systems or devices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Countries of handling (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// What the data subjects consented to.
    pub scope: String,
    pub valid: bool,
}

/// Subjective judgements about data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgements {
    /// The value (importance); when left out, the highest of the three impacts.
    #[serde(default)]
    pub value: Option<Loc<ValueLevel>>,
    #[serde(default)]
    pub confidentiality: Option<ValueLevel>,
    #[serde(default)]
    pub integrity: Option<ValueLevel>,
    #[serde(default)]
    pub availability: Option<ValueLevel>,
}

/// An event: data in, data out (A → A′), somewhere.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Loc<String>,
    pub kind: EventKind,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// Events that happen before this one (besides the order of the file).
    #[serde(default)]
    pub after: Vec<Loc<String>>,
    #[serde(default)]
    pub inputs: Vec<Loc<String>>,
    #[serde(default)]
    pub outputs: Vec<Loc<String>>,
    /// How the event changes the attributes of its outputs (A → A′), per data item.
    #[serde(default, deserialize_with = "unique_keys")]
    pub changes: std::collections::BTreeMap<String, Attributes>,
    /// Where it happens (for a transfer: the sending end).
    #[serde(default)]
    pub at: Endpoint,
    /// For a transfer: the receiving end.
    #[serde(default)]
    pub to: Option<Endpoint>,
    /// Compliance facts recorded for the event.
    #[serde(default)]
    pub records: Records,
    #[serde(default)]
    pub countermeasures: Vec<CountermeasureRecord>,
}

/// Where an event (or one end of a transfer) happens: the four units of analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// ISO 3166-1 alpha-2 code; `unknown` with `country_reason`.
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    #[serde(default)]
    pub organisation: Option<Loc<String>>,
    #[serde(default)]
    pub system: Option<Loc<String>>,
    #[serde(default)]
    pub device: Option<String>,
}

/// What was done for the duties the seed's rules impose.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// The data subjects were told the foreign country and its protection measures.
    #[serde(default)]
    pub foreign_country_notice: bool,
    /// Consent of the data subjects was confirmed (personally related information that becomes personal data).
    #[serde(default)]
    pub consent_confirmed: bool,
    /// Records of the provision were made and kept.
    #[serde(default)]
    pub provision_records: bool,
    /// Export control screening was done before providing the technology.
    #[serde(default)]
    pub export_screening: bool,
    /// Safeguards for a cross-border transfer, e.g. `scc`, `consent`, `bcr`.
    #[serde(default)]
    pub safeguards: Vec<String>,
    /// An entrustment contract (委託) makes handing personal data to a provider legitimate, with
    /// the entruster supervising it.
    #[serde(default)]
    pub entrustment: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountermeasureRecord {
    /// `DMF-Cnn`.
    pub id: Loc<String>,
    pub status: CountermeasureStatus,
    /// Required for `not-applicable`.
    #[serde(default)]
    pub reason: Option<String>,
    /// The organisation that implements it, when not the one where the event happens (a
    /// contractor, a provider). Required for `requested`.
    #[serde(default)]
    pub implementer: Option<Loc<String>>,
    /// For `requested`: the organisation that asks (default: the event's organisation), as
    /// when A asks its contractor B for measures equal to its own and checks them by document
    /// or audit (seed lines 27348–27352).
    #[serde(default)]
    pub requested_by: Option<Loc<String>>,
}
