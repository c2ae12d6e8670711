//! A value with the place in the model file where it was written.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
