//! `cpsrisk catalog list` and `cpsrisk catalog find`: what catalogs there are, and which
//! entries a phrase names.

use clap::ValueEnum;
use cpsrisk_catalog::Lang;

use crate::Outcome;
use crate::console::errln;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// Every catalog `catalog export` accepts, with its number of entries.
pub fn list(format: ListFormat, lang: Lang) -> Outcome {
    let catalogs = cpsrisk_catalog::list();
    let text = match format {
        ListFormat::Json => serde_json::to_string_pretty(&catalogs).unwrap_or_default() + "\n",
        ListFormat::Text => catalogs
            .iter()
            .map(|c| {
                format!(
                    "{:32} {:>5}  {}\n",
                    c.name,
                    c.entries,
                    lang.pick(c.title_en, c.title_ja)
                )
            })
            .collect(),
    };
    crate::output::emit(None, &text, lang)
}

/// The entries whose ID, name or text the query names, with both names and their catalog.
pub fn find(query: &str, format: ListFormat, lang: Lang) -> Outcome {
    let hits = cpsrisk_catalog::find::find(query);
    let text = match format {
        ListFormat::Json => serde_json::to_string_pretty(&hits).unwrap_or_default() + "\n",
        ListFormat::Text if hits.is_empty() => {
            errln!(
                "{}",
                lang.pick(
                    "nothing found; try fewer or shorter words (each word separated by a space must match)",
                    "該当なし。語を減らすか短くしてください（空白で区切った語はすべて一致する必要があります）"
                )
            );
            String::new()
        }
        ListFormat::Text => hits
            .iter()
            .map(|h| {
                let near = if h.kind == "near" {
                    lang.pick("  (near match)", "  （近い一致）")
                } else {
                    ""
                };
                format!(
                    "{:16} {:28} {}\n{:16} {:28} {}{near}\n",
                    h.id, h.catalog, h.name_en, "", "", h.name_ja
                )
            })
            .collect(),
    };
    crate::output::emit(None, &text, lang)
}
