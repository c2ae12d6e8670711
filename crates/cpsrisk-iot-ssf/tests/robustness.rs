//! Bad input never panics: truncations of the example models (at every third line) and a deterministic set of
//! character-level corruptions either load (and then assess) or give diagnostics with a real
//! place in the file.

use std::path::Path;

fn examples() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iot-ssf");
    let mut out: Vec<(String, String)> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path().join("model.yaml"))
        .filter(|p| p.exists())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Loads, and assesses when valid; checks the diagnostics point inside the text.
fn exercise(name: &str, text: &str) -> bool {
    match cpsrisk_model::load_and_check(text) {
        Ok(model) => {
            if let Some(iot) = &model.iot_ssf {
                let a = cpsrisk_iot_ssf::assess(iot);
                assert_eq!(a.stakeholders.len(), iot.ratings.len(), "{name}");
            }
            true
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "{name}");
            let lines = text.lines().count() as u64 + 1;
            for d in &diagnostics {
                assert!(
                    d.at.line >= 1 && d.at.line <= lines && d.at.column >= 1,
                    "{name}: {d:?}"
                );
                assert!(
                    !d.message.en.is_empty() && !d.message.ja.is_empty(),
                    "{name}: {d:?}"
                );
            }
            false
        }
    }
}

#[test]
fn truncations_are_handled() {
    for (name, text) in examples() {
        let line_ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        let mut rejected = 0;
        for &end in line_ends.iter().step_by(3) {
            if !exercise(&name, &text[..end]) {
                rejected += 1;
            }
        }
        assert!(
            rejected > 0,
            "{name}: truncations that drop required keys are rejected"
        );
        assert!(exercise(&name, &text), "{name}: the whole file is valid");
    }
}

#[test]
fn corruptions_are_handled() {
    // A fixed linear congruential sequence: the same corruptions on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound.max(1)
    };
    let inserts = [
        ":",
        "- ",
        "\t",
        "{",
        "]",
        "'",
        "\"",
        "&a ",
        "*a",
        "!!int ",
        "\n  x: 1\n",
        "#",
        "\u{3000}",
    ];
    for (name, text) in examples() {
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..150 {
            let at = next(chars.len());
            let mut corrupted: String = chars[..at].iter().collect();
            match next(3) {
                0 => {}
                1 => corrupted.push_str(inserts[next(inserts.len())]),
                _ => corrupted.push(chars[next(chars.len())]),
            }
            corrupted.extend(&chars[(at + 1).min(chars.len())..]);
            exercise(&name, &corrupted);
        }
    }
}
