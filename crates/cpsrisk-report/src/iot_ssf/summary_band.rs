//! The IoT-SSF panel of the summary band: where each stakeholder stands on the 3×3 risk map,
//! how many are outside the target level, and how many device threats are untreated.

use cpsrisk_catalog::Lang;
use cpsrisk_iot_ssf::Assessment;
use cpsrisk_model::levels::{Axis1, Axis2};
use serde::Serialize;

use crate::document::{Block, Section, Table, Tone, badge, cell, model_text, name, toned};
use crate::svg;

/// The facts of the panel, as the JSON report's `summary.iot_ssf`.
#[derive(Debug, Serialize)]
pub struct IotSsfSummary {
    /// The nine cells of the risk map, axis 2 from catastrophic down, axis 1 from limited up.
    pub risk_map: Vec<RiskMapCell>,
    pub stakeholders_rated: usize,
    pub stakeholders_outside_target: usize,
    pub device_threats: usize,
    pub device_threats_untreated: usize,
}

#[derive(Debug, Serialize)]
pub struct RiskMapCell {
    pub axis1: Axis1,
    pub axis2: Axis2,
    /// The cell is at or below the target level on both axes.
    pub within_target: bool,
    /// The stakeholders rated at these levels, by ID, in model order.
    pub stakeholders: Vec<String>,
}

impl IotSsfSummary {
    pub fn of(a: &Assessment) -> Self {
        let risk_map = Axis2::ALL
            .iter()
            .rev()
            .flat_map(|&axis2| Axis1::ALL.iter().map(move |&axis1| (axis1, axis2)))
            .map(|(axis1, axis2)| RiskMapCell {
                axis1,
                axis2,
                within_target: axis1 <= a.target.axis1 && axis2 <= a.target.axis2,
                stakeholders: Vec::new(),
            })
            .collect::<Vec<_>>();
        let mut summary = IotSsfSummary {
            risk_map,
            stakeholders_rated: a.summary.stakeholders_rated,
            stakeholders_outside_target: a.summary.stakeholders_outside_target,
            device_threats: a.summary.device_threats,
            device_threats_untreated: a.summary.device_threats_untreated,
        };
        for st in &a.stakeholders {
            summary.risk_map[cell_index(st.axis1, st.axis2)]
                .stakeholders
                .push(st.id.clone());
        }
        summary
    }

    pub fn panel(&self, a: &Assessment, lang: Lang) -> Section {
        let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
        let of = |part: usize, whole: usize| match lang {
            Lang::En => format!("{part} of {whole}"),
            Lang::Ja => format!("{whole} 中 {part}"),
        };
        let count_tone = |n: usize| if n > 0 { Tone::Bad } else { Tone::Good };
        Section {
            title: l("IoT-SSF", "IoT-SSF"),
            blocks: vec![
                Block::Badges(vec![
                    badge(
                        l(
                            "Stakeholders outside the target",
                            "目標水準外のステークホルダー",
                        ),
                        of(self.stakeholders_outside_target, self.stakeholders_rated),
                        count_tone(self.stakeholders_outside_target),
                    ),
                    badge(
                        l("Untreated device threats", "未対応の機器の脅威"),
                        of(self.device_threats_untreated, self.device_threats),
                        count_tone(self.device_threats_untreated),
                    ),
                ]),
                Block::Picture {
                    caption: l("Risk map (3×3)", "リスクマップ（3×3）"),
                    svg: svg::risk_map(a, lang),
                    table: self.risk_map_table(a, lang),
                },
            ],
        }
    }

    /// The risk map as a table: a row per axis-2 level from the top, a column per axis-1 level.
    fn risk_map_table(&self, a: &Assessment, lang: Lang) -> Table {
        let mut names = vec![Vec::new(); self.risk_map.len()];
        for st in &a.stakeholders {
            names[cell_index(st.axis1, st.axis2)]
                .push(model_text(lang, lang.pick(&st.name_en, &st.name_ja)));
        }
        let mut header = vec![lang.pick("Axis 2 \\ axis 1", "第2軸 \\ 第1軸").to_string()];
        header.extend(Axis1::ALL.iter().map(|x| name(*x, lang)));
        let rows = self
            .risk_map
            .chunks(Axis1::ALL.len())
            .zip(names.chunks(Axis1::ALL.len()))
            .map(|(row, names)| {
                let mut cells = vec![cell(name(row[0].axis2, lang))];
                cells.extend(row.iter().zip(names).map(|(c, names)| {
                    match (names.is_empty(), c.within_target) {
                        (true, true) => toned(lang.pick("(target)", "（目標水準内）"), Tone::Note),
                        (true, false) => cell("-"),
                        (false, true) => toned(names.join(", "), Tone::Good),
                        (false, false) => toned(names.join(", "), Tone::Bad),
                    }
                }));
                cells
            })
            .collect();
        Table { header, rows }
    }
}

/// Where a cell is in `risk_map`: rows from the highest axis-2 level, columns by axis 1.
fn cell_index(axis1: Axis1, axis2: Axis2) -> usize {
    let row = Axis2::ALL.len() - 1 - Axis2::ALL.iter().position(|x| *x == axis2).unwrap_or(0);
    row * Axis1::ALL.len() + Axis1::ALL.iter().position(|x| *x == axis1).unwrap_or(0)
}
