//! Text measured and fitted into boxes without a font at hand: widths are estimated per
//! character (East Asian wide characters take a full em, by `unicode-width`), lines break at
//! spaces or between wide characters, and what does not fit ends in "…".

use unicode_width::UnicodeWidthChar;

/// Estimated advance of `c` in ems, erring on the wide side so that text stays inside its box.
fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' | 'M' | 'W' | '@' => 0.9,
        c if c.is_ascii_uppercase() => 0.7,
        c if c.is_ascii() => 0.58,
        c => match c.width() {
            Some(0) => 0.0,
            Some(2) => 1.0,
            _ => 0.65,
        },
    }
}

/// Estimated width in pixels of `text` at `size` pixels.
pub fn width(text: &str, size: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * size
}

fn wide(c: char) -> bool {
    c.width() == Some(2)
}

/// `text` in at most `max_lines` lines no wider than `max_width` pixels at `size` pixels.
/// Returns the lines and whether text was cut (the last line then ends in "…").
pub fn wrap(text: &str, max_width: f64, max_lines: usize, size: f64) -> (Vec<String>, bool) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Pieces a line may break between: words, single wide characters, spaces.
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = !wide(c)
            && c != ' '
            && pieces
                .last()
                .and_then(|p| p.chars().last())
                .is_some_and(|l| l != ' ' && !wide(l));
        // Closing punctuation stays with what comes before it.
        let closing = matches!(c, '、' | '。' | '）' | '」' | '』' | '，' | '．' | '・');
        match pieces.last_mut() {
            Some(last) if joins || closing => last.push(c),
            _ => pieces.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = vec![String::new()];
    for piece in pieces {
        let line = lines.last_mut().expect("one line at least");
        if piece == " " {
            if !line.is_empty() {
                line.push(' ');
            }
            continue;
        }
        if width(&format!("{line}{piece}"), size) <= max_width {
            line.push_str(&piece);
            continue;
        }
        if !line.trim_end().is_empty() {
            lines.push(String::new());
        }
        // A word longer than a line is broken where it must.
        for c in piece.chars() {
            let line = lines.last_mut().expect("one line at least");
            if !line.trim_end().is_empty() && width(&format!("{line}{c}"), size) > max_width {
                lines.push(String::new());
            }
            lines.last_mut().expect("one line at least").push(c);
        }
    }
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() <= max_lines {
        return (lines, false);
    }
    let mut kept: Vec<String> = lines[..max_lines].to_vec();
    let last = kept.last_mut().expect("max_lines is at least one");
    while !last.is_empty() && width(&format!("{last}…"), size) > max_width {
        last.pop();
    }
    let trimmed = last.trim_end().to_string();
    *last = trimmed + "…";
    (kept, true)
}

/// Like [`wrap`], but with lines of about even length: the narrowest width (from the average
/// line up, in steps of half an em) that needs no more lines than `max_width` does.
pub fn wrap_balanced(
    text: &str,
    max_width: f64,
    max_lines: usize,
    size: f64,
) -> (Vec<String>, bool) {
    let (lines, cut) = wrap(text, max_width, max_lines, size);
    if cut || lines.len() < 2 {
        return (lines, cut);
    }
    let mut w = width(text, size) / lines.len() as f64;
    while w < max_width {
        let (even, cut) = wrap(text, w, max_lines, size);
        if !cut && even.len() <= lines.len() {
            return (even, false);
        }
        w += size / 2.0;
    }
    (lines, cut)
}

/// `text` on one line no wider than `max_width`, cut with "…"; whether it was cut.
pub fn truncate(text: &str, max_width: f64, size: f64) -> (String, bool) {
    if width(text, size) <= max_width {
        return (text.to_string(), false);
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&format!("{out}{c}…"), size) > max_width {
            break;
        }
        out.push(c);
    }
    (out.trim_end().to_string() + "…", true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        assert!(width("機器", 12.0) > width("ab", 12.0) * 1.5);
        assert_eq!(width("機器", 12.0), 24.0);
    }

    #[test]
    fn latin_breaks_at_spaces_and_cjk_anywhere() {
        let (lines, cut) = wrap("Remote control of a home gas water heater", 120.0, 3, 12.0);
        assert!(!cut);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| width(l, 12.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Remote control of a home gas water heater");
        let (lines, cut) = wrap(
            "家庭用ガス給湯器の遠隔操作を行うスマートフォンアプリ",
            100.0,
            2,
            12.0,
        );
        assert!(cut);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| width(l, 12.0) <= 100.0), "{lines:?}");
    }

    #[test]
    fn balanced_lines_leave_no_orphan() {
        let (lines, _) = wrap("サービス提供のために活用される", 170.0, 3, 12.0);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].chars().count(), 1);
        let (lines, cut) = wrap_balanced("サービス提供のために活用される", 170.0, 3, 12.0);
        assert!(
            !cut && lines.len() == 2 && lines[1].chars().count() >= 6,
            "{lines:?}"
        );
    }

    #[test]
    fn punctuation_is_not_left_at_a_line_start() {
        let (lines, _) = wrap("機器、サービス。", 36.0, 4, 12.0);
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('、') && !l.starts_with('。')),
            "{lines:?}"
        );
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("F1", 50.0, 11.0), ("F1".to_string(), false));
        let (t, cut) = truncate("F1, F2, F3, F4, F5, F6, F7", 50.0, 11.0);
        assert!(cut && t.ends_with('…') && width(&t, 11.0) <= 50.0);
    }
}
