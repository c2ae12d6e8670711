//! The conformance model: a consumer IoT product, the supplier's statements per provision of
//! EN 303 645, the test lab's verdicts per test case of TS 103 701, and label evidence.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::levels::{ProvisionStatus, Verdict};
use crate::loc::Loc;

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
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The model designation (EN 303 645 5.3-16).
    #[serde(default)]
    pub model_designation: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `description` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    /// `description` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_ja: Option<String>,
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
    /// `implementation` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_en: Option<String>,
    /// `implementation` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_ja: Option<String>,
    /// Why it is not applicable or not met; required then (EN 303 645 provision 4-1).
    #[serde(default)]
    pub justification: Option<String>,
    /// `justification` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification_en: Option<String>,
    /// `justification` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification_ja: Option<String>,
    /// Extra information the test lab needs (IXIT).
    #[serde(default)]
    pub ixit: Vec<String>,
    /// `ixit` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ixit_en: Vec<String>,
    /// `ixit` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ixit_ja: Vec<String>,
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
    /// `notes` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_en: Option<String>,
    /// `notes` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_ja: Option<String>,
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
