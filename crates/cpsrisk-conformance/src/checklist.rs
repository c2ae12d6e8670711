//! The EN 303 645 checklist: per provision, whether it applies and why, mandatory or
//! recommended, and the supplier's status and statement.

use cpsrisk_catalog::conformance::{Applicability, Provision, catalogs};
use cpsrisk_model::Text;
use cpsrisk_model::levels::ProvisionStatus;
use cpsrisk_model::model::{Conformance, ProvisionStatement};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    pub id: String,
    pub clause: String,
    pub clause_title_en: String,
    pub clause_title_ja: String,
    pub text_en: String,
    pub text_ja: String,
    /// `mandatory` or `recommended`, and whether the seed's wording or the standard says so.
    pub status: String,
    pub status_basis: String,
    pub applicability: Applicability,
    /// Why it applies or not, in words.
    pub why: Text,
    /// The supplier's status; null when the model has no statement for it.
    pub stated: Option<ProvisionStatus>,
    pub implementation: Option<String>,
    pub justification: Option<String>,
    pub ixit: Vec<String>,
    pub evidence: Vec<String>,
    /// One of the UK PSTI regime's three headline requirements.
    pub psti: bool,
    /// The IoT-SSF requirements it serves, and whether the seed or cpsrisk links them.
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub id: String,
    pub basis: String,
    pub rationale: String,
}

pub fn checklist(c: &Conformance) -> Vec<ChecklistRow> {
    let statements: std::collections::HashMap<&str, &ProvisionStatement> =
        c.provisions.iter().map(|s| (s.id.as_str(), s)).collect();
    catalogs()
        .provisions
        .iter()
        .map(|p| {
            let applicability = p.applicability(|x| c.product.properties.get(x));
            let statement = statements.get(p.id.as_str());
            ChecklistRow {
                id: p.id.clone(),
                clause: p.clause.clone(),
                clause_title_en: p.clause_title_en.clone(),
                clause_title_ja: p.clause_title_ja_normalized.clone(),
                text_en: p.text_en.clone(),
                text_ja: p.text_ja_normalized.clone(),
                status: p.status.clone(),
                status_basis: p.status_basis.clone(),
                why: why(p, &applicability),
                applicability,
                stated: statement.map(|s| s.status.value),
                implementation: statement.and_then(|s| s.implementation.clone()),
                justification: statement.and_then(|s| s.justification.clone()),
                ixit: statement.map(|s| s.ixit.clone()).unwrap_or_default(),
                evidence: statement.map(|s| s.evidence.clone()).unwrap_or_default(),
                psti: p.psti,
                links: catalogs()
                    .links(&p.id)
                    .iter()
                    .map(|l| Link {
                        id: l.id.clone(),
                        basis: l.basis.clone(),
                        rationale: l.rationale.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn why(p: &Provision, a: &Applicability) -> Text {
    let condition_en = p.condition_en.as_deref().unwrap_or("");
    let condition_ja = p.condition_ja_normalized.as_deref().unwrap_or("");
    match a {
        Applicability::Applies if p.applies_when.is_empty() => {
            Text::new("applies to every product", "すべての製品に適用")
        }
        Applicability::Applies => Text::new(
            format!("applies: {condition_en}"),
            format!("適用: {condition_ja}"),
        ),
        Applicability::DoesNotApply { condition } => Text::new(
            format!("does not apply: the product does not satisfy `{condition}`"),
            format!("適用外: 製品が `{condition}` を満たさない"),
        ),
        Applicability::Unknown { unstated } => {
            let list = unstated.join(", ");
            Text::new(
                format!("unknown: the product does not state {list}"),
                format!("不明: 製品の属性 {list} が未記載"),
            )
        }
    }
}
