//! The DMF panel of the summary band: the risks of each event by tier and whether a
//! countermeasure treats them, and the findings of the seed's legal rules.

use std::collections::HashMap;

use cpsrisk_catalog::Lang;
use cpsrisk_dmf::{Assessment, Tier};
use cpsrisk_model::Severity;
use cpsrisk_model::model::Dmf;
use serde::Serialize;

use cpsrisk_model::text;

use crate::document::{Bars, Block, Section, Tone, badge, model_text};

/// The findings of the seed's legal rules (`cpsrisk-dmf/src/rules.rs`, `docs/findings.md`).
const LEGAL_FINDING: &str = "DMF-L";

/// The facts of the panel, as the JSON report's `summary.dmf`.
#[derive(Debug, Serialize)]
pub struct DmfSummary {
    /// Each event in the order of the flow.
    pub events: Vec<EventRisks>,
    /// Findings of the legal rules (`DMF-L…`), and how many of them are warnings.
    pub legal_findings: usize,
    pub legal_warnings: usize,
}

/// The risks found for one event, by tier, and how many of each have no countermeasure in
/// place or planned.
#[derive(Debug, Serialize)]
pub struct EventRisks {
    pub event: String,
    pub primary: usize,
    pub primary_untreated: usize,
    pub catalog: usize,
    pub catalog_untreated: usize,
}

impl DmfSummary {
    pub fn of(a: &Assessment) -> Self {
        let mut events: Vec<EventRisks> = a
            .order
            .iter()
            .map(|id| EventRisks {
                event: id.clone(),
                primary: 0,
                primary_untreated: 0,
                catalog: 0,
                catalog_untreated: 0,
            })
            .collect();
        let position: HashMap<&str, usize> = a
            .order
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        for r in &a.risks {
            let Some(&i) = position.get(r.event.as_str()) else {
                continue;
            };
            let e = &mut events[i];
            let (all, untreated) = match r.tier {
                Tier::Primary => (&mut e.primary, &mut e.primary_untreated),
                Tier::Catalog => (&mut e.catalog, &mut e.catalog_untreated),
            };
            *all += 1;
            *untreated += usize::from(!r.treated);
        }
        let legal = a
            .findings
            .iter()
            .filter(|f| f.code.starts_with(LEGAL_FINDING));
        DmfSummary {
            events,
            legal_findings: legal.clone().count(),
            legal_warnings: legal.filter(|f| f.severity == Severity::Warning).count(),
        }
    }

    pub fn panel(&self, model: &Dmf, lang: Lang) -> Section {
        let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
        let names: HashMap<&str, &str> = model
            .events
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    text::pick(lang, &e.name, &e.name_en, &e.name_ja),
                )
            })
            .collect();
        let legal = match lang {
            Lang::En => format!("{} ({} warnings)", self.legal_findings, self.legal_warnings),
            Lang::Ja => format!(
                "{}（うち警告 {}）",
                self.legal_findings, self.legal_warnings
            ),
        };
        let legal_tone = if self.legal_warnings > 0 {
            Tone::Bad
        } else if self.legal_findings > 0 {
            Tone::Note
        } else {
            Tone::Good
        };
        Section {
            title: l(
                "Data Management Framework",
                "データマネジメント・フレームワーク",
            ),
            blocks: vec![
                Block::Badges(vec![badge(
                    l("Findings of the legal rules", "法令に関する指摘"),
                    legal,
                    legal_tone,
                )]),
                Block::Bars(Bars {
                    header: l("Event", "イベント"),
                    parts: vec![
                        (l("Primary, untreated", "主要・未対策"), Tone::Bad),
                        (l("Primary, treated", "主要・対策あり"), Tone::Good),
                        (l("Catalog, untreated", "カタログ・未対策"), Tone::Note),
                        (l("Catalog, treated", "カタログ・対策あり"), Tone::Plain),
                    ],
                    rows: self
                        .events
                        .iter()
                        .map(|e| {
                            let name = names.get(e.event.as_str()).copied().unwrap_or_default();
                            (
                                format!("{} {}", e.event, model_text(lang, &shorten(name, 40))),
                                vec![
                                    e.primary_untreated,
                                    e.primary - e.primary_untreated,
                                    e.catalog_untreated,
                                    e.catalog - e.catalog_untreated,
                                ],
                            )
                        })
                        .collect(),
                }),
            ],
        }
    }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        text.chars()
            .take(max - 1)
            .chain(std::iter::once('…'))
            .collect()
    }
}
