//! Terminal text, coloured when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
//! Every text is passed through `visible`, so escape sequences in a model reach the terminal as
//! `\u{1b}…` and cannot retitle it, move the cursor or clear the screen.

use cpsrisk_model::untrusted::visible;

use crate::document::{Block, Document, Table, Tone};

pub fn render(doc: &Document, colour: bool) -> String {
    let t = Terminal { colour };
    let mut out = format!("{}\n", t.bold(&doc.title));
    for line in &doc.subtitle {
        out.push_str(&visible(line, true));
        out.push('\n');
    }
    if let Some(band) = &doc.band {
        out.push_str(&format!("\n{}\n", t.bold(&format!("== {} ==", band.title))));
        for panel in &band.panels {
            out.push_str(&format!(
                "\n{}\n",
                t.bold(&format!("-- {} --", panel.title))
            ));
            t.blocks(&mut out, &panel.blocks);
        }
    }
    for section in &doc.sections {
        out.push_str(&format!(
            "\n{}\n",
            t.bold(&format!("== {} ==", section.title))
        ));
        t.blocks(&mut out, &section.blocks);
    }
    out
}

struct Terminal {
    colour: bool,
}

impl Terminal {
    fn paint(&self, text: &str, tone: Tone) -> String {
        let text = visible(text, true);
        let code = match tone {
            Tone::Plain => return text,
            Tone::Good => "32",
            Tone::Bad => "1;31",
            Tone::Note => "33",
        };
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    }

    fn bold(&self, text: &str) -> String {
        let text = visible(text, true);
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text
        }
    }

    fn blocks(&self, out: &mut String, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    out.push_str(&visible(p, true));
                    out.push('\n');
                }
                Block::Table(t) | Block::Picture { table: t, .. } => self.table(out, t),
                Block::Bars(bars) => self.table(out, &bars.table()),
                Block::Badges(badges) => {
                    for b in badges {
                        out.push_str(&format!(
                            "{}: {}\n",
                            visible(&b.label, true),
                            self.paint(&b.value, b.tone)
                        ));
                    }
                }
                Block::Figure { .. } => {}
            }
        }
    }

    /// One record per row: wide multilingual cells do not fit terminal columns.
    fn table(&self, out: &mut String, t: &Table) {
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
                    self.paint(&c.text, c.tone)
                ));
            }
        }
    }
}
