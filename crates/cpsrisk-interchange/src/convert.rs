//! `cpsrisk convert MODEL --to json|yaml`: a whole model written in the other notation. Reading
//! the result back gives the same model (every field written, absent ones as `null` or `[]`).

use cpsrisk_model::Model;

/// The notations a model can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFormat {
    Json,
    Yaml,
}

/// The model in `format`, ending with a newline.
pub fn model_to(model: &Model, format: ModelFormat) -> Result<String, crate::RenderError> {
    match format {
        ModelFormat::Json => serde_json::to_string_pretty(model)
            .map(|s| s + "\n")
            .map_err(|e| crate::RenderError(format!("json: {e}"))),
        ModelFormat::Yaml => serde_saphyr::to_string(model)
            .map(|s| if s.ends_with('\n') { s } else { s + "\n" })
            .map_err(|e| crate::RenderError(format!("yaml: {e}"))),
    }
}
