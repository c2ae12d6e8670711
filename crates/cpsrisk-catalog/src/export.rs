//! `cpsrisk catalog export`: one catalog as JSON, YAML or CSV.

use serde::Serialize;
use serde_json::Value;

use crate::iot_ssf::catalogs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogFormat {
    Json,
    Yaml,
    Csv,
}

#[derive(Debug)]
pub enum ExportError {
    UnknownCatalog {
        name: String,
        suggestion: Option<&'static str>,
    },
    Serialize(String),
}

/// The catalog `name` as JSON (pretty, one array), YAML, or CSV (UTF-8 with BOM so that Excel on
/// Japanese Windows does not read it as Shift_JIS; nested values as JSON text).
/// One catalog as `cpsrisk catalog list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogSummary {
    pub name: &'static str,
    /// Entries (rows of the CSV export: a levels catalog counts the entries of all its lists).
    pub entries: usize,
    pub title_en: &'static str,
    pub title_ja: &'static str,
}

/// Every catalog `export` accepts, with its entry count, in the order of `CATALOG_NAMES`.
pub fn list() -> Vec<CatalogSummary> {
    crate::CATALOG_NAMES
        .iter()
        .map(|&(name, title_en, title_ja)| CatalogSummary {
            name,
            entries: catalog_value(name).map_or(0, |v| rows(&v).len()),
            title_en,
            title_ja,
        })
        .collect()
}

pub fn export(name: &str, format: CatalogFormat) -> Result<String, ExportError> {
    let value = catalog_value(name)?;
    match format {
        CatalogFormat::Json => serde_json::to_string_pretty(&value)
            .map(|s| s + "\n")
            .map_err(|e| ExportError::Serialize(e.to_string())),
        CatalogFormat::Yaml => {
            serde_saphyr::to_string(&value).map_err(|e| ExportError::Serialize(e.to_string()))
        }
        CatalogFormat::Csv => to_csv(&value),
    }
}

pub(crate) fn catalog_value(name: &str) -> Result<Value, ExportError> {
    let c = catalogs();
    let value = match name {
        "iot-ssf-requirements" => serde_json::to_value(&c.requirements),
        "iot-ssf-threats" => serde_json::to_value(&c.threats),
        "iot-ssf-consequences" => serde_json::to_value(&c.consequences),
        "iot-ssf-measures" => serde_json::to_value(c.measures().collect::<Vec<_>>()),
        "iot-ssf-case-examples" => serde_json::to_value(&c.case_examples),
        "iot-ssf-levels" => Ok(c.levels.clone()),
        "iot-ssf-threat-requirements" => serde_json::to_value(&c.threat_requirements),
        "en303645-provisions" => serde_json::to_value(&crate::conformance::catalogs().provisions),
        "ts103701-test-cases" => serde_json::to_value(&crate::conformance::catalogs().test_cases),
        "cls-levels" => Ok(crate::conformance::catalogs().cls_levels.clone()),
        "dmf-risks" => serde_json::to_value(&crate::dmf::catalogs().risks),
        "dmf-viewpoint-risks" => serde_json::to_value(&crate::dmf::catalogs().viewpoint_risks),
        "dmf-countermeasures" => serde_json::to_value(&crate::dmf::catalogs().countermeasures),
        "dmf-threats" => serde_json::to_value(&crate::dmf::catalogs().threats),
        "dmf-actors" => serde_json::to_value(&crate::dmf::catalogs().actors),
        "dmf-reference-standards" => {
            serde_json::to_value(&crate::dmf::catalogs().reference_standards)
        }
        "provision-requirements" => serde_json::to_value(&crate::conformance::catalogs().links),
        _ => {
            let suggestion =
                crate::near_miss(name, crate::CATALOG_NAMES.iter().map(|(n, _, _)| *n));
            return Err(ExportError::UnknownCatalog {
                name: name.to_string(),
                suggestion,
            });
        }
    };
    value.map_err(|e| ExportError::Serialize(e.to_string()))
}

/// Rows of a catalog: an array's elements, or for a catalog made of named lists (the levels)
/// each element of each list with the list's name in a `group` column.
pub(crate) fn rows(value: &Value) -> Vec<serde_json::Map<String, Value>> {
    let object = |v: &Value| v.as_object().cloned().unwrap_or_default();
    match value {
        Value::Array(items) => items.iter().map(object).collect(),
        Value::Object(groups) => groups
            .iter()
            .flat_map(|(group, items)| {
                items.as_array().into_iter().flatten().map(move |item| {
                    let mut row = serde_json::Map::new();
                    row.insert("group".into(), Value::String(group.clone()));
                    row.extend(object(item));
                    row
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn to_csv(value: &Value) -> Result<String, ExportError> {
    let rows = rows(value);
    let mut columns: Vec<String> = Vec::new();
    for row in &rows {
        for key in row.keys() {
            if !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ExportError::Serialize(e.to_string());
    writer.write_record(&columns).map_err(err)?;
    for row in &rows {
        let cells = columns.iter().map(|c| match row.get(c) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; "),
            Some(other) => other.to_string(),
        });
        writer.write_record(cells).map_err(err)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError::Serialize(e.to_string()))?;
    let body = String::from_utf8(bytes).map_err(|e| ExportError::Serialize(e.to_string()))?;
    Ok(format!("\u{feff}{body}"))
}
