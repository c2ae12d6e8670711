//! One self-contained HTML file: inline CSS, inline SVG, no scripts or external assets.

use cpsrisk_catalog::Lang;

use crate::document::{Badge, Bars, Block, Cell, Document, Table, Tone};
use crate::svg::escape;

const STYLE: &str = "body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:2rem auto;max-width:96rem;padding:0 1rem;color:#1f2328}\
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left;overflow-wrap:break-word}th,td:first-child{white-space:nowrap}\
th{background:#f6f8fa}.good{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:700}.note{color:#9a6700}\
figure{margin:1rem 0;overflow-x:auto}figcaption{font-size:.85rem;color:#57606a}.sub{color:#57606a}.scroll{overflow-x:auto}\
.panels{display:flex;flex-wrap:wrap;gap:1rem}.panel{flex:1 1 24rem;min-width:0;border:1px solid #d0d7de;border-radius:6px;padding:0 1rem .5rem}.panel h3{font-size:1.05rem}\
.badges{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}.badge{border:1px solid #d0d7de;border-radius:1rem;padding:.2rem .75rem;font-size:.9rem}.badge b{margin-left:.4rem}\
.badge.good{border-color:#1a7f37;background:#dafbe1}.badge.bad{border-color:#cf222e;background:#ffebe9}.badge.note{border-color:#9a6700;background:#fff8c5}\
.legend{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.8rem;margin:.5rem 0}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem}\
.bars{display:grid;grid-template-columns:minmax(6rem,16rem) 1fr;gap:.3rem .6rem;align-items:center;font-size:.85rem;margin-bottom:.8rem}.bar{display:flex;height:1.3rem;background:#f6f8fa}\
.seg{color:#fff;font-size:.75rem;line-height:1.3rem;text-align:center;overflow:hidden;font-weight:600}\
.seg.good,.legend .good{background:#1a7f37}.seg.bad,.legend .bad{background:#cf222e}.seg.note,.legend .note{background:#9a6700}.seg.plain,.legend .plain{background:#6e7781}\
@media print{body{max-width:none;margin:0;font-size:9pt}h2{break-after:avoid}tr{break-inside:avoid}.panel{break-inside:avoid}.seg{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

pub fn render(doc: &Document, lang: Lang) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        lang.code(),
        escape(&doc.title),
        escape(&doc.title)
    );
    for line in &doc.subtitle {
        out.push_str(&format!("<p class=\"sub\">{}</p>\n", escape(line)));
    }
    if let Some(band) = &doc.band {
        out.push_str(&format!(
            "<section class=\"band\"><h2>{}</h2><div class=\"panels\">\n",
            escape(&band.title)
        ));
        for panel in &band.panels {
            out.push_str(&format!(
                "<div class=\"panel\"><h3>{}</h3>\n",
                escape(&panel.title)
            ));
            blocks(&mut out, &panel.blocks, lang);
            out.push_str("</div>\n");
        }
        out.push_str("</div></section>\n");
    }
    for section in &doc.sections {
        out.push_str(&format!("<section><h2>{}</h2>\n", escape(&section.title)));
        blocks(&mut out, &section.blocks, lang);
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

fn class(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "plain",
        Tone::Good => "good",
        Tone::Bad => "bad",
        Tone::Note => "note",
    }
}

fn blocks(out: &mut String, blocks: &[Block], lang: Lang) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", escape(p))),
            Block::Table(t) => table(out, t, lang),
            Block::Figure { caption, svg } | Block::Picture { caption, svg, .. } => {
                out.push_str(&format!(
                    "<figure>{svg}<figcaption>{}</figcaption></figure>\n",
                    escape(caption)
                ));
            }
            Block::Badges(badges) => self::badges(out, badges),
            Block::Bars(b) => bars(out, b),
        }
    }
}

/// Tables longer than this are cut into pages of this many rows.
const PAGE_ROWS: usize = 500;

/// A table; a long one (the devices of a fleet) in pages of [`PAGE_ROWS`] rows, each in a
/// `<details>` whose summary line says which rows it holds, the first open. A browser lays out
/// only the pages that are open, so a report of 10,000 devices stays usable, and no script is
/// needed.
fn table(out: &mut String, t: &Table, lang: Lang) {
    let total = t.rows.len();
    if total <= PAGE_ROWS {
        return rows(out, &t.header, &t.rows);
    }
    let pages = total.div_ceil(PAGE_ROWS);
    let (en, ja) = (
        format!("{total} rows in {pages} pages of {PAGE_ROWS}; open a page to see its rows."),
        format!("{total} 行（{PAGE_ROWS} 行ずつ {pages} ページ）。ページを開くと行を表示します。"),
    );
    out.push_str(&format!(
        "<p class=\"sub\">{}</p>\n",
        escape(lang.pick(&en, &ja))
    ));
    for (i, page) in t.rows.chunks(PAGE_ROWS).enumerate() {
        let first = i * PAGE_ROWS + 1;
        let last = first + page.len() - 1;
        let (en, ja) = (
            format!("Rows {first}–{last} of {total}"),
            format!("{total} 行中 {first}–{last} 行"),
        );
        out.push_str(&format!(
            "<details{}><summary>{}</summary>\n",
            if i == 0 { " open" } else { "" },
            escape(lang.pick(&en, &ja))
        ));
        rows(out, &t.header, page);
        out.push_str("</details>\n");
    }
}

fn rows(out: &mut String, header: &[String], rows: &[Vec<Cell>]) {
    out.push_str("<div class=\"scroll\"><table><thead><tr>");
    for h in header {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            let class = match c.tone {
                Tone::Plain => String::new(),
                tone => format!(" class=\"{}\"", class(tone)),
            };
            out.push_str(&format!("<td{class}>{}</td>", escape(&c.text)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

fn badges(out: &mut String, badges: &[Badge]) {
    out.push_str("<p class=\"badges\">");
    for b in badges {
        out.push_str(&format!(
            "<span class=\"badge {}\">{}<b>{}</b></span>",
            class(b.tone),
            escape(&b.label),
            escape(&b.value)
        ));
    }
    out.push_str("</p>\n");
}

/// Stacked bars, each as long as its row's total against the longest row; every row also
/// says its counts in words for screen readers and on hover.
fn bars(out: &mut String, b: &Bars) {
    out.push_str("<div class=\"legend\">");
    for (name, tone) in &b.parts {
        out.push_str(&format!(
            "<span><i class=\"{}\"></i>{}</span>",
            class(*tone),
            escape(name)
        ));
    }
    out.push_str("</div>\n<div class=\"bars\">\n");
    let longest = b
        .rows
        .iter()
        .map(|(_, counts)| counts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    for (label, counts) in &b.rows {
        let words = b
            .parts
            .iter()
            .zip(counts)
            .map(|((name, _), n)| format!("{name} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "<span>{}</span><span class=\"bar\" role=\"img\" aria-label=\"{}\" title=\"{}\">",
            escape(label),
            escape(&format!("{label}: {words}")),
            escape(&words)
        ));
        for ((_, tone), n) in b.parts.iter().zip(counts).filter(|(_, n)| **n > 0) {
            let width = *n as f64 * 100.0 / longest as f64;
            out.push_str(&format!(
                "<span class=\"seg {}\" style=\"width:{width:.2}%\">{n}</span>",
                class(*tone)
            ));
        }
        out.push_str("</span>\n");
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod paging_tests {
    use super::*;
    use crate::document::cell;

    fn rendered(rows: usize, lang: Lang) -> String {
        let t = Table {
            header: vec!["ID".into()],
            rows: (0..rows).map(|i| vec![cell(format!("d{i}"))]).collect(),
        };
        let mut out = String::new();
        table(&mut out, &t, lang);
        out
    }

    #[test]
    fn long_tables_are_paged_in_details_with_their_rows_counted() {
        let short = rendered(PAGE_ROWS, Lang::En);
        assert!(
            !short.contains("<details"),
            "a table of {PAGE_ROWS} rows stays whole"
        );
        let long = rendered(2 * PAGE_ROWS + 1, Lang::En);
        assert_eq!(long.matches("<details").count(), 3);
        assert_eq!(
            long.matches("<details open>").count(),
            1,
            "the first page is open"
        );
        assert!(
            long.contains("<summary>Rows 1001–1001 of 1001</summary>"),
            "{long:.300}"
        );
        assert!(long.contains("1001 rows in 3 pages of 500"));
        assert_eq!(
            long.matches("<th>ID</th>").count(),
            3,
            "each page has the header"
        );
        assert_eq!(
            long.matches("<tr><td>").count(),
            2 * PAGE_ROWS + 1,
            "every row once"
        );
        assert!(
            rendered(2 * PAGE_ROWS + 1, Lang::Ja).contains("<summary>1001 行中 1–500 行</summary>")
        );
    }
}
