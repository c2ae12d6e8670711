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
    /// For a transfer: the unit of analysis the seed writes each row under.
    #[serde(default)]
    units: std::collections::BTreeMap<String, String>,
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

fn load(dir: &Path) -> (String, cpsrisk_model::Model, Expected) {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let model =
        cpsrisk_model::load_and_check(&std::fs::read_to_string(dir.join("model.yaml")).unwrap())
            .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let expected: Expected =
        serde_saphyr::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
            .unwrap();
    (name, model, expected)
}

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
        let (name, model, expected) = load(&dir);
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
            for v in &r.viewpoints {
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
            for (id, unit) in &r.units {
                let risk = found.iter().find(|x| &x.catalog_id == id).unwrap();
                assert_eq!(
                    risk.unit,
                    Some(unit.as_str()),
                    "{name}: event {}: the seed writes {id} under {unit}",
                    r.event
                );
            }
        }
    }
}

/// Issue 10 item 1: the seed's rows must all be `primary` (recall 100%), and the primary tier
/// must stay short — at most three times the seed's rows for the events the seed analyses.
/// Prints, per use case, the rows, the primaries and the whole list.
#[test]
fn seed_rows_are_primary_and_primaries_stay_few() {
    use cpsrisk_dmf::Tier;
    for dir in example_dirs() {
        let (name, model, expected) = load(&dir);
        let a = cpsrisk_dmf::assess(model.dmf.as_ref().unwrap());
        let (mut rows, mut recalled, mut primaries, mut listed) = (0, 0, 0, 0);
        for r in &expected.risks {
            let found: Vec<&cpsrisk_dmf::RiskFound> =
                a.risks.iter().filter(|x| x.event == r.event).collect();
            // Primaries first in the list of every event.
            let first_catalog = found.iter().position(|x| x.tier == Tier::Catalog);
            assert!(
                first_catalog.is_none_or(|i| found[i..].iter().all(|x| x.tier == Tier::Catalog)),
                "{name}: {}: a primary risk after a catalog one",
                r.event
            );
            rows += r.catalog.len();
            recalled += r
                .catalog
                .iter()
                .filter(|id| {
                    found
                        .iter()
                        .any(|x| &&x.catalog_id == id && x.tier == Tier::Primary)
                })
                .count();
            primaries += found.iter().filter(|x| x.tier == Tier::Primary).count();
            listed += found.len();
        }
        let ratio = primaries as f64 / rows as f64;
        println!(
            "{name}: seed rows {rows}, recalled as primary {recalled} ({:.0}%), primaries {primaries} ({ratio:.2}× the rows), listed {listed}",
            100.0 * recalled as f64 / rows as f64
        );
        assert_eq!(recalled, rows, "{name}: every seed row is primary");
        assert!(
            ratio <= 3.0,
            "{name}: {primaries} primaries for {rows} rows"
        );
    }
}
