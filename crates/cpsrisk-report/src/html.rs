//! One self-contained HTML file: inline CSS, inline SVG, no scripts or external assets.

use cpsrisk_catalog::Lang;

use crate::document::{Block, Document, Tone};
use crate::svg::escape;

const STYLE: &str = "body{font-family:system-ui,'Hiragino Sans','Noto Sans CJK JP',sans-serif;margin:2rem auto;max-width:96rem;padding:0 1rem;color:#1f2328}\
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2rem}\
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;vertical-align:top;text-align:left;overflow-wrap:break-word}th,td:first-child{white-space:nowrap}\
th{background:#f6f8fa}.good{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:700}.note{color:#9a6700}\
figure{margin:1rem 0;overflow-x:auto}figcaption{font-size:.85rem;color:#57606a}.sub{color:#57606a}.scroll{overflow-x:auto}\
@media print{body{max-width:none;margin:0;font-size:9pt}h2{break-after:avoid}tr{break-inside:avoid}}";

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
    for section in &doc.sections {
        out.push_str(&format!("<section><h2>{}</h2>\n", escape(&section.title)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", escape(p))),
                Block::Table(t) => {
                    out.push_str("<div class=\"scroll\"><table><thead><tr>");
                    for h in &t.header {
                        out.push_str(&format!("<th>{}</th>", escape(h)));
                    }
                    out.push_str("</tr></thead><tbody>\n");
                    for row in &t.rows {
                        out.push_str("<tr>");
                        for c in row {
                            let class = match c.tone {
                                Tone::Plain => "",
                                Tone::Good => " class=\"good\"",
                                Tone::Bad => " class=\"bad\"",
                                Tone::Note => " class=\"note\"",
                            };
                            out.push_str(&format!("<td{class}>{}</td>", escape(&c.text)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody></table></div>\n");
                }
                Block::Figure { caption, svg } => {
                    out.push_str(&format!(
                        "<figure>{svg}<figcaption>{}</figcaption></figure>\n",
                        escape(caption)
                    ));
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}
