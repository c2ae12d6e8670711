//! Every OSCAL document cpsrisk writes validates against NIST's official OSCAL JSON schema of
//! the version it names (`OSCAL_SCHEMA_DIR`, fetched by `.ci/run`), and is byte-identical
//! when written twice from the same input.

mod common;

use std::path::Path;

use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, oscal, render_report};
use cpsrisk_report::Report;

fn validator(dir: &Path, file: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(dir.join(file)).expect("schema readable");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, bytes: &[u8], what: &str) {
    let doc: serde_json::Value = serde_json::from_slice(bytes).expect("document is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .take(10)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid OSCAL:\n{}",
        errors.join("\n")
    );
    assert_eq!(
        doc.pointer("/*/metadata/oscal-version")
            .or_else(|| doc
                .as_object()
                .and_then(|o| o.values().next())
                .and_then(|v| v.pointer("/metadata/oscal-version")))
            .and_then(|v| v.as_str()),
        Some(oscal::common::OSCAL_VERSION),
        "{what} names the schema version it is tested against"
    );
}

#[test]
fn assessment_results_and_poam_of_every_example_are_valid_and_reproducible() {
    let Some(dir) = common::tool_from_env("OSCAL_SCHEMA_DIR") else {
        return;
    };
    let ar = validator(&dir, "oscal_assessment-results_schema.json");
    let poam = validator(&dir, "oscal_poam_schema.json");
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).expect("example is valid");
        let shown = path.display().to_string();
        let report = Report::new(&shown, &model);
        for lang in [Lang::En, Lang::Ja] {
            let stamp = Timestamp::fixed();
            for (format, validator) in
                [(ReportFormat::Oscal, &ar), (ReportFormat::OscalPoam, &poam)]
            {
                let bytes = render_report(&report, format, lang, &stamp).expect("renders");
                assert_valid(
                    validator,
                    &bytes,
                    &format!("{format:?} of {shown} ({lang:?})"),
                );
                let again = render_report(&report, format, lang, &stamp).expect("renders");
                assert_eq!(
                    bytes, again,
                    "{format:?} of {shown} differs between two runs"
                );
            }
        }
    }
}

#[test]
fn catalogs_are_valid_oscal() {
    let Some(dir) = common::tool_from_env("OSCAL_SCHEMA_DIR") else {
        return;
    };
    let catalog = validator(&dir, "oscal_catalog_schema.json");
    // The validator itself rejects what OSCAL forbids: a control ID that is not a token.
    let bytes =
        oscal::catalog::render("en303645-provisions", Lang::En, &Timestamp::fixed()).unwrap();
    let mut broken: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    broken["catalog"]["groups"][0]["controls"][0]["id"] = "5.1-1".into();
    assert!(
        !catalog.is_valid(&broken),
        "a control ID starting with a digit is rejected"
    );
    for name in oscal::catalog::CATALOGS {
        for lang in [Lang::En, Lang::Ja] {
            let bytes =
                oscal::catalog::render(name, lang, &Timestamp::fixed()).expect("known catalog");
            assert_valid(&catalog, &bytes, &format!("catalog {name} ({lang:?})"));
        }
    }
}

#[test]
fn profiles_are_valid_oscal() {
    let Some(dir) = common::tool_from_env("OSCAL_SCHEMA_DIR") else {
        return;
    };
    let profile = validator(&dir, "oscal_profile_schema.json");
    for name in oscal::profile::PROFILES {
        for lang in [Lang::En, Lang::Ja] {
            let bytes =
                oscal::profile::render(name, lang, &Timestamp::fixed()).expect("known profile");
            assert_valid(&profile, &bytes, &format!("profile {name} ({lang:?})"));
        }
    }
}

#[test]
fn mapping_collections_are_valid_oscal() {
    let Some(dir) = common::tool_from_env("OSCAL_SCHEMA_DIR") else {
        return;
    };
    let mapping = validator(&dir, "oscal_mapping_schema.json");
    for name in oscal::mapping::MAPPINGS {
        for lang in [Lang::En, Lang::Ja] {
            let bytes =
                oscal::mapping::render(name, lang, &Timestamp::fixed()).expect("known mapping");
            assert_valid(&mapping, &bytes, &format!("mapping {name} ({lang:?})"));
        }
    }
}
