//! IoT-SSF: the model's `iot_ssf` section and its checks.

mod checks;
mod decision_checks;
pub mod model;

pub(crate) use checks::check;
pub use model::*;
