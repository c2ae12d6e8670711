//! The summary band on the shipped examples: its numbers are the engines' results, counted again
//! here from the assessments and the models, and held to the seed's conclusions where
//! `expected.yaml` states them; every format that draws the band shows them, in both languages.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use cpsrisk_catalog::Lang;
use cpsrisk_model::Model;
use cpsrisk_model::levels::{Axis1, Axis2, ProvisionStatus};
use cpsrisk_report::{Format, Report};
use serde::Deserialize;

fn examples(framework: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(framework);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("model.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn model(dir: &Path) -> Model {
    let text = std::fs::read_to_string(dir.join("model.yaml")).unwrap();
    cpsrisk_model::load_and_check(&text).unwrap_or_else(|d| panic!("{}: {d:?}", dir.display()))
}

fn expected<T: for<'de> Deserialize<'de>>(dir: &Path) -> T {
    serde_saphyr::from_str(&std::fs::read_to_string(dir.join("expected.yaml")).unwrap()).unwrap()
}

/// The formats that draw the band, in both languages.
fn rendered(report: &Report) -> Vec<(Format, Lang, String)> {
    let formats = [
        Format::Text { colour: false },
        Format::Markdown,
        Format::Html,
    ];
    formats
        .into_iter()
        .flat_map(|f| [Lang::En, Lang::Ja].map(|l| (f, l, report.render(f, l))))
        .collect()
}

#[derive(Deserialize)]
struct IotSsfExpected {
    stakeholders: Vec<ExpectedRating>,
}

#[derive(Deserialize)]
struct ExpectedRating {
    id: String,
    axis1: Axis1,
    axis2: Axis2,
    within_target: bool,
}

#[test]
fn iot_ssf_band_places_each_stakeholder_where_the_seed_rates_it() {
    let dirs = examples("iot-ssf");
    assert_eq!(dirs.len(), 6, "UC1…UC6");
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let model = model(&dir);
        let report = Report::new("model.yaml", &model);
        let a = report.iot_ssf.as_ref().unwrap();
        let s = report.summary.iot_ssf.as_ref().unwrap();
        let seed: IotSsfExpected = expected(&dir);

        // Each cell once, and each rated stakeholder in exactly the cell of its levels.
        assert_eq!(s.risk_map.len(), 9, "{name}");
        let mut placed: HashMap<&str, (Axis1, Axis2, bool)> = HashMap::new();
        for c in &s.risk_map {
            assert_eq!(
                c.within_target,
                c.axis1 <= a.target.axis1 && c.axis2 <= a.target.axis2,
                "{name}"
            );
            for id in &c.stakeholders {
                assert!(
                    placed
                        .insert(id, (c.axis1, c.axis2, c.within_target))
                        .is_none()
                );
            }
        }
        assert_eq!(placed.len(), a.stakeholders.len(), "{name}");
        for r in &seed.stakeholders {
            assert_eq!(
                placed.get(r.id.as_str()),
                Some(&(r.axis1, r.axis2, r.within_target)),
                "{name}: {} where the seed rates it",
                r.id
            );
        }

        let outside = placed.values().filter(|(_, _, within)| !within).count();
        let untreated = a
            .device_threats
            .iter()
            .filter(|t| t.treated_by.is_empty() && t.accepted.is_none())
            .count();
        assert_eq!(s.stakeholders_outside_target, outside, "{name}");
        assert_eq!(s.stakeholders_rated, a.stakeholders.len(), "{name}");
        assert_eq!(s.device_threats_untreated, untreated, "{name}");
        assert_eq!(s.device_threats, a.device_threats.len(), "{name}");

        let (rated, threats) = (a.stakeholders.len(), a.device_threats.len());
        for (format, lang, out) in rendered(&report) {
            let first_section = out
                .find(lang.pick("IoT-SSF summary", "IoT-SSF 概要"))
                .unwrap();
            let band = &out[..first_section];
            let want = match lang {
                Lang::En => [
                    format!("{outside} of {rated}"),
                    format!("{untreated} of {threats}"),
                ],
                Lang::Ja => [
                    format!("{rated} 中 {outside}"),
                    format!("{threats} 中 {untreated}"),
                ],
            };
            for w in want {
                assert!(
                    band.contains(&w),
                    "{name} {format:?} {lang:?}: {w} in {band}"
                );
            }
            if format == Format::Html {
                assert!(band.contains("<svg"), "{name}: the risk map in the band");
            } else {
                // Text and Markdown place the stakeholders in a 3×3 table instead.
                for st in &a.stakeholders {
                    assert!(band.contains(lang.pick(&st.name_en, &st.name_ja)), "{name}");
                }
            }
        }
    }
}

/// The conformance examples: the illustrative camera, and the `cpsrisk init` starter.
fn conformance_models() -> Vec<(String, Model)> {
    let mut out: Vec<(String, Model)> = examples("conformance")
        .into_iter()
        .map(|d| (d.display().to_string(), model(&d)))
        .collect();
    let starter = cpsrisk_model::starters::CONFORMANCE;
    out.push((
        "starter".into(),
        cpsrisk_model::load_and_check(starter).unwrap(),
    ));
    out
}

#[test]
fn conformance_band_counts_each_clause_from_the_statements() {
    for (name, model) in conformance_models() {
        let report = Report::new("model.yaml", &model);
        let a = report.conformance.as_ref().unwrap();
        let s = report.summary.conformance.as_ref().unwrap();

        // Counted again from the model: the supplier's statements by the clause of their ID.
        let mut stated: BTreeMap<(String, ProvisionStatus), usize> = BTreeMap::new();
        for st in &model.conformance.as_ref().unwrap().provisions {
            let clause = st.id.value.split('-').next().unwrap().to_string();
            *stated.entry((clause, st.status.value)).or_default() += 1;
        }
        let count = |clause: &str, status| {
            stated
                .get(&(clause.to_string(), status))
                .copied()
                .unwrap_or(0)
        };
        let clauses: Vec<&str> = s.clauses.iter().map(|c| c.clause.as_str()).collect();
        assert_eq!(
            clauses,
            [
                "5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10", "5.11",
                "5.12", "5.13", "6"
            ],
            "{name}"
        );
        let mut total = 0;
        for c in &s.clauses {
            let at = format!("{name} {}", c.clause);
            assert_eq!(c.met, count(&c.clause, ProvisionStatus::Met), "{at}");
            assert_eq!(c.not_met, count(&c.clause, ProvisionStatus::NotMet), "{at}");
            assert!(c.not_applicable >= count(&c.clause, ProvisionStatus::NotApplicable));
            total += c.met + c.not_met + c.not_applicable + c.no_statement;
        }
        assert_eq!(total, 67, "{name}: every provision of EN 303 645 once");
        assert_eq!(s.cls_ready_level, a.label.ready_level, "{name}");
        assert_eq!(s.cls_target_level, a.label.target_level, "{name}");
        assert_eq!(
            s.psti_requirements, 3,
            "{name}: the PSTI headline requirements"
        );
        assert_eq!(
            s.psti_satisfied,
            a.psti.iter().filter(|p| p.satisfied).count(),
            "{name}"
        );

        for (format, lang, out) in rendered(&report) {
            let band_end = out
                .find(lang.pick("Consumer IoT conformance", "コンシューマー IoT の適合性"))
                .unwrap();
            let band = &out[..band_end];
            let level = format!("{} {}", lang.pick("level", "レベル"), s.cls_ready_level);
            assert!(band.contains(&level), "{name} {format:?} {lang:?}: {band}");
            let psti = match lang {
                Lang::En => format!("{} of 3 satisfied", s.psti_satisfied),
                Lang::Ja => format!("3 件中 {} 件充足", s.psti_satisfied),
            };
            assert!(band.contains(&psti), "{name} {format:?} {lang:?}");
            if format == Format::Html {
                for c in &s.clauses {
                    let title = lang.pick(&c.title_en, &c.title_ja);
                    let words = match lang {
                        Lang::En => format!(
                            "{} {title}: Met {}, Not met {}, Not applicable {}, No statement {}",
                            c.clause, c.met, c.not_met, c.not_applicable, c.no_statement
                        ),
                        Lang::Ja => format!(
                            "{} {title}: 適合 {}, 不適合 {}, 適用外 {}, 記載なし {}",
                            c.clause, c.met, c.not_met, c.not_applicable, c.no_statement
                        ),
                    };
                    assert!(band.contains(&words), "{name} {lang:?}: {words}");
                }
            }
        }
    }
}

#[derive(Deserialize)]
struct DmfExpected {
    events: Vec<ExpectedEvent>,
    risks: Vec<ExpectedRisks>,
}

#[derive(Deserialize)]
struct ExpectedEvent {
    id: String,
}

#[derive(Deserialize)]
struct ExpectedRisks {
    event: String,
    #[serde(default)]
    catalog: Vec<String>,
}

#[test]
fn dmf_band_counts_each_events_risks_by_tier_and_the_legal_findings() {
    let dirs = examples("dmf");
    assert_eq!(dirs.len(), 4, "A-1…A-4");
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let model = model(&dir);
        let report = Report::new("model.yaml", &model);
        let a = report.dmf.as_ref().unwrap();
        let s = report.summary.dmf.as_ref().unwrap();
        let seed: DmfExpected = expected(&dir);

        // Each event of the seed's flow once, in the order the engine puts them.
        let order: Vec<&str> = s.events.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(order, a.order, "{name}");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        let mut seed_events: Vec<&str> = seed.events.iter().map(|e| e.id.as_str()).collect();
        seed_events.sort_unstable();
        assert_eq!(sorted, seed_events, "{name}: the seed's events");
        let primary: usize = s.events.iter().map(|e| e.primary).sum();
        let catalog: usize = s.events.iter().map(|e| e.catalog).sum();
        let untreated: usize = s
            .events
            .iter()
            .map(|e| e.primary_untreated + e.catalog_untreated)
            .sum();
        assert_eq!(primary + catalog, a.risks.len(), "{name}");
        assert_eq!(primary, a.summary.risks_primary, "{name}");
        assert_eq!(untreated, a.summary.risks_untreated, "{name}");
        for e in &s.events {
            let of_event = a.risks.iter().filter(|r| r.event == e.event);
            assert_eq!(e.primary + e.catalog, of_event.clone().count(), "{name}");
            assert_eq!(
                e.primary_untreated + e.catalog_untreated,
                of_event.filter(|r| !r.treated).count(),
                "{name}"
            );
        }
        // Every risk the seed names for an event is among its primary ones.
        for r in &seed.risks {
            let e = s.events.iter().find(|e| e.event == r.event).unwrap();
            assert!(e.primary >= r.catalog.len(), "{name} {}", r.event);
        }
        let legal: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code.starts_with("DMF-L"))
            .collect();
        assert_eq!(s.legal_findings, legal.len(), "{name}");
        assert_eq!(
            s.legal_warnings,
            legal
                .iter()
                .filter(|f| f.severity == cpsrisk_model::Severity::Warning)
                .count(),
            "{name}"
        );

        for (format, lang, out) in rendered(&report) {
            let band = &out[..out.find("STEP 1").unwrap()];
            let legal = match lang {
                Lang::En => format!("{} ({} warnings)", s.legal_findings, s.legal_warnings),
                Lang::Ja => format!("{}（うち警告 {}）", s.legal_findings, s.legal_warnings),
            };
            assert!(band.contains(&legal), "{name} {format:?} {lang:?}");
            for e in &s.events {
                assert!(band.contains(&e.event), "{name} {format:?} {lang:?}");
            }
        }
    }
}

#[test]
fn json_report_carries_the_band_as_summary_after_the_existing_fields() {
    let dir = &examples("iot-ssf")[0];
    let model = model(dir);
    let report = Report::new("model.yaml", &model);
    let json: serde_json::Value =
        serde_json::from_str(&report.render(Format::Json { pretty: false }, Lang::En)).unwrap();
    let summary = &json["summary"];
    assert!(summary["conformance"].is_null() && summary["dmf"].is_null());
    let s = report.summary.iot_ssf.as_ref().unwrap();
    assert_eq!(
        summary["iot_ssf"]["stakeholders_outside_target"],
        s.stakeholders_outside_target
    );
    assert_eq!(summary["iot_ssf"]["risk_map"][0]["axis2"], "catastrophic");
    assert_eq!(summary["iot_ssf"]["risk_map"][0]["axis1"], "limited");
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "cpsrisk_version",
            "model",
            "iot_ssf",
            "dmf",
            "conformance",
            "summary"
        ]
    );
}
