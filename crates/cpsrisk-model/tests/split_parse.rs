//! A YAML model read in pieces on several threads (`load::parse_split`) must come out exactly
//! as the whole-file parse reads it, every place included, and must leave every file it cannot
//! read alike — and every error — to the whole-file parse.

mod common;

use common::example_models;
use cpsrisk_model::load::{self, Split};

const EAGER: Split = Split::ALWAYS;

/// Whether the split parse read `text`; when it did, its model (places and all) must be the
/// whole-file parse's.
fn split_reads_alike(text: &str, split: &Split) -> bool {
    let Some(model) = load::parse_split(text, split) else {
        return false;
    };
    let whole = load::parse(text).expect("the whole-file parse reads what the split parse reads");
    assert_eq!(format!("{model:#?}"), format!("{whole:#?}"));
    true
}

#[test]
fn example_models_read_alike_in_pieces() {
    for path in example_models() {
        let text = std::fs::read_to_string(&path).unwrap();
        for text in [text.clone(), text.replace('\n', "\r\n")] {
            // Every example is written plainly enough to be cut.
            assert!(
                split_reads_alike(&text, &EAGER),
                "{} was not read in pieces",
                path.display()
            );
        }
    }
}

/// A model whose devices are written in every way the cutting must see through.
const TRICKY: &str = r#"cpsrisk: 1
system:
  name: tricky
iot_ssf:
  applying_entity: op
  stakeholders:
  - id: op
    name: Operator
    roles: [iot-service-provider]
# a comment at column 0 between the key and the items
  devices:

    - id: gw
      kind: gateway
      name: "Gateway,
        written over two lines"
      notes:
        - a nested list
        -   at a deeper indentation
      description: |
        - not an item
        devices:
          - still text
# a comment at column 0 between items

    - id: cam
      kind: sensor
      name: >-
        A camera
        that folds
      description: plain text
        that goes on here
    -   id: sensor
        name: 'single ''quoted'''
        kind: sensor
        notes: [sense, report]   # a comment
    - id: dash
      kind: sensor
      name: |+
        keeps its end

  data_flows:
    - id: f1
      from: gw
      to: cam
  target:
    axis1: limited
    axis2: limited
"#;

/// [`TRICKY`] without its quoted scalar over two lines: a model the split parse reads.
fn tricky_on_one_line() -> String {
    TRICKY.replace(
        "\"Gateway,\n        written over two lines\"",
        "\"Gateway\"",
    )
}

#[test]
fn tricky_items_read_alike_or_fall_back() {
    // The quoted name over two lines sends this file to the whole-file parse.
    load::parse(TRICKY).expect("a valid model");
    assert!(!split_reads_alike(TRICKY, &EAGER));
    let one_line = tricky_on_one_line();
    for text in [one_line.clone(), one_line.replace('\n', "\r\n")] {
        assert!(split_reads_alike(&text, &EAGER), "{text}");
    }
}

#[test]
fn constructs_a_piece_could_read_differently_fall_back() {
    let one_line = tricky_on_one_line();
    for (what, from, to) in [
        ("an anchor and its alias", "id: cam", "id: &cam cam"),
        ("a tag", "kind: gateway", "kind: !!str gateway"),
        ("a tab", "plain text", "plain\ttext"),
        ("a lone CR", "plain text", "plain\rtext"),
        ("a tab in a block scalar", "keeps its end", "keeps\tits end"),
        ("a next-line character", "plain text", "plain\u{85}text"),
        (
            "a byte-order mark inside",
            "plain text",
            "plain\u{feff}text",
        ),
        (
            "an anchor outside the lists",
            "name: tricky",
            "name: &n tricky",
        ),
        ("a document marker", "cpsrisk: 1", "---\ncpsrisk: 1"),
        (
            "a flow list over two lines",
            "[sense, report]",
            "[sense,\n          report]",
        ),
        (
            "an explicit key",
            "    - id: dash",
            "    - ? id\n      : dash",
        ),
    ] {
        let text = one_line.replacen(from, to, 1);
        assert_ne!(text, one_line, "{what}");
        assert!(
            load::parse_split(&text, &EAGER).is_none(),
            "{what} was read in pieces"
        );
    }
}

#[test]
fn errors_in_a_piece_leave_the_diagnostic_to_the_whole_file_parse() {
    let one_line = tricky_on_one_line();
    for (what, from, to) in [
        ("an unknown key", "notes: [sense", "nots: [sense"),
        ("a wrong value", "kind: sensor", "kind: sensr"),
        ("a missing key", "      from: gw\n", ""),
        (
            "a duplicate key",
            "    - id: dash\n",
            "    - id: dash\n      id: dash\n",
        ),
        ("a syntax error", "- id: cam", "- id: cam: x"),
        (
            "the list key twice",
            "  data_flows:",
            "  devices: []\n  data_flows:",
        ),
    ] {
        let text = one_line.replacen(from, to, 1);
        assert_ne!(text, one_line, "{what}");
        let whole = load::parse(&text).expect_err(what);
        assert!(load::parse_split(&text, &EAGER).is_none(), "{what}");
        let checked = cpsrisk_model::load_and_check(&text).expect_err(what);
        assert_eq!(format!("{checked:?}"), format!("{:?}", [whole]), "{what}");
    }
}
