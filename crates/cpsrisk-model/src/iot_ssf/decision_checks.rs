//! Checks of an IoT-SSF decision that serde cannot express: who implements it, and which
//! 添付B measures it takes up.

use cpsrisk_catalog::iot_ssf::catalogs;

use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::iot_ssf::model::Decision;

/// Each `annex_b` entry names a measure of 添付B (`SSF-R04.m1.2`) of the decision's requirement.
pub(crate) fn annex_b_measures(decision: &Decision, out: &mut Vec<Diagnostic>) {
    let c = catalogs();
    let requirement = decision.requirement.as_str();
    for m in &decision.annex_b {
        let (en, ja) = match c.measure(m.as_str()) {
            Some(found) if found.requirement == requirement => continue,
            Some(found) => (
                format!(
                    "`{}` is a measure of `{}`, not of this decision's `{requirement}`",
                    m.value, found.requirement
                ),
                format!(
                    "`{}` は `{}` の対策例であり、この意思決定の `{requirement}` のものではありません",
                    m.value, found.requirement
                ),
            ),
            None => (
                format!("unknown 添付B measure `{}`", m.value),
                format!("添付B に対策例 `{}` はありません", m.value),
            ),
        };
        // Only on an error: the requirement's own measures, for the hint.
        let own: Vec<&str> = c
            .measures()
            .filter(|x| x.requirement == requirement)
            .map(|x| x.id)
            .collect();
        let hint = did_you_mean(m.as_str(), own.iter().copied()).or_else(|| {
            Some(if own.is_empty() {
                Text::new(
                    format!("`{requirement}` has no 添付B measures"),
                    format!("`{requirement}` には添付B の対策例がありません"),
                )
            } else {
                Text::new(
                    format!("measures of `{requirement}`: {}", own.join(", ")),
                    format!("`{requirement}` の対策例: {}", own.join(", ")),
                )
            })
        });
        out.push(Diagnostic::new(m.at, Text::new(en, ja)).with_hint(hint));
    }
}

/// A decision names its implementer once: `implementer: ID`, or `implementers: [ID, …]` for
/// measures several organisations implement jointly — not both, not neither, no repeats.
pub(crate) fn implementer_given(decision: &Decision, out: &mut Vec<Diagnostic>) {
    let at = decision.requirement.at;
    let (en, ja) = match (&decision.implementer, decision.implementers.is_empty()) {
        (None, true) => (
            format!(
                "decision on `{}` names no implementer",
                decision.requirement.value
            ),
            format!(
                "対策要件 `{}` の意思決定に実施主体がありません",
                decision.requirement.value
            ),
        ),
        (Some(_), false) => (
            format!(
                "decision on `{}` has both `implementer` and `implementers`",
                decision.requirement.value
            ),
            format!(
                "対策要件 `{}` の意思決定に `implementer` と `implementers` の両方があります",
                decision.requirement.value
            ),
        ),
        _ => {
            let mut seen = foldhash::HashSet::default();
            for s in decision
                .implementers
                .iter()
                .filter(|s| !seen.insert(s.as_str()))
            {
                out.push(Diagnostic::new(
                    s.at,
                    Text::new(
                        format!("`{}` is listed twice among the implementers", s.value),
                        format!("`{}` が実施主体に重複しています", s.value),
                    ),
                ));
            }
            return;
        }
    };
    out.push(Diagnostic::new(at, Text::new(en, ja)).with_hint(Some(Text::new(
        "write `implementer: ID`, or `implementers: [ID, ID]` for a measure several organisations implement jointly",
        "`implementer: ID` と書くか、複数の組織が共同で実施する対策では `implementers: [ID, ID]` と書いてください",
    ))));
}
