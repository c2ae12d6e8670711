//! Synthetic conformance models. The catalogs fix the number of provisions (67) and test cases
//! (109), so a large conformance model is one with long records: every provision statement and
//! every test result carries about `evidence / 176` evidence entries (and the statements as many
//! IXIT lines).

use std::fmt::Write;

use cpsrisk_catalog::conformance::{Applicability, catalogs};

use crate::q;

/// Properties of a connected camera-like product: every kind of provision applies to some.
const PROPERTIES: &str = "      uses_passwords: true\n      user_authentication: true\n      constrained: false\n      network_interfaces: true\n      software_updates: true\n      network_updates: true\n      automatic_updates: true\n      debug_interface_accessible: false\n      associated_services: true\n      personal_data: true\n      sensitive_personal_data: false\n      external_sensing: true\n      collects_telemetry: true\n      consent_based_processing: true\n      user_interface: false\n      remotely_accessible_interfaces: true\n      unused_interfaces: false\n";

/// A valid cpsrisk model with a `conformance` section of every provision and test case and about
/// `evidence` evidence entries in all.
pub fn synthetic_conformance_yaml(evidence: usize) -> String {
    let cat = catalogs();
    let per_entry = (evidence / (cat.provisions.len() + cat.test_cases.len())).max(1);
    let mut y = String::with_capacity(evidence * 120 + 64 * 1024);
    let _ = write!(
        y,
        concat!(
            "# Synthetic conformance model written by cpsrisk-bench (cpsrisk-synth --conformance {n}); deterministic.\n",
            "cpsrisk: 1\n\nsystem:\n  name: \"Synthetic connected camera\"\n\nconformance:\n  product:\n",
            "    name: \"Synthetic connected camera\"\n    illustrative: true\n",
            "    support_period: \"Security updates until 2031-03-31\"\n",
            "    vulnerability_disclosure_policy: \"https://example.com/security\"\n    properties:\n{properties}",
            "  provisions:\n"
        ),
        n = evidence,
        properties = PROPERTIES,
    );
    let property = |name: &str| {
        PROPERTIES
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
            .map(|v| v == "true")
    };
    let mut applies = Vec::new();
    for (k, p) in cat.provisions.iter().enumerate() {
        let applicable = matches!(p.applicability(property), Applicability::Applies);
        if applicable {
            applies.push(p.id.as_str());
            let status = if k % 11 == 10 { "not-met" } else { "met" };
            let _ = writeln!(
                y,
                "    - id: {}\n      status: {status}\n      implementation: {}",
                q(&p.id),
                q(&format!("How the product meets {}", p.id))
            );
        } else {
            let _ = writeln!(
                y,
                "    - id: {}\n      status: not-applicable\n      justification: {}",
                q(&p.id),
                q("Its condition does not hold for this product")
            );
        }
        list(&mut y, "ixit", per_entry, |i| {
            format!("IXIT {i} of {}", p.id)
        });
        list(&mut y, "evidence", per_entry, |i| {
            format!("Document {i} §{}", p.id)
        });
    }
    y.push_str("  tests:\n");
    for (k, t) in cat.test_cases.iter().enumerate() {
        let verdict = if !applies.contains(&t.provision.as_str()) {
            "not-applicable"
        } else if k % 13 == 12 {
            "fail"
        } else {
            "pass"
        };
        let _ = writeln!(y, "    - id: {}\n      verdict: {verdict}", q(&t.id));
        list(&mut y, "evidence", per_entry, |i| {
            format!("Test record {i} of {}", t.id)
        });
    }
    y
}

/// `key:` with `n` entries.
fn list(y: &mut String, key: &str, n: usize, entry: impl Fn(usize) -> String) {
    let _ = writeln!(y, "      {key}:");
    for i in 0..n {
        let _ = writeln!(y, "        - {}", q(&entry(i)));
    }
}
