//! Flow lists (`[a, b]`) whose items look like one phrase cut at its commas.
//!
//! YAML splits a flow sequence at every comma outside quotes, so `measures: [with SI, and PE]`
//! is two items, `with SI` and `and PE`, without any error. These checks read the model's text
//! (the parsed model no longer shows how a list was written) and warn — without failing
//! validation — where an item after the first begins with a conjunction or particle that
//! continues a phrase, or is a lower-case phrase joined by "and"/"or" while the list's first
//! item begins with a capital. Lists of IDs (`[gateway, router]`) have no
//! spaces and are left alone. One pass over the text.

use crate::diagnostic::{Diagnostic, Text};
use crate::loc::Position;

/// Words that continue a phrase rather than start an item.
const CONTINUATIONS: &[&str] = &[
    "and",
    "or",
    "nor",
    "but",
    "with",
    "without",
    "then",
    "etc",
    "etc.",
    "including",
    "e.g.",
    "i.e.",
    "as",
    "of",
    "to",
    "for",
    "in",
    "on",
    "by",
    "via",
    "plus",
];
const CONTINUATIONS_JA: &[&str] = &[
    "及び",
    "および",
    "並びに",
    "ならびに",
    "又は",
    "または",
    "若しくは",
    "もしくは",
    "や",
    "と",
    "等",
    "など",
    "の",
];

/// One item of a flow sequence: its text and where it starts.
struct Item {
    text: String,
    at: Position,
}

/// Warnings for the flow sequences of `text` whose items look cut.
pub fn cut_items(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Only a line with a `[` can hold a list: jump from one such line to the next (lines as
    // `str::lines` splits them), counting the line breaks passed in bulk.
    let (mut counted_to, mut number) = (0, 1);
    let mut from = 0;
    while let Some(bracket) = text[from..].find('[') {
        let bracket = from + bracket;
        // `from` is 0 or the line break ending the previous line: found without scanning back.
        let start = text[from..bracket]
            .rfind('\n')
            .map_or(from, |i| from + i + 1);
        let end = text[bracket..]
            .find('\n')
            .map_or(text.len(), |i| bracket + i);
        number += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = start;
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(items) = flow_items(line, number) {
            check(&items, &mut out);
        }
        from = end;
    }
    out
}

/// The items of a one-line flow sequence in value position (`key: [...]` or `- [...]`).
fn flow_items(line: &str, number: u64) -> Option<Vec<Item>> {
    let trimmed = line.trim_start();
    let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let value_start = if body.trim_start().starts_with('[') {
        line.len() - body.len()
    } else {
        line.len() - body.len() + key_colon(body)? + 1
    };
    let rest = &line[value_start..];
    let open = value_start + (rest.len() - rest.trim_start().len());
    if !line[open..].starts_with('[') {
        return None;
    }
    let mut items = Vec::new();
    let mut current = String::new();
    let mut start = open + 1;
    let mut quote: Option<char> = None;
    for (i, c) in line[open + 1..].char_indices() {
        let at = open + 1 + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') if current.trim().is_empty() => quote = Some(c),
            (None, '[' | '{') => return None, // nested: not a list of texts
            (None, ',' | ']') => {
                let lead = current.len() - current.trim_start().len();
                items.push(Item {
                    text: current.trim().to_string(),
                    at: Position {
                        line: number,
                        column: line[..start + lead].chars().count() as u64 + 1,
                    },
                });
                current.clear();
                start = at + 1;
                if c == ']' {
                    return Some(items);
                }
            }
            (None, c) => current.push(c),
        }
    }
    None // spans lines or is unterminated: the parser reports what is wrong
}

/// The byte offset of the `:` ending a plain key at the start of `s`, if any.
fn key_colon(s: &str) -> Option<usize> {
    let colon = s.find(": ")?;
    let key = &s[..colon];
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-')))
    .then_some(colon)
}

fn check(items: &[Item], out: &mut Vec<Diagnostic>) {
    if items.len() < 2 || !items.iter().any(|i| i.text.contains(' ')) {
        return;
    }
    let first_capital = items[0].text.chars().next().is_some_and(char::is_uppercase);
    for item in &items[1..] {
        let word = item.text.split_whitespace().next().unwrap_or_default();
        let continues = CONTINUATIONS.contains(&word.to_lowercase().as_str())
            || CONTINUATIONS_JA.iter().any(|p| item.text.starts_with(p));
        // A lower-case phrase joined by "and"/"or" after a capitalised item: `[Mutual
        // authentication between app, cloud and gateway]`, not `[Company A, customer]`.
        let lower = first_capital
            && word.chars().next().is_some_and(char::is_lowercase)
            && item
                .text
                .split_whitespace()
                .any(|w| matches!(w, "and" | "or"));
        if !(continues || lower) {
            continue;
        }
        let joined = items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Diagnostic::new(
                item.at,
                Text::new(
                    format!("list item `{}` looks like the rest of the item before it: in a [a, b] list every comma starts a new item", item.text),
                    format!("リストの項目 `{}` は前の項目の続きに見えます。[a, b] の形式ではカンマごとに項目が分かれます", item.text),
                ),
            )
            .with_hint(Some(Text::new(
                format!("if it is one item, quote it (`[\"{joined}\"]`) or write a block list, one `- item` per line"),
                format!("1 項目であれば引用符で囲む（`[\"{joined}\"]`）か、1 行に 1 つ `- 項目` と書くブロック形式にしてください"),
            ))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_cut_at_its_comma_is_flagged_where_the_cut_item_starts() {
        let w = cut_items("    measures: [with SI, and PE]\n");
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].at.line, w[0].at.column), (1, 25));
        assert!(w[0].message.en.contains("`and PE`"));
        let w = cut_items("  - measures: [Mutual authentication between app, cloud and gateway]\n");
        assert_eq!(
            w.len(),
            1,
            "lower-case continuation after a capitalised item"
        );
        let w = cut_items("  scope_notes: [センサ, 及び ゲートウェイ]\n");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn cut_lists_are_placed_on_their_line_whatever_the_line_ends() {
        let cut = "a: [with SI, and PE]";
        for text in [
            format!("x: 1\ny: [a, b]\nz: [\n{cut}\n{cut}"),
            format!("x: 1\r\ny: [a, b]\r\nz: [\r\n{cut}\r\n{cut}\r\n"),
            format!("x: [1]\ry: [a, b]\nz: 2\n\n\n{cut}\n{cut} # [x]\n"),
        ] {
            let lines: Vec<u64> = cut_items(&text).iter().map(|w| w.at.line).collect();
            let expected: Vec<u64> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with(cut))
                .map(|(i, _)| i as u64 + 1)
                .collect();
            assert_eq!(lines, expected, "{text:?}");
            assert_eq!(lines.len(), 2);
        }
    }

    #[test]
    fn lists_of_ids_quoted_items_and_block_text_are_left_alone() {
        for ok in [
            "devices: [gateway, router]\n",
            "roles: [iot-service-developer, iot-service-provider]\n",
            "measures: [\"with SI, and PE\"]\n",
            "measures: [Encrypt commands, Sign firmware]\n",
            "  reasoning: >-\n    read as [with SI, and PE] in the seed\n",
            "axes: [1, 2]\n",
            "disclosure_scope: [Company A, customer]\n",
            "data_flows: [{ id: f1, from: a, to: b }]\n",
        ] {
            assert!(cut_items(ok).is_empty(), "{ok}");
        }
    }
}
