//! The report's sections in order: each framework's that has input, then the reading notes.

use cpsrisk_catalog::Lang;
use cpsrisk_iot_ssf::{Assessment, Severity};
use cpsrisk_model::Model;

use cpsrisk_model::text;

use crate::document::{
    Band, Block, Document, Section, Table, Tone, cell, model_text, shown, toned,
};
use crate::summary::Summary;

pub fn build(
    model: &Model,
    iot: Option<&Assessment>,
    conformance: Option<&cpsrisk_conformance::Assessment>,
    dmf: Option<&cpsrisk_dmf::Assessment>,
    summary: &Summary,
    lang: Lang,
) -> Document {
    let system = &model.system;
    let system_name = shown(lang, &system.name, &system.name_en, &system.name_ja);
    let mut subtitle = Vec::new();
    if let Some(source) = &system.source {
        let lines = source
            .lines
            .map(|[a, b]| format!(" ({a}–{b})"))
            .unwrap_or_default();
        subtitle.push(format!(
            "{}{}{lines}",
            lang.pick("Source: ", "出典: "),
            shown(
                lang,
                &source.document,
                &source.document_en,
                &source.document_ja
            )
        ));
    }
    let mut panels = Vec::new();
    if let (Some(s), Some(a)) = (&summary.iot_ssf, iot) {
        panels.push(s.panel(a, lang));
    }
    if let Some(s) = &summary.conformance {
        panels.push(s.panel(lang));
    }
    if let (Some(s), Some(input)) = (&summary.dmf, &model.dmf) {
        panels.push(s.panel(input, lang));
    }
    let band = (!panels.is_empty()).then(|| Band {
        title: lang.pick("At a glance", "結果の概観").into(),
        panels,
    });
    let mut sections = Vec::new();
    if let (Some(iot), Some(input)) = (iot, &model.iot_ssf) {
        sections.extend(crate::iot_ssf::sections(input, iot, lang));
    }
    if let (Some(c), Some(input)) = (conformance, &model.conformance) {
        sections.extend(crate::conformance::sections(input, c, lang));
    }
    if let (Some(d), Some(input)) = (dmf, &model.dmf) {
        sections.extend(crate::dmf::sections(input, d, lang));
    }
    let notes = text::pick_list(
        lang,
        &system.reading_notes,
        &system.reading_notes_en,
        &system.reading_notes_ja,
    );
    if !notes.is_empty() {
        sections.push(Section {
            title: lang.pick("Reading notes", "読み方の注記").into(),
            blocks: notes
                .iter()
                .map(|n| Block::Paragraph(model_text(lang, n)))
                .collect(),
        });
    }
    Document {
        title: format!(
            "{}{system_name}",
            lang.pick("Risk assessment: ", "リスクアセスメント: ")
        ),
        subtitle,
        band,
        sections,
    }
}

/// The findings of one engine as a table; the place is left blank for findings about something
/// the model lacks.
pub(crate) fn findings_section(
    title: String,
    findings: &[cpsrisk_model::Finding],
    lang: Lang,
) -> Section {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let rows = findings
        .iter()
        .map(|f| {
            let severity = match f.severity {
                Severity::Warning => toned(l("warning", "警告"), Tone::Bad),
                Severity::Info => toned(l("note", "注記"), Tone::Note),
            };
            let place = if f.line > 0 {
                format!("{}:{}", f.line, f.column)
            } else {
                String::new()
            };
            vec![
                cell(f.code),
                severity,
                cell(place),
                cell(f.message.get(lang).to_string()),
            ]
        })
        .collect();
    Section {
        title,
        blocks: vec![Block::Table(Table {
            header: vec![
                l("Code", "コード"),
                l("Severity", "重要度"),
                l("Line", "行"),
                l("Finding", "内容"),
            ],
            rows,
        })],
    }
}
