//! Open Threat Model: every example model written as OTM keeps its devices, flows and threats
//! when read back; OTM files of our own and IriusRisk's map as docs/interchange.md says; bad
//! files are refused at their line and column; every OTM written validates against the
//! official OTM JSON schema (`OTM_EXAMPLES_DIR`, fetched by `.ci/run`).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cpsrisk_catalog::Lang;
use cpsrisk_interchange::otm::{self, mapping_report::Outcome};
use cpsrisk_interchange::{ReportFormat, Timestamp, render_report};
use cpsrisk_model::Model;
use cpsrisk_model::levels::{DecisionStatus, DeviceKind};
use cpsrisk_report::Report;

fn fixture(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/otm")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    (path, text)
}

/// Imports OTM text and checks that the model written is one `cpsrisk validate` accepts.
fn import(text: &str, what: &str) -> (Model, otm::MappingReport) {
    let read = otm::read(text).unwrap_or_else(|d| panic!("{what} is refused: {:?}", d[0]));
    let imported = otm::import(&read);
    let yaml = imported.model_yaml(what).expect("model writes");
    let model = cpsrisk_model::load_and_check(&yaml)
        .unwrap_or_else(|d| panic!("the model from {what} is invalid: {:?}\n{yaml}", d[0]));
    (model, imported.report)
}

fn otm_of(model: &Model, lang: Lang) -> Vec<u8> {
    let report = Report::new("model.yaml", model);
    render_report(&report, ReportFormat::Otm, lang, &Timestamp::fixed()).expect("renders")
}

/// Devices (ID, name, kind), flows (ID, from, to, via) and device threats of a model.
type Shape = (
    BTreeSet<(String, String, String)>,
    BTreeSet<(String, String, String, Vec<String>)>,
    BTreeSet<(String, String)>,
);

fn shape(model: &Model) -> Shape {
    let Some(iot) = &model.iot_ssf else {
        return Default::default();
    };
    let devices = iot
        .devices
        .iter()
        .map(|d| (d.id.value.clone(), d.name.clone(), format!("{:?}", d.kind)))
        .collect();
    let flows = iot
        .data_flows
        .iter()
        .map(|f| {
            let via = f.via.iter().map(|v| v.value.clone()).collect();
            (
                f.id.value.clone(),
                f.from.value.clone(),
                f.to.value.clone(),
                via,
            )
        })
        .collect();
    let threats = iot
        .threats
        .iter()
        .map(|t| (t.device.value.clone(), t.threat.value.clone()))
        .collect();
    (devices, flows, threats)
}

#[test]
fn every_example_keeps_devices_flows_threats_and_decisions_through_otm() {
    let mut with_iot_ssf = 0;
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).expect("example is valid");
        for lang in [Lang::En, Lang::Ja] {
            let bytes = otm_of(&model, lang);
            assert_eq!(
                bytes,
                otm_of(&model, lang),
                "{} differs between two runs",
                path.display()
            );
            let text = String::from_utf8(bytes).expect("UTF-8");
            let (back, report) = import(&text, &path.display().to_string());
            let Some(iot) = &model.iot_ssf else {
                continue;
            };
            with_iot_ssf += 1;
            assert_eq!(shape(&back), shape(&model), "{} ({lang:?})", path.display());
            let back_iot = back.iot_ssf.as_ref().unwrap();
            // Decisions come back grouped by requirement: the same ones, in another order.
            let decisions = |i: &cpsrisk_model::model::IotSsf| {
                let mut all: Vec<_> = i
                    .decisions
                    .iter()
                    .map(|d| {
                        let ids = |l: &[cpsrisk_model::Loc<String>]| {
                            l.iter().map(|x| x.value.clone()).collect::<Vec<_>>()
                        };
                        let who = d
                            .implementers()
                            .map(|s| s.value.clone())
                            .collect::<Vec<_>>();
                        let what = (ids(&d.devices), ids(&d.threats), d.measures.clone());
                        (d.requirement.value.clone(), d.status.value, who, what)
                    })
                    .collect();
                all.sort();
                all
            };
            assert_eq!(decisions(back_iot), decisions(iot), "{}", path.display());
            let flags = |i: &cpsrisk_model::model::IotSsf| {
                i.devices
                    .iter()
                    .map(|d| {
                        (
                            d.external_network,
                            d.physical_action,
                            d.constrained,
                            d.in_scope,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(flags(back_iot), flags(iot), "{}", path.display());
            assert_eq!(back_iot.applying_entity.value, iot.applying_entity.value);
            let [_, notes, dropped] = report.counts();
            assert_eq!(
                dropped,
                0,
                "{}: {}",
                path.display(),
                report.render(Lang::En)
            );
            // Only the zone of devices nobody manages has no stakeholder behind it.
            assert!(
                notes <= 1,
                "{}: {}",
                path.display(),
                report.render(Lang::En)
            );
            assert!(
                back.system.notes.is_empty(),
                "{}: {:?}",
                path.display(),
                back.system.notes
            );
        }
    }
    assert_eq!(
        with_iot_ssf, 12,
        "the six IoT-SSF use cases, in both languages"
    );
}

#[test]
fn threats_carry_the_catalog_names_in_the_chosen_language() {
    let (_, text) = common::example_models()
        .into_iter()
        .find(|(p, _)| p.to_string_lossy().contains("uc1-"))
        .expect("UC1");
    let model = cpsrisk_model::load_and_check(&text).unwrap();
    let doc =
        |lang| -> serde_json::Value { serde_json::from_slice(&otm_of(&model, lang)).unwrap() };
    let (en, ja) = (doc(Lang::En), doc(Lang::Ja));
    let threat = |d: &serde_json::Value, id: &str| {
        d["threats"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("threat {id}"))["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        threat(&en, "threat-heater-misuse"),
        "Misuse (unauthorized use) (Gas water heater)"
    );
    assert!(
        threat(&ja, "threat-heater-misuse").starts_with("不正利用"),
        "{}",
        threat(&ja, "threat-heater-misuse")
    );
    assert_eq!(en["otmVersion"], "0.2.0");
    // Every threat instance names a declared threat and mitigation.
    let declared = |key: &str| -> BTreeSet<String> {
        en[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (threats, mitigations) = (declared("threats"), declared("mitigations"));
    for c in en["components"].as_array().unwrap() {
        for t in c["threats"].as_array().unwrap() {
            assert!(threats.contains(t["threat"].as_str().unwrap()));
            for m in t["mitigations"].as_array().unwrap() {
                assert!(mitigations.contains(m["mitigation"].as_str().unwrap()));
            }
        }
    }
}

#[test]
fn own_otm_file_maps_and_keeps_the_rest_in_notes() {
    let (path, text) = fixture("smart-meter.otm.yaml");
    let (model, report) = import(&text, &path.display().to_string());
    let iot = model.iot_ssf.as_ref().unwrap();
    let device = |id: &str| iot.devices.iter().find(|d| d.id.value == id).unwrap();
    assert_eq!(
        device("meter").kind,
        DeviceKind::Sensor,
        "type names the kind"
    );
    assert_eq!(
        device("concentrator").kind,
        DeviceKind::Gateway,
        "`iot-gateway`: a word names it"
    );
    assert_eq!(device("head-end").kind, DeviceKind::Other);
    let noted = |id: &str, part: &str| device(id).notes.iter().any(|n| n.contains(part));
    assert!(noted("head-end", "OTM type `web-service`"));
    assert!(noted("head-end", "\"vendor\":\"ExampleSoft\""));
    assert!(noted("head-end-db", "inside component `head-end`"));
    assert!(
        noted("head-end-db", "Utility data centre"),
        "a nested component is in its parent's zone"
    );
    // In the Internet zone, or exchanging data with it: faces an external network.
    assert!(device("customer-app").external_network);
    assert!(device("head-end").external_network);
    assert!(!device("meter").external_network);
    let threats: BTreeSet<(&str, &str)> = iot
        .threats
        .iter()
        .map(|t| (t.device.as_str(), t.threat.as_str()))
        .collect();
    assert_eq!(
        threats,
        BTreeSet::from([
            ("meter", "spoofing"),
            ("concentrator", "tampering"),
            ("head-end", "denial-of-service")
        ]),
        "STRIDE categories map; `Physical` does not"
    );
    assert!(
        noted("meter", "t-physical"),
        "a threat naming no catalog threat is a note"
    );
    let flow = iot
        .data_flows
        .iter()
        .find(|f| f.id.value == "upload")
        .unwrap();
    assert!(flow.notes.iter().any(|n| n.contains("bidirectional")));
    assert!(
        flow.notes.iter().any(|n| n.contains("t-tamper")),
        "a threat on a flow is a note"
    );
    assert!(
        iot.data_flows.iter().all(|f| f.id.value != "zone-flow"),
        "a flow from a zone is dropped"
    );
    assert_eq!(iot.decisions.len(), 1);
    let decision = &iot.decisions[0];
    assert_eq!(
        decision.requirement.value, "SSF-R25",
        "the mitigation names SSF-R25"
    );
    assert_eq!(
        decision.status.value,
        DecisionStatus::InPlace,
        "implemented where applied"
    );
    assert_eq!(decision.devices[0].value, "concentrator");
    assert_eq!(
        iot.controls.len(),
        1,
        "implemented, names no requirement: a control"
    );
    assert!(iot.controls[0].description.contains("m-auth"));
    let notes = model.system.notes.join("\n");
    for kept in [
        "trustZones[0] `internet`",
        "m-ratelimit",
        "t-unused",
        "assets[0]",
        "zone-flow",
        "Example Utility",
    ] {
        assert!(
            notes.contains(kept),
            "{kept} kept in the system's notes:\n{notes}"
        );
    }
    assert_eq!(
        iot.stakeholders[0].name, "Example Utility",
        "the owner is the applying entity"
    );
    let [mapped, kept, dropped] = report.counts();
    assert_eq!(
        (mapped, kept, dropped),
        (16, 9, 1),
        "{}",
        report.render(Lang::En)
    );
    let dropped_item = report
        .items
        .iter()
        .find(|i| i.outcome == Outcome::Dropped)
        .unwrap();
    assert_eq!(dropped_item.path, "dataflows[3]");
    let ja = report.render(Lang::Ja);
    assert!(
        ja.contains("対応付け 16 件") && ja.contains("評価の前に補ってください"),
        "{ja}"
    );
}

#[test]
fn otm_0_1_json_with_awkward_ids_and_japanese_names_maps() {
    let (path, text) = fixture("gateway-0.1.otm.json");
    let (model, report) = import(&text, &path.display().to_string());
    let iot = model.iot_ssf.as_ref().unwrap();
    let ids: Vec<&str> = iot.devices.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["BMS-controller--1", "gw", "vendor-cloud"]);
    let bms = &iot.devices[0];
    assert!(
        bms.notes
            .contains(&"OTM ID `BMS controller #1`".to_string())
    );
    assert_eq!(bms.kind, DeviceKind::Controller);
    assert_eq!(iot.devices[1].kind, DeviceKind::NetworkDevice);
    assert_eq!(iot.devices[2].kind, DeviceKind::CloudService);
    assert!(
        iot.devices[1].external_network,
        "talks to a component in `Public Internet`"
    );
    assert!(!bms.external_network);
    assert_eq!(iot.data_flows[1].to.value, "BMS-controller--1");
    let threats: Vec<(&str, &str)> = iot
        .threats
        .iter()
        .map(|t| (t.device.as_str(), t.threat.as_str()))
        .collect();
    assert_eq!(
        threats,
        [("BMS-controller--1", "malware"), ("gw", "spoofing")],
        "`Malware` is a catalog ID, `なりすまし` the catalog's Japanese name"
    );
    let decision = &iot.decisions[0];
    assert_eq!(decision.requirement.value, "SSF-R32");
    assert_eq!(
        decision.status.value,
        DecisionStatus::Planned,
        "recommended, not implemented"
    );
    assert_eq!(decision.threats[0].value, "malware");
    assert_eq!(report.counts()[2], 0);
}

#[test]
fn bad_otm_is_refused_at_its_line_and_column() {
    let cases = [
        (
            "bad-reference.otm.yaml",
            (7, 25),
            "no trust zone has the ID `zone-1`",
        ),
        (
            "bad-duplicate.otm.yaml",
            (5, 10),
            "component ID `a` is declared twice",
        ),
        ("bad-version.otm.yaml", (1, 13), "version `1.0.0`"),
        (
            "bad-missing-id.otm.yaml",
            (3, 3),
            "missing required key `id`",
        ),
        ("bad-syntax.otm.json", (2, 28), "after double-quoted scalar"),
    ];
    for (name, (line, column), message) in cases {
        let (_, text) = fixture(name);
        let problems = otm::read(&text)
            .err()
            .unwrap_or_else(|| panic!("{name} is accepted"));
        let d = &problems[0];
        assert_eq!((d.at.line, d.at.column), (line, column), "{name}: {:?}", d);
        assert!(d.message.en.contains(message), "{name}: {}", d.message.en);
        assert!(
            !d.message.ja.is_empty() && !d.message.ja.contains("モデル"),
            "{name}: {}",
            d.message.ja
        );
    }
}

/// The OTM examples IriusRisk ships in iriusrisk-cli: the YAML blocks of its prompt files that
/// are whole OTM documents.
fn iriusrisk_examples(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("prompts"))
        .expect("prompts directory")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        for (n, block) in text.split("```yaml\n").skip(1).enumerate() {
            let block = block.split("```").next().unwrap_or("");
            if block.starts_with("otmVersion:") {
                found.push((format!("{} block {n}", file.display()), block.to_string()));
            }
        }
    }
    found
}

#[test]
fn iriusrisk_otm_examples_import() {
    let Some(dir) = common::tool_from_env("OTM_EXAMPLES_DIR") else {
        return;
    };
    let examples = iriusrisk_examples(&dir);
    assert!(
        !examples.is_empty(),
        "no OTM example found under {}",
        dir.display()
    );
    for (what, text) in examples {
        let (model, report) = import(&text, &what);
        let iot = model.iot_ssf.as_ref().unwrap();
        let read = otm::read(&text).unwrap();
        let components = read.doc.components.as_ref().map_or(0, Vec::len);
        let flows = read.doc.dataflows.as_ref().map_or(0, Vec::len);
        assert!(components > 0, "{what}");
        assert_eq!(
            iot.devices.len(),
            components,
            "{what}: every component is a device"
        );
        assert_eq!(
            iot.data_flows.len(),
            flows,
            "{what}: every dataflow is a flow"
        );
        // Nested components (`parent.component`) are noted, and zones are kept.
        assert!(
            model
                .system
                .notes
                .iter()
                .any(|n| n.contains("trustZones[0]")),
            "{what}"
        );
        assert!(
            iot.devices
                .iter()
                .any(|d| d.notes.iter().any(|n| n.starts_with("inside component"))),
            "{what}"
        );
        assert!(
            iot.devices.iter().any(|d| d.external_network),
            "{what}: the Internet zone"
        );
        eprintln!(
            "{what}: {}",
            report.render(Lang::En).lines().next().unwrap()
        );
    }
}

#[test]
fn every_otm_written_is_valid_against_the_official_schema() {
    let Some(dir) = common::tool_from_env("OTM_EXAMPLES_DIR") else {
        return;
    };
    let schema_text = std::fs::read_to_string(dir.join("otm_schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    assert_eq!(
        schema["$id"],
        "https://iriusrisk.com/schema/otm-0.2.0.schema.json"
    );
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    for (path, text) in common::example_models() {
        let model = cpsrisk_model::load_and_check(&text).expect("example is valid");
        for lang in [Lang::En, Lang::Ja] {
            let doc: serde_json::Value = serde_json::from_slice(&otm_of(&model, lang)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .take(10)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{} ({lang:?}) is not valid OTM:\n{}",
                path.display(),
                errors.join("\n")
            );
        }
    }
    // Our own test files are valid OTM too (apart from what real files leave out, they follow it).
    for name in ["smart-meter.otm.yaml", "gateway-0.1.otm.json"] {
        let (_, text) = fixture(name);
        let doc: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert!(validator.is_valid(&doc), "{name}");
    }
}

#[test]
fn edited_cpsrisk_attributes_still_give_a_valid_model() {
    let (path, text) = fixture("edited-attributes.otm.yaml");
    let (model, _) = import(&text, &path.display().to_string());
    let iot = model.iot_ssf.as_ref().unwrap();
    let ids: Vec<&str> = iot.stakeholders.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["maker"],
        "a stakeholder ID that breaks the ID rule is not taken"
    );
    assert_eq!(
        iot.applying_entity.value, "maker",
        "`nobody` is no stakeholder"
    );
    let protected: Vec<Option<&str>> = iot
        .devices
        .iter()
        .map(|d| d.protected_by.as_ref().map(|p| p.as_str()))
        .collect();
    assert_eq!(
        protected,
        [Some("b"), None, None],
        "the links closing cycles are cut"
    );
    assert_eq!(
        iot.devices[0].kind,
        DeviceKind::Gateway,
        "an unknown kind attribute is ignored"
    );
    assert!(iot.devices[0].managed_by.is_none());
    assert!(iot.devices[1].out_of_scope_reason.is_some());
    let via: Vec<&str> = iot.data_flows[0].via.iter().map(|v| v.as_str()).collect();
    assert_eq!(via, ["c"]);
    let extras: Vec<&str> = iot
        .extra_requirements
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(extras, ["X-1"]);
    let decision = &iot.decisions[0];
    assert_eq!(decision.status.value, DecisionStatus::NotAdopted);
    assert!(decision.reason.is_some(), "not adopted needs a reason");
    assert_eq!(
        decision.implementer.as_ref().map(|s| s.as_str()),
        Some("maker")
    );
    assert_eq!(decision.devices.len(), 1);
    assert_eq!(decision.threats.len(), 1);
    assert_eq!(
        iot.controls.len(),
        1,
        "SSF-R99 is no requirement: a control without one"
    );
    assert!(iot.controls[0].requirement.is_none() && iot.controls[0].devices.is_empty());
}
