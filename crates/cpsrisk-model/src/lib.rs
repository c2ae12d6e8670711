//! The cpsrisk model format.
//!
//! A model is one YAML or JSON file describing a system once, for every engine: [`load::parse`]
//! reads it with the line and column of every reference, [`validate::check`] resolves the
//! references against each other and against the catalogs. Both report [`Diagnostic`]s that name
//! the place, the problem and the fix. The JSON Schema for editors comes from the same types.
//!
//! Each framework has a module with its part of the model and its checks: [`iot_ssf`],
//! [`conformance`], [`dmf`]; [`model`] holds the top level that ties them together.

pub mod conformance;
mod cycle;
mod diagnostic;
pub mod dmf;
mod finding;
pub mod flow_lists;
mod id;
pub mod iot_ssf;
pub mod levels;
pub mod load;
mod loc;
pub mod model;
pub mod progress;
mod shared;
pub mod starters;
pub mod text;
pub mod untrusted;
pub mod validate;

pub use diagnostic::{Diagnostic, Text};
pub use finding::{Finding, Severity};
/// Why a text is not a valid model ID (`None` when it is one).
pub use id::problem as id_problem;
pub use loc::{Loc, Position};
pub use model::Model;
pub use shared::Shared;

/// How many diagnostics a front end prints before "… and N more": the first ones get the
/// costlier near-miss suggestions.
pub const PRINTED_DIAGNOSTICS: usize = 50;

/// The JSON Schema (draft 2020-12) of the model format.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(Model).to_value()
}

/// Parses and checks a model: the model, or every problem found in it.
pub fn load_and_check(text: &str) -> Result<Model, Vec<Diagnostic>> {
    load_and_check_with(text, &progress::Unwatched)
}

/// [`load_and_check`], telling `progress` when parsing and checking start and end.
pub fn load_and_check_with(
    text: &str,
    progress: &dyn progress::Progress,
) -> Result<Model, Vec<Diagnostic>> {
    use progress::Stage::{Check, Parse};
    // A fast read: JSON through serde_json (about six times faster), a large YAML model in
    // pieces on every core. Any problem sends the text through the whole-file YAML parse, so
    // that diagnostics read exactly the same.
    let fast = progress.run(Parse, || {
        if load::looks_like_json(text) {
            load::parse_json(text).ok()
        } else {
            load::parse_split(text, &load::Split::DEFAULT)
        }
    });
    if let Some(model) = fast
        && progress.run(Check, || validate::check(&model)).is_empty()
    {
        return Ok(model);
    }
    let model = progress
        .run(Parse, || load::parse(text))
        .map_err(|d| vec![d])?;
    progress.run(Check, || checked(model))
}

fn checked(model: Model) -> Result<Model, Vec<Diagnostic>> {
    let problems = validate::check(&model);
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(problems)
    }
}
