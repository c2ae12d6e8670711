//! The framework catalogs as data.
//!
//! Each catalog is a YAML file under `catalogs/` at the repository root, transcribed from the
//! seed document with the seed line range of every entry. `build.rs` compiles them to JSON,
//! which the binary embeds with `include_str!` and parses once on first use; the tests in this crate hold the
//! counts and IDs to `../shared/spec/CONTRACT.md`.

/// The catalog `catalogs/FRAMEWORK/NAME`, compiled to JSON by `build.rs`, parsed into the type
/// the caller asks for.
macro_rules! embedded_catalog {
    ($framework:literal, $name:literal) => {
        crate::parse_embedded(
            concat!($framework, "/", $name),
            include_str!(concat!(
                env!("OUT_DIR"),
                "/catalogs/",
                $framework,
                "/",
                $name,
                ".json"
            )),
        )
    };
}

pub mod conformance;
pub mod countries;
pub mod dmf;
mod export;
pub mod find;
pub mod iot_ssf;
mod lang;

pub use export::{CatalogFormat, CatalogSummary, ExportError, export, list};
pub use lang::Lang;

use serde::{Deserialize, Serialize};

/// Where an entry comes from: a document of the seed and the seed lines (as `sed -n` counts them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub document: String,
    pub lines: [u32; 2],
}

/// The catalogs `cpsrisk catalog list` names, in the order it lists them.
pub const CATALOG_NAMES: &[(&str, &str, &str)] = &[
    (
        "iot-ssf-requirements",
        "IoT-SSF countermeasure requirements (表A-1 with 添付B)",
        "IoT-SSF 対策要件（表A-1、添付B）",
    ),
    (
        "iot-ssf-measures",
        "IoT-SSF example measures of 添付B, each addressable (SSF-R04.m1, SSF-R04.m1.2)",
        "IoT-SSF 添付B の実際に講じる対策の例（項目ごとに ID: SSF-R04.m1、SSF-R04.m1.2）",
    ),
    (
        "iot-ssf-case-examples",
        "How the six use cases did it: policies, measure-table rows and threat-table rows with incident examples, with seed lines",
        "6 つのユースケースの実例: 対策方針、実際に講じる対策の表の行、想定される脅威とインシデントの表の行（原典の行番号つき）",
    ),
    (
        "iot-ssf-threats",
        "IoT-SSF threats (表2, 表3, 全般)",
        "IoT-SSF 想定される脅威（表2、表3、全般）",
    ),
    (
        "iot-ssf-consequences",
        "Kinds of consequence of a security incident (2-2-2(1))",
        "セキュリティインシデント等により生じ得る結果（2-2-2(1)）",
    ),
    (
        "iot-ssf-levels",
        "Axis levels, viewpoints, implementation targets and roles",
        "第1軸・第2軸のレベル、第3軸の観点、実装先、ステークホルダーの役割",
    ),
    (
        "iot-ssf-threat-requirements",
        "Threat to candidate requirement crosswalk (表7, 15, 21, 27, 34, 41; cpsrisk-judgement pairs for the threats they do not name)",
        "脅威と対策要件の対応（表7、15、21、27、34、41）",
    ),
    (
        "dmf-risks",
        "DMF risks per event and viewpoint (表B-2.1–B-2.5)",
        "DMF イベント・観点ごとのリスク（表B-2.1～B-2.5）",
    ),
    (
        "dmf-viewpoint-risks",
        "DMF risks of the sensitive-technology and social-function viewpoints (use case A-4 and cpsrisk)",
        "DMF 機微技術管理・適切な社会機能の維持の観点のリスク（ユースケース A-4 及び cpsrisk）",
    ),
    (
        "dmf-countermeasures",
        "DMF countermeasures with their crosswalk (表B-2.6)",
        "DMF 対策と他の基準との対応（表B-2.6）",
    ),
    (
        "dmf-threats",
        "DMF threats (表B-1.3, 表B-1.4)",
        "DMF 脅威（表B-1.3、表B-1.4）",
    ),
    (
        "dmf-actors",
        "DMF threat-actor classes (表B-1.2)",
        "DMF 脅威の主体の分類（表B-1.2）",
    ),
    (
        "dmf-reference-standards",
        "Standards the DMF names for choosing measures, per event (3-1)",
        "DMF が対策の選択に挙げる規格（イベントごと、3-1）",
    ),
    (
        "en303645-provisions",
        "ETSI EN 303 645 provisions (67)",
        "ETSI EN 303 645 の規定（67 項目）",
    ),
    (
        "ts103701-test-cases",
        "ETSI TS 103 701 test cases (109)",
        "ETSI TS 103 701 のテストケース（109 件）",
    ),
    (
        "provision-requirements",
        "EN 303 645 provisions to IoT-SSF requirements (mostly cpsrisk's judgement)",
        "EN 303 645 の規定と IoT-SSF 対策要件の対応（多くは cpsrisk の判断）",
    ),
    (
        "cls-levels",
        "Singapore Cybersecurity Labelling Scheme levels and tiers",
        "シンガポール CLS のレベルと評価層",
    ),
];

/// Parses a catalog compiled into the binary (as JSON, by `build.rs`). The files are checked by
/// this crate's tests, so a failure here is a build defect, not bad input.
fn parse_embedded<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("embedded catalog {name} is invalid: {e}"))
}

/// Suggests the closest of `candidates` to a misspelt `word`, if one is close enough.
/// Candidates whose length alone puts them too far away are skipped before the distance is
/// computed, so a huge word costs no more than its length.
pub fn near_miss<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let word_chars = word_lower.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let c_chars = c.chars().count();
            let allowed = (c_chars.max(3) / 3).max(2);
            // The distance is at least the difference in length.
            (word_chars.abs_diff(c_chars) <= allowed)
                .then(|| (strsim_distance(&word_lower, &c.to_lowercase()), c))
                .filter(|(d, _)| *d <= allowed)
        })
        // Equally close candidates are told apart by their text, so the hint does not depend
        // on the order a hash map hands them over.
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

fn strsim_distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::near_miss;

    #[test]
    fn equally_close_candidates_give_the_same_hint_in_any_order() {
        // "e30" is one edit from both "e3" and "e10"; the hint must not depend on their order.
        assert_eq!(near_miss("e30", ["e3", "e10"]), Some("e10"));
        assert_eq!(near_miss("e30", ["e10", "e3"]), Some("e10"));
    }

    #[test]
    fn the_closest_candidate_wins_over_an_earlier_one() {
        assert_eq!(
            near_miss("SSF-R21x", ["SSF-R12", "SSF-R21"]),
            Some("SSF-R21")
        );
    }
}
