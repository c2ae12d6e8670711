//! `assess --format pdf` through the real Chromium (`CHROMIUM`, set by `.ci/run`; the printing
//! tests skip with a message without it): a PDF of A4 pages whose fonts come from Noto Sans
//! CJK and whose text includes the Japanese report title and the model's name from the page
//! header. Without Chromium the run stops with exit 2 and a message in both languages.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_cpsrisk");

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
        .join("model.yaml")
}

fn assess_pdf(model: &Path, out: &Path, lang: &str, chromium: Option<&str>) -> Output {
    let mut c = Command::new(BIN);
    c.args(["--lang", lang, "assess"])
        .arg(model)
        .args(["--format", "pdf", "--out"])
        .arg(out);
    match chromium {
        Some(path) => c.env("CHROMIUM", path),
        // No CHROMIUM and no PATH to find one on.
        None => c.env_remove("CHROMIUM").env("PATH", ""),
    };
    c.output().expect("cpsrisk runs")
}

/// The PDF's streams, inflated where they are compressed.
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&pdf[at..], b"stream\n").map(|i| at + i + 7) {
        let Some(end) = find(&pdf[start..], b"endstream").map(|i| start + i) else {
            break;
        };
        let raw = &pdf[start..end];
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(raw)
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.push(inflated);
        } else {
            out.push(raw.to_vec());
        }
        at = end + 9;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Every character the PDF's ToUnicode maps name (bfchar and bfrange entries), NFKC-normalised:
/// Skia maps a glyph Noto CJK shares between a kanji and its Kangxi radical (用, ⽤ U+2F64) to
/// the radical, which NFKC turns back into the kanji.
fn mapped_text(pdf: &[u8]) -> BTreeSet<char> {
    mapped_chars(pdf)
        .into_iter()
        .flat_map(|c| c.to_string().nfkc().collect::<Vec<_>>())
        .collect()
}

fn mapped_chars(pdf: &[u8]) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    for s in streams(pdf) {
        let text = String::from_utf8_lossy(&s);
        if !text.contains("begincmap") {
            continue;
        }
        let hex: Vec<&str> = text
            .split(['<', '>'])
            .skip(1)
            .step_by(2)
            .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
            .collect();
        for h in hex {
            // UTF-16BE code units, four hex digits each; single ones are BMP characters.
            if h.len() == 4
                && let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
            {
                chars.insert(c);
            }
        }
        // Ranges map consecutive codes to consecutive characters.
        for line in text.lines() {
            let parts: Vec<&str> = line
                .split(['<', '>'])
                .filter(|p| !p.trim().is_empty())
                .collect();
            if parts.len() == 3
                && let (Ok(lo), Ok(hi), Ok(first)) = (
                    u32::from_str_radix(parts[0], 16),
                    u32::from_str_radix(parts[1], 16),
                    u32::from_str_radix(parts[2], 16),
                )
                && hi >= lo
                && hi - lo < 256
            {
                chars.extend((0..=hi - lo).filter_map(|k| char::from_u32(first + k)));
            }
        }
    }
    chars
}

#[test]
fn reports_print_to_a4_with_japanese_fonts_embedded() {
    let chromium = match std::env::var("CHROMIUM") {
        Ok(c) if !c.is_empty() => c,
        _ => {
            eprintln!("CHROMIUM is not set: skipping the PDF test (.ci/run sets it)");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("報告.pdf");
    let o = assess_pdf(
        &example("iot-ssf/uc1-gas-water-heater"),
        &out,
        "ja",
        Some(&chromium),
    );
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let text = String::from_utf8_lossy(&pdf);

    // Every page A4 (595 × 842 points, within rounding), and more than one page.
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| &text[i + 11..i + 11 + text[i + 11..].find(']').unwrap()])
        .collect();
    assert!(boxes.len() > 1, "{} pages", boxes.len());
    for b in &boxes {
        let v: Vec<f64> = b.split_whitespace().map(|n| n.parse().unwrap()).collect();
        assert!(
            (v[2] - 595.0).abs() < 1.0 && (v[3] - 842.0).abs() < 1.0,
            "page {b} is not A4"
        );
    }

    // The Japanese glyphs come from Noto Sans CJK, embedded: Chromium (Skia) writes the CFF
    // outlines of the Noto CJK fonts as Type 3 glyph programs and TrueType fonts with FontFile2.
    assert!(
        text.contains("+NotoSansCJKjp-Regular"),
        "no embedded Noto Sans CJK JP"
    );
    assert!(text.contains("/Subtype /Type3") || text.contains("/FontFile"));

    // The text is there, searchable: the report's headings and the header's model name.
    let chars = mapped_text(&pdf);
    for phrase in [
        "機器とデータフロー",
        "家庭用ガス給湯器の遠隔操作",
        "リスクマップ",
    ] {
        let missing: String = phrase.chars().filter(|c| !chars.contains(c)).collect();
        assert!(
            missing.is_empty(),
            "{phrase}: {missing} not in the PDF's text"
        );
    }

    // English too, from a DMF model.
    let out = dir.path().join("a4.pdf");
    let o = assess_pdf(
        &example("dmf/a4-offshore-development"),
        &out,
        "en",
        Some(&chromium),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn without_chromium_the_run_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let model = example("iot-ssf/uc1-gas-water-heater");
    for lang in ["en", "ja"] {
        let o = assess_pdf(&model, &out, lang, None);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("Chromium") && err.contains("fonts-noto-cjk"),
            "{err}"
        );
        if lang == "ja" {
            assert!(err.contains("見つかりません"), "{err}");
        }
        assert!(!out.exists(), "nothing written");
    }
    // A CHROMIUM that does not run is reported with its path.
    let o = assess_pdf(&model, &out, "en", Some("/nonexistent/chromium"));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/chromium"));
    assert!(!out.exists());
}
