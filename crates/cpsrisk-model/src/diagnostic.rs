//! Problems found in a model file, in English and Japanese, with their place.

use cpsrisk_catalog::Lang;
use serde::Serialize;

use crate::loc::Position;
use crate::untrusted::readable_message;

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }

    /// The same text with echoed values cut and made visible ([`readable_message`]).
    fn readable(self) -> Self {
        Text {
            en: readable_message(&self.en),
            ja: readable_message(&self.ja),
        }
    }
}

/// An error in a model: where, what, and how to fix it. Values quoted in the message and
/// hint are cut to a readable length and their control characters made visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub at: Position,
    pub message: Text,
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn new(at: Position, message: Text) -> Self {
        Diagnostic {
            at,
            message: message.readable(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Option<Text>) -> Self {
        self.hint = hint.map(Text::readable);
        self
    }

    /// `PATH:LINE:COLUMN: error: MESSAGE`, then the hint on its own line.
    pub fn render(&self, path: &str, lang: Lang) -> String {
        self.render_as("error", path, lang)
    }

    /// `PATH:LINE:COLUMN: warning: MESSAGE`: a problem that does not make the model invalid.
    pub fn render_warning(&self, path: &str, lang: Lang) -> String {
        self.render_as("warning", path, lang)
    }

    fn render_as(&self, kind: &str, path: &str, lang: Lang) -> String {
        let mut out = format!(
            "{path}:{}:{}: {kind}: {}",
            self.at.line,
            self.at.column,
            self.message.get(lang)
        );
        if let Some(hint) = &self.hint {
            out.push_str("\n  = ");
            out.push_str(lang.pick("help: ", "ヒント: "));
            out.push_str(hint.get(lang));
        }
        out
    }
}

/// "did you mean `x`?" for the closest candidate, if any is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    cpsrisk_catalog::near_miss(word, candidates).map(|s| {
        Text::new(
            format!("did you mean `{s}`?"),
            format!("`{s}` の誤りではありませんか？"),
        )
    })
}
