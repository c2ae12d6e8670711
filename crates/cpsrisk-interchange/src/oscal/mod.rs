//! OSCAL 1.2 (JSON) documents: catalogs and profiles of the frameworks' catalogs, mapping
//! collections for their crosswalks, and an assessment's results and plan of action. Written
//! with hand-made serde structs holding only the fields cpsrisk fills; every document is
//! tested against NIST's official JSON schemas of [`common::OSCAL_VERSION`].

pub mod assessment_results;
pub mod catalog;
pub mod common;
pub mod mapping;
pub mod poam;
pub mod profile;
mod results;

use cpsrisk_catalog::Lang;

/// The names `catalog export NAME --format oscal` knows: catalogs, profiles, mapping collections.
pub fn names() -> impl Iterator<Item = &'static str> {
    catalog::CATALOGS
        .iter()
        .chain(profile::PROFILES)
        .chain(mapping::MAPPINGS)
        .copied()
}

/// The OSCAL document named `name`; `None` for an unknown name.
pub fn render_named(name: &str, lang: Lang, stamp: &common::Timestamp) -> Option<Vec<u8>> {
    catalog::render(name, lang, stamp)
        .or_else(|| profile::render(name, lang, stamp))
        .or_else(|| mapping::render(name, lang, stamp))
}
