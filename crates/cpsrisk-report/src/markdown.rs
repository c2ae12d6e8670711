//! Markdown (GitHub-flavoured tables).

use crate::document::{Block, Document};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", doc.title);
    for line in &doc.subtitle {
        out.push_str(&format!("{line}\n\n"));
    }
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", section.title));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => out.push_str(&format!("{}\n\n", p)),
                Block::Table(t) => {
                    out.push_str(&format!(
                        "| {} |\n",
                        t.header
                            .iter()
                            .map(|h| cell(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                    out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
                    for row in &t.rows {
                        out.push_str(&format!(
                            "| {} |\n",
                            row.iter()
                                .map(|c| cell(&c.text))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        ));
                    }
                    out.push('\n');
                }
                Block::Figure { .. } => {}
            }
        }
    }
    out
}
