//! `cpsrisk convert MODEL --to json|yaml [--out FILE]`: the whole model in the other notation,
//! checked first like every model (the work is in `cpsrisk-interchange`).

use std::path::Path;

use clap::ValueEnum;
use cpsrisk_catalog::Lang;
use cpsrisk_interchange::convert::{ModelFormat, model_to};

use crate::console::errln;
use crate::{Outcome, input, output};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertTo {
    Json,
    Yaml,
}

pub fn convert(path: &Path, to: ConvertTo, out: Option<&Path>, lang: Lang) -> Outcome {
    let Some(model) = input::load(path, lang) else {
        return Outcome::Invalid;
    };
    let format = match to {
        ConvertTo::Json => ModelFormat::Json,
        ConvertTo::Yaml => ModelFormat::Yaml,
    };
    match model_to(&model, format) {
        Ok(text) => output::emit(out, &text, lang),
        Err(e) => {
            errln!("{}: error: {e}", path.display());
            Outcome::Invalid
        }
    }
}
