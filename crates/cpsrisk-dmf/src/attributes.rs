//! STEP 3, the attributes (「属性」の具体化, seed lines 24337–24457): the attributes each applicable
//! place requires and which are missing; how each event changes them (A → A′); and the value
//! of data, derivable as the highest of the confidentiality, integrity and availability impacts
//! (seed lines 24417–24425).

use std::collections::HashMap;

use cpsrisk_model::levels::{AttributeName, Named, ValueLevel};
use cpsrisk_model::model::{Attributes, DataItem, Judgements};
use cpsrisk_model::{Finding, Severity, Text};
use serde::Serialize;

use crate::index::Index;

/// An event ID and the ID of a data item it reads or writes.
type EventAndData = (String, String);

/// An attribute changed by an event: its value before and after, as text. `data` is the item's
/// ID, or `A → A′` when the event makes a new item from another.
#[derive(Debug, Clone, Serialize)]
pub struct AttributeChange {
    pub event: String,
    pub data: String,
    pub attribute: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A data item's attributes after one event (a stage of its lifecycle).
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub data: String,
    /// The event after which the attributes hold; null for the item as declared.
    pub event: Option<String>,
    pub attributes: Attributes,
}

/// The value of a data item: recorded, or derived from the three impacts.
#[derive(Debug, Clone, Serialize)]
pub struct DataValue {
    pub data: String,
    pub value: Option<ValueLevel>,
    /// `recorded` or `derived` (the highest of the impacts).
    pub basis: &'static str,
}

/// Overlays the changes onto the attributes: a field the change sets replaces the old one.
pub fn apply(base: &Attributes, change: &Attributes) -> Attributes {
    macro_rules! pick {
        ($($f:ident),*) => { Attributes { $($f: change.$f.clone().or_else(|| base.$f.clone())),* } };
    }
    pick!(
        personal,
        ip,
        technology,
        social,
        disclosure_scope,
        purposes,
        controllers,
        rights_holders,
        storage,
        deadline,
        consent,
        countries
    )
}

/// Each attribute as display text, by name, for diffs and tables.
pub fn fields(a: &Attributes) -> Vec<(AttributeName, Option<String>)> {
    let list = |v: &Option<Vec<String>>| v.as_ref().map(|v| v.join(", "));
    vec![
        (
            AttributeName::CategoryPersonal,
            a.personal.map(|x| x.id().to_string()),
        ),
        (AttributeName::CategoryIp, a.ip.map(|x| x.id().to_string())),
        (
            AttributeName::CategoryTechnology,
            a.technology.map(|x| x.id().to_string()),
        ),
        (AttributeName::DisclosureScope, list(&a.disclosure_scope)),
        (AttributeName::Purpose, list(&a.purposes)),
        (AttributeName::Controller, list(&a.controllers)),
        (AttributeName::RightsHolders, list(&a.rights_holders)),
        (AttributeName::Storage, list(&a.storage)),
        (AttributeName::Deadline, a.deadline.clone()),
        (
            AttributeName::Consent,
            a.consent.as_ref().map(|c| {
                format!(
                    "{} ({})",
                    c.scope,
                    if c.valid { "valid" } else { "not valid" }
                )
            }),
        ),
        (AttributeName::Country, list(&a.countries)),
    ]
}

/// The highest of the confidentiality, integrity and availability impacts recorded.
fn highest_impact(j: &Judgements) -> Option<ValueLevel> {
    [j.confidentiality, j.integrity, j.availability]
        .into_iter()
        .flatten()
        .max()
}

pub fn value_of(d: &DataItem) -> DataValue {
    let j = &d.judgements;
    match &j.value {
        Some(v) => DataValue {
            data: d.id.value.clone(),
            value: Some(v.value),
            basis: "recorded",
        },
        None => DataValue {
            data: d.id.value.clone(),
            value: highest_impact(j),
            basis: "derived",
        },
    }
}

/// Whether the attribute `name` is present, given the attributes and the (possibly derived) value.
fn present(name: AttributeName, a: &Attributes, value: Option<ValueLevel>) -> bool {
    match name {
        AttributeName::Value => value.is_some(),
        other => fields(a)
            .into_iter()
            .any(|(n, v)| n == other && v.is_some()),
    }
}

pub struct Step3 {
    pub stages: Vec<Stage>,
    pub changes: Vec<AttributeChange>,
    pub values: Vec<DataValue>,
    /// The attributes at each (event, data) the event touches, as the event finds them.
    pub at_event: HashMap<(String, String), Attributes>,
    /// The attributes of the data an event changes, as the event leaves them (A′).
    pub after_event: HashMap<(String, String), Attributes>,
    pub findings: Vec<Finding>,
}

/// Walks the events in order, carrying each data item's attributes through the changes.
pub fn step3(ix: &Index) -> Step3 {
    let mut current: HashMap<&str, Attributes> = ix
        .model
        .data
        .iter()
        .map(|d| (d.id.as_str(), d.attributes.clone()))
        .collect();
    let mut stages: Vec<Stage> = ix
        .model
        .data
        .iter()
        .map(|d| Stage {
            data: d.id.value.clone(),
            event: None,
            attributes: d.attributes.clone(),
        })
        .collect();
    let mut changes = Vec::new();
    let mut at_event = HashMap::new();
    let mut after_event = HashMap::new();
    for e in &ix.order {
        for d in e.inputs.iter().chain(&e.outputs) {
            if let Some(a) = current.get(d.as_str()) {
                at_event.insert((e.id.value.clone(), d.value.clone()), a.clone());
            }
        }
        for (data, change) in &e.changes {
            let Some(before) = current.get(data.as_str()).cloned() else {
                continue;
            };
            let after = apply(&before, change);
            for ((name, old), (_, new)) in fields(&before).into_iter().zip(fields(&after)) {
                if old != new {
                    changes.push(AttributeChange {
                        event: e.id.value.clone(),
                        data: data.clone(),
                        attribute: name.id().to_string(),
                        before: old,
                        after: new,
                    });
                }
            }
            stages.push(Stage {
                data: data.clone(),
                event: Some(e.id.value.clone()),
                attributes: after.clone(),
            });
            after_event.insert((e.id.value.clone(), data.clone()), after.clone());
            if let Some(slot) = current.get_mut(data.as_str()) {
                *slot = after;
            }
        }
        // A new item made from others (A → A′ under another name): compare each input with it.
        for o in e
            .outputs
            .iter()
            .filter(|o| !e.inputs.iter().any(|i| i.value == o.value))
        {
            let Some(made) = current.get(o.as_str()) else {
                continue;
            };
            for i in &e.inputs {
                let Some(source) = current.get(i.as_str()) else {
                    continue;
                };
                for ((name, old), (_, new)) in fields(source).into_iter().zip(fields(made)) {
                    if old != new {
                        changes.push(AttributeChange {
                            event: e.id.value.clone(),
                            data: format!("{} → {}", i.value, o.value),
                            attribute: name.id().to_string(),
                            before: old,
                            after: new,
                        });
                    }
                }
            }
        }
    }

    let values: Vec<DataValue> = ix.model.data.iter().map(value_of).collect();
    let mut findings = Vec::new();
    for d in &ix.model.data {
        let j = &d.judgements;
        let highest = highest_impact(j);
        if let (Some(recorded), Some(highest)) = (&j.value, highest)
            && recorded.value < highest
        {
            findings.push(Finding::new(
                "DMF-A02",
                "value-below-impact",
                Severity::Info,
                recorded.at,
                Text::new(
                    format!("`{}` is valued `{}`, below its highest impact `{}` (the value is the highest of the three impacts)", d.id.value, recorded.value.id(), highest.id()),
                    format!("`{}` の価値 `{}` が影響度の最大値 `{}` を下回っています（価値は機密性・完全性・可用性の影響の最大値）", d.id.value, recorded.value.id(), highest.id()),
                ),
            ));
        }
    }
    // Attributes each applicable place requires, at every event that touches the data; one
    // finding per data item and place, naming every attribute missing and the first event.
    let mut missing: Vec<(EventAndData, (String, Vec<AttributeName>))> = Vec::new();
    let mut slot: HashMap<EventAndData, usize> = HashMap::new();
    for e in &ix.order {
        for d in e.inputs.iter().chain(&e.outputs) {
            let Some(item) = ix.data.get(d.as_str()) else {
                continue;
            };
            let key = (e.id.value.clone(), d.value.clone());
            let Some(attrs) = after_event.get(&key).or_else(|| at_event.get(&key)) else {
                continue;
            };
            let value = value_of(item).value;
            for place in crate::places::applicable(ix, attrs, e) {
                for &name in place
                    .requires
                    .iter()
                    .filter(|&&n| !present(n, attrs, value))
                {
                    let k = (d.value.clone(), place.id.value.clone());
                    let i = *slot.entry(k.clone()).or_insert_with(|| {
                        missing.push((k, (e.id.value.clone(), Vec::new())));
                        missing.len() - 1
                    });
                    if !missing[i].1.1.contains(&name) {
                        missing[i].1.1.push(name);
                    }
                }
            }
        }
    }
    for ((data, place), (event, names)) in missing {
        let at = ix
            .data
            .get(data.as_str())
            .map(|d| d.id.at)
            .unwrap_or_default();
        let en = names
            .iter()
            .map(|n| n.name_en())
            .collect::<Vec<_>>()
            .join(", ");
        let ja = names
            .iter()
            .map(|n| n.name_ja())
            .collect::<Vec<_>>()
            .join("、");
        findings.push(Finding::new(
            "DMF-A01",
            "attribute-missing",
            Severity::Warning,
            at,
            Text::new(
                format!("`{data}` lacks attributes that place `{place}` requires (from event `{event}`): {en}"),
                format!("`{data}` には場 `{place}` が求める属性がありません（イベント `{event}` 以降）: {ja}"),
            ),
        ));
    }
    Step3 {
        stages,
        changes,
        values,
        at_event,
        after_event,
        findings,
    }
}
