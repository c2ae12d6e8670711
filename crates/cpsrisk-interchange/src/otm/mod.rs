//! Open Threat Model (OTM, IriusRisk's open format for threat models): [`read`] and [`import`]
//! an OTM file (0.1.x or 0.2.x, JSON or YAML) into a cpsrisk model with a [`MappingReport`];
//! [`export::render`] writes a model's devices, flows, threats and measures as OTM 0.2.0.
//! What maps to what: docs/interchange.md.

mod attributes;
pub mod document;
pub mod export;
mod import;
pub mod mapping_report;

pub use document::read;
pub use import::{Imported, import};
pub use mapping_report::MappingReport;
