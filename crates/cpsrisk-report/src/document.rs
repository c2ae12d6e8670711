//! The report as a language-resolved document of sections, paragraphs, tables and figures;
//! the text, Markdown and HTML renderers only lay it out. `sections.rs` and each framework's
//! module (`iot_ssf`, `conformance`, `dmf`) fill it.

use cpsrisk_catalog::Lang;
use cpsrisk_model::levels::Named;
use cpsrisk_model::text::{self, written_in};

pub struct Document {
    pub title: String,
    pub subtitle: Vec<String>,
    /// The summary band above the sections; none when no engine had input.
    pub band: Option<Band>,
    pub sections: Vec<Section>,
}

/// One panel per framework, read at a glance before the sections.
pub struct Band {
    pub title: String,
    pub panels: Vec<Section>,
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
    /// A picture with its facts as a table: HTML embeds the SVG, text and Markdown show the
    /// table.
    Picture {
        caption: String,
        svg: String,
        table: Table,
    },
    /// Short labelled values that stand out (a level reached, a count of problems).
    Badges(Vec<Badge>),
    /// Counts split into the same parts for each row, drawn as stacked bars in HTML.
    Bars(Bars),
}

pub struct Badge {
    pub label: String,
    pub value: String,
    pub tone: Tone,
}

pub struct Bars {
    /// The heading of the rows' labels.
    pub header: String,
    /// The parts each row is split into, with how each stands out.
    pub parts: Vec<(String, Tone)>,
    /// A label and one count per part.
    pub rows: Vec<(String, Vec<usize>)>,
}

impl Bars {
    /// The same counts as a table (for text and Markdown).
    pub fn table(&self) -> Table {
        let mut header = vec![self.header.clone()];
        header.extend(self.parts.iter().map(|(name, _)| name.clone()));
        let rows = self
            .rows
            .iter()
            .map(|(label, counts)| {
                let mut row = vec![cell(label.clone())];
                row.extend(self.parts.iter().zip(counts).map(|((_, tone), n)| {
                    toned(n.to_string(), if *n > 0 { *tone } else { Tone::Plain })
                }));
                row
            })
            .collect();
        Table { header, rows }
    }
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

pub(crate) fn badge(label: impl Into<String>, value: impl Into<String>, tone: Tone) -> Badge {
    Badge {
        label: label.into(),
        value: value.into(),
        tone,
    }
}

/// Model text as a report in `lang` shows it, marked when it is in the other language.
pub(crate) fn model_text(lang: Lang, text: &str) -> String {
    match written_in(text) {
        Some(other) if other != lang => {
            format!("{text}{}", lang.pick(" (Japanese only)", "（英語のみ）"))
        }
        _ => text.to_string(),
    }
}

/// A free-text field of the model in `lang` (its `_en`/`_ja` variant, else as written), marked
/// when it is in the other language.
pub(crate) fn shown(lang: Lang, written: &str, en: &Option<String>, ja: &Option<String>) -> String {
    model_text(lang, text::pick(lang, written, en, ja))
}

/// [`shown`] for an optional field.
pub(crate) fn shown_optional(
    lang: Lang,
    written: &Option<String>,
    en: &Option<String>,
    ja: &Option<String>,
) -> Option<String> {
    text::pick_optional(lang, written, en, ja).map(|t| model_text(lang, t))
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
