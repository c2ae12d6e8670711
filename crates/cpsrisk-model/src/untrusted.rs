//! Text that comes from a model, shown to people: control, invisible and direction-changing
//! characters made visible, and echoed values cut to a readable length (docs/security.md).

use std::fmt::Write;

/// How many characters of a value a message echoes.
pub const ECHO_CHARS: usize = 120;

/// Whether `c` would act on a terminal or hide itself instead of showing: C0 and C1 controls
/// (ESC starts terminal escape sequences), DEL, zero-width characters, bidirectional
/// overrides and isolates, and the byte-order mark.
pub fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width space, joiners, direction marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}')
}

/// `text` with every hidden or control character written as `\u{…}` (tab and newline kept
/// when `keep_lines`), safe to write to a terminal.
pub fn visible(text: &str, keep_lines: bool) -> String {
    if !text.chars().any(is_hidden_or_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_or_control(c) && !(keep_lines && matches!(c, '\n' | '\t')) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A value as a message echoes it: visible, and at most [`ECHO_CHARS`] characters followed by
/// `…(N bytes)` when longer.
pub fn echo(value: &str) -> String {
    match value.char_indices().nth(ECHO_CHARS) {
        None => visible(value, false),
        Some((cut, _)) => format!("{}…({} bytes)", visible(&value[..cut], false), value.len()),
    }
}

/// A message with every backtick-quoted value passed through [`echo`], and the rest made
/// visible: one place that keeps every diagnostic short and inert, whoever wrote it.
pub fn readable_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * ECHO_CHARS));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Values stand between backticks (odd parts); a parser's own message may also carry
        // one unquoted, which shows as a long run.
        if i % 2 == 1 || part.chars().nth(4 * ECHO_CHARS).is_some() {
            out.push_str(&echo(part));
        } else {
            out.push_str(&visible(part, false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_hidden_characters_become_visible() {
        assert_eq!(
            visible("a\u{1b}]0;pwned\u{7}b", false),
            "a\\u{1b}]0;pwned\\u{7}b"
        );
        assert_eq!(
            visible("x\u{200b}y\u{202e}z", false),
            "x\\u{200b}y\\u{202e}z"
        );
        assert_eq!(visible("line\nnext", true), "line\nnext");
        assert_eq!(visible("line\nnext", false), "line\\u{a}next");
        assert_eq!(visible("日本語 plain", false), "日本語 plain");
    }

    #[test]
    fn long_values_are_cut_with_their_size() {
        let long = "é".repeat(5000);
        let shown = echo(&long);
        assert!(shown.starts_with(&"é".repeat(ECHO_CHARS)));
        assert!(shown.ends_with("…(10000 bytes)"), "{shown}");
        assert_eq!(echo("short"), "short");
    }

    #[test]
    fn messages_cut_quoted_values_and_long_unquoted_runs() {
        let m = readable_message(&format!("unknown device `{}`", "x".repeat(10_000)));
        assert_eq!(
            m,
            format!("unknown device `{}…(10000 bytes)`", "x".repeat(ECHO_CHARS))
        );
        let m = readable_message(&format!("invalid value: {}", "y".repeat(10_000)));
        assert!(m.len() < 200, "{m}");
    }
}
