//! Every example model written as JSON and as YAML reads back as the same model.

mod common;

use cpsrisk_interchange::convert::{ModelFormat, model_to};

#[test]
fn every_example_round_trips_through_json_and_yaml() {
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).expect("example is valid");
        let canonical = model_to(&model, ModelFormat::Json).unwrap();
        for format in [ModelFormat::Json, ModelFormat::Yaml] {
            let written = model_to(&model, format).unwrap();
            let back = cpsrisk_model::load_and_check(&written).unwrap_or_else(|d| {
                panic!(
                    "{} as {format:?} does not read back: {:?}",
                    path.display(),
                    d[0].message
                )
            });
            assert_eq!(
                model_to(&back, ModelFormat::Json).unwrap(),
                canonical,
                "{} changed through {format:?}",
                path.display()
            );
        }
    }
}
