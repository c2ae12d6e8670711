//! Per-stakeholder results (2-2-2 ② and ③): the recorded levels, the target-level verdict, and
//! the levels the recorded sub-criteria suggest.

use cpsrisk_model::Position;
use cpsrisk_model::levels::{Axis1, Axis2, Role};
use serde::Serialize;

use crate::index::Index;
use crate::suggested_level::{Suggestion, suggest_axis1, suggest_axis2};
use crate::target_level::within_target;

#[derive(Debug, Clone, Serialize)]
pub struct StakeholderResult {
    pub id: String,
    pub name_en: String,
    pub name_ja: String,
    pub roles: Vec<Role>,
    pub applying_entity: bool,
    pub axis1: Axis1,
    pub axis2: Axis2,
    pub within_target: bool,
    pub suggested_axis1: Option<Suggestion<Axis1>>,
    pub suggested_axis2: Option<Suggestion<Axis2>>,
    /// The recorded level differs from the suggestion on axis 1 / axis 2.
    pub axis1_disagrees: bool,
    pub axis2_disagrees: bool,
    pub reasoning_axis1: Option<String>,
    pub reasoning_axis2: Option<String>,
    /// Policies recorded for this stakeholder.
    pub policies: Vec<String>,
    #[serde(skip)]
    pub at: Position,
    #[serde(skip)]
    pub at_axis1: Position,
    #[serde(skip)]
    pub at_axis2: Position,
}

/// One result per rating, in the model's order.
pub fn stakeholders(ix: &Index) -> Vec<StakeholderResult> {
    let mut policies_of: foldhash::HashMap<&str, Vec<String>> = foldhash::HashMap::default();
    for p in &ix.model.policies {
        policies_of
            .entry(p.stakeholder.as_str())
            .or_default()
            .push(p.id.value.clone());
    }
    ix.model
        .ratings
        .iter()
        .map(|r| {
            let id = r.stakeholder.as_str();
            let (name_en, name_ja) = ix.stakeholder_name(id);
            let axis1 = r.axis1.level.value;
            let axis2 = r.axis2.level.value;
            let suggested_axis1 = suggest_axis1(&r.axis1);
            let suggested_axis2 = suggest_axis2(&r.axis2);
            StakeholderResult {
                id: id.to_string(),
                name_en,
                name_ja,
                roles: ix
                    .stakeholders
                    .get(id)
                    .map(|s| s.roles.clone())
                    .unwrap_or_default(),
                applying_entity: id == ix.applying_entity(),
                axis1,
                axis2,
                within_target: within_target(axis1, axis2, &ix.model.target),
                axis1_disagrees: suggested_axis1
                    .as_ref()
                    .is_some_and(|s| !s.agrees_with(&axis1)),
                axis2_disagrees: suggested_axis2
                    .as_ref()
                    .is_some_and(|s| !s.agrees_with(&axis2)),
                suggested_axis1,
                suggested_axis2,
                reasoning_axis1: r.axis1.reasoning.clone(),
                reasoning_axis2: r.axis2.reasoning.clone(),
                policies: policies_of.remove(id).unwrap_or_default(),
                at: r.stakeholder.at,
                at_axis1: r.axis1.level.at,
                at_axis2: r.axis2.level.at,
            }
        })
        .collect()
}
