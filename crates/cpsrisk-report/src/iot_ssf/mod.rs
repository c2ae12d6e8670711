//! The IoT-SSF part of the report, one function per section in the order of the procedure:
//! preparation (2-2-1), risk assessment (2-2-2) and risk treatment (2-2-3).

pub mod summary_band;

use std::collections::BTreeSet;

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::iot_ssf::catalogs;
use cpsrisk_iot_ssf::Assessment;
use cpsrisk_iot_ssf::responsibility::ResponsibilityRow;
use cpsrisk_model::model::IotSsf;
use cpsrisk_model::text;

use crate::document::{
    Block, Cell, Section, Table, Tone, cell, model_text, name, pick, seed_lines, shown,
    shown_optional, toned, yes_no,
};
use crate::sections::findings_section;

pub(crate) mod flow_diagram;

pub fn sections(input: &IotSsf, a: &Assessment, lang: Lang) -> Vec<Section> {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let mut sections = vec![
        summary(input, a, lang),
        stakeholder_assessment(a, lang),
        devices_and_flows(input, lang),
    ];
    sections.extend(priority_hints(a, lang));
    sections.extend([
        device_threats(input, a, lang),
        requirements(a, lang),
        responsibility(input, a, lang),
        findings_section(l("Findings", "指摘事項"), &a.findings, lang),
    ]);
    sections
}

/// The summary: applying entity, target level (2-2-2 ③) and the counts.
fn summary(input: &IotSsf, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let s = &a.summary;
    let applying = input
        .stakeholders
        .iter()
        .find(|x| x.id.value == a.applying_entity)
        .map(|x| shown(lang, &x.name, &x.name_en, &x.name_ja))
        .unwrap_or_default();
    let mut summary = vec![
        Block::Paragraph(format!(
            "{}{}",
            l("Applying entity: ", "適用主体: "),
            applying
        )),
        Block::Paragraph(format!(
            "{}{} / {}{}",
            l(
                "Target level: axis 1 ≤ ",
                "目標とするリスクの水準: 第1軸 ≤ "
            ),
            name(a.target.axis1, lang),
            l("axis 2 ≤ ", "第2軸 ≤ "),
            name(a.target.axis2, lang)
        )),
        Block::Paragraph(match lang {
            Lang::En => format!(
                "{} of {} rated stakeholders are outside the target; {} of {} device threats are untreated; {} requirements selected, {} proposed; {} warnings, {} notes.",
                s.stakeholders_outside_target,
                s.stakeholders_rated,
                s.device_threats_untreated,
                s.device_threats,
                s.requirements_selected,
                s.requirements_proposed,
                s.warnings,
                s.infos
            ),
            Lang::Ja => format!(
                "評価したステークホルダー {} のうち {} が目標水準外。機器ごとの脅威 {} のうち未対応 {}。対策要件: 採用 {}、提案 {}。警告 {}、注記 {}。",
                s.stakeholders_rated,
                s.stakeholders_outside_target,
                s.device_threats,
                s.device_threats_untreated,
                s.requirements_selected,
                s.requirements_proposed,
                s.warnings,
                s.infos
            ),
        }),
    ];
    let target = &input.target;
    if let Some(statement) = shown_optional(
        lang,
        &target.statement,
        &target.statement_en,
        &target.statement_ja,
    ) {
        summary.insert(2, Block::Paragraph(statement));
    }
    Section {
        title: l("IoT-SSF summary", "IoT-SSF 概要"),
        blocks: summary,
    }
}

/// 2-2-2 ②: each stakeholder on the two axes against the target.
fn stakeholder_assessment(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let rows = a
        .stakeholders
        .iter()
        .map(|st| {
            let suggestion = |level: Option<String>, disagrees: bool| match level {
                Some(level) => toned(level, if disagrees { Tone::Note } else { Tone::Plain }),
                None => cell("-"),
            };
            vec![
                cell(format!(
                    "{} ({})",
                    model_text(lang, lang.pick(&st.name_en, &st.name_ja)),
                    st.id
                )),
                cell(name(st.axis1, lang)),
                cell(name(st.axis2, lang)),
                if st.within_target {
                    toned(l("within", "水準内"), Tone::Good)
                } else {
                    toned(l("OUTSIDE", "水準外"), Tone::Bad)
                },
                suggestion(
                    st.suggested_axis1.as_ref().map(|x| name(x.level, lang)),
                    st.axis1_disagrees,
                ),
                suggestion(
                    st.suggested_axis2.as_ref().map(|x| name(x.level, lang)),
                    st.axis2_disagrees,
                ),
                cell(st.policies.join(", ")),
            ]
        })
        .collect();
    // The risk map is drawn once, in the summary band at the top.
    let blocks = vec![Block::Table(Table {
        header: vec![
            l("Stakeholder", "ステークホルダー"),
            l("Axis 1", "第1軸"),
            l("Axis 2", "第2軸"),
            l("Target", "目標"),
            l("Suggested axis 1", "判断要素による第1軸"),
            l(
                "Suggested axis 2 (cpsrisk rule)",
                "判断要素による第2軸（cpsrisk の規則）",
            ),
            l("Policies", "対策方針"),
        ],
        rows,
    })];
    Section {
        title: l(
            "Risk assessment per stakeholder",
            "ステークホルダーごとのリスクアセスメント",
        ),
        blocks,
    }
}

/// 2-2-1 ①: the devices and data flows, with their diagram.
fn devices_and_flows(input: &IotSsf, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let device_rows = input
        .devices
        .iter()
        .map(|d| {
            let flags = [
                (
                    d.external_network,
                    l("external network", "外部ネットワーク"),
                ),
                (d.physical_action, l("physical action", "物理的作用")),
                (d.constrained, l("constrained", "リソース制約")),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(", ");
            let scope = if d.in_scope {
                cell(yes_no(true, lang))
            } else {
                toned(
                    format!(
                        "{} {}",
                        yes_no(false, lang),
                        shown_optional(
                            lang,
                            &d.out_of_scope_reason,
                            &d.out_of_scope_reason_en,
                            &d.out_of_scope_reason_ja
                        )
                        .unwrap_or_default()
                    ),
                    Tone::Note,
                )
            };
            vec![
                cell(d.id.value.clone()),
                cell(shown(lang, &d.name, &d.name_en, &d.name_ja)),
                cell(name(d.kind, lang)),
                cell(flags),
                scope,
            ]
        })
        .collect();
    let flow_rows = input
        .data_flows
        .iter()
        .map(|f| {
            let data = shown_optional(lang, &f.data, &f.data_en, &f.data_ja).unwrap_or_default();
            let via = f
                .via
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(" → ");
            vec![
                cell(f.id.value.clone()),
                cell(format!("{} → {}", f.from.value, f.to.value)),
                cell(via),
                cell(data),
            ]
        })
        .collect();
    Section {
        title: l("Devices and data flows", "機器とデータフロー"),
        blocks: vec![
            Block::Table(Table {
                header: vec![
                    l("ID", "ID"),
                    l("Device", "機器"),
                    l("Kind", "種別"),
                    l("Attributes", "属性"),
                    l("In scope", "対象"),
                ],
                rows: device_rows,
            }),
            Block::Table(Table {
                header: vec![
                    l("Flow", "フロー"),
                    l("From → to", "送信元 → 送信先"),
                    l("Via", "経由"),
                    l("Data", "データ"),
                ],
                rows: flow_rows,
            }),
            Block::Figure {
                caption: l("Devices and data flows", "機器とデータフロー"),
                svg: flow_diagram::flow_diagram(input, lang),
            },
        ],
    }
}

/// 2-2-3 ③: which devices to treat first, and why.
fn priority_hints(a: &Assessment, lang: Lang) -> Option<Section> {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    if a.priorities.is_empty() {
        return None;
    }
    let rows = a
        .priorities
        .iter()
        .map(|p| {
            vec![
                cell(p.rank.to_string()),
                cell(p.device.clone()),
                cell(
                    p.reasons
                        .iter()
                        .map(|r| r.text.get(lang))
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            ]
        })
        .collect();
    Some(Section {
        title: l("Priority hints (2-2-3 ③)", "優先度の目安（2-2-3 ③）"),
        blocks: vec![Block::Table(Table {
            header: vec![l("Rank", "順位"), l("Device", "機器"), l("Why", "理由")],
            rows,
        })],
    })
}

/// 2-2-3 ①②: the threats to each device, their candidate requirements and treatment, beside
/// the seed's use cases' rows for the same threats.
fn device_threats(input: &IotSsf, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    // One result per `threats` entry of the model, in its order: the texts come from the entry.
    let rows = a
        .device_threats
        .iter()
        .zip(&input.threats)
        .map(|(t, entry)| {
            let accepted = shown_optional(
                lang,
                &entry.accepted,
                &entry.accepted_en,
                &entry.accepted_ja,
            );
            let status = if let Some(reason) = accepted {
                toned(format!("{}{reason}", l("accepted: ", "受容: ")), Tone::Note)
            } else if t.treated_by.is_empty() {
                toned(l("untreated", "未対応"), Tone::Bad)
            } else {
                toned(t.treated_by.join(", "), Tone::Good)
            };
            vec![
                cell(t.device.clone()),
                cell(lang.pick(&t.threat_name_en, &t.threat_name_ja).to_string()),
                cell(
                    shown_optional(
                        lang,
                        &entry.description,
                        &entry.description_en,
                        &entry.description_ja,
                    )
                    .unwrap_or_default(),
                ),
                cell(
                    t.candidates
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                status,
                cell(
                    catalogs()
                        .case_threats_for(&t.threat)
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    // Each seed row once, for the threats the model has, rather than repeated on every device.
    let threats: BTreeSet<&str> = a.device_threats.iter().map(|t| &*t.threat).collect();
    let case_rows: Vec<Vec<Cell>> = threats
        .into_iter()
        .flat_map(|t| catalogs().case_threats_for(t))
        .map(|e| {
            vec![
                cell(e.id.clone()),
                cell(pick(&e.device_en, &e.device_ja, lang)),
                cell(
                    catalogs()
                        .threat(e.threat.as_deref().unwrap_or_default())
                        .map_or_else(String::new, |t| {
                            lang.pick(&t.name_en, &t.name_ja).to_string()
                        }),
                ),
                cell(pick(&e.text_en, &e.text_ja, lang)),
                cell(seed_lines(e.source.lines, lang)),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        header: vec![
            l("Device", "機器"),
            l("Threat", "脅威"),
            l("Example", "例"),
            l("Candidates", "候補"),
            l("Treated by", "対応"),
            l(
                "How the seed's cases saw it (iot-ssf-case-examples)",
                "原典のユースケースでの例（iot-ssf-case-examples）",
            ),
        ],
        rows,
    })];
    if !case_rows.is_empty() {
        blocks.push(Block::Paragraph(l(
            "The seed's use cases' threat tables (表6, 表14, 表20, 表26, 表33, 表40) for these threats, with their incident examples:",
            "これらの脅威についての原典のユースケースの想定される脅威の表（表6、表14、表20、表26、表33、表40）と生じ得るインシデント（例）:",
        )));
        blocks.push(Block::Table(Table {
            header: vec![
                l("Case row", "事例の行"),
                l("Device", "システムを構成する機器"),
                l("Threat", "想定される脅威"),
                l("Incident", "生じ得るインシデント"),
                l("Source", "出典"),
            ],
            rows: case_rows,
        }));
    }
    Section {
        title: l(
            "Threats per device and candidate requirements",
            "機器ごとの脅威と対策要件の候補",
        ),
        blocks,
    }
}

/// The requirements proposed and selected, with the CPSF measures of 添付B behind them.
fn requirements(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let rows = a
        .requirements
        .iter()
        .map(|r| {
            let state = match r.state {
                "selected" => toned(l("selected", "採用"), Tone::Good),
                "not-adopted" => toned(l("not adopted", "不採用"), Tone::Note),
                "existing-control" => toned(l("existing control", "既存の対策"), Tone::Good),
                _ => toned(l("proposed", "提案"), Tone::Bad),
            };
            let own = if r.in_catalog {
                String::new()
            } else {
                l(" (model's own)", "（モデル独自）")
            };
            vec![
                cell(r.id.clone()),
                cell(format!(
                    "{}{own}",
                    if r.in_catalog {
                        lang.pick(&r.name_en, &r.name_ja).to_string()
                    } else {
                        model_text(lang, lang.pick(&r.name_en, &r.name_ja))
                    }
                )),
                cell(r.viewpoint.to_string()),
                cell(r.target.map(|t| name(t, lang)).unwrap_or_default()),
                state,
                cell(if r.high_impact { "〇" } else { "" }),
                cell(r.cpsf.join(", ")),
                cell(r.seed_cases.join(", ")),
            ]
        })
        .collect();
    Section {
        title: l(
            "Requirements and the CPSF measures behind them (添付B)",
            "対策要件と対応する CPSF の対策要件（添付B）",
        ),
        blocks: vec![Block::Table(Table {
            header: vec![
                l("ID", "ID"),
                l("Requirement", "対策要件"),
                l("Viewpoint", "観点"),
                l("Target", "実装先"),
                l("State", "状態"),
                l("High impact", "高影響"),
                l("CPSF", "CPSF"),
                l(
                    "How the seed's cases did it (iot-ssf-case-examples)",
                    "原典のユースケースでの例（iot-ssf-case-examples）",
                ),
            ],
            rows,
        })],
    }
}

/// Who implements what (表8–表11): the applying entity's own measures and what it asks of whom.
fn responsibility(input: &IotSsf, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let mut blocks = Vec::new();
    for t in &a.responsibility {
        let who = model_text(lang, lang.pick(&t.name_en, &t.name_ja));
        blocks.push(Block::Paragraph(if t.applying_entity {
            format!(
                "{}{who}",
                l("Implemented by the applying entity: ", "適用主体が実施: ")
            )
        } else {
            format!("{}{who}", l("Requested of: ", "対応を依頼: "))
        }));
        let rows = t
            .rows
            .iter()
            .map(|r| {
                vec![
                    cell(r.no.to_string()),
                    cell(r.viewpoint.map(|v| v.to_string()).unwrap_or_default()),
                    cell(r.target.map(|x| name(x, lang)).unwrap_or_default()),
                    cell(format!(
                        "{} {}",
                        r.requirement,
                        lang.pick(&r.name_en, &r.name_ja)
                    )),
                    cell(measures_text(r, lang)),
                    cell(joint_status(r, lang)),
                    cell(if r.high_impact { "〇" } else { "" }),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            header: vec![
                l("No", "No"),
                l("Viewpoint", "観点"),
                l("Target", "実装先"),
                l("Requirement", "対策要件"),
                l("Measures", "実際に講じる対策"),
                l("Status", "状態"),
                l("High impact", "高影響"),
            ],
            rows,
        }));
    }
    if !input.controls.is_empty() {
        let rows = input
            .controls
            .iter()
            .map(|c| {
                vec![
                    cell(shown(
                        lang,
                        &c.description,
                        &c.description_en,
                        &c.description_ja,
                    )),
                    cell(
                        c.requirement
                            .as_ref()
                            .map(|r| r.value.clone())
                            .unwrap_or_default(),
                    ),
                    cell(
                        c.devices
                            .iter()
                            .map(|d| d.value.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]
            })
            .collect();
        blocks.push(Block::Paragraph(l(
            "Controls already in place:",
            "既に講じられている対策:",
        )));
        blocks.push(Block::Table(Table {
            header: vec![
                l("Control", "対策"),
                l("Requirement", "対策要件"),
                l("Devices", "機器"),
            ],
            rows,
        }));
    }
    Section {
        title: l("Who implements what", "対策の実施主体"),
        blocks,
    }
}

/// A row's measures, then the 添付B example measures it takes up, by ID.
fn measures_text(r: &ResponsibilityRow, lang: Lang) -> String {
    text::pick_list(lang, &r.measures, &r.measures_en, &r.measures_ja)
        .iter()
        .map(|m| model_text(lang, m))
        .chain(
            r.annex_b
                .iter()
                .map(|m| format!("[{}] {}", m.id, lang.pick(&m.text_en, &m.text_ja))),
        )
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The status of a responsibility row, naming the partners of a joint decision.
fn joint_status(r: &ResponsibilityRow, lang: Lang) -> String {
    let status = name(r.status, lang);
    if r.joint_with.is_empty() {
        return status;
    }
    format!(
        "{status}{}{}{}",
        lang.pick(" (jointly with ", "（"),
        r.joint_with.join(", "),
        lang.pick(")", " と共同）")
    )
}

#[cfg(test)]
mod tests {
    use crate::{Format, Report};
    use cpsrisk_catalog::Lang;

    /// Issue 10 item 12: each device threat shows the seed's use-case rows for its threat (表40,
    /// 16427–16467) with device, incident and seed lines, in the chosen language.
    #[test]
    fn device_threats_show_the_seed_cases_incidents() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/iot-ssf/uc6-condition-monitoring/model.yaml"
        );
        let model = cpsrisk_model::load_and_check(&std::fs::read_to_string(path).unwrap()).unwrap();
        let report = Report::new("model.yaml", &model);
        let en = report.render(Format::Markdown, Lang::En);
        // The device-threat table names the rows; one table below gives each row once.
        assert!(
            en.contains("UC1-表6-12, UC2-表14-02, UC2-表14-07, UC3-表20-03"),
            "{en}"
        );
        assert!(
            en.contains("| UC6-表40-02 | Information-collection server | Denial of service | The information-collection server suffers a (D)DoS attack"),
            "{en}"
        );
        let ja = report.render(Format::Markdown, Lang::Ja);
        assert!(
            ja.contains("| UC6-表40-04 | 情報収集サーバ | マルウェア感染 | 情報収集サーバがマルウェア感染する。 | 原典 16431–16448 行 |"),
            "{ja}"
        );
    }
}
