//! The IoT-SSF device and data-flow diagram (2-2-1 preparation): every device in the lane of
//! the stakeholder who manages it and its side of the trust boundary, the data flows as arrows
//! through the devices they pass.

use std::collections::HashMap;

use cpsrisk_catalog::Lang;
use cpsrisk_model::levels::Named;
use cpsrisk_model::model::IotSsf;
use cpsrisk_model::text;

use crate::diagram::{self, Diagram, Nouns};
use crate::layout::Direction;

/// The hops of every data flow, from its source through the devices it passes to its
/// destination, as (flow ID, from index, to index).
fn hops<'m>(iot: &'m IotSsf, index: &HashMap<&str, usize>) -> Vec<(&'m str, usize, usize)> {
    let mut hops = Vec::new();
    for f in &iot.data_flows {
        let path: Vec<usize> = std::iter::once(&f.from)
            .chain(&f.via)
            .chain(std::iter::once(&f.to))
            .filter_map(|d| index.get(d.as_str()).copied())
            .collect();
        hops.extend(path.windows(2).map(|w| (f.id.as_str(), w[0], w[1])));
    }
    hops
}

/// Every device as a box in the lane of the stakeholder who manages it and its side of the
/// trust boundary (facing an external network or not), with the data flows as arrows through
/// the devices they pass, labelled with the flow IDs. Out-of-scope devices are dashed; devices
/// facing an external network are tinted. Above [`diagram::SUMMARY_ABOVE`] devices, one box
/// per lane with counts.
pub fn flow_diagram(iot: &IotSsf, lang: Lang) -> String {
    let index: HashMap<&str, usize> = iot
        .devices
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let stakeholder: HashMap<&str, usize> = iot
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Lanes: per stakeholder (model order, then devices managed by none), external side first.
    let lane_of = |d: &cpsrisk_model::model::Device| {
        let owner = d
            .managed_by
            .as_ref()
            .and_then(|m| stakeholder.get(m.as_str()).copied())
            .unwrap_or(iot.stakeholders.len());
        owner * 2 + usize::from(!d.external_network)
    };
    let keys: Vec<usize> = iot.devices.iter().map(lane_of).collect();
    let (lane, used) = diagram::lanes_by_key(&keys, (iot.stakeholders.len() + 1) * 2);
    let lanes = used
        .into_iter()
        .map(|k| {
            let owner = match iot.stakeholders.get(k / 2) {
                Some(s) => text::pick(lang, &s.name, &s.name_en, &s.name_ja).to_string(),
                None => lang
                    .pick("Managed by no stakeholder", "管理者の定めなし")
                    .to_string(),
            };
            let side = if k % 2 == 0 {
                lang.pick("external network", "外部ネットワーク接続")
            } else {
                lang.pick("internal", "内部")
            };
            format!("{owner} — {side}")
        })
        .collect();
    let boxes = iot
        .devices
        .iter()
        .zip(lane)
        .map(|(d, lane)| diagram::Box {
            id: d.id.value.clone(),
            label: text::pick(lang, &d.name, &d.name_en, &d.name_ja).to_string(),
            caption: format!(
                "{} · {}",
                d.id.value,
                lang.pick(d.kind.name_en(), d.kind.name_ja())
            ),
            lane,
            tinted: d.external_network,
            dashed: !d.in_scope,
        })
        .collect();
    let arrows = hops(iot, &index)
        .into_iter()
        .map(|(label, from, to)| diagram::Arrow {
            from,
            to,
            label: label.to_string(),
            both_ways: false,
        })
        .collect();
    Diagram {
        title: lang
            .pick("Devices and data flows", "機器とデータフロー")
            .to_string(),
        lanes,
        boxes,
        arrows,
        direction: Direction::LeftToRight,
    }
    .render(
        &Nouns {
            boxes: ("devices", "機器"),
            arrows: ("flows", "フロー"),
        },
        lang,
    )
}
