//! STEP 4, the risks of each event (「イベント」ごとのリスクポイントの洗い出し, seed lines
//! 23815–23903) from the 71-risk catalog of 添付B: the event kind's risks, kept for the
//! viewpoints in play — confidentiality, integrity and availability always, a legal viewpoint
//! only where a place of that category applies — with their countermeasures and the status the
//! model records for them. Transfer risks are also sorted into the four units of analysis.
//!
//! Each risk gets a tier: `primary` where the model's facts put it in play (the catalog's
//! `primary_if` conditions hold and, for a transfer, the transfer crosses the unit the risk is
//! sorted under), `catalog` where it is kept only so the list is complete. Primary risks come
//! first. The rule is cpsrisk's judgement; each risk carries the conditions it was judged by.

use std::collections::HashSet;

use cpsrisk_catalog::dmf::{Risk, RiskCondition, catalogs};
use cpsrisk_model::levels::{
    CountermeasureStatus, EventKind, Named, PersonalCategory, PlaceCategory,
};
use cpsrisk_model::model::Event;
use cpsrisk_model::{Finding, Severity, Text};
use serde::Serialize;

use crate::attributes::Step3;
use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct RiskFound {
    /// **contract**: the catalog ID, e.g. `DMF-T01`.
    pub catalog_id: String,
    /// **contract**: the model's event ID.
    pub event: String,
    pub viewpoint: String,
    pub actor: Option<String>,
    pub text_en: String,
    pub text_ja: String,
    pub threats: Vec<String>,
    pub countermeasures: Vec<CountermeasureState>,
    /// Some countermeasure is in place or planned, or all are recorded not applicable.
    pub treated: bool,
    /// For a transfer: the unit of analysis it belongs to (cpsrisk's sorting).
    pub unit: Option<&'static str>,
    /// **contract**: `primary` where the model's facts put the risk in play, else `catalog`.
    pub tier: Tier,
    /// The conditions the risk was kept and tiered by, each with its basis and whether it holds.
    pub conditions: Vec<ConditionState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Primary,
    Catalog,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConditionState {
    /// `applies_if` (the risk is listed only when it holds), `primary_if`, or `unit` (a
    /// transfer risk is primary only where the transfer crosses its unit).
    pub kind: &'static str,
    #[serde(flatten)]
    pub condition: RiskCondition,
    pub holds: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountermeasureState {
    pub id: String,
    pub name_en: String,
    pub name_ja: String,
    /// `in-place`, `planned`, `requested`, `not-applicable`, or null when the model records
    /// nothing.
    pub status: Option<CountermeasureStatus>,
    pub reason: Option<String>,
    /// The organisation that implements it, when the model names one.
    pub implementer: Option<String>,
    /// For `requested`: who asked (the event's organisation unless the model says otherwise).
    pub requested_by: Option<String>,
}

/// Which transfer units an event crosses (seed lines 24049–24165).
#[derive(Debug, Clone, Serialize)]
pub struct TransferUnits {
    pub event: String,
    pub country: bool,
    pub organisation: bool,
    pub system: bool,
    pub device: bool,
}

/// The legal viewpoints in play for an event: the categories of the places that apply to any
/// of its data.
fn legal_viewpoints(ix: &Index, step3: &Step3, e: &Event) -> HashSet<PlaceCategory> {
    let mut out = HashSet::new();
    for d in e.inputs.iter().chain(&e.outputs) {
        let Some(attrs) = step3.at_event.get(&(e.id.value.clone(), d.value.clone())) else {
            continue;
        };
        let data_categories = crate::places::categories_of(attrs);
        for place in crate::places::applicable(ix, attrs, e) {
            out.extend(
                place
                    .categories
                    .iter()
                    .filter(|c| data_categories.contains(c)),
            );
        }
    }
    out
}

fn in_play(viewpoint: &str, legal: &HashSet<PlaceCategory>) -> bool {
    match viewpoint {
        "personal-data" => legal.contains(&PlaceCategory::PersonalData),
        "intellectual-property" => legal.contains(&PlaceCategory::IntellectualProperty),
        "sensitive-technology" => legal.contains(&PlaceCategory::SensitiveTechnology),
        "social-function" => legal.contains(&PlaceCategory::SocialFunction),
        _ => true,
    }
}

/// The transfer unit a risk is read under (cpsrisk's sorting, after the seed's own examples):
/// export control and provision to a third party abroad under country/region (A-4's
/// screening, 27174–27178); the other legal risks — provision without consent, insiders and
/// recipients of trade secrets — under organisation/person (A-2, 25837–25841; A-4's malicious
/// employee at the contractor's overseas site, 27180–27184); malware, outages and failures under
/// device; the rest (interception, spoofing, wrong destinations, settings) under system/service.
fn unit_of(risk: &Risk) -> &'static str {
    match risk.viewpoint.as_str() {
        "sensitive-technology" => "country",
        _ if risk
            .applies_if
            .iter()
            .any(|c| c.condition == "cross-border") =>
        {
            "country"
        }
        "personal-data" | "intellectual-property" | "social-function" => "organisation",
        _ if risk.threats.iter().any(|t| {
            matches!(
                t.as_str(),
                "malware" | "denial-of-service" | "system-malfunction" | "natural-disaster"
            )
        }) =>
        {
            "device"
        }
        _ => "system",
    }
}

pub fn transfer_units(ix: &Index, e: &Event) -> Option<TransferUnits> {
    let to = e.to.as_ref()?;
    let (from_country, to_country) = (ix.endpoint_country(&e.at), ix.endpoint_country(to));
    let differs = |a: Option<&str>, b: Option<&str>| a.is_some() && b.is_some() && a != b;
    Some(TransferUnits {
        event: e.id.value.clone(),
        country: differs(from_country, to_country),
        organisation: differs(
            e.at.organisation.as_ref().map(|o| o.as_str()),
            to.organisation.as_ref().map(|o| o.as_str()),
        ),
        system: differs(
            e.at.system.as_ref().map(|s| s.as_str()),
            to.system.as_ref().map(|s| s.as_str()),
        ),
        device: e.at.device.is_some()
            || to.device.is_some()
            || differs(
                e.at.system.as_ref().map(|s| s.as_str()),
                to.system.as_ref().map(|s| s.as_str()),
            ),
    })
}

fn crosses(units: &TransferUnits, unit: &str) -> bool {
    match unit {
        "country" => units.country,
        "organisation" => units.organisation,
        "device" => units.device,
        _ => units.system,
    }
}

/// The facts about an event that the catalog's `applies_if` and `primary_if` conditions ask
/// about.
struct Conditions {
    pseudonymised_or_anonymised: bool,
    third_party: bool,
    cross_border: bool,
    device_at_event: bool,
    received_from_another_organisation: bool,
    shared_or_cloud_system: bool,
    another_organisation_operates: bool,
    export_screening_not_recorded: bool,
    technology_leaves_the_country: bool,
}

impl Conditions {
    fn of(
        ix: &Index,
        step3: &Step3,
        e: &Event,
        transfer: Option<&TransferUnits>,
        received_from_another_organisation: bool,
    ) -> Self {
        let pseudonymised_or_anonymised = e.inputs.iter().chain(&e.outputs).any(|d| {
            let key = (e.id.value.clone(), d.value.clone());
            [step3.at_event.get(&key), step3.after_event.get(&key)]
                .into_iter()
                .flatten()
                .any(|a| {
                    matches!(
                        a.personal,
                        Some(PersonalCategory::Pseudonymised | PersonalCategory::Anonymised)
                    )
                })
        });
        // Unknown ends count as another party: the risk is kept rather than hidden.
        let third_party = e.to.as_ref().is_some_and(|to| {
            match (e.at.organisation.as_ref(), to.organisation.as_ref()) {
                (Some(a), Some(b)) => a.value != b.value,
                _ => true,
            }
        });
        let own = e.at.organisation.as_ref().map(|o| o.as_str());
        let ends = || std::iter::once(&e.at).chain(e.to.as_ref());
        let systems = || {
            ends()
                .filter_map(|end| end.system.as_ref())
                .filter_map(|s| ix.systems.get(s.as_str()))
        };
        let operated_by_another = |s: &&cpsrisk_model::model::DmfSystem| {
            s.operator.as_ref().is_some_and(|o| Some(o.as_str()) != own)
        };
        let deemed_export =
            e.to.as_ref()
                .and_then(|t| t.organisation.as_ref())
                .and_then(|o| ix.organisations.get(o.as_str()))
                .is_some_and(|o| o.non_resident);
        Conditions {
            pseudonymised_or_anonymised,
            third_party,
            cross_border: transfer.is_some_and(|u| u.country),
            device_at_event: ends().any(|end| end.device.is_some()),
            received_from_another_organisation,
            shared_or_cloud_system: systems()
                .any(|s| s.layer.is_some() || s.runs_on.is_some() || operated_by_another(s)),
            another_organisation_operates: systems().any(operated_by_another),
            export_screening_not_recorded: !e.records.export_screening,
            technology_leaves_the_country: transfer.is_some_and(|u| u.country) || deemed_export,
        }
    }

    /// Whether a condition of the catalog holds; an unknown condition holds, so no risk is lost.
    fn hold(&self, condition: &str) -> bool {
        match condition {
            "pseudonymised-or-anonymised" => self.pseudonymised_or_anonymised,
            "third-party" => self.third_party,
            "cross-border" => self.cross_border,
            "device-at-event" => self.device_at_event,
            "received-from-another-organisation" => self.received_from_another_organisation,
            "shared-or-cloud-system" => self.shared_or_cloud_system,
            "another-organisation-operates" => self.another_organisation_operates,
            "export-screening-not-recorded" => self.export_screening_not_recorded,
            "technology-leaves-the-country" => self.technology_leaves_the_country,
            _ => true,
        }
    }
}

pub struct Step4 {
    pub risks: Vec<RiskFound>,
    pub units: Vec<TransferUnits>,
    pub findings: Vec<Finding>,
}

pub fn step4(ix: &Index, step3: &Step3) -> Step4 {
    let catalog = catalogs();
    let mut risks = Vec::new();
    let mut units = Vec::new();
    let mut findings = Vec::new();
    // (data, organisation) pairs an earlier transfer delivered from another organisation.
    let mut received: HashSet<(&str, &str)> = HashSet::new();
    for e in &ix.order {
        let legal = legal_viewpoints(ix, step3, e);
        let transfer = transfer_units(ix, e);
        let recorded: std::collections::HashMap<&str, &cpsrisk_model::model::CountermeasureRecord> =
            e.countermeasures
                .iter()
                .map(|c| (c.id.as_str(), c))
                .collect();
        let mut untreated = 0;
        let own = e.at.organisation.as_ref().map(|o| o.as_str());
        let received_earlier =
            own.is_some_and(|o| e.inputs.iter().any(|d| received.contains(&(d.as_str(), o))));
        let conditions = Conditions::of(ix, step3, e, transfer.as_ref(), received_earlier);
        let first = risks.len();
        for r in catalog.risks_for_event(e.kind.id()).filter(|r| {
            in_play(&r.viewpoint, &legal)
                && r.applies_if.iter().all(|c| conditions.hold(&c.condition))
        }) {
            let countermeasures: Vec<CountermeasureState> = r
                .countermeasures
                .iter()
                .map(|id| {
                    let c = catalog.countermeasure(id);
                    let record = recorded.get(id.as_str());
                    CountermeasureState {
                        id: id.clone(),
                        name_en: c.map(|c| c.name_en.clone()).unwrap_or_default(),
                        name_ja: c.map(|c| c.name_ja.clone()).unwrap_or_default(),
                        status: record.map(|x| x.status),
                        reason: record.and_then(|x| x.reason.clone()),
                        implementer: record
                            .and_then(|x| x.implementer.as_ref())
                            .map(|o| o.value.clone()),
                        requested_by: record
                            .filter(|x| x.status == CountermeasureStatus::Requested)
                            .and_then(|x| x.requested_by.as_ref().or(e.at.organisation.as_ref()))
                            .map(|o| o.value.clone()),
                    }
                })
                .collect();
            // A request is no measure yet: it counts once the implementer plans or has it.
            let treated = countermeasures.iter().any(|c| {
                matches!(
                    c.status,
                    Some(CountermeasureStatus::InPlace | CountermeasureStatus::Planned)
                )
            }) || (!countermeasures.is_empty()
                && countermeasures
                    .iter()
                    .all(|c| c.status == Some(CountermeasureStatus::NotApplicable)));
            if !treated {
                untreated += 1;
            }
            let state = |kind: &'static str, c: &RiskCondition| ConditionState {
                kind,
                condition: c.clone(),
                holds: conditions.hold(&c.condition),
            };
            let mut states: Vec<ConditionState> = r
                .applies_if
                .iter()
                .map(|c| state("applies_if", c))
                .chain(r.primary_if.iter().map(|c| state("primary_if", c)))
                .collect();
            if let Some(units) = &transfer {
                let unit = unit_of(r);
                states.push(ConditionState {
                    kind: "unit",
                    condition: RiskCondition {
                        condition: format!("crosses-{unit}"),
                        basis: "cpsrisk-judgement".into(),
                        rationale: format!(
                            "A transfer risk sorted under the unit {unit} is in play where the transfer crosses that unit (units: seed lines 24049-24165)."
                        ),
                    },
                    holds: crosses(units, unit),
                });
            }
            let tier = if states.iter().all(|c| c.holds) {
                Tier::Primary
            } else {
                Tier::Catalog
            };
            risks.push(RiskFound {
                catalog_id: r.id.clone(),
                event: e.id.value.clone(),
                viewpoint: r.viewpoint.clone(),
                actor: r.actor.clone(),
                text_en: r.text_en.clone(),
                text_ja: r.text_ja.clone(),
                threats: r.threats.clone(),
                countermeasures,
                treated,
                unit: transfer.as_ref().map(|_| unit_of(r)),
                tier,
                conditions: states,
            });
        }
        // Primary risks first, each tier in catalog order.
        risks[first..].sort_by_key(|r| r.tier);
        if untreated > 0 && !e.countermeasures.is_empty() {
            findings.push(Finding::new(
                "DMF-R01",
                "risks-untreated",
                Severity::Warning,
                e.id.at,
                Text::new(
                    format!("event `{}`: {untreated} catalog risks have no countermeasure in place or planned", e.id.value),
                    format!("イベント `{}`: カタログのリスク {untreated} 件に実施済み・実施予定の対策がありません", e.id.value),
                ),
            ));
        }
        if e.kind == EventKind::Transfer {
            units.extend(transfer);
            if let (Some(from), Some(to)) =
                (own, e.to.as_ref().and_then(|t| t.organisation.as_ref()))
                && from != to.as_str()
            {
                received.extend(e.outputs.iter().map(|d| (d.as_str(), to.as_str())));
            }
        }
    }
    Step4 {
        risks,
        units,
        findings,
    }
}
