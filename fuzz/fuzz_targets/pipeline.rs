//! The whole pipeline on arbitrary bytes: load → check → every renderer in both languages →
//! diff. Besides "never panics", it checks what docs/security.md promises about model text.

#![no_main]

use cpsrisk_catalog::Lang;
use cpsrisk_model::Model;
use cpsrisk_report::{Format, Report};
use libfuzzer_sys::fuzz_target;

/// Two models in one input, for `diff`: the old one, this line, the new one.
const SPLIT: &str = "\n#---8<---\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (old, new) = text.split_once(SPLIT).unwrap_or((text, text));
    let (Some(old), Some(new)) = (load(old), load(new)) else {
        return;
    };
    let (old, new) = (Report::new("old.yaml", &old), Report::new("new.yaml", &new));
    for lang in [Lang::En, Lang::Ja] {
        for format in [
            Format::Text { colour: false },
            Format::Text { colour: true },
            Format::Markdown,
            Format::Html,
            Format::Json { pretty: false },
            Format::Json { pretty: true },
        ] {
            let report = new.render(format, lang);
            let diff = Report::render_diff(&old, &new, format, lang);
            for out in [&report, &diff] {
                inert(out, format);
            }
        }
    }
});

/// Loads and checks; every diagnostic must be short and free of terminal control characters.
fn load(text: &str) -> Option<Model> {
    match cpsrisk_model::load_and_check(text) {
        Ok(model) => Some(model),
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                for lang in [Lang::En, Lang::Ja] {
                    let shown = d.render("m.yaml", lang);
                    assert!(!shown.contains('\u{1b}'), "raw ESC in a diagnostic: {shown:?}");
                }
            }
            None
        }
    }
}

fn inert(out: &str, format: Format) {
    match format {
        Format::Text { colour: false } => assert!(!out.contains('\u{1b}'), "raw ESC in text"),
        Format::Markdown => assert!(!out.contains('<'), "raw `<` in Markdown"),
        Format::Html => assert!(!out.contains("<script"), "a script in HTML"),
        Format::Json { .. } => {
            serde_json::from_str::<serde_json::Value>(out).expect("valid JSON");
        }
        Format::Text { colour: true } => {}
    }
}
