//! Consumer IoT conformance (EN 303 645, TS 103 701): the model's `conformance` section and its
//! checks.

mod checks;
pub mod model;

pub(crate) use checks::check;
pub use model::*;
