//! Markdown (GitHub-flavoured tables).

use cpsrisk_model::untrusted::visible;

use crate::document::{Block, Document, Table};

/// Text as inert Markdown: HTML's `< > &` as entities (so `<script>` or `<img onerror>` from a
/// model shows as text), Markdown's inline markers backslash-escaped, line breaks as spaces (a
/// table row or heading stays one line), control characters made visible.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in visible(text, true).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph: [`inline`], and a first character that would start a heading, list, quote
/// or rule escaped.
fn paragraph(text: &str) -> String {
    let text = inline(text);
    let numbered = text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')']);
    let starts_block = numbered || text.starts_with(['#', '-', '+', '=']);
    if starts_block {
        format!("\\{text}")
    } else {
        text
    }
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", inline(&doc.title));
    for line in &doc.subtitle {
        out.push_str(&format!("{}\n\n", paragraph(line)));
    }
    if let Some(band) = &doc.band {
        out.push_str(&format!("## {}\n\n", inline(&band.title)));
        for panel in &band.panels {
            out.push_str(&format!("### {}\n\n", inline(&panel.title)));
            blocks(&mut out, &panel.blocks);
        }
    }
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", inline(&section.title)));
        blocks(&mut out, &section.blocks);
    }
    out
}

fn blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&format!("{}\n\n", paragraph(p))),
            Block::Table(t) | Block::Picture { table: t, .. } => table(out, t),
            Block::Bars(bars) => table(out, &bars.table()),
            Block::Badges(badges) => {
                let line = badges
                    .iter()
                    .map(|b| format!("**{}**: {}", inline(&b.label), inline(&b.value)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                out.push_str(&format!("{line}\n\n"));
            }
            Block::Figure { .. } => {}
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str(&format!(
        "| {} |\n",
        t.header
            .iter()
            .map(|h| inline(h))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
    for row in &t.rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter()
                .map(|c| inline(&c.text))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out.push('\n');
}
