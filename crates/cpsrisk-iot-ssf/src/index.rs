//! Lookups built once per assessment so that every step stays linear in the model's size.

use foldhash::{HashMap, HashMapExt};

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::iot_ssf::{IotSsfCatalogs, catalogs};
use cpsrisk_model::levels::{DecisionStatus, ImplTarget, Named};
use cpsrisk_model::model::{Control, Decision, Device, IotSsf, Stakeholder};
use cpsrisk_model::text;

/// What the engine needs to know about any requirement, from 表A-1 or the model's own.
#[derive(Debug, Clone, Copy)]
pub struct RequirementInfo<'a> {
    pub id: &'a str,
    pub name_en: &'a str,
    pub name_ja: &'a str,
    pub viewpoint: u8,
    pub target: Option<ImplTarget>,
    /// `false` for a requirement of the model's own (`extra_requirements`).
    pub in_catalog: bool,
}

pub struct Index<'a> {
    pub model: &'a IotSsf,
    pub catalog: &'static IotSsfCatalogs,
    pub stakeholders: HashMap<&'a str, &'a Stakeholder>,
    pub devices: HashMap<&'a str, &'a Device>,
    /// Decisions that take a requirement (all but `not-adopted`), by requirement ID.
    pub taken: HashMap<&'a str, Vec<&'a Decision>>,
    /// Controls already in place, by the requirement they meet.
    pub controls: HashMap<&'a str, Vec<&'a Control>>,
    extras: HashMap<&'a str, RequirementInfo<'a>>,
}

impl<'a> Index<'a> {
    pub fn new(model: &'a IotSsf) -> Self {
        let mut taken: HashMap<&str, Vec<&Decision>> = HashMap::new();
        for d in model
            .decisions
            .iter()
            .filter(|d| d.status.value != DecisionStatus::NotAdopted)
        {
            taken.entry(d.requirement.as_str()).or_default().push(d);
        }
        let mut controls: HashMap<&str, Vec<&Control>> = HashMap::new();
        for c in &model.controls {
            if let Some(r) = &c.requirement {
                controls.entry(r.as_str()).or_default().push(c);
            }
        }
        let extras = model
            .extra_requirements
            .iter()
            .map(|r| {
                let info = RequirementInfo {
                    id: r.id.as_str(),
                    name_en: text::pick(Lang::En, &r.name, &r.name_en, &r.name_ja),
                    name_ja: text::pick(Lang::Ja, &r.name, &r.name_en, &r.name_ja),
                    viewpoint: r.viewpoint.value,
                    target: Some(r.target),
                    in_catalog: false,
                };
                (r.id.as_str(), info)
            })
            .collect();
        Index {
            model,
            catalog: catalogs(),
            stakeholders: model
                .stakeholders
                .iter()
                .map(|s| (s.id.as_str(), s))
                .collect(),
            devices: model.devices.iter().map(|d| (d.id.as_str(), d)).collect(),
            taken,
            controls,
            extras,
        }
    }

    pub fn requirement(&self, id: &'a str) -> Option<RequirementInfo<'a>> {
        if let Some(r) = self.catalog.requirement(id) {
            return Some(RequirementInfo {
                id: &r.id,
                name_en: &r.name_en,
                name_ja: &r.name_ja,
                viewpoint: r.viewpoint,
                target: ImplTarget::ALL.iter().copied().find(|t| t.id() == r.target),
                in_catalog: true,
            });
        }
        self.extras.get(id).copied()
    }

    pub fn applying_entity(&self) -> &'a str {
        self.model.applying_entity.as_str()
    }

    pub fn stakeholder_name(&self, id: &str) -> (String, String) {
        match self.stakeholders.get(id) {
            Some(s) => (
                text::pick(Lang::En, &s.name, &s.name_en, &s.name_ja).to_string(),
                text::pick(Lang::Ja, &s.name, &s.name_en, &s.name_ja).to_string(),
            ),
            None => (id.to_string(), id.to_string()),
        }
    }
}
