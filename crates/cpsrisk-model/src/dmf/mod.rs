//! The Data Management Framework: the model's `dmf` section and its checks.

mod checks;
pub mod model;

pub(crate) use checks::check;
pub use model::*;
