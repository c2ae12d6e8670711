//! The responsibility matrix (the shape of 表8–表11 in 2-3-1): for each implementer, the
//! requirements and measures it carries — first what the applying entity does itself, then
//! what it asks of each other stakeholder.

use cpsrisk_model::levels::{DecisionStatus, ImplTarget};
use serde::Serialize;

use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct ImplementerTable {
    pub implementer: String,
    pub name_en: String,
    pub name_ja: String,
    /// True for the applying entity's own table.
    pub applying_entity: bool,
    pub rows: Vec<ResponsibilityRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponsibilityRow {
    pub no: usize,
    pub viewpoint: Option<u8>,
    pub target: Option<ImplTarget>,
    pub requirement: String,
    pub name_en: String,
    pub name_ja: String,
    pub measures: Vec<String>,
    /// The model's `measures_en` / `measures_ja`, when it gives them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures_en: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures_ja: Vec<String>,
    pub status: DecisionStatus,
    pub high_impact: bool,
    pub devices: Vec<String>,
    pub source_row: Option<String>,
    /// The other implementers of a decision taken jointly; it stands in each one's table.
    pub joint_with: Vec<String>,
    /// The 添付B example measures the decision takes up (`annex_b` in the model).
    pub annex_b: Vec<AnnexBMeasure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexBMeasure {
    pub id: String,
    pub text_en: String,
    pub text_ja: String,
    pub source: cpsrisk_catalog::Source,
}

/// Tables in stakeholder order with the applying entity first; `not-adopted` decisions are not
/// responsibilities and appear among the requirements instead.
pub fn responsibility(ix: &Index) -> Vec<ImplementerTable> {
    let applying = ix.applying_entity();
    let mut order: Vec<&str> = vec![applying];
    order.extend(
        ix.model
            .stakeholders
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| *id != applying),
    );
    let position: foldhash::HashMap<&str, usize> =
        order.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut tables: Vec<Vec<ResponsibilityRow>> = vec![Vec::new(); order.len()];
    for d in ix
        .model
        .decisions
        .iter()
        .filter(|d| d.status.value != DecisionStatus::NotAdopted)
    {
        let info = ix.requirement(d.requirement.as_str());
        let annex_b: Vec<AnnexBMeasure> = d
            .annex_b
            .iter()
            .filter_map(|m| ix.catalog.measure(m.as_str()))
            .map(|m| AnnexBMeasure {
                id: m.id.to_string(),
                text_en: m.text_en.to_string(),
                text_ja: m.text_ja.to_string(),
                source: m.source.clone(),
            })
            .collect();
        for implementer in d.implementers() {
            let Some(&slot) = position.get(implementer.as_str()) else {
                continue;
            };
            let rows = &mut tables[slot];
            rows.push(ResponsibilityRow {
                no: rows.len() + 1,
                viewpoint: info.map(|i| i.viewpoint),
                target: info.and_then(|i| i.target),
                requirement: d.requirement.value.clone(),
                name_en: info.map(|i| i.name_en.to_string()).unwrap_or_default(),
                name_ja: info.map(|i| i.name_ja.to_string()).unwrap_or_default(),
                measures: d.measures.clone(),
                measures_en: d.measures_en.clone(),
                measures_ja: d.measures_ja.clone(),
                status: d.status.value,
                high_impact: d.high_impact,
                devices: d.devices.iter().map(|x| x.value.clone()).collect(),
                source_row: d.source_row.clone(),
                joint_with: d
                    .implementers()
                    .filter(|other| other.value != implementer.value)
                    .map(|other| other.value.clone())
                    .collect(),
                annex_b: annex_b.clone(),
            });
        }
    }
    order
        .into_iter()
        .zip(tables)
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(id, rows)| {
            let (name_en, name_ja) = ix.stakeholder_name(id);
            ImplementerTable {
                implementer: id.to_string(),
                name_en,
                name_ja,
                applying_entity: id == applying,
                rows,
            }
        })
        .collect()
}
