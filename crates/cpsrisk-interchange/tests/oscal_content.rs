//! What the OSCAL documents say: the catalogs hold every entry with its label, and the
//! assessment results hold every finding, verdict and risk of the report.

mod common;

use cpsrisk_catalog::Lang;
use cpsrisk_interchange::{ReportFormat, Timestamp, all_findings, oscal, render_report};
use cpsrisk_report::Report;
use serde_json::Value;

fn controls(doc: &Value) -> Vec<&Value> {
    let cat = &doc["catalog"];
    let mut out: Vec<&Value> = cat["controls"].as_array().into_iter().flatten().collect();
    for g in cat["groups"].as_array().into_iter().flatten() {
        out.extend(g["controls"].as_array().into_iter().flatten());
    }
    out
}

#[test]
fn catalogs_keep_every_entry_with_its_label_and_both_languages() {
    for (name, count) in [
        ("iot-ssf-requirements", 41),
        ("en303645-provisions", 67),
        ("ts103701-test-cases", 109),
    ] {
        let bytes = oscal::catalog::render(name, Lang::Ja, &Timestamp::fixed()).unwrap();
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        let cs = controls(&doc);
        assert_eq!(cs.len(), count, "{name}");
        for c in cs {
            let label = c["props"][0]["value"].as_str().unwrap();
            assert_eq!(c["props"][0]["name"], "label");
            assert_eq!(c["id"], oscal::catalog::control_id(name, label));
            let translation = &c["parts"][0]["parts"][0];
            assert_eq!(translation["name"], "translation", "{name} {label}");
        }
    }
    let bytes =
        oscal::catalog::render("iot-ssf-requirements", Lang::En, &Timestamp::fixed()).unwrap();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let r01 = controls(&doc)
        .into_iter()
        .find(|c| c["id"] == "ssf-r01")
        .unwrap();
    let cpsf: Vec<&str> = r01["props"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "cpsf-measure")
        .map(|p| p["value"].as_str().unwrap())
        .collect();
    let catalog = cpsrisk_catalog::iot_ssf::catalogs()
        .requirement("SSF-R01")
        .unwrap();
    assert_eq!(
        cpsf,
        catalog.cpsf.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(oscal::catalog::render("no-such-catalog", Lang::En, &Timestamp::fixed()).is_none());
}

#[test]
fn assessment_results_hold_every_finding_verdict_and_risk() {
    let mut verdicts_seen = 0;
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).unwrap();
        let shown = path.display().to_string();
        let report = Report::new(&shown, &model);
        let bytes =
            render_report(&report, ReportFormat::Oscal, Lang::En, &Timestamp::fixed()).unwrap();
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        let result = &doc["assessment-results"]["results"][0];
        let findings = result["findings"].as_array().map_or(0, Vec::len);
        let verdicts = report
            .conformance
            .iter()
            .flat_map(|a| &a.test_plan)
            .filter(|t| t.verdict.is_some())
            .count();
        verdicts_seen += verdicts;
        assert_eq!(findings, all_findings(&report).len() + verdicts, "{shown}");
        let outside = report
            .iot_ssf
            .iter()
            .flat_map(|a| &a.stakeholders)
            .filter(|s| !s.within_target)
            .count();
        let untreated = report
            .iot_ssf
            .iter()
            .flat_map(|a| &a.device_threats)
            .filter(|t| t.treated_by.is_empty())
            .count();
        let risks = result["risks"].as_array().map_or(0, Vec::len);
        assert_eq!(risks, outside + untreated, "{shown}");
    }
    assert!(verdicts_seen > 0, "an example records test verdicts");
}

#[test]
fn profiles_select_existing_provisions() {
    let bytes =
        oscal::catalog::render("en303645-provisions", Lang::En, &Timestamp::fixed()).unwrap();
    let catalog: Value = serde_json::from_slice(&bytes).unwrap();
    let ids: Vec<&str> = controls(&catalog)
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let selected = |name: &str| -> Vec<String> {
        let bytes = oscal::render_named(name, Lang::Ja, &Timestamp::fixed()).unwrap();
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        doc["profile"]["imports"][0]["include-controls"][0]["with-ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let psti = selected("uk-psti");
    assert_eq!(
        psti,
        ["en303645-5.1-1", "en303645-5.2-1", "en303645-5.3-13"]
    );
    let mandatory = cpsrisk_catalog::conformance::catalogs()
        .provisions
        .iter()
        .filter(|p| p.mandatory())
        .count();
    for level in 1..=4 {
        let ids_of_level = selected(&format!("cls-level-{level}"));
        assert_eq!(ids_of_level.len(), mandatory);
        assert!(ids_of_level.iter().all(|id| ids.contains(&id.as_str())));
    }
    assert!(oscal::render_named("cls-level-5", Lang::En, &Timestamp::fixed()).is_none());
}

#[test]
fn mapping_collections_keep_every_crosswalk_pair() {
    let maps = |name: &str| -> Vec<Value> {
        let bytes = oscal::render_named(name, Lang::En, &Timestamp::fixed()).unwrap();
        let doc: Value = serde_json::from_slice(&bytes).unwrap();
        doc["mapping-collection"]["mappings"][0]["maps"]
            .as_array()
            .unwrap()
            .clone()
    };
    let requirements = &cpsrisk_catalog::iot_ssf::catalogs().requirements;
    let pairs: usize = requirements.iter().map(|r| r.cpsf.len()).sum();
    let iot = maps("mapping-iot-ssf-cpsf");
    assert_eq!(iot.len(), pairs, "one map per 添付B CPSF ID");
    assert_eq!(iot[0]["sources"][0]["id-ref"], "ssf-r01");
    let counter = &cpsrisk_catalog::dmf::catalogs().countermeasures;
    assert_eq!(
        maps("mapping-dmf-sp800-53").len(),
        counter.iter().map(|m| m.sp800_53.len()).sum::<usize>()
    );
    let links = maps("mapping-en303645-iot-ssf");
    assert!(links.iter().all(|m| m["props"][0]["name"] == "basis"));
    assert!(!links.is_empty());
}
