//! Gaps in the conformance records, each with a stable code (`CONF-G01`…, `docs/findings.md`).

use cpsrisk_catalog::conformance::Applicability;
use cpsrisk_model::levels::{ProvisionStatus, Verdict};
use cpsrisk_model::model::Conformance;
use cpsrisk_model::{Finding, Position, Severity, Text};

use crate::checklist::ChecklistRow;
use crate::test_plan::PlannedTest;

pub fn findings(c: &Conformance, checklist: &[ChecklistRow], plan: &[PlannedTest]) -> Vec<Finding> {
    let mut out = Vec::new();
    let nowhere = Position { line: 0, column: 0 };
    for st in &c.provisions {
        let needs_reason = matches!(
            st.status.value,
            ProvisionStatus::NotApplicable | ProvisionStatus::NotMet
        );
        if needs_reason
            && st
                .justification
                .as_deref()
                .is_none_or(|j| j.trim().is_empty())
        {
            out.push(Finding::new(
                "CONF-G01",
                "justification-missing",
                Severity::Warning,
                st.status.at,
                Text::new(
                    format!("provision {} is stated `{}` without a justification (EN 303 645 provision 4-1 requires one)", st.id.value, cpsrisk_model::levels::Named::id(st.status.value)),
                    format!("規定 {} は `{}` とされていますが理由の記載がありません（EN 303 645 の規定 4-1 で必要）", st.id.value, cpsrisk_model::levels::Named::id(st.status.value)),
                ),
            ));
        }
    }
    for r in checklist {
        match (&r.applicability, r.stated) {
            (Applicability::DoesNotApply { .. }, _) => {}
            (Applicability::Unknown { unstated }, None) => out.push(Finding::new(
                "CONF-G04",
                "applicability-unknown",
                Severity::Info,
                nowhere,
                Text::new(
                    format!(
                        "whether provision {} applies is unknown: state the product's {}",
                        r.id,
                        unstated.join(", ")
                    ),
                    format!(
                        "規定 {} の適用可否が不明です。製品の属性 {} を記載してください",
                        r.id,
                        unstated.join(", ")
                    ),
                ),
            )),
            (_, None) => out.push(Finding::new(
                "CONF-G02",
                "statement-missing",
                if r.status == "mandatory" {
                    Severity::Warning
                } else {
                    Severity::Info
                },
                nowhere,
                Text::new(
                    format!(
                        "{} provision {} applies but has no statement",
                        r.status, r.id
                    ),
                    format!(
                        "{}の規定 {} が適用されますが記載がありません",
                        if r.status == "mandatory" {
                            "必須"
                        } else {
                            "推奨"
                        },
                        r.id
                    ),
                ),
            )),
            (_, Some(ProvisionStatus::NotMet)) if r.status == "mandatory" => {
                out.push(Finding::new(
                    "CONF-G03",
                    "mandatory-not-met",
                    Severity::Warning,
                    c.provisions
                        .iter()
                        .find(|s| s.id.value == r.id)
                        .map_or(nowhere, |s| s.status.at),
                    Text::new(
                        format!("mandatory provision {} is not met", r.id),
                        format!("必須の規定 {} に適合していません", r.id),
                    ),
                ))
            }
            _ => {}
        }
    }
    for t in plan {
        let at = c
            .tests
            .iter()
            .find(|x| x.id.value == t.id)
            .map_or(nowhere, |x| x.verdict.at);
        match t.verdict {
            None => out.push(Finding::new(
                "CONF-G05",
                "test-not-run",
                Severity::Info,
                nowhere,
                Text::new(
                    format!("test case {} is planned but has no verdict", t.id),
                    format!("テストケース {} は計画されていますが判定がありません", t.id),
                ),
            )),
            Some(Verdict::Fail) => out.push(Finding::new(
                "CONF-G06",
                "test-failed",
                Severity::Warning,
                at,
                Text::new(
                    format!("test case {} failed", t.id),
                    format!("テストケース {} は不合格です", t.id),
                ),
            )),
            _ => {}
        }
        let stated_met = checklist
            .iter()
            .any(|r| r.id == t.provision && r.stated == Some(ProvisionStatus::Met));
        if t.verdict == Some(Verdict::Fail) && stated_met {
            out.push(Finding::new(
                "CONF-G07",
                "met-but-test-failed",
                Severity::Warning,
                at,
                Text::new(
                    format!(
                        "provision {} is stated met but its test case {} failed",
                        t.provision, t.id
                    ),
                    format!(
                        "規定 {} は適合とされていますが、テストケース {} が不合格です",
                        t.provision, t.id
                    ),
                ),
            ));
        }
    }
    out
}
