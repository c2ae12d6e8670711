//! OSCAL 1.2 (JSON) documents: catalogs and profiles of the frameworks' catalogs, mapping
//! collections for their crosswalks, and an assessment's results and plan of action. Written
//! with hand-made serde structs holding only the fields cpsrisk fills; every document is
//! tested against NIST's official JSON schemas of [`common::OSCAL_VERSION`].

pub mod assessment_results;
pub mod catalog;
pub mod common;
pub mod poam;
mod results;
