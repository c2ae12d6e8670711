//! The DMF use cases A-1 … A-4 of the seed, shipped as example models, must reproduce what the
//! seed states: the flow of events, the rules × attributes table of each place, the attribute
//! values of each data item, and for each STEP-4 risk table the viewpoints it lists (or says do
//! not apply) and the catalog risks that match its entries. `expected.yaml` beside each model
//! states these with their seed lines.

use std::path::{Path, PathBuf};

use cpsrisk_model::levels::Named;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    events: Vec<ExpectedEvent>,
    places: Vec<ExpectedPlace>,
    attributes: Vec<ExpectedAttributes>,
    risks: Vec<ExpectedRisks>,
}

#[derive(Deserialize)]
struct ExpectedEvent {
    id: String,
    kind: String,
}

#[derive(Deserialize)]
struct ExpectedPlace {
    id: String,
    requires: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedAttributes {
    data: String,
    personal: Option<String>,
    ip: Option<String>,
    value: Option<String>,
}

#[derive(Deserialize)]
struct ExpectedRisks {
    event: String,
    viewpoints: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    catalog: Vec<String>,
}

fn example_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dmf");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("model.yaml").exists())
        .collect();
    dirs.sort();
    dirs
}

/// The viewpoints for which the catalog has risks (sensitive technology and social functions
/// have none in 添付B).
const CATALOG_VIEWPOINTS: &[&str] = &[
    "confidentiality",
    "integrity",
    "availability",
    "personal-data",
    "intellectual-property",
];

#[test]
fn the_four_use_cases_ship() {
    let names: Vec<String> = example_dirs()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "a1-pos-data",
            "a2-elderly-support",
            "a3-cloud-layers",
            "a4-offshore-development"
        ]
    );
}

#[test]
fn use_cases_reproduce_the_seed() {
    for dir in example_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let model = cpsrisk_model::load_and_check(
            &std::fs::read_to_string(dir.join("model.yaml")).unwrap(),
        )
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
        let expected: Expected =
            serde_saphyr::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
                .unwrap();
        let dmf = model
            .dmf
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no dmf"));
        let a = cpsrisk_dmf::assess(dmf);

        // STEP 1: the seed's events, and an order that keeps every `after`.
        let mut kinds: Vec<(String, String)> = dmf
            .events
            .iter()
            .map(|e| (e.id.value.clone(), e.kind.id().to_string()))
            .collect();
        let mut want: Vec<(String, String)> = expected
            .events
            .iter()
            .map(|e| (e.id.clone(), e.kind.clone()))
            .collect();
        kinds.sort();
        want.sort();
        assert_eq!(kinds, want, "{name}: events");
        let rank = |id: &str| a.order.iter().position(|x| x == id).unwrap();
        for e in &dmf.events {
            for before in &e.after {
                assert!(
                    rank(before.as_str()) < rank(e.id.as_str()),
                    "{name}: {} after {}",
                    e.id.value,
                    before.value
                );
            }
        }

        // STEP 3 (a): the rules × attributes table.
        for p in &expected.places {
            let place = dmf
                .places
                .iter()
                .find(|x| x.id.value == p.id)
                .unwrap_or_else(|| panic!("{name}: place {}", p.id));
            let mut got: Vec<&str> = place.requires.iter().map(|r| r.id()).collect();
            let mut want: Vec<&str> = p.requires.iter().map(String::as_str).collect();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{name}: place {} requires", p.id);
        }

        // STEP 3 (b): attribute values.
        for e in &expected.attributes {
            let item = dmf
                .data
                .iter()
                .find(|d| d.id.value == e.data)
                .unwrap_or_else(|| panic!("{name}: data {}", e.data));
            assert_eq!(
                item.attributes.personal.map(|x| x.id().to_string()),
                e.personal,
                "{name}: {} personal",
                e.data
            );
            assert_eq!(
                item.attributes.ip.map(|x| x.id().to_string()),
                e.ip,
                "{name}: {} ip",
                e.data
            );
            let value = a
                .values
                .iter()
                .find(|v| v.data == e.data)
                .and_then(|v| v.value)
                .map(|v| v.id().to_string());
            assert_eq!(value, e.value, "{name}: {} value", e.data);
        }

        // STEP 4: the engine finds the seed's viewpoints and matching catalog risks for the event.
        for r in &expected.risks {
            let found: Vec<&cpsrisk_dmf::RiskFound> =
                a.risks.iter().filter(|x| x.event == r.event).collect();
            for v in r
                .viewpoints
                .iter()
                .filter(|v| CATALOG_VIEWPOINTS.contains(&v.as_str()))
            {
                assert!(
                    found.iter().any(|x| &x.viewpoint == v),
                    "{name}: event {} has {v} risks",
                    r.event
                );
            }
            for v in &r.absent {
                assert!(
                    !found.iter().any(|x| &x.viewpoint == v),
                    "{name}: event {}: the seed says {v} does not apply",
                    r.event
                );
            }
            for id in &r.catalog {
                assert!(
                    found.iter().any(|x| &x.catalog_id == id),
                    "{name}: event {} should have {id}",
                    r.event
                );
            }
        }
    }
}
