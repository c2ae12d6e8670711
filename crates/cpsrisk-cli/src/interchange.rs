//! `assess --format sarif|oscal|oscal-poam|xlsx|otm` and `catalog export NAME --format oscal`:
//! writing results in other tools' formats (the work is in `cpsrisk-interchange`).

use std::path::Path;

use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, oscal};
use cpsrisk_report::Report;

use crate::console::errln;
use crate::{FormatArg, Outcome, output};

/// The interchange format `format` names, if it names one.
pub fn report_format(format: FormatArg) -> Option<ReportFormat> {
    match format {
        FormatArg::Sarif => Some(ReportFormat::Sarif),
        FormatArg::Oscal => Some(ReportFormat::Oscal),
        FormatArg::OscalPoam => Some(ReportFormat::OscalPoam),
        FormatArg::Xlsx => Some(ReportFormat::Xlsx),
        FormatArg::Otm => Some(ReportFormat::Otm),
        FormatArg::Text | FormatArg::Json | FormatArg::Md | FormatArg::Html | FormatArg::Pdf => {
            None
        }
    }
}

/// The time written into OSCAL documents: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), otherwise the fixed stamp, so that the same model gives
/// the same bytes.
fn stamp(lang: Lang) -> Result<Timestamp, Outcome> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(Timestamp::fixed()),
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .map(Timestamp::from_unix)
            .map_err(|_| {
                errln!(
                    "error: {}`{v}`",
                    lang.pick(
                        "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 UTC, not ",
                        "SOURCE_DATE_EPOCH は 1970-01-01 UTC からの秒数で指定してください: "
                    )
                );
                Outcome::Invalid
            }),
    }
}

/// Writes `report` in an interchange format to `out` or standard output. A workbook is binary
/// and is not written to a terminal (it would garble it): `--out` is needed there.
pub fn emit_report(
    report: &Report,
    format: ReportFormat,
    out: Option<&Path>,
    lang: Lang,
) -> Outcome {
    if format == ReportFormat::Xlsx && output::reaches_terminal(out) {
        errln!(
            "error: {}",
            lang.pick(
                "the workbook is binary: write it to a file with --out FILE.xlsx",
                "ワークブックはバイナリです。--out FILE.xlsx でファイルに書き出してください"
            )
        );
        return Outcome::Invalid;
    }
    let stamp = match stamp(lang) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    match cpsrisk_interchange::render_report(report, format, lang, &stamp) {
        Ok(bytes) => output::write_with(out, lang, |w| w.write_all(&bytes)),
        Err(e) => {
            errln!("error: {e}");
            Outcome::Invalid
        }
    }
}

/// `diff` compares reports; it has no interchange form.
pub fn not_for_diff(lang: Lang) -> Outcome {
    errln!(
        "error: {}",
        lang.pick(
            "diff writes text, json, md or html; sarif, oscal and the other interchange formats are for assess",
            "diff の出力形式は text、json、md、html です。sarif、oscal などの交換形式は assess で使えます"
        )
    );
    Outcome::Invalid
}

/// `catalog export NAME --format oscal`: a catalog, or a profile (`uk-psti`, `cls-level-N`).
pub fn catalog_export_oscal(name: &str, out: Option<&Path>, lang: Lang) -> Outcome {
    let stamp = match stamp(lang) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    match oscal::render_named(name, lang, &stamp) {
        Some(bytes) => output::write_with(out, lang, |w| w.write_all(&bytes)),
        None => {
            errln!(
                "error: {}{name}",
                lang.pick(
                    "no OSCAL form for the catalog: ",
                    "OSCAL 形式で書き出せないカタログです: "
                )
            );
            let help = match cpsrisk_catalog::near_miss(name, oscal::names()) {
                Some(s) => format!(
                    "{}`{s}`",
                    lang.pick("did you mean ", "次の誤りではありませんか: ")
                ),
                None => format!(
                    "{}{}",
                    lang.pick(
                        "catalogs with an OSCAL form: ",
                        "OSCAL 形式のあるカタログ: "
                    ),
                    oscal::names().collect::<Vec<_>>().join(", ")
                ),
            };
            errln!("  = {}{help}", lang.pick("help: ", "ヒント: "));
            Outcome::Invalid
        }
    }
}
