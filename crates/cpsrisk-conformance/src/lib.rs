//! The consumer IoT conformance engine: for a product described in the model, the EN 303 645
//! checklist ([`checklist`]), the TS 103 701 test plan and results ([`test_plan`]), readiness
//! for the label levels and the UK PSTI requirements ([`label`]), and gaps ([`findings`]).
//! Pure functions of the model and the catalogs; linear in the number of provisions, test
//! cases and statements.

pub mod checklist;
pub mod findings;
pub mod label;
pub mod test_plan;

use cpsrisk_catalog::Lang;
use cpsrisk_model::model::Conformance;
use cpsrisk_model::text;
use serde::Serialize;

pub use checklist::ChecklistRow;
pub use cpsrisk_model::{Finding, Severity};
pub use label::{LabelReadiness, PstiRequirement};
pub use test_plan::{ClauseResult, PlannedTest, Tally};

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub product: String,
    pub product_ja: Option<String>,
    pub illustrative: bool,
    pub checklist: Vec<ChecklistRow>,
    pub test_plan: Vec<PlannedTest>,
    pub results_by_clause: Vec<ClauseResult>,
    pub results: Tally,
    pub label: LabelReadiness,
    pub psti: Vec<PstiRequirement>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub provisions_applicable: usize,
    pub provisions_unknown: usize,
    pub mandatory_not_met: usize,
    pub tests_planned: usize,
    pub tests_failed: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn assess(c: &Conformance) -> Assessment {
    use cpsrisk_catalog::conformance::Applicability;
    use cpsrisk_model::levels::ProvisionStatus;
    let checklist = checklist::checklist(c);
    let plan = test_plan::test_plan(c, &checklist);
    let (results_by_clause, results) = test_plan::results(&plan);
    let findings = findings::findings(c, &checklist, &plan);
    let summary = Summary {
        provisions_applicable: checklist
            .iter()
            .filter(|r| r.applicability == Applicability::Applies)
            .count(),
        provisions_unknown: checklist
            .iter()
            .filter(|r| matches!(r.applicability, Applicability::Unknown { .. }))
            .count(),
        mandatory_not_met: checklist
            .iter()
            .filter(|r| r.status == "mandatory" && r.stated == Some(ProvisionStatus::NotMet))
            .count(),
        tests_planned: results.planned,
        tests_failed: results.fail,
        warnings: Severity::Warning.count(&findings),
        infos: Severity::Info.count(&findings),
    };
    Assessment {
        product: text::pick(
            Lang::En,
            &c.product.name,
            &c.product.name_en,
            &c.product.name_ja,
        )
        .to_string(),
        product_ja: c.product.name_ja.clone(),
        illustrative: c.product.illustrative,
        label: label::label(c, &checklist),
        psti: label::psti(&checklist),
        checklist,
        test_plan: plan,
        results_by_clause,
        results,
        findings,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpsrisk_catalog::conformance::{Applicability, catalogs};
    use cpsrisk_model::model::ProductProperties;

    const ALL_PROPERTIES: &[&str] = &[
        "uses_passwords",
        "user_authentication",
        "constrained",
        "network_interfaces",
        "software_updates",
        "network_updates",
        "automatic_updates",
        "debug_interface_accessible",
        "associated_services",
        "personal_data",
        "sensitive_personal_data",
        "external_sensing",
        "collects_telemetry",
        "consent_based_processing",
        "user_interface",
        "remotely_accessible_interfaces",
        "unused_interfaces",
    ];

    fn properties(value: bool) -> ProductProperties {
        let yaml: String = ALL_PROPERTIES
            .iter()
            .map(|p| format!("{p}: {value}\n"))
            .collect();
        serde_saphyr::from_str(&yaml).expect("every property is a field")
    }

    #[test]
    fn every_catalog_condition_names_a_product_property() {
        let stated = properties(true);
        for p in &catalogs().provisions {
            for condition in &p.applies_when {
                let name = condition.trim_start_matches('!');
                assert!(
                    stated.get(name).is_some(),
                    "{}: unknown property `{name}`",
                    p.id
                );
            }
        }
    }

    fn conformance(yaml_properties: &str, rest: &str) -> Conformance {
        let text = format!("product:\n  name: t\n  properties: {yaml_properties}\n{rest}");
        serde_saphyr::from_str(&text).unwrap()
    }

    #[test]
    fn applicability_follows_the_properties() {
        let c = conformance("{uses_passwords: false}", "");
        let a = assess(&c);
        let row = a.checklist.iter().find(|r| r.id == "5.1-1").unwrap();
        assert_eq!(
            row.applicability,
            Applicability::DoesNotApply {
                condition: "uses_passwords".into()
            }
        );
        assert!(
            !a.test_plan.iter().any(|t| t.provision == "5.1-1"),
            "no tests for a provision that does not apply"
        );
        let unconditional = a.checklist.iter().find(|r| r.id == "5.2-1").unwrap();
        assert_eq!(unconditional.applicability, Applicability::Applies);
        assert!(
            a.findings
                .iter()
                .any(|f| f.code == "CONF-G02" && f.message.en.contains("5.2-1")),
            "a statement is missing"
        );
        let unknown = a.checklist.iter().find(|r| r.id == "5.3-2").unwrap();
        assert!(
            matches!(unknown.applicability, Applicability::Unknown { .. }),
            "{:?}",
            unknown.applicability
        );
        assert!(
            a.test_plan.iter().any(|t| t.id == "4-1-1"),
            "4-1 is tested for every product"
        );
    }

    #[test]
    fn justification_failures_and_label_levels() {
        let c = conformance(
            "{uses_passwords: true}",
            "provisions:\n  - {id: '5.1-1', status: not-met}\n  - {id: '5.2-1', status: met}\ntests:\n  - {id: '5.1-1-2', verdict: fail}\nlabel: {target_level: 2, lifecycle_declaration: LC-1}\n",
        );
        let a = assess(&c);
        let codes: Vec<&str> = a.findings.iter().map(|f| f.code).collect();
        assert!(
            codes.contains(&"CONF-G01"),
            "not met without justification: {codes:?}"
        );
        assert!(codes.contains(&"CONF-G03"), "mandatory not met: {codes:?}");
        assert!(codes.contains(&"CONF-G06"), "test failed: {codes:?}");
        assert_eq!(a.summary.mandatory_not_met, 1);
        assert_eq!(a.summary.tests_failed, 1);
        assert_eq!(
            a.label.ready_level, 0,
            "level 1 needs every applicable mandatory provision met"
        );
        assert!(a.label.levels[1].ready, "level 2's own evidence is there");
        let psti: Vec<bool> = a.psti.iter().map(|p| p.satisfied).collect();
        assert_eq!(psti, [false, true, false]);
        let clause = a
            .results_by_clause
            .iter()
            .find(|r| r.clause == "5.1")
            .unwrap();
        assert_eq!(clause.tally.fail, 1);
        assert_eq!(a.results.fail, 1);
    }

    #[test]
    fn all_mandatory_met_makes_level_one_ready() {
        let stated = properties(true);
        let met: String = catalogs()
            .provisions
            .iter()
            .filter(|p| p.mandatory())
            .map(|p| {
                let status = if matches!(
                    p.applicability(|x| stated.get(x)),
                    Applicability::DoesNotApply { .. }
                ) {
                    "not-applicable"
                } else {
                    "met"
                };
                format!(
                    "  - {{id: '{}', status: {status}, justification: j}}\n",
                    p.id
                )
            })
            .collect();
        let props = format!(
            "{{{}}}",
            ALL_PROPERTIES
                .iter()
                .map(|p| format!("{p}: true"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let a = assess(&conformance(&props, &format!("provisions:\n{met}")));
        assert!(a.label.levels[0].ready, "{:?}", a.label.levels[0].missing);
        assert_eq!(a.label.ready_level, 1);
    }
}
