//! Writing results: to standard output, or to a file that is replaced only once complete.

use std::io::{IsTerminal, Write};
use std::path::Path;

use cpsrisk_catalog::Lang;

use crate::Outcome;

pub fn stdout_wants_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Writes `text` to `out` (through a temporary file renamed into place, so a failed run never
/// leaves a partial result that looks complete) or to standard output.
pub fn emit(out: Option<&Path>, text: &str, lang: Lang) -> Outcome {
    let result = match out {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
        }
        Some(path) => write_atomically(path, text),
    };
    match result {
        Ok(()) => Outcome::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Ok,
        Err(e) => {
            let shown = out
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "<stdout>".into());
            eprintln!(
                "{shown}: error: {}{e}",
                lang.pick("cannot write: ", "書き込めません: ")
            );
            Outcome::Invalid
        }
    }
}

fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.cpsrisk-{}.tmp", std::process::id()));
    let written = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
