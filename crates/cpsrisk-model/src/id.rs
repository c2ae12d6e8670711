//! What an ID may be: `[A-Za-z0-9][A-Za-z0-9_.-]*`, at most [`MAX_ID_CHARS`] characters, so
//! that IDs stay readable, unambiguous and inert wherever they are shown (docs/model-format.yaml).

use crate::diagnostic::Text;
use crate::untrusted::visible;

pub const MAX_ID_CHARS: usize = 64;

/// What is wrong with `id`, if anything.
pub fn problem(id: &str) -> Option<Text> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let length = id.chars().count();
    if id.is_empty() {
        return Some(Text::new("the ID is empty", "ID が空です"));
    }
    if length > MAX_ID_CHARS {
        return Some(Text::new(
            format!("ID `{id}` is {length} characters long; IDs have at most {MAX_ID_CHARS}"),
            format!("ID `{id}` は {length} 文字です。ID は {MAX_ID_CHARS} 文字以内です"),
        ));
    }
    let (position, bad) = id
        .chars()
        .enumerate()
        .find(|&(i, c)| !allowed(c) || (i == 0 && !c.is_ascii_alphanumeric()))?;
    let shown = match bad {
        ' ' => "a space".to_string(),
        c => format!("`{}` (U+{:04X})", visible(&c.to_string(), false), c as u32),
    };
    let shown_ja = shown.replace("a space", "空白");
    let position = position + 1;
    Some(if position == 1 && allowed(bad) {
        Text::new(
            format!("ID `{id}` starts with {shown}; IDs start with a letter or digit"),
            format!("ID `{id}` が {shown_ja} で始まっています。ID は英字か数字で始めてください"),
        )
    } else {
        Text::new(
            format!(
                "ID `{id}` contains {shown} at character {position}; IDs contain only letters A–Z and a–z, digits, `_`, `.` and `-`"
            ),
            format!(
                "ID `{id}` の {position} 文字目に {shown_ja} があります。ID に使えるのは英字 A–Z・a–z、数字、`_`、`.`、`-` だけです"
            ),
        )
    })
}

/// How to write a valid ID.
pub fn hint() -> Text {
    Text::new(
        format!(
            "IDs match [A-Za-z0-9][A-Za-z0-9_.-]* with at most {MAX_ID_CHARS} characters; put free text in `name` or `name_ja`"
        ),
        format!(
            "ID は [A-Za-z0-9][A-Za-z0-9_.-]* の形式で {MAX_ID_CHARS} 文字以内です。自由な文字列は `name` や `name_ja` に書いてください"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_the_documented_pattern_pass() {
        for id in [
            "a",
            "SSF-R01",
            "uc1.gw_2",
            "9lives",
            &"x".repeat(MAX_ID_CHARS),
        ] {
            assert_eq!(problem(id), None, "{id}");
        }
    }

    #[test]
    fn every_kind_of_bad_id_is_named() {
        let cases = [
            ("", "the ID is empty"),
            ("a b", "contains a space at character 2"),
            (
                "gate\u{200b}way",
                "contains `\\u{200b}` (U+200B) at character 5",
            ),
            (
                "evil\u{202e}txt",
                "contains `\\u{202e}` (U+202E) at character 5",
            ),
            ("<b>", "contains `<` (U+003C) at character 1"),
            ("-x", "starts with `-` (U+002D)"),
            ("ｄｅｖ", "contains `ｄ` (U+FF44) at character 1"),
        ];
        for (id, expected) in cases {
            let message = problem(id).expect(id).en;
            assert!(message.contains(expected), "{id:?}: {message}");
        }
        let long = problem(&"x".repeat(5000)).unwrap().en;
        assert!(long.contains("is 5000 characters long"), "{long}");
    }
}
