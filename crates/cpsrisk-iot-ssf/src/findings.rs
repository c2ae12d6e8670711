//! Gaps in the procedure's records, each a finding with a stable code, both languages and the
//! place in the model it concerns.

use cpsrisk_model::levels::{DecisionStatus, Named};
use cpsrisk_model::{Finding, Severity, Text};

use crate::device_threats::DeviceThreatResult;
use crate::index::Index;
use crate::stakeholders::StakeholderResult;

/// The checks, documented with their codes in `docs/findings.md`.
pub fn findings(
    ix: &Index,
    stakeholders: &[StakeholderResult],
    threats: &[DeviceThreatResult],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in stakeholders {
        if !s.within_target && s.policies.is_empty() {
            out.push(Finding::new(
                "SSF-G01",
                "outside-target-without-policy",
                Severity::Warning,
                s.at,
                Text::new(
                    format!("stakeholder `{}` is outside the target level but has no countermeasure policy", s.id),
                    format!("ステークホルダー `{}` は目標とするリスクの水準を超えていますが、対策方針がありません", s.id),
                ),
            ));
        }
        for (disagrees, axis, recorded, suggested, at) in [
            (
                s.axis1_disagrees,
                1,
                s.axis1.id(),
                s.suggested_axis1.as_ref().map(|x| (x.level.id(), &x.rule)),
                s.at_axis1,
            ),
            (
                s.axis2_disagrees,
                2,
                s.axis2.id(),
                s.suggested_axis2.as_ref().map(|x| (x.level.id(), &x.rule)),
                s.at_axis2,
            ),
        ] {
            if let (true, Some((level, rule))) = (disagrees, suggested) {
                out.push(Finding::new(
                    "SSF-G07",
                    "rating-differs-from-sub-criteria",
                    Severity::Info,
                    at,
                    Text::new(
                        format!("stakeholder `{}`: axis {axis} is recorded as `{recorded}` but its sub-criteria suggest `{level}` (rule {rule})", s.id),
                        format!("ステークホルダー `{}`: 第{axis}軸は `{recorded}` と記録されていますが、判断要素からは `{level}` となります（規則 {rule}）", s.id),
                    ),
                ));
            }
        }
    }
    let rated: foldhash::HashSet<&str> = stakeholders.iter().map(|s| s.id.as_str()).collect();
    for s in ix
        .model
        .stakeholders
        .iter()
        .filter(|s| !rated.contains(s.id.as_str()))
    {
        out.push(Finding::new(
            "SSF-G08",
            "stakeholder-not-rated",
            Severity::Info,
            s.id.at,
            Text::new(
                format!("stakeholder `{}` has no rating on the two axes", s.id.value),
                format!(
                    "ステークホルダー `{}` の 2 軸の評価がありません",
                    s.id.value
                ),
            ),
        ));
    }
    for p in ix
        .model
        .policies
        .iter()
        .filter(|p| p.requirements.is_empty())
    {
        out.push(Finding::new(
            "SSF-G02",
            "policy-without-requirement",
            Severity::Warning,
            p.id.at,
            Text::new(
                format!("policy `{}` is mapped to no requirement", p.id.value),
                format!("対策方針 `{}` に対応する対策要件がありません", p.id.value),
            ),
        ));
    }
    // A requirement met by a control already in place needs no decision (the seed's UC6 records
    // two such controls at the user business, lines 16016–16020, and decides on the rest).
    for p in &ix.model.policies {
        for r in p
            .requirements
            .iter()
            .filter(|r| !ix.taken.contains_key(r.as_str()) && !ix.controls.contains_key(r.as_str()))
        {
            out.push(Finding::new(
                "SSF-G09",
                "policy-requirement-not-taken",
                Severity::Warning,
                r.at,
                Text::new(
                    format!(
                        "requirement `{}` of policy `{}` is taken by no decision",
                        r.value, p.id.value
                    ),
                    format!(
                        "対策方針 `{}` の対策要件 `{}` を実施する意思決定がありません",
                        p.id.value, r.value
                    ),
                ),
            ));
        }
    }
    for t in threats
        .iter()
        .filter(|t| t.treated_by.is_empty() && t.accepted.is_none())
    {
        out.push(Finding::new(
            "SSF-G03",
            "threat-untreated",
            Severity::Warning,
            t.at,
            Text::new(
                format!(
                    "threat `{}` to device `{}` has neither a requirement taken nor a recorded acceptance (candidates: {})",
                    t.threat,
                    t.device,
                    candidate_list(t)
                ),
                format!(
                    "機器 `{}` の脅威 `{}` に対し、実施する対策要件もリスク受容の記録もありません（候補: {}）",
                    t.device,
                    t.threat,
                    candidate_list(t)
                ),
            ),
        ));
    }
    let operators_need_requirements = ix
        .model
        .operator_requirements
        .as_ref()
        .is_some_and(|o| o.required);
    for d in ix
        .model
        .decisions
        .iter()
        .filter(|d| d.status.value != DecisionStatus::NotAdopted)
    {
        let Some(info) = ix.requirement(d.requirement.as_str()) else {
            continue;
        };
        if info.viewpoint == 3 && !operators_need_requirements {
            out.push(Finding::new(
                "SSF-G04",
                "viewpoint3-without-operator-requirements",
                Severity::Warning,
                d.requirement.at,
                Text::new(
                    format!("`{}` is a viewpoint-3 requirement, but the model does not say that the people who operate the system need specified requirements or qualifications (set `operator_requirements`)", d.requirement.value),
                    format!("`{}` は第3の観点の対策要件ですが、運用・管理を行う者に要求事項や資格が求められることがモデルに記載されていません（`operator_requirements` を設定してください）", d.requirement.value),
                ),
            ));
        }
        if info.viewpoint == 4 {
            let who = d
                .implementers()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("`, `");
            out.push(Finding::new(
                "SSF-G05",
                "viewpoint4-assigned-to-business",
                Severity::Warning,
                d.requirement.at,
                Text::new(
                    format!("`{}` is a viewpoint-4 requirement (social safety net): it belongs to policy makers, not to `{who}`", d.requirement.value),
                    format!("`{}` は第4の観点（社会的なセーフティネット）の対策要件であり、`{who}` ではなく政策立案者が担うものです", d.requirement.value),
                ),
            ));
        }
    }
    for d in ix.model.devices.iter().filter(|d| {
        !d.in_scope
            && d.out_of_scope_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
    }) {
        out.push(Finding::new(
            "SSF-G06",
            "out-of-scope-without-reason",
            Severity::Warning,
            d.id.at,
            Text::new(
                format!(
                    "device `{}` is left out of scope without a reason (`out_of_scope_reason`)",
                    d.id.value
                ),
                format!(
                    "機器 `{}` が理由（`out_of_scope_reason`）なしに対象外とされています",
                    d.id.value
                ),
            ),
        ));
    }
    out.sort_by_key(|f| (f.line, f.column, f.code));
    out
}

fn candidate_list(t: &DeviceThreatResult) -> String {
    if t.candidates.is_empty() {
        return "-".to_string();
    }
    t.candidates
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
