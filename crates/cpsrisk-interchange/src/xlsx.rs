//! `assess --format xlsx`: the tables the frameworks' readers expect, one sheet each — the
//! per-stakeholder assessment, device threats with candidate requirements, requirements with
//! CPSF IDs, the measures per implementer (表8 style), DMF steps 1–4 and the risk table, the
//! EN 303 645 checklist and the TS 103 701 test plan, plus every finding. Header row frozen,
//! filters on, column widths from the text's display width (Japanese characters count two),
//! sheet names and headers in the chosen language.

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::conformance::Applicability;
use cpsrisk_model::levels::Named;
use cpsrisk_report::Report;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::{RenderError, Timestamp, all_findings};

/// One table: a sheet name, a header row and data rows.
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(lang: Lang, (en, ja): (&str, &str), header: &[(&str, &str)]) -> Self {
        Table {
            name: lang.pick(en, ja).to_string(),
            header: header
                .iter()
                .map(|(en, ja)| lang.pick(en, ja).to_string())
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// Excel's limits on a column's width (in characters) and a sheet name's length.
const MAX_WIDTH: usize = 60;
const MAX_SHEET_NAME: usize = 31;

/// The workbook of one report.
pub fn render(report: &Report, lang: Lang, stamp: &Timestamp) -> Result<Vec<u8>, RenderError> {
    write(&tables(report, lang), stamp).map_err(|e| RenderError(format!("xlsx: {e}")))
}

/// The tables of one report, in the order of the sheets; engines without input give none.
pub fn tables(report: &Report, lang: Lang) -> Vec<Table> {
    let mut tables = Vec::new();
    if let Some(a) = &report.iot_ssf {
        tables.push(stakeholders(a, lang));
        tables.push(device_threats(a, lang));
        tables.push(requirements(a, lang));
        tables.push(responsibility(a, lang));
    }
    if let Some(a) = &report.dmf {
        tables.extend(dmf(report, a, lang));
    }
    if let Some(a) = &report.conformance {
        tables.push(checklist(a, lang));
        tables.push(test_plan(a, lang));
    }
    tables.push(findings(report, lang));
    tables
}

fn write(tables: &[Table], stamp: &Timestamp) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation time keeps the file byte-identical for the same input.
    let created = ExcelDateTime::parse_from_str(stamp.as_str())?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&table.name))?;
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), h, &bold)?;
        }
        let mut widths: Vec<usize> = table.header.iter().map(|h| h.width()).collect();
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let width = cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                widths[c] = widths[c].max(width);
                if width > MAX_WIDTH || cell.contains('\n') {
                    sheet.write_string_with_format(row_index(r + 1), col(c), cell, &wrap)?;
                } else {
                    sheet.write_string(row_index(r + 1), col(c), cell)?;
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            // Room for the filter button beside the header.
            sheet.set_column_width(col(c), (w + 3).min(MAX_WIDTH) as f64)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_col = col(table.header.len().saturating_sub(1));
        sheet.autofilter(0, 0, row_index(table.rows.len()), last_col)?;
    }
    workbook.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row_index(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Excel forbids `[]:*?/\` in sheet names and allows 31 characters.
fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '・' } else { c })
        .take(MAX_SHEET_NAME)
        .collect()
}

fn named<T: Named>(lang: Lang, v: T) -> String {
    lang.pick(v.name_en(), v.name_ja()).to_string()
}

fn yes(lang: Lang, b: bool) -> String {
    if b {
        lang.pick("yes", "〇").to_string()
    } else {
        String::new()
    }
}

fn list<S: std::borrow::Borrow<str>>(items: &[S]) -> String {
    items.join(", ")
}

fn stakeholders(a: &cpsrisk_iot_ssf::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("Stakeholders", "ステークホルダー別評価"),
        &[
            ("ID", "ID"),
            ("Stakeholder", "ステークホルダー"),
            ("Roles", "役割"),
            ("Applying entity", "適用主体"),
            ("Axis 1", "第1軸"),
            ("Axis 2", "第2軸"),
            ("Within target", "リスク基準内"),
            ("Suggested axis 1", "示唆される第1軸"),
            ("Suggested axis 2", "示唆される第2軸"),
            ("Reasoning axis 1", "第1軸の理由"),
            ("Reasoning axis 2", "第2軸の理由"),
            ("Policies", "対策方針"),
        ],
    );
    for s in &a.stakeholders {
        t.rows.push(vec![
            s.id.clone(),
            lang.pick(&s.name_en, &s.name_ja).to_string(),
            s.roles
                .iter()
                .map(|r| named(lang, *r))
                .collect::<Vec<_>>()
                .join(", "),
            yes(lang, s.applying_entity),
            named(lang, s.axis1),
            named(lang, s.axis2),
            if s.within_target {
                lang.pick("within", "基準内").into()
            } else {
                lang.pick("OUTSIDE", "基準超過").into()
            },
            s.suggested_axis1
                .as_ref()
                .map(|x| named(lang, x.level))
                .unwrap_or_default(),
            s.suggested_axis2
                .as_ref()
                .map(|x| named(lang, x.level))
                .unwrap_or_default(),
            s.reasoning_axis1.clone().unwrap_or_default(),
            s.reasoning_axis2.clone().unwrap_or_default(),
            list(&s.policies),
        ]);
    }
    t
}

fn device_threats(a: &cpsrisk_iot_ssf::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("Device threats", "機器別の脅威と候補要件"),
        &[
            ("Device", "機器"),
            ("Threat", "脅威"),
            ("Threat name", "脅威の名称"),
            ("Description", "説明"),
            ("Candidate requirements", "候補の対策要件"),
            ("Treated by", "対応する要件"),
            ("Accepted", "リスク受容"),
        ],
    );
    for d in &a.device_threats {
        t.rows.push(vec![
            d.device.to_string(),
            d.threat.to_string(),
            lang.pick(&d.threat_name_en, &d.threat_name_ja).to_string(),
            d.description.clone().unwrap_or_default(),
            d.candidates
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            list(&d.treated_by),
            d.accepted.as_deref().unwrap_or_default().to_string(),
        ]);
    }
    t
}

fn requirements(a: &cpsrisk_iot_ssf::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("Requirements", "対策要件とCPSF"),
        &[
            ("ID", "ID"),
            ("Requirement", "対策要件"),
            ("Viewpoint", "観点"),
            ("Target", "実装先"),
            ("CPSF IDs", "CPSF の対策要件 ID"),
            ("State", "状態"),
            ("High impact", "影響大"),
            ("Policies", "対策方針"),
            ("Decisions", "決定"),
            ("Existing controls", "既存の対策"),
        ],
    );
    for r in &a.requirements {
        t.rows.push(vec![
            r.id.clone(),
            lang.pick(&r.name_en, &r.name_ja).to_string(),
            r.viewpoint.to_string(),
            r.target.map(|x| named(lang, x)).unwrap_or_default(),
            list(&r.cpsf),
            r.state.to_string(),
            yes(lang, r.high_impact),
            list(&r.policies),
            r.decisions
                .iter()
                .map(|d| format!("{}: {}", d.implementer, named(lang, d.status)))
                .collect::<Vec<_>>()
                .join(", "),
            list(&r.existing_controls),
        ]);
    }
    t
}

/// The measures per implementer, as 表8–表11 print them: one block of rows per implementer.
fn responsibility(a: &cpsrisk_iot_ssf::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("Measures by implementer", "実装者別の対策（表8形式）"),
        &[
            ("Implementer", "実施者"),
            ("No.", "No."),
            ("Viewpoint", "観点"),
            ("Target", "実装先"),
            ("Requirement", "対策要件 ID"),
            ("Requirement name", "対策要件"),
            ("Measures", "対策"),
            ("Status", "状況"),
            ("High impact", "影響大"),
            ("Devices", "機器"),
            ("Source row", "出典"),
        ],
    );
    for table in &a.responsibility {
        let who = format!(
            "{} ({})",
            lang.pick(&table.name_en, &table.name_ja),
            table.implementer
        );
        for row in &table.rows {
            t.rows.push(vec![
                who.clone(),
                row.no.to_string(),
                row.viewpoint.map(|v| v.to_string()).unwrap_or_default(),
                row.target.map(|x| named(lang, x)).unwrap_or_default(),
                row.requirement.clone(),
                lang.pick(&row.name_en, &row.name_ja).to_string(),
                row.measures.join("\n"),
                named(lang, row.status),
                if row.high_impact {
                    "〇".into()
                } else {
                    String::new()
                },
                list(&row.devices),
                row.source_row.clone().unwrap_or_default(),
            ]);
        }
    }
    t
}

fn dmf(report: &Report, a: &cpsrisk_dmf::Assessment, lang: Lang) -> Vec<Table> {
    let events = report.source.dmf.iter().flat_map(|d| &d.events);
    let mut step1 = Table::new(
        lang,
        ("DMF STEP 1 flow", "DMF STEP1 イベントの流れ"),
        &[
            ("Order", "順序"),
            ("Event", "イベント"),
            ("Kind", "種類"),
            ("Name", "名称"),
            ("Inputs", "入力"),
            ("Outputs", "出力"),
        ],
    );
    let by_id: std::collections::HashMap<&str, &cpsrisk_model::model::Event> =
        events.map(|e| (e.id.as_str(), e)).collect();
    for (i, id) in a.order.iter().enumerate() {
        let Some(e) = by_id.get(id.as_str()) else {
            continue;
        };
        let ids = |v: &[cpsrisk_model::Loc<String>]| {
            v.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
        };
        step1.rows.push(vec![
            (i + 1).to_string(),
            id.clone(),
            named(lang, e.kind),
            match (lang, &e.name_ja) {
                (Lang::Ja, Some(ja)) => ja.clone(),
                _ => e.name.clone(),
            },
            ids(&e.inputs),
            ids(&e.outputs),
        ]);
    }
    let mut step2 = Table::new(
        lang,
        ("DMF STEP 2 places", "DMF STEP2 場"),
        &[("Event", "イベント"), ("Data", "データ"), ("Places", "場")],
    );
    for p in &a.places {
        step2
            .rows
            .push(vec![p.event.clone(), p.data.clone(), list(&p.places)]);
    }
    let mut step3 = Table::new(
        lang,
        ("DMF STEP 3 attributes", "DMF STEP3 属性"),
        &[
            ("Event", "イベント"),
            ("Data", "データ"),
            ("Attribute", "属性"),
            ("Before", "変化前"),
            ("After", "変化後"),
        ],
    );
    for c in &a.attribute_changes {
        step3.rows.push(vec![
            c.event.clone(),
            c.data.clone(),
            c.attribute.clone(),
            c.before.clone().unwrap_or_default(),
            c.after.clone().unwrap_or_default(),
        ]);
    }
    let mut step4 = Table::new(
        lang,
        ("DMF STEP 4 risks", "DMF STEP4 リスク"),
        &[
            ("Event", "イベント"),
            ("Risk", "リスク ID"),
            ("Viewpoint", "観点"),
            ("Actor", "主体"),
            ("Risk text", "リスク"),
            ("Threats", "脅威"),
            ("Countermeasures", "対策"),
            ("Treated", "対応済み"),
            ("Transfer unit", "移転の単位"),
        ],
    );
    for r in &a.risks {
        step4.rows.push(vec![
            r.event.clone(),
            r.catalog_id.clone(),
            r.viewpoint.clone(),
            r.actor.clone().unwrap_or_default(),
            lang.pick(&r.text_en, &r.text_ja).to_string(),
            list(&r.threats),
            r.countermeasures
                .iter()
                .map(|c| match c.status {
                    Some(s) => format!("{} ({})", c.id, named(lang, s)),
                    None => c.id.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            yes(lang, r.treated),
            r.unit.unwrap_or_default().to_string(),
        ]);
    }
    vec![step1, step2, step3, step4]
}

fn checklist(a: &cpsrisk_conformance::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("EN 303 645 checklist", "EN 303 645 チェックリスト"),
        &[
            ("Provision", "規定"),
            ("Clause", "条項"),
            ("Text", "本文"),
            ("Status", "区分"),
            ("Applies", "適用"),
            ("Why", "理由"),
            ("Stated", "申告"),
            ("Implementation", "実装"),
            ("Justification", "根拠"),
            ("UK PSTI", "UK PSTI"),
        ],
    );
    for r in &a.checklist {
        let applies = match &r.applicability {
            Applicability::Applies => lang.pick("applies", "適用"),
            Applicability::DoesNotApply { .. } => lang.pick("does not apply", "適用外"),
            Applicability::Unknown { .. } => lang.pick("unknown", "不明"),
        };
        t.rows.push(vec![
            r.id.clone(),
            format!(
                "{} {}",
                r.clause,
                lang.pick(&r.clause_title_en, &r.clause_title_ja)
            ),
            lang.pick(&r.text_en, &r.text_ja).to_string(),
            r.status.clone(),
            applies.to_string(),
            lang.pick(&r.why.en, &r.why.ja).to_string(),
            r.stated.map(|s| named(lang, s)).unwrap_or_default(),
            r.implementation.clone().unwrap_or_default(),
            r.justification.clone().unwrap_or_default(),
            yes(lang, r.psti),
        ]);
    }
    t
}

fn test_plan(a: &cpsrisk_conformance::Assessment, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("TS 103 701 test plan", "TS 103 701 テスト計画"),
        &[
            ("Test case", "テストケース"),
            ("Provision", "規定"),
            ("Type", "種別"),
            ("Purpose", "目的"),
            ("ICS", "ICS"),
            ("IXIT", "IXIT"),
            ("Verdict", "判定"),
            ("Evidence", "証跡"),
            ("Notes", "備考"),
        ],
    );
    for p in &a.test_plan {
        t.rows.push(vec![
            p.id.clone(),
            p.provision.clone(),
            p.kind.clone(),
            lang.pick(&p.purpose_en, &p.purpose_ja).to_string(),
            list(&p.ics),
            list(&p.ixit),
            p.verdict.map(|v| named(lang, v)).unwrap_or_default(),
            p.evidence.join("\n"),
            p.notes.clone().unwrap_or_default(),
        ]);
    }
    t
}

fn findings(report: &Report, lang: Lang) -> Table {
    let mut t = Table::new(
        lang,
        ("Findings", "指摘"),
        &[
            ("Engine", "エンジン"),
            ("Code", "コード"),
            ("Check", "チェック"),
            ("Severity", "重要度"),
            ("Line", "行"),
            ("Column", "列"),
            ("Message", "内容"),
        ],
    );
    for (engine, f) in all_findings(report) {
        t.rows.push(vec![
            engine.name(lang).to_string(),
            f.code.to_string(),
            f.check.to_string(),
            match f.severity {
                cpsrisk_model::Severity::Warning => lang.pick("warning", "警告").into(),
                cpsrisk_model::Severity::Info => lang.pick("info", "情報").into(),
            },
            f.line.to_string(),
            f.column.to_string(),
            lang.pick(&f.message.en, &f.message.ja).to_string(),
        ]);
    }
    t
}
