//! SVG figures written by hand: deterministic text, no fonts or assets outside the document.

use std::collections::HashMap;
use std::fmt::Write;

use cpsrisk_catalog::Lang;
use cpsrisk_iot_ssf::Assessment;
use cpsrisk_model::levels::{Axis1, Axis2, Named};

use crate::text_fit;

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

const CELL: f64 = 130.0;
const TOP: f64 = 36.0;
/// Stakeholders listed in one cell of the risk map before the rest are counted.
const ROWS_PER_CELL: usize = 5;

/// The 3×3 risk map: axis 1 across, axis 2 up, the target region shaded, one point per rated
/// stakeholder, points outside the target drawn as red rings.
pub fn risk_map(a: &Assessment, lang: Lang) -> String {
    // Room on the left for the longest axis-2 name ("Catastrophic economic impact").
    let left = Axis2::ALL
        .iter()
        .map(|a2| text_fit::width(lang.pick(a2.name_en(), a2.name_ja()), 12.0))
        .fold(80.0, f64::max)
        + 16.0;
    let width = left + 3.0 * CELL + 20.0;
    let height = TOP + 3.0 * CELL + 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto" role="img" font-family="sans-serif" font-size="12">"#
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(lang.pick("Risk map", "リスクマップ"))
    );
    for (xi, a1) in Axis1::ALL.iter().enumerate() {
        for (yi, a2) in Axis2::ALL.iter().enumerate() {
            let x = left + xi as f64 * CELL;
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
            left + (xi as f64 + 0.5) * CELL,
            TOP + 3.0 * CELL + 18.0,
            escape(lang.pick(a1.name_en(), a1.name_ja()))
        );
    }
    for (yi, a2) in Axis2::ALL.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            left - 8.0,
            TOP + (2.5 - yi as f64) * CELL + 4.0,
            escape(lang.pick(a2.name_en(), a2.name_ja()))
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle" font-weight="bold">{}</text>"#,
        left + 1.5 * CELL,
        TOP + 3.0 * CELL + 40.0,
        escape(lang.pick(
            "Axis 1: difficulty of recovery →   (shaded: target level)",
            "第1軸: 回復困難性の度合い →（網掛け: 目標とするリスクの水準）"
        ))
    );
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
        left,
        TOP - 14.0,
        escape(lang.pick("↑ Axis 2: economic impact", "↑ 第2軸: 経済的影響の度合い"))
    );
    // Points sharing a cell are spread along its rows; a crowded cell (a fleet's hundreds of
    // stakeholders) shows its first ones and a count of the rest, so nothing spills over.
    let cell = |st: &cpsrisk_iot_ssf::stakeholders::StakeholderResult| {
        (
            Axis1::ALL.iter().position(|v| *v == st.axis1).unwrap_or(0),
            Axis2::ALL.iter().position(|v| *v == st.axis2).unwrap_or(0),
        )
    };
    let mut in_cell: HashMap<(usize, usize), usize> = HashMap::new();
    for st in &a.stakeholders {
        *in_cell.entry(cell(st)).or_insert(0) += 1;
    }
    let mut per_cell: HashMap<(usize, usize), usize> = HashMap::new();
    for st in &a.stakeholders {
        let (xi, yi) = cell(st);
        let total = in_cell[&(xi, yi)];
        let shown = if total > ROWS_PER_CELL {
            ROWS_PER_CELL - 1
        } else {
            total
        };
        let n = per_cell.entry((xi, yi)).or_insert(0);
        let x = left + xi as f64 * CELL + 14.0;
        let y = TOP + (2 - yi) as f64 * CELL + 18.0 + *n as f64 * 20.0;
        *n += 1;
        if *n > shown {
            if *n == shown + 1 {
                let rest = total - shown;
                let (en, ja) = (format!("+{rest} more"), format!("ほか {rest}"));
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" font-style="italic">{}</text>"#,
                    x - 4.0,
                    y + 4.0,
                    escape(lang.pick(&en, &ja))
                );
            }
            continue;
        }
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
