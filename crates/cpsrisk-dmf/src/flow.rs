//! STEP 1, the event flow (データ処理フロー（「イベント」）の可視化, seed lines 23815–23903):
//! the order of events, the lineage of each data item, and what cannot be right about them —
//! data used but never generated or acquired, data used before it exists or after it is
//! disposed of, and storage that no event implies.

use std::collections::HashMap;

use cpsrisk_model::levels::EventKind;
use cpsrisk_model::{Finding, Severity, Text};
use serde::Serialize;

use crate::index::Index;

/// One edge of the lineage: a data item going from the event that produced it to one that uses it.
#[derive(Debug, Clone, Serialize)]
pub struct LineageEdge {
    pub data: String,
    pub from_event: String,
    pub to_event: String,
}

pub struct Flow {
    pub order: Vec<String>,
    pub lineage: Vec<LineageEdge>,
    pub findings: Vec<Finding>,
}

pub fn flow(ix: &Index) -> Flow {
    let mut findings = Vec::new();
    // The latest event that produced each data item, and the event that disposed of it.
    let mut produced_by: HashMap<&str, &str> = HashMap::new();
    let mut disposed_by: HashMap<&str, &str> = HashMap::new();
    let mut producers: HashMap<&str, Vec<&str>> = HashMap::new();
    // Events that create a data item: those that give it out without taking it in (an event
    // that takes and gives the same item carries it on).
    for e in &ix.order {
        for o in e
            .outputs
            .iter()
            .filter(|o| !e.inputs.iter().any(|i| i.value == o.value))
        {
            producers.entry(o.as_str()).or_default().push(e.id.as_str());
        }
    }
    let mut lineage = Vec::new();
    for e in &ix.order {
        for input in &e.inputs {
            let d = input.as_str();
            if let Some(disposal) = disposed_by.get(d) {
                findings.push(Finding::new(
                    "DMF-F03",
                    "used-after-disposal",
                    Severity::Warning,
                    input.at,
                    Text::new(
                        format!("event `{}` uses `{d}` after `{disposal}` disposed of it: the events cannot happen in this order", e.id.value),
                        format!("イベント `{}` は `{disposal}` で廃棄された後の `{d}` を使っています。この順序では起こり得ません", e.id.value),
                    ),
                ));
            }
            match produced_by.get(d) {
                Some(from) => lineage.push(LineageEdge { data: d.to_string(), from_event: from.to_string(), to_event: e.id.value.clone() }),
                None => match producers.get(d).filter(|p| p.iter().any(|x| *x != e.id.as_str())) {
                    Some(later) if e.kind != EventKind::Generation => {
                        let first = later.iter().find(|x| **x != e.id.as_str()).copied().unwrap_or_default();
                        findings.push(Finding::new(
                        "DMF-F02",
                        "used-before-produced",
                        Severity::Warning,
                        input.at,
                        Text::new(
                            format!("event `{}` uses `{d}` before any event gives it out (first: `{first}`): the events cannot happen in this order", e.id.value),
                            format!("イベント `{}` は `{d}` が出力される前に使っています（最初の出力: `{first}`）。この順序では起こり得ません", e.id.value),
                        ),
                    ));
                    }
                    None if e.kind != EventKind::Generation => findings.push(Finding::new(
                        "DMF-F01",
                        "never-generated",
                        Severity::Warning,
                        input.at,
                        Text::new(
                            format!("`{d}` is used by `{}` but no event generates or acquires it", e.id.value),
                            format!("`{d}` は `{}` で使われていますが、生成・取得するイベントがありません", e.id.value),
                        ),
                    )),
                    _ => {}
                },
            }
            if e.kind == EventKind::Storage && !produced_by.contains_key(d) {
                findings.push(Finding::new(
                    "DMF-F04",
                    "storage-without-source",
                    Severity::Warning,
                    input.at,
                    Text::new(
                        format!("storage `{}` keeps `{d}`, which no earlier event gives out: no event implies this storage", e.id.value),
                        format!("保管 `{}` は `{d}` を保管していますが、それを出力する先行イベントがありません", e.id.value),
                    ),
                ));
            }
            if e.kind == EventKind::Disposal {
                disposed_by.insert(d, e.id.as_str());
            }
        }
        for o in &e.outputs {
            produced_by.insert(o.as_str(), e.id.as_str());
            disposed_by.remove(o.as_str());
        }
    }
    Flow {
        order: ix.order.iter().map(|e| e.id.value.clone()).collect(),
        lineage,
        findings,
    }
}
