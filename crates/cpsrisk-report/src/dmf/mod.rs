//! The Data Management Framework part of the report: the four steps, the transfer analysis,
//! and the standards crosswalk of the countermeasures cited; one function per section.

pub mod summary_band;

use std::collections::{BTreeSet, HashMap};

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::dmf::catalogs;
use cpsrisk_dmf::{Assessment, Tier};
use cpsrisk_model::levels::{AttributeName, EventKind, Named};
use cpsrisk_model::model::{Dmf, Event};

use crate::document::{Block, Section, Table, Tone, cell, name, seed_lines, shown, toned};
use crate::sections::findings_section;

mod lineage_diagram;

fn viewpoint_name(v: &str, lang: Lang) -> String {
    let (en, ja) = match v {
        "confidentiality" => ("Confidentiality", "機密性"),
        "integrity" => ("Integrity", "完全性"),
        "availability" => ("Availability", "可用性"),
        "personal-data" => ("Personal data protection", "パーソナルデータ保護"),
        "intellectual-property" => (
            "Intellectual property (incl. trade secrets)",
            "知的財産（営業秘密を含む）保護",
        ),
        "sensitive-technology" => ("Sensitive technology management", "機微技術管理"),
        "social-function" => (
            "Maintaining proper social functions",
            "適切な社会機能の維持",
        ),
        other => (other, other),
    };
    lang.pick(en, ja).to_string()
}

/// The events by ID.
type Events<'m> = HashMap<&'m str, &'m Event>;

pub fn sections(model: &Dmf, a: &Assessment, lang: Lang) -> Vec<Section> {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let events: Events = model.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut sections = vec![
        summary(a, lang),
        step1_event_flow(model, a, &events, lang),
        step2_places(model, a, lang),
        step3_attributes(model, a, lang),
        step4_risks(a, &events, lang),
    ];
    sections.extend(transfers(a, lang));
    sections.extend([
        countermeasure_standards(a, lang),
        findings_section(l("DMF findings", "DMF に関する指摘事項"), &a.findings, lang),
    ]);
    sections
}

/// The counts of the four steps.
fn summary(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let s = &a.summary;
    Section {
        title: l(
            "Data Management Framework",
            "データマネジメント・フレームワーク",
        ),
        blocks: vec![Block::Paragraph(match lang {
            Lang::En => format!(
                "{} events; {} catalog risks found, {} of them primary (the model's facts put them in play), {} without a countermeasure in place or planned; {} transfer gaps; {} warnings, {} notes.",
                s.events, s.risks, s.risks_primary, s.risks_untreated, s.gaps, s.warnings, s.infos
            ),
            Lang::Ja => format!(
                "イベント {}。カタログのリスク {} 件（うち主要 {} 件: モデルの事実から該当するもの。実施済み・実施予定の対策がないもの {} 件）。移転のギャップ {}。警告 {}、注記 {}。",
                s.events, s.risks, s.risks_primary, s.risks_untreated, s.gaps, s.warnings, s.infos
            ),
        })],
    }
}

/// STEP 1: the events in order, with the data lineage diagram.
fn step1_event_flow(model: &Dmf, a: &Assessment, events: &Events, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let rows = a
        .order
        .iter()
        .filter_map(|id| events.get(id.as_str()))
        .enumerate()
        .map(|(i, e)| {
            let place = |end: &cpsrisk_model::model::Endpoint| {
                [
                    end.country.as_ref().map(|c| c.value.clone()),
                    end.organisation.as_ref().map(|o| o.value.clone()),
                    end.system.as_ref().map(|s| s.value.clone()),
                    end.device.clone(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ")
            };
            vec![
                cell((i + 1).to_string()),
                cell(e.id.value.clone()),
                cell(name(e.kind, lang)),
                cell(shown(lang, &e.name, &e.name_en, &e.name_ja)),
                cell(format!(
                    "{} → {}",
                    e.inputs
                        .iter()
                        .map(|x| x.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    e.outputs
                        .iter()
                        .map(|x| x.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                cell(match &e.to {
                    Some(to) => format!("{} ⇒ {}", place(&e.at), place(to)),
                    None => place(&e.at),
                }),
            ]
        })
        .collect();
    Section {
        title: l(
            "STEP 1: the event flow",
            "STEP 1: データ処理フロー（イベント）の可視化",
        ),
        blocks: vec![
            Block::Table(Table {
                header: vec![
                    l("#", "#"),
                    l("Event", "イベント"),
                    l("Kind", "種類"),
                    l("Name", "名称"),
                    l("Data in → out", "入力 → 出力"),
                    l("Where", "場所"),
                ],
                rows,
            }),
            Block::Figure {
                caption: l(
                    "Data lineage: events and the data passing between them",
                    "データの系譜: イベントとその間を流れるデータ",
                ),
                svg: lineage_diagram::lineage_diagram(model, a, events, lang),
            },
        ],
    }
}

/// STEP 2: the places, and which apply to each data item at each event.
fn step2_places(model: &Dmf, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let place_rows = model
        .places
        .iter()
        .map(|p| {
            vec![
                cell(p.id.value.clone()),
                cell(shown(lang, &p.name, &p.name_en, &p.name_ja)),
                cell(name(p.rule, lang)),
                cell(
                    p.categories
                        .iter()
                        .map(|c| name(*c, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                cell(
                    p.jurisdiction
                        .as_ref()
                        .map(|j| j.value.clone())
                        .unwrap_or_else(|| {
                            p.binds
                                .iter()
                                .map(|b| b.value.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        }),
                ),
            ]
        })
        .collect();
    let applied_rows = a
        .places
        .iter()
        .map(|p| {
            vec![
                cell(p.event.clone()),
                cell(p.data.clone()),
                cell(p.places.join(", ")),
            ]
        })
        .collect();
    Section {
        title: l(
            "STEP 2: the places",
            "STEP 2: 必要な制度的な保護措置（場）の整理",
        ),
        blocks: vec![
            Block::Table(Table {
                header: vec![
                    l("Place", "場"),
                    l("Name", "名称"),
                    l("Rule", "規範"),
                    l("Category", "分類"),
                    l("Jurisdiction or parties", "管轄・当事者"),
                ],
                rows: place_rows,
            }),
            Block::Table(Table {
                header: vec![
                    l("Event", "イベント"),
                    l("Data", "データ"),
                    l("Places that apply", "適用される場"),
                ],
                rows: applied_rows,
            }),
        ],
    }
}

/// STEP 3: the rules × attributes table, the attributes at each stage, and A → A′.
fn step3_attributes(model: &Dmf, a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let attribute_names: Vec<AttributeName> = AttributeName::ALL.to_vec();
    let matrix_rows = attribute_names
        .iter()
        .map(|n| {
            let mut row = vec![cell(name(*n, lang))];
            row.extend(
                model
                    .places
                    .iter()
                    .map(|p| cell(if p.requires.contains(n) { "〇" } else { "" })),
            );
            row
        })
        .collect();
    let mut matrix_header = vec![l("Attribute", "属性項目")];
    matrix_header.extend(model.places.iter().map(|p| p.id.value.clone()));
    let values: std::collections::HashMap<&str, &cpsrisk_dmf::DataValue> =
        a.values.iter().map(|v| (v.data.as_str(), v)).collect();
    let stage_rows = a
        .stages
        .iter()
        .map(|st| {
            let mut row = vec![
                cell(st.data.clone()),
                cell(
                    st.event
                        .clone()
                        .unwrap_or_else(|| l("(declared)", "（定義）")),
                ),
            ];
            row.extend(
                cpsrisk_dmf::attributes::fields(&st.attributes)
                    .into_iter()
                    .map(|(_, v)| cell(v.unwrap_or_default())),
            );
            let value = values.get(st.data.as_str()).and_then(|v| {
                v.value.map(|x| {
                    format!(
                        "{}{}",
                        name(x, lang),
                        if v.basis == "derived" {
                            lang.pick(" (derived)", "（導出）")
                        } else {
                            ""
                        }
                    )
                })
            });
            row.push(cell(value.unwrap_or_default()));
            row
        })
        .collect();
    let mut stage_header = vec![l("Data", "データ"), l("After event", "イベント後")];
    stage_header.extend(
        cpsrisk_dmf::attributes::fields(&Default::default())
            .into_iter()
            .map(|(n, _)| name(n, lang)),
    );
    stage_header.push(name(AttributeName::Value, lang));
    let change_rows = a
        .attribute_changes
        .iter()
        .map(|c| {
            vec![
                cell(c.event.clone()),
                cell(c.data.clone()),
                cell(c.attribute.clone()),
                toned(c.before.clone().unwrap_or_else(|| "-".into()), Tone::Note),
                toned(c.after.clone().unwrap_or_else(|| "-".into()), Tone::Good),
            ]
        })
        .collect();
    Section {
        title: l("STEP 3: the attributes", "STEP 3: 属性の具体化"),
        blocks: vec![
            Block::Paragraph(l(
                "The attributes each place requires (〇):",
                "場ごとに求められる属性項目（〇）:",
            )),
            Block::Table(Table {
                header: matrix_header,
                rows: matrix_rows,
            }),
            Block::Paragraph(l(
                "The attributes of each data item as declared and after each event that changes them:",
                "データごとの属性（定義時と、属性を変えるイベントの後）:",
            )),
            Block::Table(Table {
                header: stage_header,
                rows: stage_rows,
            }),
            Block::Paragraph(l(
                "How the events change the attributes (A → A′):",
                "イベントによる属性の変化（A → A′）:",
            )),
            Block::Table(Table {
                header: vec![
                    l("Event", "イベント"),
                    l("Data", "データ"),
                    l("Attribute", "属性"),
                    l("Before", "変化前"),
                    l("After", "変化後"),
                ],
                rows: change_rows,
            }),
        ],
    }
}

/// STEP 4: the risks of each event, primary first, grouped by viewpoint, with the standards
/// 3-1 names for the event.
fn step4_risks(a: &Assessment, events: &Events, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let mut blocks = vec![Block::Paragraph(l(
        "Primary: risks the model's facts put in play (a device at the event, data received from another organisation, shared or cloud servers, a transfer crossing the risk's unit, …); catalog: the rest of 添付B's rows for the event, kept so the list is complete. The tiering is cpsrisk's judgement; the JSON output gives each risk's conditions and their basis.",
        "主要: モデルの事実から該当するリスク（イベントに機器がある、他の組織から受け取ったデータ、共用・クラウドのサーバ、リスクの単位を越える移転 等）。カタログ: 添付B のそれ以外の行で、一覧を完全にするために残したもの。この区分は cpsrisk の判断です。JSON 出力に各リスクの条件とその根拠があります。",
    ))];
    for id in &a.order {
        let risks: Vec<&cpsrisk_dmf::RiskFound> =
            a.risks.iter().filter(|r| &r.event == id).collect();
        if risks.is_empty() {
            continue;
        }
        blocks.push(Block::Paragraph(format!(
            "{}{id}",
            l("Event ", "イベント ")
        )));
        let mut rows = Vec::new();
        // Primary risks first, then the rest of the catalog; by viewpoint within each tier.
        let viewpoints = [
            "confidentiality",
            "integrity",
            "availability",
            "personal-data",
            "intellectual-property",
            "sensitive-technology",
            "social-function",
        ];
        for (tier, viewpoint) in [Tier::Primary, Tier::Catalog]
            .into_iter()
            .flat_map(|t| viewpoints.map(|v| (t, v)))
        {
            for r in risks
                .iter()
                .filter(|r| r.tier == tier && r.viewpoint == viewpoint)
            {
                let measures = r
                    .countermeasures
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {}{}",
                            c.id,
                            lang.pick(&c.name_en, &c.name_ja),
                            c.status
                                .map(|s| format!(" [{}]", countermeasure_status(c, s, lang)))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" / ");
                rows.push(vec![
                    match tier {
                        Tier::Primary => toned(l("primary", "主要"), Tone::Note),
                        Tier::Catalog => cell(l("catalog", "カタログ")),
                    },
                    cell(viewpoint_name(viewpoint, lang)),
                    cell(r.catalog_id.clone()),
                    cell(
                        r.actor
                            .as_deref()
                            .and_then(|id| catalogs().actor(id))
                            .map_or_else(
                                || "-".to_string(),
                                |t| lang.pick(&t.name_en, &t.name_ja).to_string(),
                            ),
                    ),
                    cell(lang.pick(&r.text_en, &r.text_ja).to_string()),
                    cell(measures),
                    if r.treated {
                        toned(l("treated", "対策あり"), Tone::Good)
                    } else {
                        toned(l("open", "未対策"), Tone::Bad)
                    },
                    cell(r.unit.unwrap_or("")),
                ]);
            }
        }
        blocks.push(Block::Table(Table {
            header: vec![
                l("Tier", "区分"),
                l("Viewpoint", "保護の観点"),
                l("Risk", "リスク"),
                l("Actor", "脅威主体"),
                l("Incident", "想定されるインシデント"),
                l("Countermeasures", "有効な対策要件"),
                l("Status", "状況"),
                l("Transfer unit", "移転の単位"),
            ],
            rows,
        }));
        if let Some(e) = events.get(id.as_str()) {
            blocks.push(Block::Paragraph(event_standards(e.kind, lang)));
        }
    }
    blocks.push(Block::Paragraph(format!(
        "{} {}",
        l(
            "Standards for the whole process and general security requirements (DMF 3-1):",
            "リスクマネジメントの全体プロセス・全般的なセキュリティ対策要件を示す規格（DMF 3-1）:",
        ),
        catalogs()
            .reference_standards
            .iter()
            .filter(|s| s.event.is_none())
            .map(|s| standard_label(s, lang))
            .collect::<Vec<_>>()
            .join(" / ")
    )));
    Section {
        title: l(
            "STEP 4: risks per event (添付B)",
            "STEP 4: イベントごとのリスク（添付B）",
        ),
        blocks,
    }
}

/// Transfers: the four units each crosses and the gap analysis between legal regimes.
fn transfers(a: &Assessment, lang: Lang) -> Option<Section> {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    if a.transfer_units.is_empty() && a.transfer_gaps.is_empty() {
        return None;
    }
    let yes = |b: bool| if b { "〇" } else { "" };
    let unit_rows = a
        .transfer_units
        .iter()
        .map(|u| {
            vec![
                cell(u.event.clone()),
                cell(yes(u.country)),
                cell(yes(u.organisation)),
                cell(yes(u.system)),
                cell(yes(u.device)),
            ]
        })
        .collect();
    let gap_rows = a
        .transfer_gaps
        .iter()
        .map(|g| {
            let verdicts = g
                .verdicts
                .iter()
                .map(|(law, v)| format!("{law}: {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let changes = g
                .attribute_changes
                .iter()
                .map(|(n, b, a)| {
                    format!(
                        "{n}: {} → {}",
                        b.as_deref().unwrap_or("-"),
                        a.as_deref().unwrap_or("-")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                cell(g.event.clone()),
                cell(g.data.clone()),
                cell(format!("{} → {}", g.from_country, g.to_country)),
                cell(format!(
                    "{} → {}",
                    g.places_before.join(", "),
                    g.places_after.join(", ")
                )),
                cell(changes),
                if g.verdicts.iter().any(|(_, v)| *v == "gap") {
                    toned(verdicts, Tone::Bad)
                } else {
                    toned(verdicts, Tone::Good)
                },
            ]
        })
        .collect();
    Some(Section {
        title: l(
            "Transfers: the four units and the gap analysis",
            "移転・提供: 4 つの単位とギャップ分析",
        ),
        blocks: vec![
            Block::Paragraph(l(
                "Units crossed by each transfer (country/region, organisation/person, system/service, device; seed lines 24049–24165). Risks are sorted into units by cpsrisk's reading.",
                "移転ごとに関わる単位（国・地域、組織・ヒト、システム・サービス、機器。シード 24049–24165 行）。リスクの単位への振り分けは cpsrisk の解釈。",
            )),
            Block::Table(Table {
                header: vec![
                    l("Transfer", "移転"),
                    l("Country", "国・地域"),
                    l("Organisation", "組織・ヒト"),
                    l("System", "システム・サービス"),
                    l("Device", "機器"),
                ],
                rows: unit_rows,
            }),
            Block::Table(Table {
                header: vec![
                    l("Transfer", "移転"),
                    l("Data", "データ"),
                    l("Countries", "国"),
                    l("Laws before → after", "移転前 → 移転後の法令"),
                    l("Attribute changes", "属性の変化"),
                    l("Verdict", "判定"),
                ],
                rows: gap_rows,
            }),
        ],
    })
}

/// The countermeasures cited, crosswalked to CPSF, ISO/IEC 27001, NIST SP 800-53 and DMBOK
/// (表B-2.6).
fn countermeasure_standards(a: &Assessment, lang: Lang) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let cited: BTreeSet<&str> = a
        .risks
        .iter()
        .flat_map(|r| r.countermeasures.iter().map(|c| c.id.as_str()))
        .collect();
    let rows = cited
        .iter()
        .filter_map(|id| catalogs().countermeasure(id))
        .map(|c| {
            vec![
                cell(c.id.clone()),
                cell(lang.pick(&c.name_en, &c.name_ja).to_string()),
                cell(c.cpsf.join(", ")),
                cell(c.iso27001.join(", ")),
                cell(c.sp800_53.join(", ")),
                cell(c.dmbok.join(", ")),
                if c.in_mapping_table {
                    cell("")
                } else {
                    toned(l("not in 表B-2.6", "表B-2.6 にない"), Tone::Note)
                },
            ]
        })
        .collect();
    Section {
        title: l(
            "Countermeasures and the standards behind them (表B-2.6)",
            "対策要件と参照規格（表B-2.6）",
        ),
        blocks: vec![Block::Table(Table {
            header: vec![
                l("ID", "ID"),
                l("Countermeasure", "対策要件"),
                l("CPSF", "CPSF"),
                l("ISO/IEC 27001:2013", "ISO/IEC 27001:2013"),
                l("NIST SP 800-53 Rev.5", "NIST SP 800-53 Rev.5"),
                l("DMBOK", "DMBOK"),
                l("Note", "注記"),
            ],
            rows,
        })],
    }
}

/// The standards 3-1 names for the details of an event of this kind (seed 24527–24537).
fn event_standards(kind: EventKind, lang: Lang) -> String {
    let standards: Vec<String> = catalogs()
        .standards_for_event(kind.id())
        .map(|s| standard_label(s, lang))
        .collect();
    if standards.is_empty() {
        return lang
            .pick(
                &format!(
                    "Reference standards for {} (DMF 3-1): the DMF names none for this event kind; see the general ones below.",
                    kind.name_en()
                ),
                &format!(
                    "{}の参照規格（DMF 3-1）: このイベントの種類について DMF が挙げる規格はありません。下記の全般的な規格を参照してください。",
                    kind.name_ja()
                ),
            )
            .to_string();
    }
    lang.pick(
        &format!(
            "Reference standards for {} (DMF 3-1): {}",
            kind.name_en(),
            standards.join(" / ")
        ),
        &format!(
            "{}の参照規格（DMF 3-1）: {}",
            kind.name_ja(),
            standards.join(" / ")
        ),
    )
    .to_string()
}

/// `DMF-STD08 name (condition; seed 24529–24531)` in the chosen language.
fn standard_label(s: &cpsrisk_catalog::dmf::ReferenceStandard, lang: Lang) -> String {
    let condition = lang
        .pick(
            s.condition_en.as_deref().unwrap_or(""),
            s.condition_ja.as_deref().unwrap_or(""),
        )
        .to_string();
    let seed = seed_lines(s.source.lines, lang);
    format!(
        "{} {} ({}{seed})",
        s.id,
        lang.pick(&s.name_en, &s.name_ja),
        if condition.is_empty() {
            String::new()
        } else {
            format!("{condition}; ")
        }
    )
}

/// A countermeasure's status with who implements it, e.g. "Requested of the implementer: A → B".
fn countermeasure_status(
    c: &cpsrisk_dmf::risks::CountermeasureState,
    status: cpsrisk_model::levels::CountermeasureStatus,
    lang: Lang,
) -> String {
    let mut out = name(status, lang).to_string();
    match (&c.requested_by, &c.implementer) {
        (Some(by), Some(of)) => out.push_str(&format!(": {by} → {of}")),
        (None, Some(of)) => {
            out.push_str(lang.pick(&format!(", by {of}"), &format!("、実施: {of}")))
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Format, Report};
    use cpsrisk_catalog::Lang;

    /// 3-1 (seed 24527–24537): each event's STEP 4 lists the standards named for its kind, with
    /// their seed lines, in the chosen language; storage, for which 3-1 names none, says so.
    #[test]
    fn each_event_lists_the_standards_3_1_names_for_its_kind() {
        let model = cpsrisk_model::load_and_check(
            "cpsrisk: 1
system: { name: t }
dmf:
  organisations: [{ id: a, name: A }]
  data: [{ id: x, name: X }]
  events:
    - { id: g, kind: generation, name: g, outputs: [x], at: { organisation: a } }
    - { id: s, kind: storage, name: s, inputs: [x], at: { organisation: a } }
",
        )
        .unwrap();
        let report = Report::new("m.yaml", &model);
        let en = report.render(Format::Markdown, Lang::En);
        assert!(en.contains(
            "Reference standards for Generation/acquisition (DMF 3-1): DMF-STD08 IPA: How to Secure Your Web Site, 7th revised edition (where a website is the means of generation/acquisition; seed l. 24529–24531) / DMF-STD09 NISTIR 8259 (where IoT devices are the means of generation/acquisition; seed l. 24531)"
        ), "{en}");
        assert!(en.contains("Reference standards for Storage (DMF 3-1): the DMF names none"));
        assert!(en.contains("DMF-STD07 Cyber/Physical Security Framework (CPSF) (seed l. 24525)"));
        let ja = report.render(Format::Markdown, Lang::Ja);
        assert!(ja.contains(
            "生成・取得の参照規格（DMF 3-1）: DMF-STD08 安全なウェブサイトの作り方 改訂第７版 (生成・取得の手段としてウェブサイトを用いる場合; 原典 24529–24531 行)"
        ), "{ja}");
        assert!(ja.contains(
            "保管の参照規格（DMF 3-1）: このイベントの種類について DMF が挙げる規格はありません"
        ));
    }

    /// 27348–27352: A asks its contractor B for measures equal to its own; the report and the
    /// JSON say who asked whom, and a request does not yet treat the risk.
    #[test]
    fn a_requested_countermeasure_shows_who_asked_whom() {
        let model = cpsrisk_model::load_and_check(
            "cpsrisk: 1
system: { name: t }
dmf:
  organisations: [{ id: a, name: A }, { id: b, name: B }]
  data: [{ id: x, name: X }]
  events:
    - id: e
      kind: storage
      name: s
      inputs: [x]
      at: { organisation: b }
      countermeasures:
        - { id: DMF-C17, status: requested, implementer: b, requested_by: a }
",
        )
        .unwrap();
        let report = Report::new("m.yaml", &model);
        let md = report.render(Format::Markdown, Lang::En);
        // Markdown escapes brackets (docs/security.md); they render as written.
        assert!(
            md.contains("\\[Requested of the implementer: a → b\\]"),
            "{md}"
        );
        let ja = report.render(Format::Markdown, Lang::Ja);
        assert!(ja.contains("\\[実施を依頼済み: a → b\\]"));
        let json: serde_json::Value =
            serde_json::from_str(&report.render(Format::Json { pretty: false }, Lang::En)).unwrap();
        let risk = json["dmf"]["risks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["catalog_id"] == "DMF-S03")
            .unwrap();
        let c17 = &risk["countermeasures"][2];
        assert_eq!(
            (&c17["id"], &c17["status"]),
            (&"DMF-C17".into(), &"requested".into())
        );
        assert_eq!(c17["implementer"], "b");
        assert_eq!(c17["requested_by"], "a");
        assert_eq!(risk["treated"], false);
    }
}
