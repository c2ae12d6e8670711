//! The DMF and conformance generators write valid models whose size follows the argument, and
//! the same model read from JSON is the model read from YAML.

use cpsrisk_bench::conformance::synthetic_conformance_yaml;
use cpsrisk_bench::dmf::{data_count, place_count, synthetic_dmf_yaml};

fn check(text: &str) -> cpsrisk_model::Model {
    cpsrisk_model::load_and_check(text).unwrap_or_else(|problems| {
        let shown: Vec<String> = problems
            .iter()
            .take(5)
            .map(|d| d.render("synthetic.yaml", cpsrisk_catalog::Lang::En))
            .collect();
        panic!("invalid synthetic model:\n{}", shown.join("\n"))
    })
}

#[test]
fn dmf_models_are_valid_and_scale() {
    for events in [10, 1_000, 5_000] {
        let model = check(&synthetic_dmf_yaml(events));
        let dmf = model.dmf.as_ref().expect("dmf input");
        assert_eq!(dmf.events.len(), events);
        assert_eq!(dmf.data.len(), data_count(events));
        assert_eq!(dmf.places.len(), place_count(events));
        let a = cpsrisk_dmf::assess(dmf);
        assert!(!a.risks.is_empty() && !a.transfer_units.is_empty());
    }
}

#[test]
fn conformance_models_are_valid_and_scale() {
    let evidence = |m: &cpsrisk_model::Model| {
        let c = m.conformance.as_ref().expect("conformance input");
        c.provisions.iter().map(|p| p.evidence.len()).sum::<usize>()
            + c.tests.iter().map(|t| t.evidence.len()).sum::<usize>()
    };
    let small = check(&synthetic_conformance_yaml(1_000));
    let large = check(&synthetic_conformance_yaml(20_000));
    assert!(
        (800..=1_000).contains(&evidence(&small)),
        "{}",
        evidence(&small)
    );
    assert!(
        (19_000..=20_000).contains(&evidence(&large)),
        "{}",
        evidence(&large)
    );
    let a = cpsrisk_conformance::assess(large.conformance.as_ref().unwrap());
    assert!(a.summary.mandatory_not_met > 0 && a.summary.tests_failed > 0);
}

#[test]
fn json_and_yaml_give_the_same_model() {
    let yaml = synthetic_dmf_yaml(100);
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    let json = serde_json::to_string_pretty(&value).unwrap();
    assert_eq!(
        serde_json::to_value(check(&yaml)).unwrap(),
        serde_json::to_value(check(&json)).unwrap()
    );
}
