//! The DMF data lineage diagram: events as boxes in the lane of the organisation where they
//! happen (a transfer: the sending end), in the order of the event flow from top to bottom, with
//! the data passing between them as arrows labelled with the data IDs.

use std::collections::HashMap;

use cpsrisk_catalog::Lang;
use cpsrisk_dmf::Assessment;
use cpsrisk_model::levels::EventKind;
use cpsrisk_model::model::Dmf;
use cpsrisk_model::text;

use super::Events;
use crate::diagram::{self, Diagram, Nouns};
use crate::document::name;
use crate::layout::Direction;

pub fn lineage_diagram(model: &Dmf, a: &Assessment, events: &Events, lang: Lang) -> String {
    let organisation: HashMap<&str, usize> = model
        .organisations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let ordered: Vec<&cpsrisk_model::model::Event> = a
        .order
        .iter()
        .filter_map(|id| events.get(id.as_str()).copied())
        .collect();
    // Lanes: the organisations in model order, then events that name none.
    let unnamed = model.organisations.len();
    let lane_of = |e: &cpsrisk_model::model::Event| {
        e.at.organisation
            .as_ref()
            .and_then(|o| organisation.get(o.as_str()).copied())
            .unwrap_or(unnamed)
    };
    let keys: Vec<usize> = ordered.iter().map(|e| lane_of(e)).collect();
    let (lane, used) = diagram::lanes_by_key(&keys, unnamed + 1);
    let lanes = used
        .into_iter()
        .map(|k| match model.organisations.get(k) {
            Some(o) => {
                let n = text::pick(lang, &o.name, &o.name_en, &o.name_ja);
                match &o.country {
                    Some(c) => format!("{n} ({})", c.value),
                    None => n.to_string(),
                }
            }
            None => lang
                .pick("Organisation not stated", "組織の記載なし")
                .to_string(),
        })
        .collect();
    let index: HashMap<&str, usize> = ordered
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let boxes = ordered
        .iter()
        .zip(lane)
        .map(|(e, lane)| diagram::Box {
            id: e.id.value.clone(),
            label: text::pick(lang, &e.name, &e.name_en, &e.name_ja).to_string(),
            caption: format!("{} · {}", e.id.value, name(e.kind, lang)),
            lane,
            tinted: e.kind == EventKind::Transfer,
            dashed: false,
        })
        .collect();
    let arrows = a
        .lineage
        .iter()
        .filter_map(|edge| {
            Some(diagram::Arrow {
                from: *index.get(edge.from_event.as_str())?,
                to: *index.get(edge.to_event.as_str())?,
                label: edge.data.clone(),
                both_ways: false,
            })
        })
        .collect();
    Diagram {
        title: lang.pick("Data lineage", "データの系譜").to_string(),
        lanes,
        boxes,
        arrows,
        direction: Direction::TopToBottom,
    }
    .render(
        &Nouns {
            boxes: ("events", "イベント"),
            arrows: ("data passing", "データの受け渡し"),
        },
        lang,
    )
}
