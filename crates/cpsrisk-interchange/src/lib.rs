//! cpsrisk's results and models in other tools' formats, so that they can leave the tool:
//! OSCAL 1.2 for GRC tools ([`oscal`]), SARIF 2.1.0 for code scanning ([`sarif`]), Excel
//! workbooks ([`xlsx`]) and the Open Threat Model ([`otm`]); [`convert`] writes a model as JSON
//! or YAML. Pure functions from reports, models and catalogs to bytes; the CLI and the
//! workbench server write them.

pub mod convert;
pub mod finding_help;
pub mod oscal;
pub mod otm;
pub mod sarif;
pub mod xlsx;

use cpsrisk_catalog::Lang;
use cpsrisk_model::Finding;
use cpsrisk_report::Report;

pub use oscal::common::Timestamp;

/// The formats a report can be rendered in by [`render_report`]. All but `Xlsx` are UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// SARIF 2.1.0 (JSON).
    Sarif,
    /// OSCAL assessment results (JSON).
    Oscal,
    /// OSCAL plan of action and milestones (JSON).
    OscalPoam,
    /// An Excel workbook (binary).
    Xlsx,
    /// Open Threat Model 0.2.0 (JSON): the model's devices, flows, threats and measures.
    Otm,
}

impl ReportFormat {
    /// The format named `name` (`sarif`, `oscal`, `oscal-poam`, `xlsx`, `otm`), as the CLI and the HTTP API
    /// spell it.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "sarif" => ReportFormat::Sarif,
            "oscal" => ReportFormat::Oscal,
            "oscal-poam" => ReportFormat::OscalPoam,
            "xlsx" => ReportFormat::Xlsx,
            "otm" => ReportFormat::Otm,
            _ => return None,
        })
    }

    /// The media type to serve it with.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Sarif => "application/sarif+json",
            ReportFormat::Oscal | ReportFormat::OscalPoam => "application/oscal+json",
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ReportFormat::Otm => "application/json",
        }
    }
}

/// Renders one assessment report in `format`: the bytes of the whole document. `stamp` is the
/// time written into formats that need one (OSCAL); [`Timestamp::fixed`] keeps the output
/// byte-identical for identical input.
pub fn render_report(
    report: &Report,
    format: ReportFormat,
    lang: Lang,
    stamp: &Timestamp,
) -> Result<Vec<u8>, RenderError> {
    Ok(match format {
        ReportFormat::Sarif => sarif::render(report, lang),
        ReportFormat::Oscal => oscal::assessment_results::render(report, lang, stamp),
        ReportFormat::OscalPoam => oscal::poam::render(report, lang, stamp),
        ReportFormat::Xlsx => return xlsx::render(report, lang, stamp),
        ReportFormat::Otm => otm::export::render(report, lang),
    })
}

/// A document could not be written (only the Excel writer can fail: e.g. a cell over Excel's
/// limits).
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The model's path as a URI reference: a relative path stays relative, an absolute one
/// becomes a `file:` URI (SARIF forbids relative references that start with `/`); `/`
/// separators, and every byte outside the unreserved set percent-encoded, so spaces and
/// Japanese names stay valid.
pub(crate) fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/') || path.as_bytes().get(1) == Some(&b':');
    // `file:` URIs may not hold `.` or `..` segments: resolve them on the text.
    let path = if absolute { normalise(&path) } else { path };
    let mut uri = String::with_capacity(path.len() + 8);
    if absolute {
        uri.push_str(if path.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else if b == b':' && absolute && uri.len() == "file:///".len() + 1 {
            uri.push(':'); // the drive letter's colon
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

fn normalise(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for s in path.split('/') {
        match s {
            "." => {}
            ".." if segments.len() > 1 => {
                segments.pop();
            }
            _ => segments.push(s),
        }
    }
    segments.join("/")
}

/// The engines whose findings a report can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    IotSsf,
    Conformance,
    Dmf,
}

impl Engine {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Engine::IotSsf => "IoT-SSF",
            Engine::Conformance => lang.pick("Consumer IoT conformance", "コンシューマIoT適合性"),
            Engine::Dmf => lang.pick(
                "Data Management Framework",
                "データマネジメント・フレームワーク",
            ),
        }
    }
}

/// Every finding of every engine the report ran, engine by engine in the report's order.
pub fn all_findings<'r>(report: &'r Report) -> Vec<(Engine, &'r Finding)> {
    let iot = report.iot_ssf.iter().flat_map(|a| &a.findings);
    let conf = report.conformance.iter().flat_map(|a| &a.findings);
    let dmf = report.dmf.iter().flat_map(|a| &a.findings);
    iot.map(|f| (Engine::IotSsf, f))
        .chain(conf.map(|f| (Engine::Conformance, f)))
        .chain(dmf.map(|f| (Engine::Dmf, f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            path_to_uri("examples/a b/モデル.yaml"),
            "examples/a%20b/%E3%83%A2%E3%83%87%E3%83%AB.yaml"
        );
        assert_eq!(path_to_uri(r"dir\model.yaml"), "dir/model.yaml");
        assert_eq!(path_to_uri("/srv/m.yaml"), "file:///srv/m.yaml");
        assert_eq!(path_to_uri("/srv/a/../b/./m.yaml"), "file:///srv/b/m.yaml");
        assert_eq!(path_to_uri("../m.yaml"), "../m.yaml");
        assert_eq!(path_to_uri(r"C:\m.yaml"), "file:///C:/m.yaml");
    }
}
