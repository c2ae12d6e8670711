//! Terminal text, coloured when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
//! Every text is passed through `visible`, so escape sequences in a model reach the terminal as
//! `\u{1b}…` and cannot retitle it, move the cursor or clear the screen.

use cpsrisk_model::untrusted::visible;

use crate::document::{Block, Document, Tone};

pub fn render(doc: &Document, colour: bool) -> String {
    let paint = |text: &str, tone: Tone| -> String {
        let text = visible(text, true);
        let code = match tone {
            Tone::Plain => return text,
            Tone::Good => "32",
            Tone::Bad => "1;31",
            Tone::Note => "33",
        };
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let bold = |text: &str| {
        let text = visible(text, true);
        if colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text
        }
    };
    let mut out = format!("{}\n", bold(&doc.title));
    for line in &doc.subtitle {
        out.push_str(&visible(line, true));
        out.push('\n');
    }
    for section in &doc.sections {
        out.push_str(&format!(
            "\n{}\n",
            bold(&format!("== {} ==", section.title))
        ));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => {
                    out.push_str(&visible(p, true));
                    out.push('\n');
                }
                Block::Table(t) => {
                    // One record per row: wide multilingual cells do not fit terminal columns.
                    for row in &t.rows {
                        let mut first = true;
                        for (h, c) in t.header.iter().zip(row) {
                            if c.text.is_empty() {
                                continue;
                            }
                            let lead = if first { "- " } else { "  " };
                            first = false;
                            out.push_str(&format!(
                                "{lead}{}: {}\n",
                                visible(h, true),
                                paint(&c.text, c.tone)
                            ));
                        }
                    }
                }
                Block::Figure { .. } => {}
            }
        }
    }
    out
}
