//! The `attributes` cpsrisk writes on OTM elements (keys `cpsrisk-…`) to carry what OTM has
//! no field for, so that a model written as OTM and read back keeps it. Other tools' attributes
//! are kept in the notes.

use serde_json::{Map, Value};

pub const KIND: &str = "cpsrisk-kind";
pub const NAME_JA: &str = "cpsrisk-name-ja";
pub const EXTERNAL_NETWORK: &str = "cpsrisk-external-network";
pub const PHYSICAL_ACTION: &str = "cpsrisk-physical-action";
pub const CONSTRAINED: &str = "cpsrisk-constrained";
pub const IN_SCOPE: &str = "cpsrisk-in-scope";
pub const OUT_OF_SCOPE_REASON: &str = "cpsrisk-out-of-scope-reason";
pub const MANAGED_BY: &str = "cpsrisk-managed-by";
pub const PROTECTED_BY: &str = "cpsrisk-protected-by";
pub const STAKEHOLDER: &str = "cpsrisk-stakeholder";
pub const APPLYING_ENTITY: &str = "cpsrisk-applying-entity";
pub const VIA: &str = "cpsrisk-via";
pub const DATA_JA: &str = "cpsrisk-data-ja";
pub const THREAT: &str = "cpsrisk-threat";
pub const DEVICE: &str = "cpsrisk-device";
pub const REQUIREMENT: &str = "cpsrisk-requirement";
pub const STATUS: &str = "cpsrisk-status";
pub const IMPLEMENTERS: &str = "cpsrisk-implementers";
pub const DEVICES: &str = "cpsrisk-devices";
pub const THREATS: &str = "cpsrisk-threats";
pub const MEASURES: &str = "cpsrisk-measures";
pub const REASON: &str = "cpsrisk-reason";
pub const HIGH_IMPACT: &str = "cpsrisk-high-impact";
pub const SOURCE_ROW: &str = "cpsrisk-source-row";
/// The decisions on a requirement, on the requirement's mitigation.
pub const DECISIONS: &str = "cpsrisk-decisions";
/// The model's own requirements (`extra_requirements`), on the project.
pub const EXTRA_REQUIREMENTS: &str = "cpsrisk-extra-requirements";
/// Marks a mitigation written for a control already in place.
pub const CONTROL: &str = "cpsrisk-control";
/// Marks a number OTM requires that cpsrisk does not assess (trustRating, riskReduction).
pub const NOT_RATED: &str = "cpsrisk-not-rated";
pub const VERSION: &str = "cpsrisk-version";

/// The text of attribute `key`, if it is one.
pub fn string(attributes: &Option<Value>, key: &str) -> Option<String> {
    get(attributes, key)?.as_str().map(str::to_string)
}

pub fn boolean(attributes: &Option<Value>, key: &str) -> Option<bool> {
    get(attributes, key)?.as_bool()
}

/// The texts of a list attribute; empty when absent.
pub fn strings(attributes: &Option<Value>, key: &str) -> Vec<String> {
    strings_present(attributes, key).unwrap_or_default()
}

/// The texts of a list attribute; `None` when absent.
pub fn strings_present(attributes: &Option<Value>, key: &str) -> Option<Vec<String>> {
    let list = get(attributes, key)?.as_array()?;
    Some(
        list.iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
    )
}

/// The attributes not written by cpsrisk, as one line of JSON; `None` when there are none.
pub fn foreign(attributes: &Option<Value>) -> Option<String> {
    let object = attributes.as_ref()?.as_object()?;
    let other: Map<String, Value> = object
        .iter()
        .filter(|(k, v)| !k.starts_with("cpsrisk-") && !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!other.is_empty()).then(|| super::import::compact(&Value::Object(other)))
}

pub fn get<'v>(attributes: &'v Option<Value>, key: &str) -> Option<&'v Value> {
    attributes.as_ref()?.get(key)
}
