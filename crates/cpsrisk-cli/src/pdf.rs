//! `assess --format pdf`: the HTML report printed to A4 by headless Chromium, each page headed
//! with the model's name and its file and content hash, numbered at the foot.
//!
//! Chromium is found through `CHROMIUM`, else `chromium` or `chromium-browser` on `PATH`; it is
//! an optional tool, so without it the run stops with a message saying what to install
//! (exit 2). Japanese text needs a CJK font (Debian: `fonts-noto-cjk`); Chromium embeds the
//! glyphs it uses. The browser gets our own HTML (no scripts, no external references) from a
//! private temporary directory, with a content security policy that allows no scripts and no
//! fetches, and Chromium's background networking off.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cpsrisk_catalog::Lang;
use cpsrisk_model::Model;
use cpsrisk_report::{Format, Report};
use sha2::{Digest, Sha256};

use crate::console::errln;
use crate::{Outcome, output};

/// How long Chromium may take to print one report.
const TIMEOUT: Duration = Duration::from_secs(300);

/// Prints `report` of `model` (read from `path`) to PDF at `out` (or standard output when it is
/// not a terminal).
pub fn emit(
    report: &Report,
    model: &Model,
    path: &Path,
    out: Option<&Path>,
    lang: Lang,
) -> Outcome {
    if output::reaches_terminal(out) {
        errln!(
            "error: {}",
            lang.pick(
                "a PDF is binary: write it to a file with --out FILE.pdf",
                "PDF はバイナリです。--out FILE.pdf でファイルに書き出してください"
            )
        );
        return Outcome::Invalid;
    }
    let Some(chromium) = find_chromium() else {
        errln!(
            "error: {}",
            lang.pick(
                "--format pdf needs Chromium, which was not found: install it (Debian: `apt-get install chromium fonts-noto-cjk`) or set CHROMIUM to its path",
                "--format pdf には Chromium が必要ですが、見つかりません。インストールする（Debian: `apt-get install chromium fonts-noto-cjk`）か、環境変数 CHROMIUM にそのパスを設定してください"
            )
        );
        return Outcome::Invalid;
    };
    let html = printable(
        &report.render(Format::Html, lang),
        &header(model, path, lang),
    );
    match print(&chromium, &html) {
        Ok(pdf) => output::write_with(out, lang, |w| w.write_all(&pdf)),
        Err(why) => {
            errln!(
                "error: {} {}: {why}",
                lang.pick(
                    "Chromium could not print the report",
                    "Chromium でレポートを PDF にできませんでした"
                ),
                chromium.display()
            );
            Outcome::Invalid
        }
    }
}

/// `CHROMIUM` if set, else the first `chromium` or `chromium-browser` on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    if let Some(set) = std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(set));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The page header: the model's name on the left; on the right its file and the start of the
/// SHA-256 of its content (as canonical JSON, so the same model read from YAML or JSON gives
/// the same hash), which tells revisions apart.
fn header(model: &Model, path: &Path, lang: Lang) -> (String, String) {
    let system = &model.system;
    let name =
        cpsrisk_model::text::pick(lang, &system.name, &system.name_en, &system.name_ja).to_string();
    let file = if path == Path::new("-") {
        lang.pick("standard input", "標準入力").to_string()
    } else {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        )
    };
    let json = serde_json::to_vec(model).expect("a model serialises");
    let hash: String = Sha256::digest(&json)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    (name, format!("{file} · SHA-256 {hash}"))
}

/// A CSS string literal holding `text`: quotes, backslashes and line breaks escaped, and `<` too
/// so that the text cannot close the style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3C "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The report with print styles: A4 pages with the header and page numbers in the margins,
/// tables and figures allowed to wrap to the page width.
fn printable(html: &str, (left, right): &(String, String)) -> String {
    let style = format!(
        "<style>@page{{size:A4;margin:16mm 12mm 14mm;\
         @top-left{{content:{};font:8pt sans-serif;color:#57606a;width:60%}}\
         @top-right{{content:{};font:8pt sans-serif;color:#57606a}}\
         @bottom-right{{content:counter(page) \" / \" counter(pages);font:8pt sans-serif;color:#57606a}}}}\
         body{{max-width:none;margin:0;padding:0;font-size:9pt}}\
         .scroll,figure{{overflow:visible}}table{{font-size:7.5pt}}\
         th,td:first-child{{white-space:normal}}td{{overflow-wrap:break-word}}\
         figure{{break-inside:avoid}}</style>",
        css_string(left),
        css_string(right)
    );
    // No scripts, nothing fetched: the report has neither, and this keeps it so.
    let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";
    // The report's own head ends once, before any model text.
    let html = html.replacen("</head>", &format!("{policy}{style}</head>"), 1);
    // Paper has no disclosure triangles: every page of a long table is printed. Model text is
    // escaped, so each `<details>` here is one of the report's table pages.
    html.replace("<details>", "<details open>")
}

/// Runs Chromium on `html` in a private temporary directory and returns the PDF.
fn print(chromium: &Path, html: &str) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let page = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&page, html).map_err(|e| e.to_string())?;
    let mut print_to = OsString::from("--print-to-pdf=");
    print_to.push(&pdf);
    let mut profile = OsString::from("--user-data-dir=");
    profile.push(dir.path().join("profile"));
    let mut url = OsString::from("file://");
    url.push(&page);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            // The sandbox cannot start as root or in many containers; the page is our own.
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(print_to)
        .arg(profile)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    // Chromium's log goes to a thread, so a full pipe cannot stall it.
    let mut stderr = child.stderr.take().expect("piped");
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no result after {} s", TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let log = log.join().unwrap_or_default();
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let tail: Vec<&str> = log.lines().rev().take(3).collect();
        return Err(format!(
            "{status}; {}",
            tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_cannot_leave_its_css_string() {
        assert_eq!(css_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(css_string("</style>"), "\"\\3C /style>\"");
        assert_eq!(css_string("x\ny"), "\"x y\"");
    }

    #[test]
    fn print_styles_go_into_the_head() {
        let html = "<html><head><title>t</title></head><body>&lt;/head&gt;</body></html>";
        let out = printable(html, &("モデル".to_string(), "m.yaml".to_string()));
        assert!(out.contains("size:A4"));
        assert!(out.find("@top-left").unwrap() < out.find("</head>").unwrap());
        assert!(out.contains("content:\"モデル\""));
    }

    #[test]
    fn every_page_of_a_long_table_is_printed() {
        let html = "<html><head></head><body><details open><summary>1</summary></details>\
                    <details><summary>2</summary></details><p>&lt;details&gt;</p></body></html>";
        let out = printable(html, &(String::new(), String::new()));
        assert_eq!(out.matches("<details open>").count(), 2);
        assert!(!out.contains("<details>"));
        assert!(out.contains("&lt;details&gt;"));
    }
}
