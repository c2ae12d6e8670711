//! The transfer gap analysis (ルール間のギャップ分析, seed lines 24541–24611): for a transfer across
//! a border, the places before and after, the attributes the transfer changes, and the gaps —
//! a personal data law of the sending country that does not recognise the destination as
//! adequate needs safeguards such as standard contractual clauses (the seed's EU → Japan
//! versus EU → US example).

use cpsrisk_model::levels::{EventKind, Named, PlaceCategory, PlaceRule};
use cpsrisk_model::{Finding, Severity, Text};
use serde::Serialize;

use crate::attributes::{Step3, fields};
use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct TransferGap {
    pub event: String,
    pub data: String,
    pub from_country: String,
    pub to_country: String,
    /// Laws that apply where the data comes from.
    pub places_before: Vec<String>,
    /// Laws that apply where it goes.
    pub places_after: Vec<String>,
    pub attribute_changes: Vec<(String, Option<String>, Option<String>)>,
    /// Each sending law: `adequate` (the destination is recognised), `safeguarded` (the model
    /// records safeguards) or `gap`.
    pub verdicts: Vec<(String, &'static str)>,
}

fn laws_of<'a>(
    ix: &Index<'a>,
    country: &str,
    categories: &[PlaceCategory],
) -> Vec<&'a cpsrisk_model::model::Place> {
    ix.model
        .places
        .iter()
        .filter(|p| p.rule == PlaceRule::Law && p.jurisdiction.as_deref() == Some(country))
        .filter(|p| p.categories.iter().any(|c| categories.contains(c)))
        .collect()
}

pub fn gaps(ix: &Index, step3: &Step3) -> (Vec<TransferGap>, Vec<Finding>) {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for e in ix.order.iter().filter(|e| e.kind == EventKind::Transfer) {
        let Some(to) = &e.to else { continue };
        let (Some(from_country), Some(to_country)) =
            (ix.endpoint_country(&e.at), ix.endpoint_country(to))
        else {
            continue;
        };
        if from_country == to_country {
            continue;
        }
        for d in &e.inputs {
            let key = (e.id.value.clone(), d.value.clone());
            let Some(before) = step3.at_event.get(&key) else {
                continue;
            };
            let after = step3.after_event.get(&key).unwrap_or(before);
            let categories = crate::places::categories_of(before);
            let sending = laws_of(ix, from_country, &categories);
            let receiving = laws_of(ix, to_country, &categories);
            let attribute_changes = fields(before)
                .into_iter()
                .zip(fields(after))
                .filter(|((_, a), (_, b))| a != b)
                .map(|((name, a), (_, b))| (name.id().to_string(), a, b))
                .collect();
            let verdicts: Vec<(String, &'static str)> = sending
                .iter()
                .filter(|p| p.categories.contains(&PlaceCategory::PersonalData))
                .map(|p| {
                    let verdict = if p.adequate_countries.iter().any(|c| c == to_country) {
                        "adequate"
                    } else if !e.records.safeguards.is_empty() {
                        "safeguarded"
                    } else {
                        "gap"
                    };
                    (p.id.value.clone(), verdict)
                })
                .collect();
            for (law, _) in verdicts.iter().filter(|(_, v)| *v == "gap") {
                findings.push(Finding::new(
                    "DMF-G01",
                    "transfer-gap",
                    Severity::Warning,
                    e.id.at,
                    Text::new(
                        format!(
                            "transfer `{}` takes `{}` from {from_country} to {to_country}, which `{law}` does not recognise as adequate: the protection of {from_country} cannot be assumed there; record safeguards such as standard contractual clauses (`records.safeguards`); seed lines 24541–24611",
                            e.id.value, d.value
                        ),
                        format!(
                            "移転 `{}` は `{}` を {from_country} から {to_country} へ移しますが、`{law}` は移転先を十分性のある国と認めていません。標準契約条項等の保護措置を記録してください（`records.safeguards`）。シード 24541–24611 行",
                            e.id.value, d.value
                        ),
                    ),
                ));
            }
            out.push(TransferGap {
                event: e.id.value.clone(),
                data: d.value.clone(),
                from_country: from_country.to_string(),
                to_country: to_country.to_string(),
                places_before: sending.iter().map(|p| p.id.value.clone()).collect(),
                places_after: receiving.iter().map(|p| p.id.value.clone()).collect(),
                attribute_changes,
                verdicts,
            });
        }
    }
    (out, findings)
}
