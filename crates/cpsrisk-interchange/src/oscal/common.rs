//! What every OSCAL document shares: metadata, properties, parts, back-matter, and the
//! deterministic UUIDs and timestamp that make the same input give byte-identical output.

use serde::Serialize;
use uuid::Uuid;

/// The OSCAL version whose schemas the documents are written to (and tested against).
pub const OSCAL_VERSION: &str = "1.2.3";

/// The namespace of the properties and part names cpsrisk defines itself (OSCAL asks for a
/// namespace on every name it does not define).
pub const NS: &str = "urn:cpsrisk:oscal";

/// The root of every UUID cpsrisk derives: a v5 UUID of the URL-namespace, so that a name
/// gives the same UUID in every run and on every machine.
fn root() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:cpsrisk:oscal")
}

/// A UUID (version 5) from a stable name, e.g. `catalog/iot-ssf-requirements/control/ssf-r01`.
pub fn uuid(name: &str) -> String {
    Uuid::new_v5(&root(), name.as_bytes()).to_string()
}

/// The time stamped into a document (`last-modified`, result `start`, observation
/// `collected`), in RFC 3339. A model carries no date of its own and the wall clock would
/// make every run differ, so the stamp is fixed unless the caller gives one — the CLI passes
/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp(String);

impl Timestamp {
    /// The fixed stamp used when no time is given: the Unix epoch.
    pub fn fixed() -> Self {
        Timestamp::from_unix(0)
    }

    /// The UTC time `seconds` after the Unix epoch.
    pub fn from_unix(seconds: u64) -> Self {
        let days = seconds / 86_400;
        let rest = seconds % 86_400;
        let (y, m, d) = civil_from_days(days);
        Timestamp(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Timestamp {
    fn default() -> Self {
        Timestamp::fixed()
    }
}

/// Year, month, day of the proleptic Gregorian calendar for a count of days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

/// An OSCAL token from an ID of cpsrisk's: lower case, and prefixed where the ID does not start
/// with a letter (OSCAL tokens must), e.g. `5.1-1` → `en303645-5.1-1`.
pub fn token(prefix: &str, id: &str) -> String {
    let lower: String = id
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if lower.starts_with(|c: char| c.is_alphabetic()) {
        lower
    } else {
        format!("{prefix}-{lower}")
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    pub title: String,
    pub last_modified: String,
    pub version: String,
    pub oscal_version: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
}

impl Metadata {
    pub fn new(title: String, stamp: &Timestamp) -> Self {
        Metadata {
            title,
            last_modified: stamp.as_str().to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            oscal_version: OSCAL_VERSION,
            props: Vec::new(),
            remarks: None,
        }
    }
}

/// A property; `ns` is set for the names cpsrisk defines.
#[derive(Debug, Serialize)]
pub struct Prop {
    pub name: String,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ns: Option<&'static str>,
}

impl Prop {
    /// A property OSCAL defines (e.g. `label`).
    pub fn oscal(name: &str, value: &str) -> Self {
        Prop {
            name: name.into(),
            value: single_line(value),
            ns: None,
        }
    }

    /// A property cpsrisk defines, in its namespace.
    pub fn own(name: &str, value: &str) -> Self {
        Prop {
            name: name.into(),
            value: single_line(value),
            ns: Some(NS),
        }
    }
}

/// Property values are one line without surrounding blanks (OSCAL's `string` type).
fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Serialize)]
pub struct Part {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ns: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<Prop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prose: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
}

impl Part {
    pub fn new(id: String, name: &str, prose: &str) -> Self {
        Part {
            id,
            name: name.into(),
            ns: None,
            title: None,
            props: Vec::new(),
            prose: Some(prose.to_string()),
            parts: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Link {
    pub href: String,
    pub rel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BackMatter {
    pub resources: Vec<Resource>,
}

#[derive(Debug, Serialize)]
pub struct Resource {
    pub uuid: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rlinks: Vec<Rlink>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Rlink {
    pub href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<&'static str>,
}

/// The back-matter resource that stands for the seed document (the METI source text every
/// catalog entry cites by line).
pub fn seed_resource() -> Resource {
    Resource {
        uuid: uuid("resource/seed"),
        title: "METI cyber-physical security frameworks (seed text of cpsrisk)".into(),
        description: Some(
            "The Japanese source text the catalogs are transcribed from; entries cite its lines."
                .into(),
        ),
        rlinks: Vec::new(),
    }
}

/// Pretty JSON with a final newline; serialising plain data structures cannot fail.
pub fn to_json<T: Serialize>(document: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(document).expect("OSCAL document serialises");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(Timestamp::fixed().as_str(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp::from_unix(1_764_925_200).as_str(),
            "2025-12-05T09:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix(951_782_400).as_str(),
            "2000-02-29T00:00:00Z"
        );
    }

    #[test]
    fn uuids_are_v5_and_stable() {
        let a = uuid("x");
        assert_eq!(a, uuid("x"));
        assert_ne!(a, uuid("y"));
        assert_eq!(&a[14..15], "5");
    }

    #[test]
    fn tokens_start_with_a_letter() {
        assert_eq!(token("en303645", "5.1-1"), "en303645-5.1-1");
        assert_eq!(token("x", "SSF-R01"), "ssf-r01");
    }
}
