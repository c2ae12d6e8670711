//! The report as a language-resolved document of sections, paragraphs, tables and figures;
//! the text, Markdown and HTML renderers only lay it out. `sections.rs` and each framework's
//! module (`iot_ssf`, `conformance`, `dmf`) fill it.

use cpsrisk_catalog::Lang;
use cpsrisk_model::levels::Named;

pub struct Document {
    pub title: String,
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

pub enum Block {
    Paragraph(String),
    Table(Table),
    /// An SVG figure: HTML embeds it, text and Markdown skip it.
    Figure {
        caption: String,
        svg: String,
    },
}

pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell and how it should stand out.
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Bad,
    Note,
}

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        tone: Tone::Plain,
    }
}

pub(crate) fn toned(text: impl Into<String>, tone: Tone) -> Cell {
    Cell {
        text: text.into(),
        tone,
    }
}

pub(crate) fn name<N: Named>(value: N, lang: Lang) -> String {
    lang.pick(value.name_en(), value.name_ja()).to_string()
}

pub(crate) fn yes_no(value: bool, lang: Lang) -> &'static str {
    match (value, lang) {
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
        (true, Lang::Ja) => "はい",
        (false, Lang::Ja) => "いいえ",
    }
}

/// `seed l. 16433–16436` / `原典 16433–16436 行` (one number when the range is one line).
pub(crate) fn seed_lines([from, to]: [u32; 2], lang: Lang) -> String {
    let lines = if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    };
    lang.pick(&format!("seed l. {lines}"), &format!("原典 {lines} 行"))
        .to_string()
}

/// An optional text of a catalog row in the chosen language; empty when absent.
pub(crate) fn pick(en: &Option<String>, ja: &Option<String>, lang: Lang) -> String {
    lang.pick(en.as_deref().unwrap_or(""), ja.as_deref().unwrap_or(""))
        .to_string()
}
