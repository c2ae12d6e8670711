//! Boxes and arrows in titled lanes as SVG, laid out by [`crate::layout`]; above
//! [`SUMMARY_ABOVE`] boxes, one box per lane with counts instead.
//!
//! The SVG scales to the page (viewBox, `max-width:100%`); box text wraps to three lines and is
//! cut with "…" where longer, the full text in a `<title>` tooltip. Elements carry classes
//! (`node`, `edge`, `lane`) and `data-node` / `data-from` / `data-to` so that tests can check
//! the picture.

use std::collections::BTreeMap;
use std::fmt::Write;

use cpsrisk_catalog::Lang;

use crate::layout::{self, Direction, EdgeSpec, Graph, Layout, NodeSpec};
use crate::svg::escape;
use crate::text_fit;

/// Above this many boxes a diagram shows one box per lane with counts.
pub const SUMMARY_ABOVE: usize = 300;
/// The most lanes a summary shows; the smallest of the rest share one box.
const SUMMARY_LANES: usize = 16;
/// Width of the page the diagram should fit without scaling much.
const PAGE: f64 = 1100.0;

const LABEL_SIZE: f64 = 12.0;
const CAPTION_SIZE: f64 = 10.0;
const EDGE_SIZE: f64 = 11.0;
const LINE: f64 = 15.0;
const TEXT_WIDTH: f64 = 170.0;
const EDGE_LABEL_WIDTH: f64 = 90.0;
/// Room for the lane titles: a column left of the layers, or a row above them.
const HEADER_LR: f64 = 124.0;
const HEADER_TB: f64 = 36.0;

#[derive(Debug, Clone)]
pub struct Box {
    /// Unique within the diagram (a model ID).
    pub id: String,
    pub label: String,
    /// Smaller text under the label (the ID, a kind).
    pub caption: String,
    pub lane: usize,
    pub tinted: bool,
    pub dashed: bool,
}

#[derive(Debug, Clone)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// Drawn with a head at both ends (a summary's flows in both directions).
    pub both_ways: bool,
}

#[derive(Debug, Clone)]
pub struct Diagram {
    pub title: String,
    /// Lane titles; with one untitled lane no lane is drawn.
    pub lanes: Vec<String>,
    pub boxes: Vec<Box>,
    pub arrows: Vec<Arrow>,
    /// The direction tried first; the other is used when it fits the page much better.
    pub direction: Direction,
}

/// Words for a summary, in both languages: what a box and what an arrow stand for.
pub struct Nouns {
    pub boxes: (&'static str, &'static str),
    pub arrows: (&'static str, &'static str),
}

/// Lanes for boxes keyed below `keys`, in key order, one for each key some box has. Returns
/// each box's lane and, per lane, its key.
pub fn lanes_by_key(box_keys: &[usize], keys: usize) -> (Vec<usize>, Vec<usize>) {
    let mut lane = vec![usize::MAX; keys];
    for &k in box_keys {
        lane[k] = 0;
    }
    let mut used = Vec::new();
    for (k, l) in lane.iter_mut().enumerate() {
        if *l == 0 {
            *l = used.len();
            used.push(k);
        }
    }
    (box_keys.iter().map(|&k| lane[k]).collect(), used)
}

impl Diagram {
    /// Whether [`Diagram::render`] draws the summary.
    pub fn summarised(&self) -> bool {
        self.boxes.len() > SUMMARY_ABOVE
    }

    /// The diagram as SVG; the summary above [`SUMMARY_ABOVE`] boxes.
    pub fn render(&self, nouns: &Nouns, lang: Lang) -> String {
        if self.summarised() {
            draw(&self.summary(nouns, lang))
        } else {
            draw(self)
        }
    }

    /// One box per lane (the largest [`SUMMARY_LANES`] − 1, the rest together), with the
    /// number of boxes and of arrows inside; arrows between lanes merged, with their number.
    fn summary(&self, nouns: &Nouns, lang: Lang) -> Diagram {
        let mut count = vec![0usize; self.lanes.len().max(1)];
        for b in &self.boxes {
            count[b.lane] += 1;
        }
        let mut ranked: Vec<usize> = (0..count.len()).filter(|&k| count[k] > 0).collect();
        ranked.sort_by_key(|&k| (std::cmp::Reverse(count[k]), k));
        let shown = if ranked.len() > SUMMARY_LANES {
            SUMMARY_LANES - 1
        } else {
            ranked.len()
        };
        // Lane → summary box; lanes past `shown` share the last box.
        let mut target = vec![shown; count.len()];
        for (i, &k) in ranked.iter().take(shown).enumerate() {
            target[k] = i;
        }
        let groups = if ranked.len() > shown {
            shown + 1
        } else {
            shown
        };
        let mut members = vec![0usize; groups];
        let mut inside = vec![0usize; groups];
        for b in &self.boxes {
            members[target[b.lane]] += 1;
        }
        // Per pair of groups, the arrows each way.
        let mut between: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        for a in &self.arrows {
            let (x, y) = (
                target[self.boxes[a.from].lane],
                target[self.boxes[a.to].lane],
            );
            match x.cmp(&y) {
                std::cmp::Ordering::Equal => inside[x] += 1,
                std::cmp::Ordering::Less => between.entry((x, y)).or_default().0 += 1,
                std::cmp::Ordering::Greater => between.entry((y, x)).or_default().1 += 1,
            }
        }
        let (box_en, box_ja) = nouns.boxes;
        let (arrow_en, arrow_ja) = nouns.arrows;
        let boxes = (0..groups)
            .map(|g| {
                let label = if g < shown {
                    self.lanes.get(ranked[g]).cloned().unwrap_or_default()
                } else {
                    match lang {
                        Lang::En => format!("{} other groups", ranked.len() - shown),
                        Lang::Ja => format!("その他 {} グループ", ranked.len() - shown),
                    }
                };
                Box {
                    id: format!("group-{g}"),
                    label,
                    caption: match lang {
                        Lang::En => {
                            format!("{} {box_en} · {} {arrow_en} within", members[g], inside[g])
                        }
                        Lang::Ja => {
                            format!("{box_ja} {} · 内部の{arrow_ja} {}", members[g], inside[g])
                        }
                    },
                    lane: 0,
                    tinted: false,
                    dashed: false,
                }
            })
            .collect();
        let arrows = between
            .into_iter()
            .map(|((x, y), (forth, back))| {
                let (from, to) = if forth > 0 { (x, y) } else { (y, x) };
                let label = match (lang, forth > 0 && back > 0) {
                    (_, true) => format!("→{forth} ←{back}"),
                    (Lang::En, false) => format!("{} {arrow_en}", forth + back),
                    (Lang::Ja, false) => format!("{arrow_ja} {}", forth + back),
                };
                Arrow {
                    from,
                    to,
                    label,
                    both_ways: forth > 0 && back > 0,
                }
            })
            .collect();
        Diagram {
            title: self.title.clone(),
            lanes: vec![String::new()],
            boxes,
            arrows,
            direction: self.direction,
        }
    }
}

/// Arrows between the same two boxes drawn as one.
struct Merged {
    from: usize,
    to: usize,
    label: String,
    both_ways: bool,
}

/// An arrow's label as drawn: the labels of merged arrows joined where they fit, else the
/// first and how many more ("customer-data +2"), cut to the label width (the full text is in
/// the arrow's tooltip).
fn short_label(full: &str) -> String {
    let (joined, cut) = text_fit::truncate(full, EDGE_LABEL_WIDTH, EDGE_SIZE);
    let parts: Vec<&str> = full.split(", ").collect();
    if !cut || parts.len() < 2 {
        return joined;
    }
    let more = format!(" +{}", parts.len() - 1);
    let room = EDGE_LABEL_WIDTH - text_fit::width(&more, EDGE_SIZE);
    text_fit::truncate(parts[0], room, EDGE_SIZE).0 + &more
}

/// A box's text lines and caption, fitted.
struct Fitted {
    lines: Vec<String>,
    caption: String,
    /// The full text, where any was cut.
    full: Option<String>,
}

fn draw(d: &Diagram) -> String {
    let lanes_drawn = d.lanes.len() > 1 || d.lanes.iter().any(|t| !t.is_empty());
    // Parallel arrows become one, their labels joined.
    let mut merged: BTreeMap<(usize, usize), (Vec<&str>, bool)> = BTreeMap::new();
    for a in &d.arrows {
        let entry = merged.entry((a.from, a.to)).or_default();
        entry.0.push(&a.label);
        entry.1 |= a.both_ways;
    }
    let arrows: Vec<Merged> = merged
        .into_iter()
        .map(|((from, to), (labels, both_ways))| Merged {
            from,
            to,
            label: labels.join(", "),
            both_ways,
        })
        .collect();
    let edge_labels: Vec<String> = arrows.iter().map(|a| short_label(&a.label)).collect();
    let fitted: Vec<Fitted> = d
        .boxes
        .iter()
        .map(|b| {
            let (lines, cut) = text_fit::wrap_balanced(&b.label, TEXT_WIDTH, 3, LABEL_SIZE);
            let (caption, cut_caption) = text_fit::truncate(&b.caption, TEXT_WIDTH, CAPTION_SIZE);
            Fitted {
                lines,
                caption,
                full: (cut || cut_caption).then(|| format!("{} ({})", b.label, b.caption)),
            }
        })
        .collect();
    let graph = |direction: Direction| Graph {
        nodes: d
            .boxes
            .iter()
            .zip(&fitted)
            .map(|(b, f)| {
                let text = f
                    .lines
                    .iter()
                    .map(|l| text_fit::width(l, LABEL_SIZE))
                    .chain(std::iter::once(text_fit::width(&f.caption, CAPTION_SIZE)))
                    .fold(0.0, f64::max);
                NodeSpec {
                    width: (text + 16.0).max(90.0),
                    height: 12.0 + f.lines.len().max(1) as f64 * LINE + 14.0,
                    lane: if lanes_drawn { b.lane } else { 0 },
                }
            })
            .collect(),
        edges: arrows
            .iter()
            .zip(&edge_labels)
            .map(|(a, l)| EdgeSpec {
                from: a.from,
                to: a.to,
                label: if l.is_empty() {
                    (0.0, 0.0)
                } else {
                    (text_fit::width(l, EDGE_SIZE) + 2.0, EDGE_SIZE + 3.0)
                },
            })
            .collect(),
        lanes: if lanes_drawn { d.lanes.len() } else { 1 },
        header: match (lanes_drawn, direction) {
            (false, _) => 0.0,
            (true, Direction::LeftToRight) => HEADER_LR,
            (true, Direction::TopToBottom) => HEADER_TB,
        },
        min_lane: if lanes_drawn {
            d.lanes
                .iter()
                .map(|t| lane_title(t, direction, None).1)
                .collect()
        } else {
            Vec::new()
        },
    };
    let mut chosen = layout::layout(&graph(d.direction), d.direction);
    if chosen.width > PAGE {
        let other = match d.direction {
            Direction::LeftToRight => Direction::TopToBottom,
            Direction::TopToBottom => Direction::LeftToRight,
        };
        let alternative = layout::layout(&graph(other), other);
        if alternative.width < chosen.width * 0.8 {
            chosen = alternative;
        }
    }
    svg(d, &chosen, &fitted, &arrows, &edge_labels, lanes_drawn)
}

/// A lane title's lines and the extent along the layers the lane needs for them; `along` is
/// the extent the lane got. Left to right the title stands in a column left of the lane and
/// takes the lines it needs (up to eight); top to bottom it takes two lines above the lane, as
/// wide as the lane (or as it needs, up to 240 pixels).
fn lane_title(title: &str, direction: Direction, along: Option<f64>) -> (Vec<String>, f64) {
    match direction {
        Direction::LeftToRight => {
            let (lines, _) = text_fit::wrap(title, HEADER_LR - 12.0, 8, LABEL_SIZE);
            let need = lines.len().max(1) as f64 * LINE + 12.0;
            (lines, need)
        }
        Direction::TopToBottom => {
            let need = (text_fit::width(title, LABEL_SIZE) / 2.0 + 40.0).clamp(100.0, 240.0);
            let width = along.unwrap_or(need) - 12.0;
            let (lines, _) = text_fit::wrap(title, width, 2, LABEL_SIZE);
            (lines, need)
        }
    }
}

const LANE_FILLS: [&str; 4] = ["#f1f5fb", "#f6f2fb", "#f1f8f3", "#fbf6ee"];

fn svg(
    d: &Diagram,
    l: &Layout,
    fitted: &[Fitted],
    arrows: &[Merged],
    edge_labels: &[String],
    lanes_drawn: bool,
) -> String {
    let mut s = String::new();
    let (w, h) = (l.width.ceil(), l.height.ceil());
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="max-width:100%;height:auto" role="img" font-family="sans-serif" font-size="12"><title>{}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>"##,
        escape(&d.title)
    );
    if lanes_drawn {
        for (k, (lane, header)) in l.lanes.iter().zip(&l.headers).enumerate() {
            let (Some(r), Some(hd)) = (lane, header) else {
                continue;
            };
            let title = d.lanes.get(k).map(String::as_str).unwrap_or("");
            let along = match l.direction {
                Direction::LeftToRight => hd.height,
                Direction::TopToBottom => hd.width,
            };
            let (lines, _) = lane_title(title, l.direction, Some(along));
            let _ = write!(
                s,
                r##"<g class="lane"><title>{}</title><rect class="lane" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{}" stroke="#b6c2d1"/>"##,
                escape(title),
                r.x,
                r.y,
                r.width,
                r.height,
                LANE_FILLS[k % LANE_FILLS.len()]
            );
            for (i, line) in lines.iter().enumerate() {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-weight="bold" fill="#3d4b5c">{}</text>"##,
                    hd.x + 6.0,
                    hd.y + 16.0 + i as f64 * LINE,
                    escape(line)
                );
            }
            s.push_str("</g>");
        }
    }
    for ((route, a), label) in l.edges.iter().zip(arrows).zip(edge_labels) {
        let Some(route) = route else { continue };
        let mut path = String::new();
        for (i, (x, y)) in route.points.iter().enumerate() {
            let _ = write!(path, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" });
        }
        let _ = write!(
            s,
            r##"<g class="edge" data-from="{}" data-to="{}"><title>{}</title><path class="edge" d="{path}" fill="none" stroke="#555"{} marker-end="url(#arrow)"/>"##,
            escape(&d.boxes[a.from].id),
            escape(&d.boxes[a.to].id),
            escape(&a.label),
            if a.both_ways {
                r#" marker-start="url(#arrow)""#
            } else {
                ""
            }
        );
        if !label.is_empty() {
            let _ = write!(
                s,
                r##"<text class="edge-label" x="{:.1}" y="{:.1}" font-size="{EDGE_SIZE}" fill="#0550ae" font-weight="bold">{}</text>"##,
                route.label.0,
                route.label.1 + EDGE_SIZE,
                escape(label)
            );
        }
        s.push_str("</g>");
    }
    for ((b, f), r) in d.boxes.iter().zip(fitted).zip(&l.nodes) {
        let dash = if b.dashed {
            r#" stroke-dasharray="5,4""#
        } else {
            ""
        };
        let fill = if b.tinted { "#fff4e5" } else { "#ffffff" };
        let _ = write!(s, r##"<g class="node" data-node="{}">"##, escape(&b.id));
        if let Some(full) = &f.full {
            let _ = write!(s, "<title>{}</title>", escape(full));
        }
        let _ = write!(
            s,
            r##"<rect class="node" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="{fill}" stroke="#444"{dash}/>"##,
            r.x, r.y, r.width, r.height
        );
        // The text block is centred in the box, which may have grown for its ports.
        let block = f.lines.len().max(1) as f64 * LINE + 14.0;
        let top = r.y + (r.height - block) / 2.0;
        let cx = r.x + r.width / 2.0;
        for (i, line) in f.lines.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
                top + 12.0 + i as f64 * LINE,
                escape(line)
            );
        }
        let _ = write!(
            s,
            r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="#666" font-size="{CAPTION_SIZE}">{}</text></g>"##,
            top + 12.0 + f.lines.len().max(1) as f64 * LINE,
            escape(&f.caption)
        );
    }
    s.push_str("</svg>");
    s
}
