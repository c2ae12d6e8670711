//! Rendering an assessment: JSON (every field, for machines), terminal text, Markdown and one
//! self-contained HTML file, each in English or Japanese.

mod conformance;
mod diagram;
pub mod diff;
mod dmf;
mod document;
mod html;
mod iot_ssf;
mod layout;
mod markdown;
mod sections;
pub mod summary;
pub mod svg;
mod text;
mod text_fit;

/// The device and data-flow diagram alone, as SVG (the benchmarks time it).
pub use iot_ssf::flow_diagram::flow_diagram;

use std::io::{self, BufWriter, Write};

use cpsrisk_catalog::Lang;
use cpsrisk_iot_ssf::Assessment;
use cpsrisk_model::Model;
use cpsrisk_model::progress::{Framework, Progress, Stage::Assess, Unwatched};
use serde::Serialize;
pub use summary::Summary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text {
        colour: bool,
    },
    /// JSON on one line, or indented for people when `pretty` (half again the size: a report of
    /// 100,000 devices is 177 MB on one line and 315 MB indented).
    Json {
        pretty: bool,
    },
    Markdown,
    Html,
}

/// Everything one `cpsrisk assess` run found for one model.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub cpsrisk_version: &'static str,
    pub model: ModelInfo<'a>,
    /// Null when the model has no IoT-SSF input.
    pub iot_ssf: Option<Assessment>,
    /// Null when the model has no DMF input.
    pub dmf: Option<cpsrisk_dmf::Assessment>,
    /// Null when the model has no conformance input.
    pub conformance: Option<cpsrisk_conformance::Assessment>,
    /// The facts of the summary band at the top of the other formats.
    pub summary: Summary,
    #[serde(skip)]
    pub source: &'a Model,
}

#[derive(Debug, Serialize)]
pub struct ModelInfo<'a> {
    pub path: &'a str,
    pub name: &'a str,
    pub name_ja: Option<&'a str>,
}

impl<'a> Report<'a> {
    pub fn new(path: &'a str, model: &'a Model) -> Self {
        Self::new_with(path, model, &Unwatched)
    }

    /// [`Report::new`], telling `progress` when each engine starts and ends. The engines run
    /// at once, the DMF and conformance ones on threads of their own: they share nothing but
    /// the model.
    pub fn new_with(path: &'a str, model: &'a Model, progress: &dyn Progress) -> Self {
        let (iot_ssf, dmf, conformance) = std::thread::scope(|scope| {
            let dmf = model.dmf.as_ref().map(|m| {
                scope.spawn(move || progress.run(Assess(Framework::Dmf), || cpsrisk_dmf::assess(m)))
            });
            let conformance = model.conformance.as_ref().map(|m| {
                scope.spawn(move || {
                    progress.run(Assess(Framework::Conformance), || {
                        cpsrisk_conformance::assess(m)
                    })
                })
            });
            let iot_ssf = model
                .iot_ssf
                .as_ref()
                .map(|m| progress.run(Assess(Framework::IotSsf), || cpsrisk_iot_ssf::assess(m)));
            (iot_ssf, dmf.map(joined), conformance.map(joined))
        });
        Report {
            cpsrisk_version: env!("CARGO_PKG_VERSION"),
            model: ModelInfo {
                path,
                name: &model.system.name,
                name_ja: model.system.name_ja.as_deref(),
            },
            summary: Summary::of(iot_ssf.as_ref(), conformance.as_ref(), dmf.as_ref()),
            iot_ssf,
            dmf,
            conformance,
            source: model,
        }
    }

    /// What changed from `old` to this report, rendered like a report.
    pub fn render_diff(old: &Report, new: &Report, format: Format, lang: Lang) -> String {
        let d = diff::diff(old, new);
        if let Format::Json { pretty } = format {
            let mut out = Vec::new();
            write_json(&mut out, &d, pretty).expect("writing into memory");
            return String::from_utf8(out).expect("JSON is UTF-8");
        }
        render_document(&diff::document(&d, lang), format, lang)
    }

    pub fn render(&self, format: Format, lang: Lang) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail, and every format writes UTF-8.
        self.render_to(&mut out, format, lang)
            .expect("rendering into memory");
        String::from_utf8(out).expect("reports are UTF-8")
    }

    /// Writes the report to `out` as it is rendered: JSON is never held whole in memory.
    pub fn render_to(&self, out: &mut dyn Write, format: Format, lang: Lang) -> io::Result<()> {
        if let Format::Json { pretty } = format {
            return write_json(out, self, pretty);
        }
        let doc = sections::build(
            self.source,
            self.iot_ssf.as_ref(),
            self.conformance.as_ref(),
            self.dmf.as_ref(),
            &self.summary,
            lang,
        );
        out.write_all(render_document(&doc, format, lang).as_bytes())
    }
}

/// Writes `value` as JSON and a final line break.
fn write_json(out: &mut dyn Write, value: &impl Serialize, pretty: bool) -> io::Result<()> {
    // serde_json writes a few bytes at a time; through a buffer of a concrete type those writes
    // are inlined copies instead of calls through `dyn Write`.
    let mut buffered = BufWriter::with_capacity(1 << 16, out);
    if pretty {
        serde_json::to_writer_pretty(&mut buffered, value)?;
    } else {
        serde_json::to_writer(&mut buffered, value)?;
    }
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The engine's result; an engine that panicked panics here, as it would have without the thread.
fn joined<T>(engine: std::thread::ScopedJoinHandle<'_, T>) -> T {
    engine
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn render_document(doc: &document::Document, format: Format, lang: Lang) -> String {
    match format {
        Format::Text { colour } => text::render(doc, colour),
        Format::Markdown => markdown::render(doc),
        Format::Html => html::render(doc, lang),
        Format::Json { .. } => unreachable!("JSON is written from the data, not the document"),
    }
}
