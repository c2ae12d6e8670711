//! Checks of an IoT-SSF decision's shape that serde cannot express: who implements it.

use crate::diagnostic::{Diagnostic, Text};
use crate::model::Decision;

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
            let mut seen = std::collections::HashSet::new();
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
