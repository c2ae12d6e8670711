//! SVG figures written by hand: deterministic text, no fonts or assets outside the document.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

use cpsrisk_catalog::Lang;
use cpsrisk_iot_ssf::Assessment;
use cpsrisk_model::levels::{Axis1, Axis2, Named};
use cpsrisk_model::model::IotSsf;

use crate::diagram::{self, Diagram, Nouns};
use crate::layout::Direction;

/// Escapes the five XML special characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Approximate width in pixels of `text` at 12px: CJK characters take about twice the room.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 6.6 } else { 12.0 })
        .sum()
}

const CELL: f64 = 130.0;
const LEFT: f64 = 150.0;
const TOP: f64 = 36.0;

/// The 3×3 risk map: axis 1 across, axis 2 up, the target region shaded, one point per rated
/// stakeholder, points outside the target drawn as red rings.
pub fn risk_map(a: &Assessment, lang: Lang) -> String {
    let width = LEFT + 3.0 * CELL + 20.0;
    let height = TOP + 3.0 * CELL + 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12">"#
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(lang.pick("Risk map", "リスクマップ"))
    );
    for (xi, a1) in Axis1::ALL.iter().enumerate() {
        for (yi, a2) in Axis2::ALL.iter().enumerate() {
            let x = LEFT + xi as f64 * CELL;
            let y = TOP + (2 - yi) as f64 * CELL;
            let inside = *a1 <= a.target.axis1 && *a2 <= a.target.axis2;
            let fill = if inside { "#d9f2e3" } else { "#ffffff" };
            let _ = write!(
                s,
                r##"<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{fill}" stroke="#888"/>"##
            );
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            LEFT + (xi as f64 + 0.5) * CELL,
            TOP + 3.0 * CELL + 18.0,
            escape(lang.pick(a1.name_en(), a1.name_ja()))
        );
    }
    for (yi, a2) in Axis2::ALL.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            LEFT - 8.0,
            TOP + (2.5 - yi as f64) * CELL + 4.0,
            escape(lang.pick(a2.name_en(), a2.name_ja()))
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle" font-weight="bold">{}</text>"#,
        LEFT + 1.5 * CELL,
        TOP + 3.0 * CELL + 40.0,
        escape(lang.pick(
            "Axis 1: difficulty of recovery →   (shaded: target level)",
            "第1軸: 回復困難性の度合い →（網掛け: 目標とするリスクの水準）"
        ))
    );
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
        LEFT,
        TOP - 14.0,
        escape(lang.pick("↑ Axis 2: economic impact", "↑ 第2軸: 経済的影響の度合い"))
    );
    // Points sharing a cell are spread along its rows.
    let mut per_cell: HashMap<(usize, usize), usize> = HashMap::new();
    for st in &a.stakeholders {
        let xi = Axis1::ALL.iter().position(|v| *v == st.axis1).unwrap_or(0);
        let yi = Axis2::ALL.iter().position(|v| *v == st.axis2).unwrap_or(0);
        let n = per_cell.entry((xi, yi)).or_insert(0);
        let x = LEFT + xi as f64 * CELL + 14.0;
        let y = TOP + (2 - yi) as f64 * CELL + 18.0 + *n as f64 * 20.0;
        *n += 1;
        let (color, mark) = if st.within_target {
            ("#1a7f37", "")
        } else {
            ("#cf222e", r#" stroke-width="3""#)
        };
        let _ = write!(
            s,
            r#"<circle cx="{x}" cy="{y}" r="6" fill="{}" stroke="{color}"{mark}/><text x="{}" y="{}">{}</text>"#,
            if st.within_target { color } else { "#ffffff" },
            x + 10.0,
            y + 4.0,
            escape(&st.id)
        );
    }
    s.push_str("</svg>");
    s
}

const BOX_H: f64 = 44.0;
const GAP_X: f64 = 70.0;
const GAP_Y: f64 = 26.0;

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
    let mut used = vec![false; (iot.stakeholders.len() + 1) * 2];
    for d in &iot.devices {
        used[lane_of(d)] = true;
    }
    let mut lane_index = vec![usize::MAX; used.len()];
    let mut lanes = Vec::new();
    for (k, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        lane_index[k] = lanes.len();
        let owner = match iot.stakeholders.get(k / 2) {
            Some(s) => lang
                .pick(&s.name, s.name_ja.as_deref().unwrap_or(&s.name))
                .to_string(),
            None => lang
                .pick("Managed by no stakeholder", "管理者の定めなし")
                .to_string(),
        };
        let side = if k % 2 == 0 {
            lang.pick("external network", "外部ネットワーク接続")
        } else {
            lang.pick("internal", "内部")
        };
        lanes.push(format!("{owner} — {side}"));
    }
    let boxes = iot
        .devices
        .iter()
        .map(|d| diagram::Box {
            id: d.id.value.clone(),
            label: lang
                .pick(&d.name, d.name_ja.as_deref().unwrap_or(&d.name))
                .to_string(),
            caption: format!(
                "{} · {}",
                d.id.value,
                lang.pick(d.kind.name_en(), d.kind.name_ja())
            ),
            lane: lane_index[lane_of(d)],
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

/// A box of a [`graph`].
pub struct Node {
    pub label: String,
    /// Smaller text under the label (an ID).
    pub caption: String,
    pub tinted: bool,
    pub dashed: bool,
}

/// Boxes in columns by breadth-first distance from the nodes nothing points to, arrows between
/// them labelled; nodes on no edge stand in a last column. Linear in nodes and edges.
pub fn graph(title: &str, nodes: &[Node], edges: &[(&str, usize, usize)]) -> String {
    let n = nodes.len();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_incoming = vec![false; n];
    let mut connected = vec![false; n];
    for &(_, a, b) in edges {
        out_edges[a].push(b);
        has_incoming[b] = true;
        connected[a] = true;
        connected[b] = true;
    }
    // Breadth-first layers from the nodes nothing points to; cycles keep their first layer.
    let mut layer: Vec<Option<usize>> = vec![None; n];
    let mut queue: VecDeque<usize> = (0..n)
        .filter(|&i| connected[i] && !has_incoming[i])
        .collect();
    for &i in &queue {
        layer[i] = Some(0);
    }
    let mut cursor = 0;
    loop {
        while let Some(i) = queue.pop_front() {
            let next = layer[i].unwrap_or(0) + 1;
            for &j in &out_edges[i] {
                if layer[j].is_none() {
                    layer[j] = Some(next);
                    queue.push_back(j);
                }
            }
        }
        // Nodes only reachable through a cycle start a new component.
        while cursor < n && !(connected[cursor] && layer[cursor].is_none()) {
            cursor += 1;
        }
        if cursor == n {
            break;
        }
        layer[cursor] = Some(0);
        queue.push_back(cursor);
    }
    let last = layer.iter().flatten().max().map_or(0, |l| l + 1);
    for (i, l) in layer.iter_mut().enumerate() {
        if !connected[i] {
            *l = Some(last);
        }
    }
    let box_w = nodes
        .iter()
        .map(|d| text_width(&d.label).max(text_width(&d.caption)))
        .fold(120.0_f64, f64::max)
        + 20.0;
    let mut rows_in_layer: Vec<usize> = Vec::new();
    let mut pos: Vec<(f64, f64)> = vec![(0.0, 0.0); n];
    for i in 0..n {
        let l = layer[i].unwrap_or(0);
        if rows_in_layer.len() <= l {
            rows_in_layer.resize(l + 1, 0);
        }
        pos[i] = (
            20.0 + l as f64 * (box_w + GAP_X),
            20.0 + rows_in_layer[l] as f64 * (BOX_H + GAP_Y),
        );
        rows_in_layer[l] += 1;
    }
    let width = 40.0 + rows_in_layer.len() as f64 * (box_w + GAP_X) - GAP_X;
    let height = 40.0 + rows_in_layer.iter().copied().max().unwrap_or(1) as f64 * (BOX_H + GAP_Y);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="12"><title>{}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>"##,
        escape(title)
    );
    let mut labels: Vec<(f64, f64, &str)> = Vec::new();
    for &(label, a, b) in edges {
        let (ax, ay) = (pos[a].0 + box_w / 2.0, pos[a].1 + BOX_H / 2.0);
        let (bx, by) = (pos[b].0 + box_w / 2.0, pos[b].1 + BOX_H / 2.0);
        // Clip the line to both boxes' edges, and shift it sideways so that edges in opposite
        // directions between the same nodes stay apart.
        let (dx, dy) = (bx - ax, by - ay);
        let t = if dx.abs() * BOX_H > dy.abs() * box_w {
            (box_w / 2.0) / dx.abs().max(1e-9)
        } else {
            (BOX_H / 2.0) / dy.abs().max(1e-9)
        };
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (nx, ny) = (-dy / len * 5.0, dx / len * 5.0);
        let (sx, sy) = (ax + dx * t + nx, ay + dy * t + ny);
        let (ex, ey) = (bx - dx * t + nx, by - dy * t + ny);
        let _ = write!(
            s,
            r##"<line x1="{sx:.1}" y1="{sy:.1}" x2="{ex:.1}" y2="{ey:.1}" stroke="#555" marker-end="url(#arrow)"/>"##
        );
        labels.push((
            (sx + ex) / 2.0 + nx - 6.0,
            (sy + ey) / 2.0 + ny * 2.0 - 2.0,
            label,
        ));
    }
    for (i, d) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let dash = if d.dashed {
            r#" stroke-dasharray="5,4""#
        } else {
            ""
        };
        let fill = if d.tinted { "#fff4e5" } else { "#f6f8fa" };
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{y}" width="{box_w}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#444"{dash}/><text x="{}" y="{}" text-anchor="middle">{}</text><text x="{}" y="{}" text-anchor="middle" fill="#666" font-size="10">{}</text>"##,
            x + box_w / 2.0,
            y + 18.0,
            escape(&d.label),
            x + box_w / 2.0,
            y + 34.0,
            escape(&d.caption)
        );
    }
    for (x, y, id) in labels {
        let _ = write!(
            s,
            r##"<text x="{x:.1}" y="{y:.1}" fill="#0550ae" font-weight="bold">{}</text>"##,
            escape(id)
        );
    }
    s.push_str("</svg>");
    s
}
