//! A value with the place in the model file where it was written.

use std::borrow::Cow;
use std::cell::Cell;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{Error as _, IntoDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A 1-based line and column in a model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

/// A value plus where it stands in the model file, so that later checks can point at it.
#[derive(Debug, Clone)]
pub struct Loc<T> {
    pub value: T,
    pub at: Position,
}

impl<T> Loc<T> {
    pub fn new(value: T, at: Position) -> Self {
        Loc { value, at }
    }
}

impl Loc<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loc<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if JSON_SOURCE.get().is_some() {
            // serde_json hands out the value's own text, a slice of the input: its address is
            // its place in the file.
            let raw = <&'de RawValue>::deserialize(deserializer)?;
            let text = raw.get();
            let at = position_in_json(text);
            // Most located values are IDs: a string without escapes is its text between the
            // quotes, so it is not parsed a second time.
            let value = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(plain) if !plain.contains('\\') => {
                    T::deserialize(BorrowedStrDeserializer::<D::Error>::new(plain))?
                }
                _ => T::deserialize(raw.into_deserializer()).map_err(D::Error::custom)?,
            };
            return Ok(Loc { value, at });
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = Position {
            line: spanned.referenced.line() + YAML_LINE_OFFSET.get(),
            column: spanned.referenced.column(),
        };
        Ok(Loc {
            value: spanned.value,
            at,
        })
    }
}

thread_local! {
    /// Lines before the YAML text being read, when it is a piece cut out of a model file.
    static YAML_LINE_OFFSET: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Runs `read` with every YAML [`Loc`] moved down by `lines` lines: the places of a piece of
/// the file, read alone, in the whole file.
pub(crate) fn with_yaml_line_offset<R>(lines: u64, read: impl FnOnce() -> R) -> R {
    /// Puts back the offset set before, on return and on unwinding alike, so that later reads
    /// on this thread are not moved.
    struct Restore(u64);
    impl Drop for Restore {
        fn drop(&mut self) {
            YAML_LINE_OFFSET.set(self.0);
        }
    }
    let _restore = Restore(YAML_LINE_OFFSET.replace(lines));
    read()
}

thread_local! {
    /// Set while [`from_json`] reads: where the JSON text lies, and the last place found in it.
    static JSON_SOURCE: Cell<Option<JsonSource>> = const { Cell::new(None) };
}

/// Reads `text` as JSON with serde_json, giving every [`Loc`] the line and column the YAML
/// parser would give it (1-based, columns in characters).
pub fn from_json<'de, T: Deserialize<'de>>(text: &'de str) -> serde_json::Result<T> {
    /// Puts back what was set before, on return and on unwinding alike, so that the text is
    /// never reachable after this call.
    struct Restore(Option<JsonSource>);
    impl Drop for Restore {
        fn drop(&mut self) {
            JSON_SOURCE.set(self.0.take());
        }
    }
    let _restore = Restore(JSON_SOURCE.replace(Some(JsonSource::new(text))));
    serde_json::from_str(text)
}

/// The place of `value`, a slice of the JSON text [`from_json`] is reading.
fn position_in_json(value: &str) -> Position {
    let Some(mut source) = JSON_SOURCE.get() else {
        return Position::default();
    };
    let at = source.position_of(value);
    JSON_SOURCE.set(Some(source));
    at
}

/// Turns addresses inside the text into lines and columns. Values are read in file order,
/// so each lookup counts on from the previous one: linear in the text even on one long line.
#[derive(Clone, Copy)]
struct JsonSource {
    /// The text being read, borrowed for the duration of [`from_json`] (a thread-local cannot
    /// name the caller's lifetime, hence a pointer rather than a `&str`).
    start: *const u8,
    len: usize,
    /// Whether the text has a CR anywhere: without one, lines are counted in bulk.
    has_cr: bool,
    /// Byte offset, line and column of the last place found.
    offset: usize,
    line: u64,
    column: u64,
}

impl JsonSource {
    fn new(text: &str) -> Self {
        JsonSource {
            start: text.as_ptr(),
            len: text.len(),
            has_cr: text.contains('\r'),
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The place of `value`, a slice of the text being read.
    fn position_of(&mut self, value: &str) -> Position {
        let offset = (value.as_ptr() as usize).wrapping_sub(self.start as usize);
        if offset > self.len {
            return Position::default();
        }
        if offset < self.offset {
            (self.offset, self.line, self.column) = (0, 1, 1);
        }
        // SAFETY: `start` and `len` describe the `&str` that `from_json` borrows; a
        // `JsonSource` is reachable only through `JSON_SOURCE`, which `from_json` sets when it
        // starts and clears before it returns or unwinds, so the text is alive here and not
        // mutated (it is shared-borrowed for the whole call). `self.offset <= offset <= len`.
        let text = unsafe { std::slice::from_raw_parts(self.start, self.len) };
        let skipped = &text[self.offset..offset];
        (self.line, self.column) = advance(self.line, self.column, skipped, self.has_cr);
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// Line and column after `bytes`, starting at `line` and `column`. Line breaks are counted as
/// YAML counts them: LF, CR LF, or a lone CR; columns count characters (every byte but UTF-8
/// continuation bytes). A value never starts with LF, so no CR LF straddles two calls.
/// `has_cr`: whether `bytes` may hold a CR.
fn advance(mut line: u64, mut column: u64, bytes: &[u8], has_cr: bool) -> (u64, u64) {
    let characters = |b: &[u8]| b.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
    if !has_cr {
        // The common case, counted in bulk: the loop below is a byte at a time.
        return match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                let breaks = bytes[..last].iter().filter(|&&b| b == b'\n').count() as u64;
                (line + breaks + 1, 1 + characters(&bytes[last + 1..]))
            }
            None => (line, column + characters(bytes)),
        };
    }
    let mut bytes = bytes.iter().peekable();
    while let Some(&b) = bytes.next() {
        if b == b'\n' || (b == b'\r' && bytes.peek() != Some(&&b'\n')) {
            line += 1;
            column = 1;
        } else if b & 0xC0 != 0x80 && b != b'\r' {
            column += 1;
        }
    }
    (line, column)
}

impl<T: Serialize> Serialize for Loc<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

// The schema of a located value is the schema of the value: the location is not written.
impl<T: JsonSchema> JsonSchema for Loc<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}
