//! The IoT-SSF engine: the procedure of the IoT-SSF use-case collection (seed lines
//! 7349–8076) as pure functions from a model and the catalogs to an [`Assessment`].
//!
//! | step of the procedure | module |
//! |---|---|
//! | 2-2-2 ② levels suggested by the sub-criteria | [`suggested_level`] |
//! | 2-2-2 ③ within or outside the target level | [`target_level`] |
//! | per-stakeholder results | [`stakeholders`] |
//! | 2-2-3 ① ② threats per device and their candidate requirements | [`device_threats`] |
//! | 2-2-3 ③ priority hints for the decision | [`priorities`] |
//! | requirements proposed and selected, with CPSF IDs (添付B) | [`requirements`] |
//! | who implements what (表8–表11) | [`responsibility`] |
//! | gaps in the records | [`findings`] |
//!
//! Every step builds its lookups once, so an assessment is linear in the model's size.

pub mod device_threats;
pub mod findings;
mod index;
mod interned;
pub mod priorities;
pub mod requirements;
pub mod responsibility;
pub mod stakeholders;
pub mod suggested_level;
pub mod target_level;

use cpsrisk_model::levels::{Axis1, Axis2};
use cpsrisk_model::model::IotSsf;
use serde::Serialize;

pub use cpsrisk_model::{Finding, Severity};
pub use device_threats::DeviceThreatResult;
pub use priorities::PriorityHint;
pub use requirements::RequirementResult;
pub use responsibility::ImplementerTable;
pub use stakeholders::StakeholderResult;

/// The result of the IoT-SSF procedure for one model.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub applying_entity: String,
    pub target: TargetLevel,
    pub stakeholders: Vec<StakeholderResult>,
    pub device_threats: Vec<DeviceThreatResult>,
    pub priorities: Vec<PriorityHint>,
    pub requirements: Vec<RequirementResult>,
    pub responsibility: Vec<ImplementerTable>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetLevel {
    pub axis1: Axis1,
    pub axis2: Axis2,
    pub statement: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub stakeholders_rated: usize,
    pub stakeholders_outside_target: usize,
    pub device_threats: usize,
    pub device_threats_untreated: usize,
    pub requirements_selected: usize,
    pub requirements_proposed: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Runs the procedure on a model that passed `cpsrisk_model::validate::check`.
pub fn assess(model: &IotSsf) -> Assessment {
    let ix = index::Index::new(model);
    let stakeholders = stakeholders::stakeholders(&ix);
    let device_threats = device_threats::device_threats(&ix);
    let requirements = requirements::requirements(&ix, &device_threats);
    let findings = findings::findings(&ix, &stakeholders, &device_threats);
    let summary = Summary {
        stakeholders_rated: stakeholders.len(),
        stakeholders_outside_target: stakeholders.iter().filter(|s| !s.within_target).count(),
        device_threats: device_threats.len(),
        device_threats_untreated: device_threats
            .iter()
            .filter(|t| t.treated_by.is_empty() && t.accepted.is_none())
            .count(),
        requirements_selected: requirements
            .iter()
            .filter(|r| r.state == "selected")
            .count(),
        requirements_proposed: requirements
            .iter()
            .filter(|r| r.state == "proposed")
            .count(),
        warnings: Severity::Warning.count(&findings),
        infos: Severity::Info.count(&findings),
    };
    Assessment {
        applying_entity: model.applying_entity.value.clone(),
        target: TargetLevel {
            axis1: model.target.axis1,
            axis2: model.target.axis2,
            statement: model.target.statement.clone(),
        },
        stakeholders,
        priorities: priorities::priorities(&ix),
        responsibility: responsibility::responsibility(&ix),
        device_threats,
        requirements,
        findings,
        summary,
    }
}
