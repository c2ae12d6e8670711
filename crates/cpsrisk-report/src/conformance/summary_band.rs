//! The conformance panel of the summary band: the state of the provisions of each clause of
//! EN 303 645, the CLS level the product is ready for and its UK PSTI readiness.

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::conformance::Applicability;
use cpsrisk_conformance::Assessment;
use cpsrisk_model::levels::ProvisionStatus;
use serde::Serialize;

use crate::document::{Bars, Block, Section, Tone, badge};

/// The facts of the panel, as the JSON report's `summary.conformance`.
#[derive(Debug, Serialize)]
pub struct ConformanceSummary {
    /// Each clause of EN 303 645 in the standard's order.
    pub clauses: Vec<ClauseState>,
    /// The CLS level aimed at (null when the model names none) and the highest level ready.
    pub cls_target_level: Option<u8>,
    pub cls_ready_level: u8,
    /// The UK PSTI headline requirements satisfied, of how many.
    pub psti_satisfied: usize,
    pub psti_requirements: usize,
}

/// How many provisions of a clause are met, not met, not applicable, and without a statement
/// although they apply or may apply. A provision the product's properties rule out counts as
/// not applicable even without a statement.
#[derive(Debug, Serialize)]
pub struct ClauseState {
    pub clause: String,
    pub title_en: String,
    pub title_ja: String,
    pub met: usize,
    pub not_met: usize,
    pub not_applicable: usize,
    pub no_statement: usize,
}

impl ConformanceSummary {
    pub fn of(a: &Assessment) -> Self {
        let mut clauses: Vec<ClauseState> = Vec::new();
        for row in &a.checklist {
            if clauses.last().is_none_or(|c| c.clause != row.clause) {
                clauses.push(ClauseState {
                    clause: row.clause.clone(),
                    title_en: row.clause_title_en.clone(),
                    title_ja: row.clause_title_ja.clone(),
                    met: 0,
                    not_met: 0,
                    not_applicable: 0,
                    no_statement: 0,
                });
            }
            let c = clauses.last_mut().expect("pushed above");
            match (row.stated, &row.applicability) {
                (Some(ProvisionStatus::Met), _) => c.met += 1,
                (Some(ProvisionStatus::NotMet), _) => c.not_met += 1,
                (Some(ProvisionStatus::NotApplicable), _)
                | (None, Applicability::DoesNotApply { .. }) => c.not_applicable += 1,
                (None, _) => c.no_statement += 1,
            }
        }
        ConformanceSummary {
            clauses,
            cls_target_level: a.label.target_level,
            cls_ready_level: a.label.ready_level,
            psti_satisfied: a.psti.iter().filter(|p| p.satisfied).count(),
            psti_requirements: a.psti.len(),
        }
    }

    pub fn panel(&self, lang: Lang) -> Section {
        let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
        let cls = match (self.cls_target_level, lang) {
            (Some(t), Lang::En) => format!("ready for level {} (target {t})", self.cls_ready_level),
            (Some(t), Lang::Ja) => {
                format!("レベル {} まで準備済み（目標 {t}）", self.cls_ready_level)
            }
            (None, Lang::En) => format!("ready for level {}", self.cls_ready_level),
            (None, Lang::Ja) => format!("レベル {} まで準備済み", self.cls_ready_level),
        };
        let cls_tone = match self.cls_target_level {
            Some(t) if self.cls_ready_level >= t => Tone::Good,
            Some(_) => Tone::Bad,
            None if self.cls_ready_level > 0 => Tone::Good,
            None => Tone::Note,
        };
        let psti_ready = self.psti_satisfied == self.psti_requirements;
        let psti = match (psti_ready, lang) {
            (true, Lang::En) => format!(
                "ready ({} of {} satisfied)",
                self.psti_satisfied, self.psti_requirements
            ),
            (true, Lang::Ja) => format!(
                "準備済み（{} 件中 {} 件充足）",
                self.psti_requirements, self.psti_satisfied
            ),
            (false, Lang::En) => format!(
                "not ready ({} of {} satisfied)",
                self.psti_satisfied, self.psti_requirements
            ),
            (false, Lang::Ja) => format!(
                "未準備（{} 件中 {} 件充足）",
                self.psti_requirements, self.psti_satisfied
            ),
        };
        Section {
            title: l("Conformance (EN 303 645)", "適合性（EN 303 645）"),
            blocks: vec![
                Block::Badges(vec![
                    badge(l("Singapore CLS", "シンガポール CLS"), cls, cls_tone),
                    badge(
                        l("UK PSTI", "英国 PSTI"),
                        psti,
                        if psti_ready { Tone::Good } else { Tone::Bad },
                    ),
                ]),
                Block::Bars(Bars {
                    header: l("Clause", "箇条"),
                    parts: vec![
                        (l("Met", "適合"), Tone::Good),
                        (l("Not met", "不適合"), Tone::Bad),
                        (l("Not applicable", "適用外"), Tone::Plain),
                        (l("No statement", "記載なし"), Tone::Note),
                    ],
                    rows: self
                        .clauses
                        .iter()
                        .map(|c| {
                            (
                                format!("{} {}", c.clause, lang.pick(&c.title_en, &c.title_ja)),
                                vec![c.met, c.not_met, c.not_applicable, c.no_statement],
                            )
                        })
                        .collect(),
                }),
            ],
        }
    }
}
