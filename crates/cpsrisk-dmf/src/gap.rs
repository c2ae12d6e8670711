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

/// The laws of the data's categories that apply at one end of a transfer (STEP 2's rule, so
/// a law that binds the recipient abroad is named at the destination too).
fn laws_at<'a>(
    ix: &Index<'a>,
    attributes: &cpsrisk_model::model::Attributes,
    end: &'a cpsrisk_model::model::Endpoint,
) -> Vec<&'a cpsrisk_model::model::Place> {
    let mut laws = crate::places::applicable_at(ix, attributes, end);
    laws.retain(|p| p.rule == PlaceRule::Law && !p.categories.is_empty());
    laws
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
            let sending = laws_at(ix, before, &e.at);
            let receiving = laws_at(ix, after, to);
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
                    let verdict = if p.adequate_countries.iter().any(|c| c.value == to_country) {
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

#[cfg(test)]
mod tests {
    use cpsrisk_model::model::Dmf;

    /// The gap table (24541–24611) and STEP 2's places must name the same laws at the
    /// destination: a law that binds the recipient applies there although its jurisdiction is
    /// elsewhere, so it is not "before → (none)".
    #[test]
    fn destination_laws_agree_with_the_places_table() {
        let d: Dmf = serde_saphyr::from_str(
            "
places:
  - { id: gdpr, name: GDPR, rule: law, categories: [personal-data], jurisdiction: EU, binds: [b] }
  - { id: appi, name: APPI, rule: law, categories: [personal-data], jurisdiction: JP }
organisations:
  - { id: a, name: A, country: EU }
  - { id: b, name: B, country: JP }
data:
  - { id: x, name: X, attributes: { personal: personal-data } }
events:
  - { id: t, kind: transfer, name: t, inputs: [x], outputs: [x], at: { organisation: a }, to: { organisation: b } }
  - { id: s, kind: storage, name: s, inputs: [x], at: { organisation: b }, after: [t] }
",
        )
        .unwrap();
        let a = crate::assess(&d);
        let gap = &a.transfer_gaps[0];
        assert_eq!(gap.places_before, ["gdpr"]);
        assert_eq!(gap.places_after, ["gdpr", "appi"]);
        let at_destination = &a.places.iter().find(|p| p.event == "s").unwrap().places;
        for law in &gap.places_after {
            assert!(at_destination.contains(law), "{law} in {at_destination:?}");
        }
    }
}
