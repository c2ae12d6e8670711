//! Model text in both languages. A free-text field (`name`, `description`, `statement`, …) may
//! carry `_en` and `_ja` variants beside the text as written (`name_en`, `name_ja`); a report
//! shows the variant in its language, else the text as written, marked when that is in the
//! other language ([`written_in`]).

use cpsrisk_catalog::Lang;

/// The text in `lang`: its variant in that language, else the text as written.
pub fn pick<'a>(
    lang: Lang,
    written: &'a str,
    en: &'a Option<String>,
    ja: &'a Option<String>,
) -> &'a str {
    variant(lang, en, ja).unwrap_or(written)
}

/// [`pick`] for an optional field: a variant may stand without the text as written.
pub fn pick_optional<'a>(
    lang: Lang,
    written: &'a Option<String>,
    en: &'a Option<String>,
    ja: &'a Option<String>,
) -> Option<&'a str> {
    variant(lang, en, ja).or(written.as_deref())
}

/// [`pick`] for a list of texts (notes, measures): the list in `lang` when given, else the list
/// as written.
pub fn pick_list<'a>(
    lang: Lang,
    written: &'a [String],
    en: &'a [String],
    ja: &'a [String],
) -> &'a [String] {
    let variant = match lang {
        Lang::En => en,
        Lang::Ja => ja,
    };
    if variant.is_empty() { written } else { variant }
}

fn variant<'a>(lang: Lang, en: &'a Option<String>, ja: &'a Option<String>) -> Option<&'a str> {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
    .as_deref()
    .filter(|t| !t.trim().is_empty())
}

/// The language a text of the model is written in, judged by its script: Japanese when it has at
/// least as many kana and kanji as other letters, English when it has letters and fewer; none
/// for text without letters. Terms quoted in 「」 or 『』 do not count, so an English note quoting
/// the seed stays English; a Japanese sentence naming "IoT" or "TLS" stays Japanese.
pub fn written_in(text: &str) -> Option<Lang> {
    let (mut japanese, mut other, mut quoted) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '「' | '『' => quoted += 1,
            '」' | '』' => quoted = quoted.saturating_sub(1),
            _ if quoted > 0 => {}
            c if is_kana_or_kanji(c) => japanese += 1,
            c if c.is_alphabetic() => other += 1,
            _ => {}
        }
    }
    match (japanese, other) {
        (0, 0) => None,
        (j, o) if j >= o => Some(Lang::Ja),
        _ => Some(Lang::En),
    }
}

fn is_kana_or_kanji(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'     // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'   // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'   // half-width katakana
        | '\u{2E80}'..='\u{2FDF}'   // radicals (the seed's ⺠ in 民生)
        | '\u{20000}'..='\u{2FFFF}' // CJK extensions B…
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variant_in_the_language_asked_wins_and_the_text_as_written_stands_in() {
        let (en, ja) = (Some("Resident".to_string()), Some("住まい手".to_string()));
        assert_eq!(pick(Lang::Ja, "Resident", &None, &ja), "住まい手");
        assert_eq!(pick(Lang::En, "住まい手", &en, &None), "Resident");
        assert_eq!(pick(Lang::En, "Resident", &None, &ja), "Resident");
        assert_eq!(
            pick(Lang::Ja, "Resident", &None, &Some(" ".into())),
            "Resident"
        );
        assert_eq!(pick_optional(Lang::Ja, &None, &None, &ja), Some("住まい手"));
        assert_eq!(pick_optional(Lang::Ja, &None, &en, &None), None);
        let notes = ["a note".to_string()];
        let notes_ja = ["注記".to_string()];
        assert_eq!(pick_list(Lang::Ja, &notes, &[], &notes_ja), &notes_ja);
        assert_eq!(pick_list(Lang::En, &notes, &[], &notes_ja), &notes);
    }

    #[test]
    fn the_language_of_a_text_is_judged_by_its_script() {
        assert_eq!(written_in("Resident"), Some(Lang::En));
        assert_eq!(written_in("住まい手"), Some(Lang::Ja));
        assert_eq!(written_in("IoT 機器・サービスの事業者"), Some(Lang::Ja));
        assert_eq!(written_in("スマートホーム向け IoT 機器"), Some(Lang::Ja));
        assert_eq!(
            written_in(
                "keep possible damage to 「限定的なダメージ」 so that no serious accident occurs"
            ),
            Some(Lang::En)
        );
        assert_eq!(written_in("⺠生用IoT機器"), Some(Lang::Ja));
        assert_eq!(
            written_in(
                "Within target (l.8579): 「スマートホームを供給する事業者視点からみたガス給湯器システムは、目標とする水準内に収まっている」 names the supplier twice."
            ),
            Some(Lang::En)
        );
        assert_eq!(
            written_in("「回復困難性の度合い」に関しては、自社が定める基本方針に乗っ取り"),
            Some(Lang::Ja)
        );
        assert_eq!(written_in("「限定的なダメージ」"), None);
        assert_eq!(written_in("5.1-1 / 2024-03"), None);
    }
}
