//! The six use cases of the IoT-SSF use-case collection (2-3-1 … 2-3-6), shipped as example
//! models, must reproduce what the seed concludes: the target, each stakeholder's levels and
//! verdict, the requirements the policies map to, and each implementer's measure table.
//! `expected.yaml` beside each model states those conclusions with their seed lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cpsrisk_model::levels::Named;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    target: ExpectedTarget,
    stakeholders: Vec<ExpectedStakeholder>,
    policy_requirements: ExpectedPolicyRequirements,
    implementers: Vec<ExpectedImplementer>,
}

#[derive(Deserialize)]
struct ExpectedTarget {
    axis1: String,
    axis2: String,
}

#[derive(Deserialize)]
struct ExpectedStakeholder {
    id: String,
    axis1: String,
    axis2: String,
    within_target: bool,
    lines: Vec<u32>,
}

#[derive(Deserialize)]
struct ExpectedPolicyRequirements {
    ids: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedImplementer {
    stakeholder: String,
    table: String,
    requirements: Vec<String>,
    high_impact: Vec<String>,
}

fn example_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iot-ssf");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("examples/iot-ssf exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("model.yaml").exists())
        .collect();
    dirs.sort();
    dirs
}

fn check_use_case(dir: &Path) {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(dir.join("model.yaml")).unwrap();
    let model = cpsrisk_model::load_and_check(&text)
        .unwrap_or_else(|d| panic!("{name}: model invalid: {d:?}"));
    let expected: Expected =
        serde_saphyr::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    let iot = model
        .iot_ssf
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: no iot_ssf"));
    let a = cpsrisk_iot_ssf::assess(iot);

    assert_eq!(
        a.target.axis1.id(),
        expected.target.axis1,
        "{name}: target axis 1"
    );
    assert_eq!(
        a.target.axis2.id(),
        expected.target.axis2,
        "{name}: target axis 2"
    );

    assert_eq!(
        a.stakeholders.len(),
        expected.stakeholders.len(),
        "{name}: rated stakeholders"
    );
    for e in &expected.stakeholders {
        let got = a
            .stakeholders
            .iter()
            .find(|s| s.id == e.id)
            .unwrap_or_else(|| panic!("{name}: stakeholder {} not rated", e.id));
        let lines = format!("{name}: stakeholder {} (seed lines {:?})", e.id, e.lines);
        assert_eq!(got.axis1.id(), e.axis1, "{lines}: axis 1");
        assert_eq!(got.axis2.id(), e.axis2, "{lines}: axis 2");
        assert_eq!(got.within_target, e.within_target, "{lines}: within target");
    }

    let policy_ids: BTreeSet<&str> = iot
        .policies
        .iter()
        .flat_map(|p| p.requirements.iter().map(|r| r.as_str()))
        .collect();
    let expected_ids: BTreeSet<&str> = expected
        .policy_requirements
        .ids
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(
        policy_ids, expected_ids,
        "{name}: requirements of the policies"
    );
    for id in &expected_ids {
        let r = a
            .requirements
            .iter()
            .find(|r| r.id == *id)
            .unwrap_or_else(|| panic!("{name}: {id} not reported"));
        assert!(
            r.high_impact,
            "{name}: {id} serves a policy and is high impact"
        );
    }

    // Each measure table of the seed is one implementer's rows, in the same order.
    let tables: BTreeMap<&str, &cpsrisk_iot_ssf::ImplementerTable> = a
        .responsibility
        .iter()
        .map(|t| (t.implementer.as_str(), t))
        .collect();
    assert_eq!(
        tables.len(),
        expected.implementers.len(),
        "{name}: implementers"
    );
    for e in &expected.implementers {
        let t = tables
            .get(e.stakeholder.as_str())
            .unwrap_or_else(|| panic!("{name}: no table for {}", e.stakeholder));
        let got: Vec<&str> = t.rows.iter().map(|r| r.requirement.as_str()).collect();
        assert_eq!(got, e.requirements, "{name}: {} rows", e.table);
        let mut got_high: Vec<&str> = t
            .rows
            .iter()
            .filter(|r| r.high_impact)
            .map(|r| r.requirement.as_str())
            .collect();
        let mut want_high: Vec<&str> = e.high_impact.iter().map(String::as_str).collect();
        got_high.sort_unstable();
        want_high.sort_unstable();
        assert_eq!(got_high, want_high, "{name}: {} 〇 rows", e.table);
        assert_eq!(
            t.applying_entity,
            e.stakeholder == a.applying_entity,
            "{name}: {} is the applying entity's table",
            e.table
        );
    }
}

#[test]
fn all_six_use_cases_ship() {
    let names: Vec<String> = example_dirs()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    for (i, n) in names.iter().enumerate() {
        assert!(n.starts_with(&format!("uc{}-", i + 1)), "{n}");
    }
}

#[test]
fn use_cases_reproduce_the_seed() {
    for dir in example_dirs() {
        check_use_case(&dir);
    }
}
