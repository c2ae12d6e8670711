//! `cpsrisk import otm FILE [--out MODEL.yaml] [--report FILE]`: another tool's threat model
//! as a cpsrisk model, with a report of what was mapped how (the work is in
//! `cpsrisk-interchange`).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use cpsrisk_catalog::Lang;
use cpsrisk_interchange::otm;

use crate::console::errln;
use crate::{Outcome, input, output};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// An Open Threat Model file (OTM 0.1 or 0.2, JSON or YAML) as a cpsrisk model.
    Otm {
        file: PathBuf,
        /// Write the model here instead of standard output (replaced only when complete).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the mapping report here instead of standard error.
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

pub fn run(command: ImportCommand, lang: Lang) -> Outcome {
    match command {
        ImportCommand::Otm { file, out, report } => {
            import_otm(&file, out.as_deref(), report.as_deref(), lang)
        }
    }
}

fn import_otm(file: &Path, out: Option<&Path>, report: Option<&Path>, lang: Lang) -> Outcome {
    let Some(text) = input::read_text(file, lang) else {
        return Outcome::Invalid;
    };
    let read = match otm::read(&text) {
        Ok(read) => read,
        Err(diagnostics) => {
            input::report_diagnostics(file, &diagnostics, lang);
            return Outcome::Invalid;
        }
    };
    let imported = otm::import(&read);
    let shown = file.display().to_string();
    let yaml = match imported.model_yaml(&shown) {
        Ok(yaml) => yaml,
        Err(e) => {
            errln!("{shown}: error: {e}");
            return Outcome::Invalid;
        }
    };
    // The model written must be one `cpsrisk validate` accepts; a failure here is cpsrisk's
    // fault, and nothing is written.
    if let Err(diagnostics) = cpsrisk_model::load_and_check(&yaml) {
        errln!(
            "{shown}: error: {}",
            lang.pick(
                "the model made from this file does not pass the checks (a cpsrisk bug; please report it):",
                "このファイルから作ったモデルが検査を通りません（cpsrisk の不具合です。報告してください）:"
            )
        );
        input::report_diagnostics(Path::new("<imported model>"), &diagnostics, lang);
        return Outcome::Invalid;
    }
    if let Outcome::Invalid = output::emit(out, &yaml, lang) {
        return Outcome::Invalid;
    }
    let text = imported.report.render(lang);
    match report {
        Some(path) => output::emit(Some(path), &text, lang),
        None => {
            for line in text.lines() {
                errln!("{line}");
            }
            Outcome::Ok
        }
    }
}
