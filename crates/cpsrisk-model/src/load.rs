//! Reading a model file (YAML or JSON) into a [`Model`]: serde-saphyr reads both and explains
//! every error; serde_json reads valid JSON faster, with the same places.

mod split;

pub use split::Split;

use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::loc::Position;
use crate::model::Model;

/// Parses a model. Syntax errors, unknown keys, wrong value types and values outside an
/// enumeration come back as one diagnostic at the place they were found.
pub fn parse(text: &str) -> Result<Model, Diagnostic> {
    parse_document(text)
}

/// Parses a large YAML model on every core (see [`Split`]); `None` where it must be read whole
/// with [`parse`], which also explains its errors.
pub fn parse_split(text: &str, split: &Split) -> Option<Model> {
    split::parse(text, split)
}

/// Parses any YAML or JSON document into `T` with the same limits and the same bilingual,
/// located diagnostics as a model (used for files read into models, e.g. Open Threat Model).
pub fn parse_document<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options(text.len()))
        .map_err(|e| from_parser_error(&e))
}

/// Whether `text` is probably JSON (a JSON model is an object); YAML that merely starts with a
/// flow mapping fails the JSON parse and is read as YAML.
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Parses a JSON model with serde_json. Its errors are not explained: on an error, parse the
/// text with [`parse`] for the diagnostic.
pub fn parse_json(text: &str) -> serde_json::Result<Model> {
    crate::loc::from_json(text)
}

/// Resource limits that grow with the input: a model of 100,000 devices reads, while aliases
/// cannot blow a small file up into an unbounded document.
fn options(input_bytes: usize) -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: 250_000 + input_bytes,
            max_events: 1_000_000 + 2 * input_bytes,
            max_total_scalar_bytes: 64 * 1024 * 1024 + 2 * input_bytes,
        },
    }
}

fn from_parser_error(error: &serde_saphyr::Error) -> Diagnostic {
    let at = error
        .location()
        .map(|l| Position {
            line: l.line(),
            column: l.column(),
        })
        .filter(|p| p.line > 0)
        .unwrap_or(Position { line: 1, column: 1 });
    let plain = error.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    // The parser appends the place to its message; the diagnostic already carries it.
    let message = match plain.rfind(" at line ") {
        Some(i) => plain[..i].to_string(),
        None => plain,
    };
    describe(&message, at)
}

/// Turns the parser's message into a bilingual one, with a suggestion where a name was misspelt.
fn describe(message: &str, at: Position) -> Diagnostic {
    if let Some((kind, word, expected)) = unknown_name(message) {
        let expected_list: Vec<&str> = expected.split(", ").map(|s| s.trim_matches('`')).collect();
        let (en, ja) = match kind {
            "field" => (
                format!(
                    "unknown key `{word}`; expected one of: {}",
                    expected_list.join(", ")
                ),
                format!(
                    "不明なキー `{word}` です。使えるキー: {}",
                    expected_list.join(", ")
                ),
            ),
            _ => (
                format!(
                    "`{word}` is not an allowed value; expected one of: {}",
                    expected_list.join(", ")
                ),
                format!(
                    "`{word}` は使えない値です。使える値: {}",
                    expected_list.join(", ")
                ),
            ),
        };
        return Diagnostic::new(at, Text::new(en, ja))
            .with_hint(did_you_mean(word, expected_list.iter().copied()));
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Diagnostic::new(
            at,
            Text::new(format!("missing required key `{field}`"), format!("必須のキー `{field}` がありません")),
        )
        .with_hint(Some(Text::new(
            "see `cpsrisk schema` or docs/model-format.yaml for the keys each entry needs",
            "各項目に必要なキーは `cpsrisk schema` または docs/model-format.yaml を参照してください",
        )));
    }
    if let Some(key) = message
        .strip_prefix("duplicate mapping key: ")
        .and_then(|r| r.split(',').next())
    {
        return Diagnostic::new(
            at,
            Text::new(
                format!("key `{key}` appears twice in the same entry"),
                format!("キー `{key}` が同じ項目内で重複しています"),
            ),
        )
        .with_hint(Some(Text::new(
            "remove one of them",
            "どちらか一方を削除してください",
        )));
    }
    Diagnostic::new(
        at,
        Text::new(
            message.to_string(),
            format!("モデルを読み込めません: {message}"),
        ),
    )
}

/// `unknown field `x`, expected one of a, b` → ("field", "x", "a, b"); likewise for variants.
fn unknown_name(message: &str) -> Option<(&'static str, &str, &str)> {
    for kind in ["field", "variant"] {
        let prefix = format!("unknown {kind} `");
        if let Some(rest) = message.strip_prefix(prefix.as_str()) {
            let (word, tail) = rest.split_once('`')?;
            let expected = tail
                .strip_prefix(", expected one of ")
                .or_else(|| tail.strip_prefix(", expected "))
                .or_else(|| tail.strip_prefix(", there are no fields"))
                .unwrap_or("");
            return Some((kind, word, expected));
        }
    }
    None
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &text[text.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "cpsrisk: 1\nsystem:\n  name: x\n";

    #[test]
    fn minimal_model_parses() {
        let model = parse(MINIMAL).expect("minimal model");
        assert_eq!(model.cpsrisk.value, 1);
        assert!(model.iot_ssf.is_none());
    }

    #[test]
    fn unknown_key_is_located_and_suggested() {
        let d = parse("cpsrisk: 1\nsystem:\n  name: x\n  nmae_ja: y\n").unwrap_err();
        assert_eq!((d.at.line, d.at.column), (4, 3));
        assert!(
            d.message.en.contains("unknown key `nmae_ja`"),
            "{}",
            d.message.en
        );
        assert_eq!(d.hint.unwrap().en, "did you mean `name_ja`?");
    }

    #[test]
    fn wrong_level_name_is_located_and_suggested() {
        let text = "cpsrisk: 1\nsystem:\n  name: x\niot_ssf:\n  applying_entity: a\n  stakeholders: []\n  target:\n    axis1: limted\n    axis2: limited\n";
        let d = parse(text).unwrap_err();
        assert_eq!(d.at.line, 8);
        assert!(
            d.message.en.contains("`limted` is not an allowed value"),
            "{}",
            d.message.en
        );
        assert_eq!(d.hint.unwrap().en, "did you mean `limited`?");
    }

    #[test]
    fn syntax_error_has_a_place() {
        let d = parse("cpsrisk: 1\nsystem: [\n").unwrap_err();
        assert!(d.at.line >= 2, "{:?}", d);
    }

    #[test]
    fn alias_bombs_stay_bounded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            text.push_str(
                &format!(
                    "b{i}: &a{i} [*a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}, *a{}]\n",
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1,
                    i - 1
                )
                .replace("*a0", "*a"),
            );
        }
        // 10^12 nodes once expanded, from a few hundred bytes.
        let result =
            serde_saphyr::from_str_with_options::<serde_json::Value>(&text, options(text.len()));
        let message = result
            .expect_err("the budget stops the expansion")
            .to_string();
        assert!(message.contains("budget"), "{message}");
    }

    #[test]
    fn json_models_read_with_places() {
        let d = parse("{\"cpsrisk\": 1, \"system\": {\"name\": \"x\", \"bogus\": 1}}").unwrap_err();
        assert_eq!(d.at.line, 1);
        assert!(d.message.en.contains("bogus"));
    }
}
