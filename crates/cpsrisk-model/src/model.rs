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
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default)]
    pub overview: Option<Overview>,
    #[serde(default)]
    pub scope_notes: Vec<String>,
    /// `scope_notes` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_notes_en: Vec<String>,
    /// `scope_notes` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_notes_ja: Vec<String>,
    /// Where the model comes from, e.g. a use case of the seed.
    #[serde(default)]
    pub source: Option<ModelSource>,
    /// How an ambiguous or inconsistent source was read.
    #[serde(default)]
    pub reading_notes: Vec<String>,
    /// `reading_notes` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reading_notes_en: Vec<String>,
    /// `reading_notes` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reading_notes_ja: Vec<String>,
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
    /// `why` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_en: Option<String>,
    /// `why` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_ja: Option<String>,
    #[serde(default)]
    pub who: Option<String>,
    /// `who` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_en: Option<String>,
    /// `who` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_ja: Option<String>,
    #[serde(default)]
    pub what: Option<String>,
    /// `what` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_en: Option<String>,
    /// `what` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_ja: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
    /// `when` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_en: Option<String>,
    /// `when` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_ja: Option<String>,
    #[serde(default, rename = "where")]
    pub where_: Option<String>,
    /// `where` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_en: Option<String>,
    /// `where` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub where_ja: Option<String>,
    #[serde(default)]
    pub how: Option<String>,
    /// `how` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_en: Option<String>,
    /// `how` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_ja: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSource {
    pub document: String,
    /// `document` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_en: Option<String>,
    /// `document` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_ja: Option<String>,
    #[serde(default)]
    pub lines: Option<[u32; 2]>,
}
