//! The conformance part of the report: what a maker hands to a test lab — the EN 303 645
//! checklist, the TS 103 701 test plan with verdicts, results, label and PSTI readiness; one
//! function per section.

pub mod summary_band;

use std::collections::HashMap;

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::conformance::Applicability;
use cpsrisk_conformance::Assessment;
use cpsrisk_model::levels::ProvisionStatus;
use cpsrisk_model::model::{Conformance, ProvisionStatement, TestResult};
use cpsrisk_model::text;

use crate::document::{
    Block, Cell, Section, Table, Tone, cell, model_text, name, shown, shown_optional, toned,
};
use crate::sections::findings_section;

pub fn sections(model: &Conformance, a: &Assessment, lang: Lang) -> Vec<Section> {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    vec![
        summary(model, a, lang),
        checklist(model, a, lang),
        test_plan(model, a, lang),
        results_per_clause(a, lang),
        label_readiness(a, lang),
        findings_section(
            l("Conformance findings", "適合性に関する指摘事項"),
            &a.findings,
            lang,
        ),
    ]
}

/// The product, the counts, and whether the record is illustrative.
fn summary(model: &Conformance, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let s = &a.summary;
    let p = &model.product;
    let product = shown(lang, &p.name, &p.name_en, &p.name_ja);
    let mut summary = vec![Block::Paragraph(match lang {
        Lang::En => format!(
            "Product: {}. {} provisions apply, {} of unknown applicability; {} mandatory provisions not met. {} test cases planned, {} failed. {} warnings, {} notes.",
            product,
            s.provisions_applicable,
            s.provisions_unknown,
            s.mandatory_not_met,
            s.tests_planned,
            s.tests_failed,
            s.warnings,
            s.infos
        ),
        Lang::Ja => format!(
            "製品: {}。適用される規定 {}、適用可否不明 {}、不適合の必須規定 {}。計画されたテストケース {}、不合格 {}。警告 {}、注記 {}。",
            product,
            s.provisions_applicable,
            s.provisions_unknown,
            s.mandatory_not_met,
            s.tests_planned,
            s.tests_failed,
            s.warnings,
            s.infos
        ),
    })];
    if a.illustrative {
        summary.push(Block::Paragraph(l(
            "This product is illustrative: it is an example made up for cpsrisk, not a real product.",
            "この製品は説明用の例であり、実在の製品ではありません。",
        )));
    }
    Section {
        title: l(
            "Consumer IoT conformance (ETSI EN 303 645)",
            "コンシューマー IoT の適合性（ETSI EN 303 645）",
        ),
        blocks: summary,
    }
}

/// EN 303 645: each provision, whether it applies and why, and the supplier's statement.
fn checklist(model: &Conformance, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let statements: HashMap<&str, &ProvisionStatement> = model
        .provisions
        .iter()
        .map(|st| (st.id.as_str(), st))
        .collect();
    let rows = a
        .checklist
        .iter()
        .map(|r| {
            let statement = statements.get(r.id.as_str());
            let applies = match r.applicability {
                Applicability::Applies => toned(r.why.get(lang), Tone::Plain),
                Applicability::DoesNotApply { .. } => toned(r.why.get(lang), Tone::Note),
                Applicability::Unknown { .. } => toned(r.why.get(lang), Tone::Bad),
            };
            let status = match r.stated {
                Some(ProvisionStatus::Met) => toned(name(ProvisionStatus::Met, lang), Tone::Good),
                Some(ProvisionStatus::NotMet) => toned(
                    name(ProvisionStatus::NotMet, lang),
                    if r.status == "mandatory" {
                        Tone::Bad
                    } else {
                        Tone::Note
                    },
                ),
                Some(ProvisionStatus::NotApplicable) => {
                    toned(name(ProvisionStatus::NotApplicable, lang), Tone::Note)
                }
                None => toned(l("no statement", "記載なし"), Tone::Bad),
            };
            let mandatory = match (r.status.as_str(), lang) {
                ("mandatory", Lang::En) => "M",
                ("mandatory", Lang::Ja) => "必須",
                (_, Lang::En) => "R",
                (_, Lang::Ja) => "推奨",
            };
            vec![
                cell(format!("{}{}", r.id, if r.psti { " (PSTI)" } else { "" })),
                cell(lang.pick(&r.text_en, &r.text_ja).to_string()),
                cell(mandatory),
                applies,
                status,
                cell(
                    statement
                        .and_then(|st| {
                            shown_optional(
                                lang,
                                &st.implementation,
                                &st.implementation_en,
                                &st.implementation_ja,
                            )
                        })
                        .unwrap_or_default(),
                ),
                cell(
                    statement
                        .and_then(|st| {
                            shown_optional(
                                lang,
                                &st.justification,
                                &st.justification_en,
                                &st.justification_ja,
                            )
                        })
                        .unwrap_or_default(),
                ),
                cell(
                    statement
                        .map(|st| text::pick_list(lang, &st.ixit, &st.ixit_en, &st.ixit_ja))
                        .unwrap_or_default()
                        .iter()
                        .map(|x| model_text(lang, x))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
                cell(r.evidence.join(" / ")),
                cell(
                    r.links
                        .iter()
                        .map(|k| {
                            if k.basis == "seed" {
                                k.id.clone()
                            } else {
                                format!("{}*", k.id)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    Section {
        title: l(
            "Checklist: provisions of EN 303 645",
            "チェックリスト: EN 303 645 の規定",
        ),
        blocks: vec![
            Block::Paragraph(l(
                "M = mandatory, R = recommended (from the seed's wording or, where it does not decide, from the standard: see the catalog en303645-provisions). IoT-SSF requirements marked * are linked by cpsrisk's judgement, the others by the seed (catalog provision-requirements).",
                "必須・推奨の別はシードの文言により、文言で決まらない場合は規格による（カタログ en303645-provisions を参照）。* 印の IoT-SSF 対策要件は cpsrisk の判断による対応付け、それ以外はシードに基づく（カタログ provision-requirements）。",
            )),
            Block::Table(Table {
                header: vec![
                    l("Provision", "規定"),
                    l("Text", "内容"),
                    l("M/R", "必須/推奨"),
                    l("Applies", "適用"),
                    l("Status", "状況"),
                    l("Implementation (ICS)", "実装（ICS）"),
                    l("Justification", "理由"),
                    l("IXIT", "IXIT"),
                    l("Evidence", "証拠"),
                    l("IoT-SSF requirements", "IoT-SSF 対策要件"),
                ],
                rows,
            }),
        ],
    }
}

/// TS 103 701: the test cases that apply, the ICS and IXIT each needs, and the verdicts.
fn test_plan(model: &Conformance, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let results: HashMap<&str, &TestResult> =
        model.tests.iter().map(|t| (t.id.as_str(), t)).collect();
    let rows = a
        .test_plan
        .iter()
        .map(|t| {
            let verdict = match t.verdict {
                Some(v) => {
                    let tone = match v {
                        cpsrisk_model::levels::Verdict::Pass => Tone::Good,
                        cpsrisk_model::levels::Verdict::Fail => Tone::Bad,
                        cpsrisk_model::levels::Verdict::NotApplicable => Tone::Note,
                    };
                    toned(name(v, lang), tone)
                }
                None => toned(l("not run", "未実施"), Tone::Note),
            };
            vec![
                cell(t.id.clone()),
                cell(t.kind.clone()),
                cell(lang.pick(&t.purpose_en, &t.purpose_ja).to_string()),
                cell(t.ics.join(", ")),
                cell(t.ixit.join(", ")),
                verdict,
                cell(t.evidence.join(" / ")),
                cell(
                    results
                        .get(t.id.as_str())
                        .and_then(|r| shown_optional(lang, &r.notes, &r.notes_en, &r.notes_ja))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    Section {
        title: l(
            "Test plan: test cases of TS 103 701",
            "テスト計画: TS 103 701 のテストケース",
        ),
        blocks: vec![Block::Table(Table {
            header: vec![
                l("Test case", "テストケース"),
                l("Type", "種別"),
                l("Purpose", "目的"),
                l("ICS", "ICS"),
                l("IXIT", "IXIT"),
                l("Verdict", "判定"),
                l("Evidence", "証拠"),
                l("Lab notes", "試験所の注記"),
            ],
            rows,
        })],
    }
}

/// The results per clause of EN 303 645 and overall.
fn results_per_clause(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let tally_row = |label: String, t: &cpsrisk_conformance::Tally| -> Vec<Cell> {
        vec![
            cell(label),
            cell(t.planned.to_string()),
            toned(t.pass.to_string(), Tone::Good),
            toned(
                t.fail.to_string(),
                if t.fail > 0 { Tone::Bad } else { Tone::Plain },
            ),
            cell(t.not_applicable.to_string()),
            toned(
                t.not_run.to_string(),
                if t.not_run > 0 {
                    Tone::Note
                } else {
                    Tone::Plain
                },
            ),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = a
        .results_by_clause
        .iter()
        .map(|c| tally_row(c.clause.clone(), &c.tally))
        .collect();
    rows.push(tally_row(l("overall", "全体"), &a.results));
    Section {
        title: l("Results", "結果"),
        blocks: vec![Block::Table(Table {
            header: vec![
                l("Clause", "箇条"),
                l("Planned", "計画"),
                l("PASS", "合格"),
                l("FAIL", "不合格"),
                l("N/A", "適用外"),
                l("Not run", "未実施"),
            ],
            rows,
        })],
    }
}

/// Readiness for the CLS label levels and the UK PSTI headline requirements.
fn label_readiness(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let label = &a.label;
    let rows = label
        .levels
        .iter()
        .map(|lv| {
            vec![
                cell(format!(
                    "{} {}",
                    lv.level,
                    lang.pick(&lv.name_en, &lv.name_ja)
                )),
                cell(lv.assessed_by.clone()),
                cell(lang.pick(&lv.evidence_en, &lv.evidence_ja).to_string()),
                cell(lv.evidence_given.clone().unwrap_or_default()),
                if lv.ready {
                    toned(l("ready", "準備済み"), Tone::Good)
                } else {
                    toned(l("not ready", "未準備"), Tone::Bad)
                },
                cell(
                    lv.missing
                        .iter()
                        .map(|m| m.get(lang))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            ]
        })
        .collect();
    let psti_rows = a
        .psti
        .iter()
        .map(|p| {
            vec![
                cell(p.provision.clone()),
                cell(lang.pick(p.name_en, p.name_ja).to_string()),
                cell(
                    p.stated
                        .map(|s| name(s, lang))
                        .unwrap_or_else(|| l("no statement", "記載なし")),
                ),
                if p.satisfied {
                    toned(l("satisfied", "充足"), Tone::Good)
                } else {
                    toned(l("not satisfied", "未充足"), Tone::Bad)
                },
            ]
        })
        .collect();
    let target = label
        .target_level
        .map(|t| t.to_string())
        .unwrap_or_else(|| "-".into());
    Section {
        title: l(
            "Label readiness (Singapore CLS) and UK PSTI",
            "ラベル取得の準備状況（シンガポール CLS）と英国 PSTI",
        ),
        blocks: vec![
            Block::Paragraph(match lang {
                Lang::En => format!(
                    "Target level: {target}; ready up to level {}.",
                    label.ready_level
                ),
                Lang::Ja => format!(
                    "目標レベル: {target}。準備済みのレベル: {}。",
                    label.ready_level
                ),
            }),
            Block::Paragraph(label.basis.get(lang).to_string()),
            Block::Table(Table {
                header: vec![
                    l("Level", "レベル"),
                    l("Assessed by", "評価者"),
                    l("Evidence", "必要な証拠"),
                    l("Evidence given", "提出された証拠"),
                    l("Ready", "準備"),
                    l("Missing", "不足"),
                ],
                rows,
            }),
            Block::Paragraph(l(
                "UK PSTI: the three headline requirements and the EN 303 645 provisions that carry them",
                "英国 PSTI: 3 つの主要な要求と、それを担う EN 303 645 の規定",
            )),
            Block::Table(Table {
                header: vec![
                    l("Provision", "規定"),
                    l("PSTI requirement", "PSTI の要求"),
                    l("Status", "状況"),
                    l("Satisfied", "充足"),
                ],
                rows: psti_rows,
            }),
        ],
    }
}
