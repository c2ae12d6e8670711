//! A value with the place in the model file where it was written.

use std::borrow::Cow;
use std::cell::RefCell;

use schemars::{JsonSchema, Schema, SchemaGenerator};
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
        if JSON_SOURCE.with_borrow(Option::is_some) {
            // serde_json hands out the value's own text, a slice of the input: its address is
            // its place in the file.
            let raw = <&'de RawValue>::deserialize(deserializer)?;
            let at = JSON_SOURCE.with_borrow_mut(|source| {
                source
                    .as_mut()
                    .map_or(Position::default(), |s| s.position_of(raw.get()))
            });
            let value = T::deserialize(raw.into_deserializer()).map_err(D::Error::custom)?;
            return Ok(Loc { value, at });
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let at = Position {
            line: spanned.referenced.line(),
            column: spanned.referenced.column(),
        };
        Ok(Loc {
            value: spanned.value,
            at,
        })
    }
}

thread_local! {
    /// Set while [`from_json`] reads: where the JSON text lies, and the last place found in it.
    static JSON_SOURCE: RefCell<Option<JsonSource>> = const { RefCell::new(None) };
}

/// Reads `text` as JSON with serde_json, giving every [`Loc`] the line and column the YAML
/// parser would give it (1-based, columns in characters).
pub fn from_json<'de, T: Deserialize<'de>>(text: &'de str) -> serde_json::Result<T> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            JSON_SOURCE.set(None);
        }
    }
    JSON_SOURCE.set(Some(JsonSource::new(text)));
    let _reset = Reset;
    serde_json::from_str(text)
}

/// Turns addresses inside the text into lines and columns. Values are read in file order,
/// so each lookup counts on from the previous one: linear in the text even on one long line.
struct JsonSource {
    /// The address of the text being read, to turn a slice of it into an offset.
    start: usize,
    /// A copy of the text (a thread-local cannot borrow the caller's).
    text: Box<str>,
    /// Byte offset, line and column of the last place found.
    offset: usize,
    line: u64,
    column: u64,
}

impl JsonSource {
    fn new(text: &str) -> Self {
        JsonSource {
            start: text.as_ptr() as usize,
            text: text.into(),
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The place of `value`, a slice of the text being read.
    fn position_of(&mut self, value: &str) -> Position {
        let offset = (value.as_ptr() as usize).wrapping_sub(self.start);
        if offset > self.text.len() {
            return Position::default();
        }
        if offset < self.offset {
            (self.offset, self.line, self.column) = (0, 1, 1);
        }
        let mut bytes = self.text.as_bytes()[self.offset..offset].iter().peekable();
        while let Some(&b) = bytes.next() {
            // Line breaks as YAML counts them: LF, CR LF, or a lone CR.
            if b == b'\n' || (b == b'\r' && bytes.peek() != Some(&&b'\n')) {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 && b != b'\r' {
                // Columns count characters: every byte but UTF-8 continuation bytes.
                self.column += 1;
            }
        }
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }
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
