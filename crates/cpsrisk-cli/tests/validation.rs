//! Hostile and careless models: IDs outside the documented pattern, devices left out without a
//! reason, cycles, thousands of misspelt references, huge and control-laden values.

mod support;

use std::path::Path;
use std::process::Output;

use support::{assert_ends, cpsrisk, scratch, stderr};

const STARTER: &str = cpsrisk_model::starters::IOT_SSF;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Writes `text` as a model in a scratch folder and validates it.
fn validate(name: &str, text: &str) -> (Output, String) {
    let path = scratch(name).join("model.yaml");
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    (cpsrisk().args(["validate", &p]).output().unwrap(), p)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn ids_outside_the_pattern_are_rejected_at_their_place() {
    let cases = [
        ("\"\"", "the ID is empty"),
        ("\"door lock\"", "contains a space at character 5"),
        (
            "\"lo\\u200Bck\"",
            "contains `\\u{200b}` (U+200B) at character 3",
        ),
        (
            "\"lock\\u202Etxt.exe\"",
            "contains `\\u{202e}` (U+202E) at character 5",
        ),
        ("\"<b>lock</b>\"", "contains `<` (U+003C) at character 1"),
        ("_lock", "starts with `_` (U+005F)"),
    ];
    for (bad, expected) in cases {
        let text = STARTER.replace("    - id: lock\n", &format!("    - id: {bad}\n"));
        let line = line_of(&text, &format!("- id: {bad}"));
        let (o, p) = validate("ids", &text);
        assert_ends(&o, 2, &format!("{p}:{line}:11: error: "));
        assert_ends(&o, 2, expected);
        assert_ends(&o, 2, "help: IDs match [A-Za-z0-9][A-Za-z0-9_.-]*");
    }
    let long = "x".repeat(5000);
    let (o, _) = validate(
        "longid",
        &STARTER.replace("- id: lock\n", &format!("- id: {long}\n")),
    );
    assert_ends(&o, 2, "characters long; IDs have at most 64");
    assert!(
        stderr(&o).contains("…(5000 bytes)"),
        "the ID is cut in the message"
    );
}

#[test]
fn out_of_scope_device_needs_a_reason() {
    let text = STARTER.replace(
        "      out_of_scope_reason: The resident's own device; only the app is the maker's\n",
        "",
    );
    let line = line_of(&text, "- id: phone");
    let (o, p) = validate("scope", &text);
    assert_ends(
        &o,
        2,
        &format!(
            "{p}:{line}:11: error: device `phone` is out of scope (`in_scope: false`) but no reason is given"
        ),
    );
    assert_ends(&o, 2, "add `out_of_scope_reason: …`");
}

#[test]
fn self_protection_is_rejected() {
    let text = STARTER.replace(
        "      protected_by: gateway\n",
        "      protected_by: lock\n",
    );
    let (o, p) = validate("selfprot", &text);
    let line = line_of(&text, "- id: lock");
    assert_ends(
        &o,
        2,
        &format!("{p}:{line}:11: error: device `lock` is protected by itself"),
    );
}

#[test]
fn protection_cycles_are_rejected() {
    let text = STARTER.replace(
        "      kind: gateway\n",
        "      kind: gateway\n      protected_by: lock\n",
    );
    let (o, _) = validate("protcycle", &text);
    assert_ends(
        &o,
        2,
        "devices protect each other in a cycle: lock → gateway → lock",
    );
}

#[test]
fn runs_on_cycles_are_rejected() {
    let model = root().join("examples/dmf/a3-cloud-layers/model.yaml");
    let text = std::fs::read_to_string(model).unwrap().replacen(
        "      layer: iaas\n",
        "      layer: iaas\n      runs_on: portal\n",
        1,
    );
    assert!(
        text.contains("runs_on: portal"),
        "the example has an IaaS system"
    );
    let (o, _) = validate("runson", &text);
    assert_ends(
        &o,
        2,
        "systems run on each other in a cycle: portal → paas-b → iaas-c → portal",
    );
}

#[test]
fn unknown_threat_lists_the_known_threats() {
    let text = STARTER.replace("threats: [spoofing]", "threats: [forgery]");
    let (o, _) = validate("threat", &text);
    assert_ends(&o, 2, "error: unknown threat `forgery`");
    assert_ends(
        &o,
        2,
        "help: known: denial-of-service, elevation-of-privilege, general,",
    );
    assert_ends(&o, 2, "user-misconfiguration");
}

#[test]
fn ten_thousand_misspelt_references_checked_quickly() {
    // Every flow names a device that is not declared: 10,000 unknown references against
    // 10,000 declared devices. Near-miss searches run only for the printed diagnostics, so
    // the check stays linear (`unknown_references_cost_linear_time_overall` in
    // cpsrisk-model counts the comparisons).
    let mut text = String::from(
        "cpsrisk: 1\nsystem: { name: Many }\niot_ssf:\n  applying_entity: maker\n  stakeholders:\n    - { id: maker, name: Maker, roles: [iot-service-provider] }\n  devices:\n",
    );
    for i in 0..10_000 {
        text.push_str(&format!(
            "    - {{ id: device-{i}, name: D, kind: sensor }}\n"
        ));
    }
    text.push_str("  data_flows:\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "    - {{ id: f{i}, from: device-{i}, to: devcie-{i}, data: x }}\n"
        ));
    }
    text.push_str("  target: { axis1: limited, axis2: limited }\n");
    let (o, p) = validate("many", &text);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err.matches(": error: unknown device `devcie-").count(), 50);
    assert_eq!(err.matches("help: did you mean `device-").count(), 50);
    assert!(
        err.ends_with(&format!("{p}: … and 9950 more problems; fix these first\n")),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
}

#[test]
fn long_values_are_cut_in_diagnostics() {
    let huge = "z".repeat(10_000_000);
    let text = STARTER.replace("implementer: resident", &format!("implementer: {huge}"));
    let (o, _) = validate("huge", &text);
    assert_ends(
        &o,
        2,
        &format!("unknown stakeholder `{}…(10000000 bytes)`", "z".repeat(120)),
    );
    assert!(
        o.stderr.len() < 2_000,
        "{} bytes of diagnostics",
        o.stderr.len()
    );
}

#[test]
fn control_characters_in_values_are_shown_escaped() {
    let text = STARTER.replace(
        "implementer: resident",
        "implementer: \"res\\e]0;pwned\\aident\\e[2J\"",
    );
    let (o, _) = validate("escape", &text);
    assert!(
        !o.stderr.contains(&0x1b),
        "no raw escape character reaches the terminal"
    );
    assert_ends(
        &o,
        2,
        "unknown stakeholder `res\\u{1b}]0;pwned\\u{7}ident\\u{1b}[2J`",
    );
}
