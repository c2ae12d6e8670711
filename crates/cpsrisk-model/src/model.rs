//! The model file: one system described once, read by every engine that has input in it. The
//! framework sections are in `iot_ssf`, `conformance` and `dmf`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::loc::Loc;

// Each framework's types live in its own module; re-exported here so that
// `cpsrisk_model::model::Device` and the like name them wherever they are used.
pub use crate::conformance::model::*;
pub use crate::dmf::model::*;
pub use crate::iot_ssf::model::*;

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
    /// What an imported file held that the model has no place for (e.g. Open Threat Model
    /// trust zones), each note naming where in that file it stood.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
