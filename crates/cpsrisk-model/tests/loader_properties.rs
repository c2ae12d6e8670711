//! Properties of the model loader (`load_and_check`): any text gives a model or diagnostics,
//! never a panic; valid models survive writing and reading back. The fuzzer (`fuzz/`) pushes
//! the same pipeline further on nightly.

use cpsrisk_model::load::{self, Split};
use cpsrisk_model::{Model, load_and_check};
use proptest::collection::vec;
use proptest::prelude::*;

/// Valid models to start from: the starters and one example per engine.
const VALID: [&str; 5] = [
    include_str!("../src/starter.yaml"),
    include_str!("../src/starter-dmf.yaml"),
    include_str!("../src/starter-conformance.yaml"),
    include_str!("../../../examples/iot-ssf/uc3-agv-warehouse/model.yaml"),
    include_str!("../../../examples/dmf/a3-cloud-layers/model.yaml"),
];

/// One careless or hostile edit of a line of a valid model.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    /// The value after `key: ` becomes this text.
    Value(usize, String),
    Insert(usize, String),
    /// The model ends at this byte (if it is a character boundary).
    Cut(usize),
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        // YAML's indicators and syntax
        "[-?:,\\[\\]{}#&*!|>'\"%@` ]{1,6}",
        // numbers, booleans, nulls and names that look like them
        "(0|-1|1e999|0x1F|\\.nan|~|null|yes|no|true|2026-12-05)",
        // IDs near the known ones, and anything printable
        "[A-Za-z0-9_.-]{0,12}",
        "\\PC{0,24}",
        // aliases and tags
        "(\\*a|&a x|!!binary AAAA|!tag x)",
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::Delete),
        any::<usize>().prop_map(Edit::Duplicate),
        (any::<usize>(), value()).prop_map(|(i, v)| Edit::Value(i, v)),
        (any::<usize>(), value()).prop_map(|(i, v)| Edit::Insert(i, v)),
        any::<usize>().prop_map(Edit::Cut),
    ]
}

fn apply(model: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = model.lines().map(String::from).collect();
    for edit in edits {
        let n = lines.len().max(1);
        match edit {
            Edit::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Edit::Duplicate(i) if !lines.is_empty() => lines.insert(i % n, lines[i % n].clone()),
            Edit::Value(i, v) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                if let Some(colon) = line.find(": ") {
                    line.truncate(colon + 2);
                    line.push_str(v);
                }
            }
            Edit::Insert(i, v) => lines.insert(i % (lines.len() + 1), v.clone()),
            Edit::Cut(at) => {
                let text = lines.join("\n");
                let at = at % (text.len() + 1);
                if text.is_char_boundary(at) {
                    lines = text[..at].lines().map(String::from).collect();
                }
            }
            _ => {}
        }
    }
    lines.join("\n")
}

/// `text` as a YAML double-quoted scalar: every character YAML does not allow raw (controls,
/// DEL, C1, noncharacters) as an escape.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write(model: &Model) -> String {
    serde_saphyr::to_string(model).expect("a loaded model serialises")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        if let Err(diagnostics) = load_and_check(&text) {
            prop_assert!(!diagnostics.is_empty());
        }
    }

    #[test]
    fn edited_models_give_a_model_or_located_diagnostics(
        which in 0..VALID.len(),
        edits in vec(edit(), 1..6),
    ) {
        let text = apply(VALID[which], &edits);
        if let Err(diagnostics) = load_and_check(&text) {
            let lines = text.lines().count().max(1) as u64 + 1;
            for d in &diagnostics {
                prop_assert!(d.at.line >= 1 && d.at.line <= lines, "{:?} outside the text", d.at);
                prop_assert!(!d.message.en.is_empty() && !d.message.ja.is_empty());
            }
        }
    }

    #[test]
    fn edited_models_read_alike_in_pieces(
        which in 0..VALID.len(),
        edits in vec(edit(), 1..6),
        crlf in any::<bool>(),
    ) {
        // Whatever the edit, the split parse gives the whole-file parse's model, places and
        // all, or leaves the file to it.
        let mut text = apply(VALID[which], &edits);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if let Some(model) = load::parse_split(&text, &Split::ALWAYS) {
            let whole = load::parse(&text);
            prop_assert!(whole.is_ok(), "read in pieces, but not whole: {:?}", whole);
            prop_assert_eq!(format!("{model:?}"), format!("{:?}", whole.unwrap()));
        }
    }

    #[test]
    fn valid_models_round_trip_with_any_names(
        which in 0..VALID.len(),
        names in vec("\\PC{0,40}|[\\u{0}-\\u{1f}\\u{7f}\\u{200b}\\u{202e}<>&]{1,8}", 1..20),
    ) {
        // Every `name:` value becomes an arbitrary string, double-quoted, so any character can
        // appear.
        let mut names = names.iter().cycle();
        let text: String = VALID[which]
            .lines()
            .map(|line| match line.split_once("name: ") {
                Some((lead, _)) if lead.trim() == "" || lead.trim() == "-" => {
                    format!("{lead}name: {}\n", quoted(names.next().unwrap()))
                }
                _ => format!("{line}\n"),
            })
            .collect();
        let model = load_and_check(&text).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        let written = write(&model);
        let again = load_and_check(&written).map_err(|d| TestCaseError::fail(format!("{d:?}\n{written}")))?;
        prop_assert_eq!(write(&again), written);
    }
}
