//! Model text in both languages: a free-text field with `_en`/`_ja` variants reads in the
//! report's language, and text without one is shown as written with a visible marker — on the
//! `cpsrisk init` starter rewritten in Japanese, and on the shipped UC1 example.

use std::path::Path;

use cpsrisk_catalog::Lang;
use cpsrisk_report::{Format, Report};

/// The IoT-SSF starter with some texts written in Japanese (English as the variant), one only in
/// Japanese and one only in English.
fn starter_written_in_japanese() -> String {
    let replace = [
        (
            "  name: Smart door lock with a cloud app\n  name_ja: クラウド連携のスマートロック\n",
            "  name: クラウド連携のスマートロック\n  name_en: Smart door lock with a cloud app\n  source: {document: 社内の評価記録, document_en: In-house assessment record}\n",
        ),
        (
            "      name: Resident\n      name_ja: 住まい手\n",
            "      name: 住まい手\n      name_en: Resident\n",
        ),
        (
            "  target: { axis1: limited, axis2: limited }",
            "  target: { axis1: limited, axis2: limited, statement: 重大な事故を起こさない }",
        ),
    ];
    let mut text = cpsrisk_model::starters::IOT_SSF.to_string();
    for (from, to) in replace {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    text
}

fn render(text: &str, format: Format, lang: Lang) -> String {
    let model = cpsrisk_model::load_and_check(text).unwrap_or_else(|d| panic!("{d:?}"));
    Report::new("model.yaml", &model).render(format, lang)
}

const FORMATS: [Format; 3] = [
    Format::Text { colour: false },
    Format::Markdown,
    Format::Html,
];

#[test]
fn each_language_reads_its_variant_and_falls_back_visibly() {
    let model = starter_written_in_japanese();
    for format in FORMATS {
        let en = render(&model, format, Lang::En);
        for want in [
            "Risk assessment: Smart door lock with a cloud app",
            "Source: In-house assessment record",
            "Resident",
            // Only in Japanese: shown, and said so.
            "重大な事故を起こさない (Japanese only)",
        ] {
            assert!(en.contains(want), "{format:?} en: {want}");
        }
        assert!(
            !en.contains("住まい手"),
            "{format:?}: the English variant replaces it"
        );
        let ja = render(&model, format, Lang::Ja);
        for want in [
            "リスクアセスメント: クラウド連携のスマートロック",
            "出典: 社内の評価記録",
            "住まい手",
            "重大な事故を起こさない",
            // Only in English: shown, and said so.
            "The resident's own device; only the app is the maker's（英語のみ）",
        ] {
            let want = if format == Format::Html {
                want.replace('\'', "&#39;")
            } else {
                want.to_string()
            };
            assert!(ja.contains(&want), "{format:?} ja: {want}");
        }
        assert!(!ja.contains("住まい手（英語のみ）") && !ja.contains("重大な事故を起こさない（"));
    }
}

#[test]
fn the_engines_names_follow_the_variants_too() {
    let model = cpsrisk_model::load_and_check(&starter_written_in_japanese()).unwrap();
    let report = Report::new("model.yaml", &model);
    let resident = report
        .iot_ssf
        .as_ref()
        .unwrap()
        .stakeholders
        .iter()
        .find(|s| s.id == "resident")
        .unwrap();
    assert_eq!(
        (resident.name_en.as_str(), resident.name_ja.as_str()),
        ("Resident", "住まい手")
    );
}

#[test]
fn uc1_reads_in_japanese_from_the_seed() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/iot-ssf/uc1-gas-water-heater/model.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let ja = render(&text, Format::Markdown, Lang::Ja);
    for want in [
        "出典: IoT セキュリティ・セーフティ・フレームワーク実践に向けたユースケース集 2-3-1 (8079–9858)",
        "可能な限り生じ得る被害の度合いを「限定的なダメージ」に抑えることを目指す。",
        "適用主体: スマートホーム向け IoT 機器・サービスの事業者",
        "住まい手",
    ] {
        assert!(ja.contains(want), "{want}");
    }
    let en = render(&text, Format::Markdown, Lang::En);
    assert!(en.contains("Source: IoT-SSF use-case collection 2-3-1 (8079–9858)"));
    assert!(en.contains("Per the company's basic security/safety policy"));
    assert!(
        !en.contains("(Japanese only)"),
        "UC1 has English for every text"
    );
}

#[test]
fn a_misspelt_variant_is_an_unknown_key_at_its_line() {
    let text = starter_written_in_japanese()
        .replace("      name_en: Resident\n", "      name_jp: Resident\n");
    let line = text.lines().position(|l| l.contains("name_jp")).unwrap() + 1;
    let problems = cpsrisk_model::load_and_check(&text).unwrap_err();
    assert_eq!(problems.len(), 1);
    let d = &problems[0];
    assert_eq!(d.at.line as usize, line);
    assert!(d.message.en.contains("name_jp"), "{}", d.message.en);
}

#[test]
fn the_schema_offers_the_variants() {
    let schema = cpsrisk_model::json_schema().to_string();
    for key in [
        "\"name_en\"",
        "\"statement_ja\"",
        "\"document_ja\"",
        "\"reading_notes_ja\"",
        "\"implementation_en\"",
    ] {
        assert!(schema.contains(key), "{key}");
    }
}
