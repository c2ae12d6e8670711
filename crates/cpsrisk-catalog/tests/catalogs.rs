//! The catalogs against `../shared/spec/CONTRACT.md` (counts, IDs, fields) and against the seed
//! itself (every Japanese name stands in the seed within the lines its entry cites).

use std::collections::BTreeSet;
use std::path::PathBuf;

use cpsrisk_catalog::iot_ssf::catalogs;
use cpsrisk_catalog::{CatalogFormat, Source, export};

#[test]
fn requirements_are_the_41_of_table_a1_in_order() {
    let c = catalogs();
    let ids: Vec<&str> = c.requirements.iter().map(|r| r.id.as_str()).collect();
    let want: Vec<String> = (1..=41).map(|n| format!("SSF-R{n:02}")).collect();
    assert_eq!(ids, want);
    let per_viewpoint: Vec<usize> = (1..=4)
        .map(|v| c.requirements.iter().filter(|r| r.viewpoint == v).count())
        .collect();
    assert_eq!(per_viewpoint, [24, 14, 2, 1]);
    for r in &c.requirements {
        assert!(
            ["org", "procedure", "system"].contains(&r.target.as_str()),
            "{}",
            r.id
        );
        assert_eq!(
            r.lifecycle.is_some(),
            r.target == "system",
            "{}: lifecycle only for system requirements",
            r.id
        );
    }
}

#[test]
fn cpsf_ids_are_those_of_annex_b() {
    let c = catalogs();
    let all: Vec<&str> = c
        .requirements
        .iter()
        .flat_map(|r| r.cpsf.iter().map(String::as_str))
        .collect();
    assert_eq!(all.len(), 113, "CPSF ID occurrences in 添付B");
    assert_eq!(
        all.iter().collect::<BTreeSet<_>>().len(),
        86,
        "distinct CPSF IDs"
    );
    for id in &all {
        let (family, n) = id
            .strip_prefix("CPS.")
            .and_then(|r| r.split_once('-'))
            .unwrap_or_else(|| panic!("{id}"));
        assert!(
            family.len() == 2 && family.chars().all(|ch| ch.is_ascii_uppercase()),
            "{id}"
        );
        assert!(n.parse::<u32>().is_ok(), "{id}");
    }
    for id in ["SSF-R15", "SSF-R25", "SSF-R41"] {
        assert!(
            c.requirement(id).unwrap().cpsf.is_empty(),
            "{id} prints '-' or has no 添付B row"
        );
    }
    assert!(c.requirement("SSF-R41").unwrap().annex_b.is_none());
    assert_eq!(
        c.requirement("SSF-R29").unwrap().cpsf.len(),
        9,
        "split across a page break"
    );
}

#[test]
fn threats_consequences_and_crosswalk() {
    let c = catalogs();
    let ids: Vec<&str> = c.threats.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "spoofing",
            "tampering",
            "repudiation",
            "information-disclosure",
            "denial-of-service",
            "elevation-of-privilege",
            "unauthorized-access",
            "malware",
            "stepping-stone",
            "unauthorized-modification",
            "unknown-vulnerability",
            "misuse",
            "user-misconfiguration",
            "general"
        ]
    );
    let kinds: Vec<&str> = c.consequences.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "business-disruption",
            "loss-of-trust",
            "human-harm",
            "system-destruction",
            "legal-violation"
        ]
    );
    assert!(!c.threat_requirements.is_empty());
    for pair in &c.threat_requirements {
        assert!(
            c.requirement(&pair.requirement).is_some(),
            "{}",
            pair.requirement
        );
        assert!(c.threat(&pair.threat).is_some(), "{}", pair.threat);
        assert!(!pair.sources.is_empty());
    }
    assert!(
        c.candidates_for_threat("malware")
            .any(|p| p.requirement == "SSF-R13"),
        "表7: マルウェア感染 → マルウェア対策の実施"
    );
}

fn seed_lines() -> Option<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_c0a9dda29d539f00.txt");
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.lines().map(str::to_string).collect())
}

/// The seed's lines `source.lines`, joined without white space (the PDF extraction breaks lines
/// inside cells and puts spaces between Japanese and Latin words).
fn cited(seed: &[String], source: &Source) -> String {
    let [first, last] = source.lines;
    assert!(
        first >= 1 && first <= last && (last as usize) <= seed.len(),
        "{source:?}"
    );
    seed[first as usize - 1..last as usize]
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn japanese_names_stand_in_the_seed_lines_they_cite() {
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    assert!(seed.len() >= 30951, "the seed has 30,951 lines");
    let c = catalogs();
    for r in &c.requirements {
        assert!(
            cited(&seed, &r.source).contains(&squeeze(&r.name_ja)),
            "{}: {} not in lines {:?}",
            r.id,
            r.name_ja,
            r.source.lines
        );
        if let Some(b) = &r.annex_b {
            let block = cited(&seed, &b.source);
            assert!(block.contains(&squeeze(&b.name_ja)), "{}: 添付B name", r.id);
            for cpsf in &r.cpsf {
                assert!(
                    block.contains(cpsf.as_str()),
                    "{}: {cpsf} not in its 添付B block",
                    r.id
                );
            }
        }
    }
    for t in &c.threats {
        let lines = cited(&seed, &t.source);
        assert!(
            lines.contains(&squeeze(&t.name_ja)),
            "{}: {}",
            t.id,
            t.name_ja
        );
    }
    for k in &c.consequences {
        assert!(
            cited(&seed, &k.source).contains(&squeeze(&k.name_ja)),
            "{}",
            k.id
        );
    }
}

#[test]
fn exports_are_arrays_with_the_contract_fields() {
    let json = export("iot-ssf-requirements", CatalogFormat::Json).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entries = value.as_array().unwrap();
    assert_eq!(entries.len(), 41);
    for e in entries {
        for field in ["id", "name_ja", "name_en", "viewpoint", "target", "cpsf"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        assert!(
            e["source"]["document"].is_string()
                && e["source"]["lines"].as_array().unwrap().len() == 2
        );
    }
    let threats: serde_json::Value =
        serde_json::from_str(&export("iot-ssf-threats", CatalogFormat::Json).unwrap()).unwrap();
    assert_eq!(threats.as_array().unwrap().len(), 14);
    let csv = export("iot-ssf-requirements", CatalogFormat::Csv).unwrap();
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(
        csv.lines()
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}')
            .split(',')
            .next(),
        Some("id")
    );
    let yaml = export("iot-ssf-threats", CatalogFormat::Yaml).unwrap();
    assert!(yaml.contains("なりすまし"));
    assert!(
        export("iot-ssf-levels", CatalogFormat::Csv)
            .unwrap()
            .contains("group")
    );
}

#[test]
fn unknown_catalog_suggests_the_near_name() {
    match export("iot-ssf-requirement", CatalogFormat::Json) {
        Err(cpsrisk_catalog::ExportError::UnknownCatalog { suggestion, .. }) => {
            assert_eq!(suggestion, Some("iot-ssf-requirements"))
        }
        _ => panic!("expected an unknown-catalog error"),
    }
}

#[test]
fn en303645_provisions_are_the_67_in_the_standards_numbering() {
    let c = cpsrisk_catalog::conformance::catalogs();
    assert_eq!(c.provisions.len(), 67);
    let mut per_clause: Vec<(String, usize)> = Vec::new();
    for p in &c.provisions {
        match per_clause.last_mut() {
            Some((clause, n)) if *clause == p.clause => *n += 1,
            _ => per_clause.push((p.clause.clone(), 1)),
        }
        assert!(
            ["mandatory", "recommended"].contains(&p.status.as_str()),
            "{}",
            p.id
        );
        assert!(
            ["seed-wording", "standard", "cpsrisk-reading"].contains(&p.status_basis.as_str()),
            "{}",
            p.id
        );
    }
    let counts: Vec<usize> = per_clause.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [5, 3, 16, 4, 8, 9, 2, 3, 3, 1, 4, 3, 1, 5]);
    assert_eq!(c.provisions.first().unwrap().id, "5.1-1");
    assert_eq!(c.provisions.last().unwrap().id, "6-5");
    assert_eq!(
        c.provision("5.2-3").unwrap().printed_id.as_deref(),
        Some("5-2.3"),
        "misprint recorded"
    );
    let psti: Vec<&str> = c
        .provisions
        .iter()
        .filter(|p| p.psti)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(psti, ["5.1-1", "5.2-1", "5.3-13"]);
}

#[test]
fn ts103701_test_cases_are_the_109() {
    let c = cpsrisk_catalog::conformance::catalogs();
    assert_eq!(c.test_cases.len(), 109);
    let count = |kind: &str| c.test_cases.iter().filter(|t| t.kind == kind).count();
    assert_eq!(
        (
            count("conceptual"),
            count("functional"),
            count("conceptual+functional")
        ),
        (62, 46, 1)
    );
    let groups: BTreeSet<&str> = c.test_cases.iter().map(|t| t.group.as_str()).collect();
    assert_eq!(groups.len(), 68);
    for t in &c.test_cases {
        assert!(t.id.starts_with(&format!("{}-", t.group)), "{}", t.id);
        assert!(
            t.provision == "4-1" || c.provision(&t.provision).is_some(),
            "{}: provision {}",
            t.id,
            t.provision
        );
    }
    assert!(c.test_case("4-1-1").is_some());
    assert_eq!(
        c.test_case("5.12-3-1").unwrap().printed_group.as_deref(),
        Some("5.13-1"),
        "misprint recorded"
    );
    // Every provision has its test group.
    for p in &c.provisions {
        assert!(groups.contains(p.id.as_str()), "{} has no test group", p.id);
    }
}

#[test]
fn conformance_texts_stand_in_the_seed() {
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    let c = cpsrisk_catalog::conformance::catalogs();
    for p in &c.provisions {
        assert!(
            cited(&seed, &p.source).contains(&squeeze(&p.text_ja)),
            "{}: text_ja not in lines {:?}",
            p.id,
            p.source.lines
        );
    }
    for t in &c.test_cases {
        assert!(
            cited(&seed, &t.source).contains(&squeeze(&t.purpose_ja)),
            "{}: purpose_ja not in lines {:?}",
            t.id,
            t.source.lines
        );
    }
    assert_eq!(c.cls.len(), 4);
    for level in &c.cls {
        for s in &level.sources {
            let source = Source {
                document: s.document.clone(),
                lines: s.lines,
            };
            assert!(!cited(&seed, &source).is_empty(), "{}", level.id);
        }
    }
}

#[test]
fn provision_links_cover_every_provision_and_resolve() {
    let c = cpsrisk_catalog::conformance::catalogs();
    let ids: Vec<&str> = c.links.iter().map(|l| l.provision.as_str()).collect();
    let provisions: Vec<&str> = c.provisions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, provisions, "one entry per provision, in order");
    for l in c.links.iter().flat_map(|l| &l.requirements) {
        assert!(catalogs().requirement(&l.id).is_some(), "{}", l.id);
        assert!(["seed", "cpsrisk-judgement"].contains(&l.basis.as_str()));
        assert_eq!(
            l.source.is_some(),
            l.basis == "seed",
            "{}: a seed link cites its lines",
            l.id
        );
    }
    assert!(c.links("5.1-1").iter().any(|l| l.id == "SSF-R23"));
}

#[test]
fn dmf_risks_are_the_71_of_tables_b21_to_b25() {
    let c = cpsrisk_catalog::dmf::catalogs();
    assert_eq!(c.risks.len(), 71);
    let mut expected: Vec<String> = Vec::new();
    for (prefix, n) in [("G", 18), ("P", 14), ("T", 17), ("S", 18), ("D", 4)] {
        expected.extend((1..=n).map(|i| format!("DMF-{prefix}{i:02}")));
    }
    let ids: Vec<&str> = c.risks.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, expected);
    for r in &c.risks {
        assert!(
            [
                "generation",
                "processing",
                "transfer",
                "storage",
                "disposal"
            ]
            .contains(&r.event.as_str()),
            "{}",
            r.id
        );
        assert!(
            [
                "confidentiality",
                "integrity",
                "availability",
                "personal-data",
                "intellectual-property"
            ]
            .contains(&r.viewpoint.as_str()),
            "{}",
            r.id
        );
        if let Some(actor) = &r.actor {
            assert!(c.actor(actor).is_some(), "{}: actor {actor}", r.id);
        }
        for t in &r.threats {
            assert!(c.threat(t).is_some(), "{}: threat {t}", r.id);
        }
        for m in &r.countermeasures {
            assert!(
                c.countermeasure(m).is_some(),
                "{}: countermeasure {m}",
                r.id
            );
        }
    }
    assert!(
        c.risks
            .iter()
            .find(|r| r.id == "DMF-S05")
            .unwrap()
            .actor
            .is_none(),
        "the seed prints no actor for 表B-2.4 row 5"
    );
    assert_eq!(
        c.risks
            .iter()
            .filter(|r| !r.threat_countermeasures.is_empty())
            .count(),
        3,
        "three cells carry two threats"
    );
}

#[test]
fn dmf_countermeasures_are_36_plus_the_two_missing() {
    let c = cpsrisk_catalog::dmf::catalogs();
    let ids: Vec<&str> = c.countermeasures.iter().map(|x| x.id.as_str()).collect();
    let want: Vec<String> = (1..=38).map(|n| format!("DMF-C{n:02}")).collect();
    assert_eq!(ids, want);
    for x in &c.countermeasures {
        assert_eq!(x.in_mapping_table, x.row.is_some(), "{}", x.id);
        for id in &x.cpsf {
            assert!(
                id.starts_with("CPS.")
                    && id[4..]
                        .split_once('-')
                        .is_some_and(|(f, n)| f.len() == 2 && n.parse::<u32>().is_ok()),
                "{}: {id}",
                x.id
            );
        }
        for id in &x.sp800_53 {
            assert!(
                id.split_once('-')
                    .is_some_and(|(f, n)| f.len() == 2 && n.parse::<u32>().is_ok()),
                "{}: {id}",
                x.id
            );
        }
        for id in &x.iso27001 {
            assert!(
                id.starts_with("A.") && id[2..].split('.').all(|p| p.parse::<u32>().is_ok()),
                "{}: {id}",
                x.id
            );
        }
    }
    for id in ["DMF-C37", "DMF-C38"] {
        let x = c.countermeasure(id).unwrap();
        assert!(
            x.cpsf.is_empty()
                && x.iso27001.is_empty()
                && x.sp800_53.is_empty()
                && x.dmbok.is_empty(),
            "{id}: no invented mappings"
        );
    }
    // Recorded corrections of the garbled 表B-2.6 IDs.
    let corrected: Vec<&str> = c
        .countermeasures
        .iter()
        .filter(|x| !x.corrections.is_empty())
        .map(|x| x.id.as_str())
        .collect();
    for id in [
        "DMF-C03", "DMF-C04", "DMF-C05", "DMF-C08", "DMF-C11", "DMF-C13",
    ] {
        assert!(corrected.contains(&id), "{id} records its correction");
    }
    assert!(
        c.countermeasure("DMF-C04")
            .unwrap()
            .sp800_53
            .contains(&"AC-5".to_string()),
        "AC5 → AC-5"
    );
}

#[test]
fn dmf_texts_stand_in_the_seed() {
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    let c = cpsrisk_catalog::dmf::catalogs();
    for r in &c.risks {
        let lines = cited(&seed, &r.source);
        // DMF-S01's cell is split by a page break; compare its two halves.
        let text = squeeze(&r.text_ja);
        let found = lines.contains(&text)
            || (lines.contains(&first_chars(&text, 20)) && lines.contains(&last_chars(&text, 20)));
        assert!(found, "{}: text_ja not in lines {:?}", r.id, r.source.lines);
    }
    for x in c.countermeasures.iter().filter(|x| x.in_mapping_table) {
        let name = squeeze(&x.name_ja);
        let lines = cited(&seed, &x.source);
        let half = name.chars().count() / 2;
        assert!(
            lines.contains(&name) || lines.contains(&first_chars(&name, half)),
            "{}: name not in lines {:?}",
            x.id,
            x.source.lines
        );
    }
}

fn first_chars(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

fn last_chars(text: &str, n: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(n)).collect()
}

#[test]
fn contract_catalogs_have_the_common_fields() {
    let counts = [
        ("iot-ssf-requirements", 41),
        ("iot-ssf-threats", 14),
        ("dmf-risks", 71),
        ("dmf-countermeasures", 38),
        ("en303645-provisions", 67),
        ("ts103701-test-cases", 109),
    ];
    for (name, count) in counts {
        let value: serde_json::Value =
            serde_json::from_str(&export(name, CatalogFormat::Json).unwrap()).unwrap();
        let entries = value
            .as_array()
            .unwrap_or_else(|| panic!("{name} is an array"));
        assert_eq!(entries.len(), count, "{name}");
        for e in entries {
            assert!(e["id"].is_string(), "{name}: id");
            assert!(
                e["name_ja"].is_string() || e["text_ja"].is_string(),
                "{name} {}: name_ja or text_ja",
                e["id"]
            );
            assert!(
                e["name_en"].is_string() || e["text_en"].is_string(),
                "{name} {}: name_en or text_en",
                e["id"]
            );
            assert!(
                e["source"]["document"].is_string(),
                "{name} {}: source.document",
                e["id"]
            );
            let lines = e["source"]["lines"].as_array().unwrap();
            assert!(
                lines.len() == 2 && lines[0].as_u64() <= lines[1].as_u64(),
                "{name} {}: source.lines",
                e["id"]
            );
        }
    }
    let cases: serde_json::Value =
        serde_json::from_str(&export("ts103701-test-cases", CatalogFormat::Json).unwrap()).unwrap();
    let types: BTreeSet<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        BTreeSet::from(["conceptual", "functional", "conceptual+functional"])
    );
    let risks: serde_json::Value =
        serde_json::from_str(&export("dmf-risks", CatalogFormat::Json).unwrap()).unwrap();
    for field in ["event", "viewpoint", "actor", "threats", "countermeasures"] {
        assert!(risks[0].get(field).is_some(), "dmf-risks: {field}");
    }
    let cms: serde_json::Value =
        serde_json::from_str(&export("dmf-countermeasures", CatalogFormat::Json).unwrap()).unwrap();
    for field in [
        "events",
        "cpsf",
        "iso27001",
        "sp800_53",
        "dmbok",
        "in_mapping_table",
    ] {
        assert!(cms[0].get(field).is_some(), "dmf-countermeasures: {field}");
    }
}

#[test]
fn list_names_every_catalog_export_accepts_with_its_count() {
    let listed = cpsrisk_catalog::list();
    let names: Vec<&str> = listed.iter().map(|c| c.name).collect();
    for name in [
        "dmf-risks",
        "dmf-countermeasures",
        "dmf-threats",
        "dmf-actors",
        "provision-requirements",
    ] {
        assert!(names.contains(&name), "{name} missing from catalog list");
    }
    for c in &listed {
        let json = export(c.name, CatalogFormat::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let n = match &v {
            serde_json::Value::Array(a) => a.len(),
            serde_json::Value::Object(groups) => groups
                .values()
                .map(|g| g.as_array().map_or(0, Vec::len))
                .sum(),
            _ => 0,
        };
        assert_eq!(c.entries, n, "{}", c.name);
        assert!(c.entries > 0, "{}", c.name);
    }
    let count = |name: &str| listed.iter().find(|c| c.name == name).unwrap().entries;
    assert_eq!(count("iot-ssf-requirements"), 41);
    assert_eq!(count("dmf-risks"), 71);
    assert_eq!(count("en303645-provisions"), 67);
}

#[test]
fn find_maps_japanese_and_english_phrases_to_ids() {
    use cpsrisk_catalog::find::find;
    let first = |q: &str| {
        let hits = find(q);
        let h = hits.first().unwrap_or_else(|| panic!("{q}: nothing found"));
        (h.id.clone(), h.catalog, h.kind)
    };
    // 表A-1 l.17410 「適切な水準のアクセス制御の実装」; a part of it, in half-width katakana.
    assert_eq!(first("アクセス制御の実装").0, "SSF-R07");
    assert_eq!(first("ｱｸｾｽ制御の実装").0, "SSF-R07");
    // Full-width ID, and an English typing slip.
    assert_eq!(
        first("ＳＳＦ－Ｒ０７"),
        ("SSF-R07".into(), "iot-ssf-requirements", "id")
    );
    let near: Vec<_> = find("acess control").into_iter().take(3).collect();
    assert!(near.iter().all(|h| h.kind == "near"));
    assert!(near.iter().any(|h| h.id == "SSF-R07"), "{near:?}");
    // 添付B measures are found by their text too: R04's measure before employment (17730).
    assert_eq!(
        first("雇用前の対策"),
        ("SSF-R04.m1.1".into(), "iot-ssf-measures", "exact")
    );
    // Words separated by a space each match: 表A-1 l.17453 「脆弱性対応に必要な手順等の整備と実践」.
    assert_eq!(first("脆弱性 手順").0, "SSF-R28");
    // English name; a DMF countermeasure (表B-2.6) and a threat.
    assert_eq!(first("Protect data by encryption").0, "SSF-R11");
    assert!(
        find("暗号化")
            .iter()
            .any(|h| h.catalog == "dmf-countermeasures")
    );
    let h = &find("Unauthorized access")[0];
    assert_eq!(
        (h.id.as_str(), h.name_ja.as_str()),
        ("unauthorized-access", "不正アクセス")
    );
    assert!(find("zzzzqqqq").is_empty());
    assert!(find("   ").is_empty());
}

/// Issue 10 item 7: the `applies_if` conditions are cpsrisk's judgement (表B-2, seed lines
/// 27636–29167, has no such column), and the export says so in a `basis` field beside each, as
/// the provision links do.
#[test]
fn dmf_risk_conditions_carry_their_basis_in_the_export() {
    let risks: serde_json::Value =
        serde_json::from_str(&export("dmf-risks", CatalogFormat::Json).unwrap()).unwrap();
    let conditions: Vec<&serde_json::Value> = risks
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["applies_if"].as_array().unwrap())
        .collect();
    assert_eq!(conditions.len(), 5, "P11, P12, T10, T11, T12");
    for c in conditions {
        assert_eq!(c["basis"], "cpsrisk-judgement", "{c}");
        assert!(c["condition"].is_string() && !c["rationale"].as_str().unwrap().is_empty());
    }
}

/// The seed's lines without the page-line numbers printed at their ends, joined without spaces.
fn cited_prose(seed: &[String], source: &Source) -> String {
    let [first, last] = source.lines;
    seed[first as usize - 1..last as usize]
        .iter()
        .map(|l| {
            let t = l.trim();
            if t.chars().all(|c| c.is_ascii_digit()) {
                return String::new(); // a page-line number alone
            }
            match t.rsplit_once(' ') {
                Some((head, n)) if n.chars().all(|c| c.is_ascii_digit()) => head.to_string(),
                // A page-line number printed against Japanese text (24529 「ウェブ640」).
                _ => {
                    let head = t.trim_end_matches(|c: char| c.is_ascii_digit());
                    let cut = t.len() - head.len() >= 3
                        && head.chars().last().is_some_and(|c| !c.is_ascii());
                    if cut { head } else { t }.to_string()
                }
            }
        })
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// 「…」 quotations in a text.
fn quotations(text: &str) -> Vec<String> {
    text.split('「')
        .skip(1)
        .filter_map(|s| s.split_once('」').map(|(q, _)| squeeze(q)))
        .collect()
}

/// Issue 10 item 9: cpsrisk's own threat → requirement pairs are labelled, answer only threats
/// that no candidate table names, and quote the 添付B measures they rest on exactly.
#[test]
fn judgement_pairs_are_labelled_and_quote_the_seed() {
    let c = catalogs();
    let judged: Vec<_> = c
        .threat_requirements
        .iter()
        .filter(|p| p.basis != "seed")
        .collect();
    assert!(!judged.is_empty());
    let seed_threats: BTreeSet<&str> = c
        .threat_requirements
        .iter()
        .filter(|p| p.basis == "seed")
        .map(|p| p.threat.as_str())
        .collect();
    for p in &judged {
        assert_eq!(p.basis, "cpsrisk-judgement");
        assert!(p.rationale.as_deref().is_some_and(|r| !r.is_empty()));
        assert!(
            !seed_threats.contains(p.threat.as_str()),
            "{}: the seed's tables name it",
            p.threat
        );
        assert!(c.requirement(&p.requirement).is_some());
    }
    for threat in [
        "unknown-vulnerability",
        "user-misconfiguration",
        "elevation-of-privilege",
    ] {
        assert!(c.candidates_for_threat(threat).count() >= 3, "{threat}");
    }
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    for p in &judged {
        let text: String = p.sources.iter().map(|s| cited_prose(&seed, s)).collect();
        for q in quotations(p.rationale.as_deref().unwrap_or_default()) {
            assert!(
                text.contains(&q),
                "{} / {}: 「{q}」 not in {:?}",
                p.threat,
                p.requirement,
                p.sources
            );
        }
    }
}

/// Issue 10 item 11: every 添付B measure and its level-2 sub-items are addressable, with lines.
#[test]
fn annex_b_measures_are_addressable_items_with_their_lines() {
    let c = catalogs();
    for r in &c.requirements {
        for (k, m) in r.measures().iter().enumerate() {
            assert_eq!(m.id, format!("{}.m{}", r.id, k + 1));
            assert!(r.annex_b.as_ref().unwrap().source.lines[0] <= m.source.lines[0]);
            for (j, item) in m.items.iter().enumerate() {
                assert_eq!(item.id, format!("{}.{}", m.id, j + 1));
                assert!(m.text_ja.contains(&item.text_ja), "{}", item.id);
                assert!(m.text_en.contains(&item.text_en), "{}", item.id);
                let [a, b] = item.source.lines;
                assert!(
                    m.source.lines[0] <= a && b <= m.source.lines[1],
                    "{}",
                    item.id
                );
            }
        }
    }
    assert!(
        c.requirement("SSF-R41").unwrap().measures().is_empty(),
        "footnote 38"
    );
    // R03: who does what (developer 17654, provider 17668, user 17680); R04: before, during and
    // after employment (17730, 17738, 17746).
    let firsts = |id: &str| -> Vec<String> {
        c.measure(id).unwrap();
        let r = c.requirement(&id[..7]).unwrap();
        r.measures()[0]
            .items
            .iter()
            .map(|i| i.text_ja.split('／').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        firsts("SSF-R04.m1"),
        ["雇用前の対策", "雇用期間中の対策", "雇用終了後の対策"]
    );
    let r03 = firsts("SSF-R03.m1");
    assert_eq!(r03.len(), 3);
    assert!(r03[0].starts_with("IoT サービス開発者は"));
    assert!(r03[1].starts_with("IoT サービス提供者は"));
    assert!(r03[2].starts_with("IoT 利用者は"));
    let m = c.measure("SSF-R04.m1.2").unwrap();
    assert_eq!((m.requirement, m.source.lines), ("SSF-R04", [17738, 17744]));
    assert!(c.measure("SSF-R04.m9").is_none());
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    for m in c.measures() {
        // The text up to the first sub-item stands in the lines the entry cites.
        let lead = squeeze(m.text_ja.split('／').next().unwrap());
        // (A sub-item's title and description, printed on separate lines, are joined with a
        // space in the catalog: compare the title's start.)
        let lead: String = lead.chars().take(12).collect();
        let title = squeeze(m.text_ja.split([' ', '／']).next().unwrap());
        let cited = cited_prose(&seed, m.source);
        assert!(
            cited.contains(&lead) || cited.contains(&title),
            "{}: {lead}",
            m.id
        );
    }
}

/// Issue 10 item 3: the viewpoint risks. A row copied from a use case stands in its lines
/// (DMF-V01: 表A-4.3 機微技術管理, 27293–27301); a cpsrisk entry says so and cites the seed lines
/// that name its viewpoint (24318–24320 for 適切な社会機能の維持).
#[test]
fn viewpoint_risks_are_traced_and_labelled() {
    let c = cpsrisk_catalog::dmf::catalogs();
    let ids: Vec<&str> = c.viewpoint_risks.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["DMF-V01", "DMF-V02"]);
    let views: Vec<&str> = c
        .viewpoint_risks
        .iter()
        .map(|r| r.viewpoint.as_str())
        .collect();
    assert_eq!(views, ["sensitive-technology", "social-function"]);
    assert!(
        c.risks_for_event("transfer").any(|r| r.id == "DMF-V01"),
        "the engine sees them with the transfer rows"
    );
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    for r in &c.viewpoint_risks {
        let lines = cited(&seed, &r.source);
        assert!(
            lines.contains(&squeeze(&r.viewpoint_ja)),
            "{}: viewpoint",
            r.id
        );
        match r.basis.as_deref() {
            Some("seed-use-case") => {
                assert!(lines.contains(&squeeze(&r.text_ja)), "{}: text_ja", r.id)
            }
            Some("cpsrisk-judgement") => assert!(r.notes[0].starts_with("cpsrisk judgement")),
            other => panic!("{}: basis {other:?}", r.id),
        }
    }
}

/// Issue 10 item 12: the use cases' worked examples are a library with seed lines: every use
/// case's policies and measure-table rows, each text standing in the lines it cites.
#[test]
fn case_examples_cover_the_six_use_cases_with_their_lines() {
    let c = catalogs();
    let ranges = [
        ("2-3-1", [8079, 9858]),
        ("2-3-2", [9859, 11025]),
        ("2-3-3", [11026, 12794]),
        ("2-3-4", [12795, 14351]),
        ("2-3-5", [14352, 15912]),
        ("2-3-6", [15913, 17348]),
    ];
    for (section, [a, b]) in ranges {
        let rows: Vec<_> = c
            .case_examples
            .iter()
            .filter(|e| e.use_case == section)
            .collect();
        assert!(
            rows.iter().any(|e| e.kind == "policy"),
            "{section}: policies"
        );
        assert!(
            rows.iter().filter(|e| e.kind == "measure").count() >= 10,
            "{section}: rows"
        );
        for e in rows {
            let [x, y] = e.source.lines;
            assert!(a <= x && x <= y && y <= b, "{}: {:?}", e.id, e.source.lines);
            for r in &e.requirements {
                assert!(
                    c.requirement(r).is_some() || r.starts_with("X-"),
                    "{}: {r}",
                    e.id
                );
            }
        }
    }
    let ids: BTreeSet<&str> = c.case_examples.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), c.case_examples.len(), "unique IDs");
    // Threat-table rows, a device, a threat of `iot-ssf-threats` and an incident each: 表6 8688–8751,
    // 表14 10353–10392, 表20 11532–11723, 表26 13523–13748, 表33 14956–15054, 表40 16427–16467.
    let threat_rows: Vec<_> = c
        .case_examples
        .iter()
        .filter(|e| e.kind == "threat")
        .collect();
    for (table, rows) in [
        ("表6", 14),
        ("表14", 12),
        ("表20", 38),
        ("表26", 48),
        ("表33", 14),
        ("表40", 12),
    ] {
        assert_eq!(
            threat_rows
                .iter()
                .filter(|e| e.table.as_deref() == Some(table))
                .count(),
            rows,
            "{table}"
        );
    }
    for e in &threat_rows {
        let t = e.threat.as_deref().unwrap_or_default();
        assert!(c.threat(t).is_some(), "{}: threat {t}", e.id);
        assert!(
            e.device_ja.is_some() && e.device_en.is_some() && e.text_en.is_some(),
            "{}",
            e.id
        );
        assert!(e.text_ja.is_some() && e.threat_ja.is_some(), "{}", e.id);
    }
    // 表36: the row printed without a number after the page break (15705) is row 9, and row 8
    // ends before it.
    let row9 = c
        .case_examples_for("SSF-R23")
        .find(|e| e.id == "UC5-表36-09")
        .unwrap();
    assert_eq!(row9.source.lines, [15705, 15725]);
    let row8 = c
        .case_examples
        .iter()
        .find(|e| e.id == "UC5-表36-08")
        .unwrap();
    assert_eq!(row8.source.lines, [15687, 15699]);
    let dos: Vec<_> = c
        .case_threats_for("denial-of-service")
        .map(|e| e.id.as_str())
        .collect();
    assert!(dos.contains(&"UC6-表40-02"), "{dos:?}");
    // 表8 No.15 (9284–9318): the gas water heater maker's safety functions under SSF-R19.
    let row = c
        .case_examples_for("SSF-R19")
        .find(|e| e.id == "UC1-表8-15")
        .unwrap();
    assert_eq!(row.source.lines, [9284, 9318]);
    assert!(row.measures_ja[0].starts_with("ガス給湯器の近くにいる人"));
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    for e in &c.case_examples {
        let cited = cited_prose(&seed, &e.source);
        for text in e
            .text_ja
            .iter()
            .chain(&e.measures_ja)
            .chain(&e.device_ja)
            .chain(&e.threat_ja)
        {
            assert!(cited.contains(&squeeze(text)), "{}: {text}", e.id);
        }
    }
}

/// Issue 10 item 12: the DMF's reference standards per event (3-1, seed 24509–24537).
#[test]
fn dmf_reference_standards_are_the_thirteen_of_3_1() {
    let d = cpsrisk_catalog::dmf::catalogs();
    assert_eq!(d.reference_standards.len(), 13);
    let events: BTreeSet<&str> = d
        .reference_standards
        .iter()
        .filter_map(|s| s.event.as_deref())
        .collect();
    assert_eq!(
        events,
        BTreeSet::from(["generation", "transfer", "processing", "disposal"])
    );
    let Some(seed) = seed_lines() else {
        eprintln!("seed not found beside the repository: skipping the seed comparison");
        return;
    };
    for s in &d.reference_standards {
        let [a, b] = s.source.lines;
        assert!((24509..=24537).contains(&a) && b <= 24537, "{}", s.id);
        let cited = cited_prose(&seed, &s.source);
        for text in std::iter::once(&s.name_ja).chain(&s.condition_ja) {
            assert!(cited.contains(&squeeze(text)), "{}: {text}", s.id);
        }
    }
}
