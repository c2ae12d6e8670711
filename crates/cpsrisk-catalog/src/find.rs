//! `cpsrisk catalog find`: which catalog entries a phrase names, in Japanese or English.
//!
//! Texts and query are compared after NFKC normalisation (full-width and half-width forms fold
//! together, as do the seed's compatibility characters), lower-casing and removing spaces and
//! punctuation, so 「ｱｸｾｽ制御」, 「アクセス 制御」 and 「アクセス制御」 are one query. A query of
//! several words separated by spaces matches an entry when every word matches one of its texts,
//! either as a substring or, from three characters on, within a few edits of some part of it
//! (a near match, e.g. a typing slip or 「の」 for 「に」).

use serde::Serialize;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::export::{catalog_value, rows};

/// One entry a query found.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub catalog: &'static str,
    pub name_en: String,
    pub name_ja: String,
    /// The field of the entry whose text matched best, e.g. `name_ja` or `annex_b.measures.text_en`.
    pub field: String,
    /// `id`, `exact` (the text contains every word) or `near`.
    #[serde(rename = "match")]
    pub kind: &'static str,
}

/// The entries of every catalog that `query` names, best first: ID matches, then substring
/// matches, then near matches; within each, shorter matched texts (closer names) first.
pub fn find(query: &str) -> Vec<Hit> {
    let words: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .map(normalise)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let whole = normalise(query);
    let mut scored: Vec<(Rank, Hit)> = Vec::new();
    for (catalog, _, _) in crate::CATALOG_NAMES {
        let Ok(value) = catalog_value(catalog) else {
            continue;
        };
        // A catalog of named lists (the levels) repeats IDs across lists: name them by list.
        let grouped = value.is_object();
        for row in rows(&value) {
            let row = Value::Object(row);
            if let Some(hit) = match_entry(catalog, &row, grouped, &whole, &words) {
                scored.push(hit);
            }
        }
    }
    scored.sort_by_key(|(rank, _)| *rank);
    scored.into_iter().map(|(_, hit)| hit).collect()
}

/// How well an entry matched, best first: (kind of match, edits, whether the matched text is
/// not the entry's own name or text, length of the matched text).
/// Kinds: 0 the ID, 1 a name or the entry's own text, 2 another of its texts, 3 the whole query
/// near one text, 4 each word near some text.
type Rank = (u8, usize, bool, usize);

/// The entry's best match, if any.
fn match_entry(
    catalog: &'static str,
    row: &Value,
    grouped: bool,
    whole: &str,
    words: &[String],
) -> Option<(Rank, Hit)> {
    let id = entry_id(row, grouped)?;
    let texts = searchable_texts(row);
    let hit = |kind, field: &str| Hit {
        id: id.clone(),
        catalog,
        name_en: first_text(row, &NAME_EN_FIELDS),
        name_ja: first_text(row, &NAME_JA_FIELDS),
        field: field.to_string(),
        kind,
    };
    if normalise(&id) == whole {
        return Some(((0, 0, false, 0), hit("id", "id")));
    }
    let normalised: Vec<(String, String)> = texts
        .into_iter()
        .map(|(field, text)| (field, normalise(&text)))
        .collect();
    // Exact: one text holds every word; the entry's own names and texts first.
    if let Some((field, text)) = normalised
        .iter()
        .filter(|(_, t)| words.iter().all(|w| t.contains(w.as_str())))
        .min_by_key(|(f, t)| (!is_own_text(f), t.chars().count()))
    {
        let kind = if is_own_text(field) { 1 } else { 2 };
        return Some((
            (kind, 0, !is_own_text(field), text.chars().count()),
            hit("exact", field),
        ));
    }
    // Near: the whole query within a few edits of one text…
    if let Some((field, text, d)) = normalised
        .iter()
        .filter_map(|(f, t)| near_substring(whole, t).map(|d| (f, t, d)))
        .min_by_key(|(f, t, d)| (*d, !is_own_text(f), t.chars().count()))
    {
        return Some((
            (3, d, !is_own_text(field), text.chars().count()),
            hit("near", field),
        ));
    }
    // …or every word in some text, exactly or within a few edits.
    let mut edits = 0;
    let mut best: Option<(&str, usize)> = None;
    for w in words {
        let (field, text, d) = normalised
            .iter()
            .filter_map(|(f, t)| {
                let d = if t.contains(w.as_str()) {
                    Some(0)
                } else {
                    near_substring(w, t)
                };
                d.map(|d| (f, t, d))
            })
            .min_by_key(|(_, t, d)| (*d, t.chars().count()))?;
        edits += d;
        if best.is_none_or(|(_, len)| text.chars().count() < len) {
            best = Some((field.as_str(), text.chars().count()));
        }
    }
    let (field, len) = best?;
    Some(((4, edits, !is_own_text(field), len), hit("near", field)))
}

/// A field that names or states the entry itself (not, say, the threats a risk lists).
fn is_own_text(field: &str) -> bool {
    NAME_EN_FIELDS.contains(&field) || NAME_JA_FIELDS.contains(&field) || field == "variants_ja"
}

const NAME_EN_FIELDS: [&str; 5] = ["name_en", "text_en", "purpose_en", "title_en", "standard"];
const NAME_JA_FIELDS: [&str; 6] = [
    "name_ja",
    "text_ja",
    "name_ja_normalized",
    "purpose_ja",
    "title_ja",
    "text_ja_normalized",
];

/// The entry's ID: `id`, or the provision a provision-links entry is for; in a catalog of
/// named lists, prefixed with the list's name (`axis1.limited`).
fn entry_id(row: &Value, grouped: bool) -> Option<String> {
    let id = row
        .get("id")
        .or_else(|| row.get("provision"))
        .and_then(Value::as_str)?;
    Some(match row.get("group").and_then(Value::as_str) {
        Some(group) if grouped => format!("{group}.{id}"),
        _ => id.to_string(),
    })
}

fn first_text(row: &Value, fields: &[&str]) -> String {
    fields
        .iter()
        .find_map(|f| row.get(*f).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

/// The texts a query is compared with: every string under a key in one of the two languages
/// (`*_ja`, `*_en`, `*_ja_normalized`, `variants_ja`), at any depth, named by their path.
/// Notes, sources and IDs of other entries are not searched: they would find everything.
fn searchable_texts(row: &Value) -> Vec<(String, String)> {
    fn walk(path: &str, value: &Value, language_text: bool, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(s) if language_text => out.push((path.to_string(), s.clone())),
            Value::Array(items) => {
                for item in items {
                    walk(path, item, language_text, out);
                }
            }
            Value::Object(map) => {
                for (key, v) in map {
                    if matches!(key.as_str(), "notes" | "source" | "sources" | "corrections") {
                        continue;
                    }
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(&child, v, is_language_key(key), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", row, false, &mut out);
    out
}

fn is_language_key(key: &str) -> bool {
    key.ends_with("_ja")
        || key.ends_with("_en")
        || key.ends_with("_ja_normalized")
        || key == "variants_ja"
}

/// NFKC, lower case, without spaces and punctuation: the form texts and queries are compared in.
pub fn normalise(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The fewest edits that turn `word` into some part of `text`, if within a few (one edit per
/// four characters, at least one; words shorter than three characters must match exactly).
/// Sellers' algorithm: edit distance with a free start and end in the text, one pass over it.
fn near_substring(word: &str, text: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    if w.len() < 3 {
        return None;
    }
    let allowed = (w.len() / 4).max(1);
    // column[i]: the best distance of w[..i] ending at the current text position.
    let mut column: Vec<usize> = (0..=w.len()).collect();
    let mut best: Option<usize> = None;
    for t in text.chars() {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=w.len() {
            let substitute = diagonal + usize::from(w[i - 1] != t);
            diagonal = column[i];
            column[i] = substitute.min(column[i] + 1).min(column[i - 1] + 1);
        }
        let d = column[w.len()];
        if d <= allowed && best.is_none_or(|b| d < b) {
            best = Some(d);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_width_case_and_spaces() {
        assert_eq!(normalise("ｱｸｾｽ 制御"), normalise("アクセス制御"));
        assert_eq!(normalise("ＣＰＳ．ＡＣ－１"), "cpsac1");
        assert_eq!(normalise("Access  Control"), "accesscontrol");
    }

    #[test]
    fn near_substring_allows_a_slip() {
        assert_eq!(near_substring("acess", "implement access control"), Some(1));
        assert_eq!(
            near_substring("脆弱性対応の手順", "脆弱性対応に手順"),
            Some(1)
        );
        assert_eq!(near_substring("encryption", "access control"), None);
        assert_eq!(near_substring("ab", "ac"), None);
    }
}
