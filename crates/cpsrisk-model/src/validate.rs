//! Checks that go beyond the shape of the file: unique IDs, references that resolve, values in
//! range, and the fields some values make mandatory. A model that passes can be assessed.
//! Each framework's checks are in its module (`iot_ssf`, `conformance`, `dmf`); here are the
//! version check and what they share: declared IDs and the "unknown ID" diagnostic.

use foldhash::{HashMap, HashMapExt};

use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::loc::{Loc, Position};
use crate::model::Model;

/// All problems of `model`, in file order. Empty when the model can be assessed.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if model.cpsrisk.value != 1 {
        out.push(Diagnostic::new(
            model.cpsrisk.at,
            Text::new(
                format!(
                    "unsupported model format version {}; this cpsrisk reads version 1",
                    model.cpsrisk.value
                ),
                format!(
                    "モデル形式のバージョン {} には対応していません（対応: 1）",
                    model.cpsrisk.value
                ),
            ),
        ));
    }
    if let Some(iot) = &model.iot_ssf {
        crate::iot_ssf::check(iot, &mut out);
    }
    if let Some(conformance) = &model.conformance {
        crate::conformance::check(conformance, &mut out);
    }
    if let Some(dmf) = &model.dmf {
        crate::dmf::check(dmf, &mut out);
    }
    out.sort_by_key(|d| (d.at.line, d.at.column));
    out
}

/// The IDs of one kind declared in a model, with where each was declared.
pub(crate) struct IdSet<'m> {
    kind: (&'static str, &'static str),
    pub(crate) ids: HashMap<&'m str, Position>,
}

impl<'m> IdSet<'m> {
    pub(crate) fn declare(
        kind: (&'static str, &'static str),
        ids: impl IntoIterator<Item = &'m Loc<String>>,
        out: &mut Vec<Diagnostic>,
    ) -> Self {
        let ids = ids.into_iter();
        let mut set = IdSet {
            kind,
            ids: HashMap::with_capacity(ids.size_hint().0),
        };
        for id in ids {
            if let Some(problem) = crate::id::problem(&id.value) {
                out.push(Diagnostic::new(id.at, problem).with_hint(Some(crate::id::hint())));
            }
            if let Some(first) = set.ids.insert(id.as_str(), id.at) {
                out.push(
                    Diagnostic::new(
                        id.at,
                        Text::new(
                            format!(
                                "{} `{}` is declared twice (first at line {})",
                                kind.0, id.value, first.line
                            ),
                            format!(
                                "{} `{}` が二重に定義されています（最初の定義: {} 行目）",
                                kind.1, id.value, first.line
                            ),
                        ),
                    )
                    .with_hint(Some(Text::new(
                        "give each one its own ID",
                        "それぞれに別の ID を付けてください",
                    ))),
                );
                set.ids.insert(id.as_str(), first);
            }
        }
        set
    }

    pub(crate) fn resolve(&self, reference: &Loc<String>, out: &mut Vec<Diagnostic>) {
        if !self.ids.contains_key(reference.as_str()) {
            let d = unknown(self.kind, reference, self.ids.keys().copied(), out);
            out.push(d);
        }
    }
}

/// Near-miss searches stop once this many problems are found. Each search is a pass over the
/// known IDs, so searching for every one of thousands of misspelt references would be
/// quadratic; the first problems are the ones printed ([`crate::PRINTED_DIAGNOSTICS`]).
pub(crate) fn worth_searching(found: &[Diagnostic]) -> bool {
    found.len() < crate::PRINTED_DIAGNOSTICS
}

/// Up to this many known IDs are listed when none is close to the unknown one.
const LISTED_IDS: usize = 16;

/// "unknown KIND `x`", with the closest known ID (while [`worth_searching`]) or, for a short
/// list, every known ID.
pub(crate) fn unknown<'a>(
    kind: (&str, &str),
    reference: &Loc<String>,
    known: impl IntoIterator<Item = &'a str>,
    found: &[Diagnostic],
) -> Diagnostic {
    let mut known = known.into_iter();
    let mut first: Vec<&str> = known.by_ref().take(LISTED_IDS + 1).collect();
    let near = worth_searching(found)
        .then(|| did_you_mean(&reference.value, first.iter().copied().chain(known)))
        .flatten();
    Diagnostic::new(
        reference.at,
        Text::new(
            format!("unknown {} `{}`", kind.0, reference.value),
            format!("{} `{}` は存在しません", kind.1, reference.value),
        ),
    )
    .with_hint(near.or_else(|| {
        (!first.is_empty() && first.len() <= LISTED_IDS).then(|| {
            first.sort_unstable();
            let list = first.join(", ");
            Text::new(format!("known: {list}"), format!("定義済み: {list}"))
        })
    }))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn unknown_references_cost_linear_time_overall() {
        // 10,000 misspelt references against 10,000 known IDs: count the known IDs each
        // diagnostic looks at. A near-miss search for each would visit 10^8.
        let known: Vec<String> = (0..10_000).map(|i| format!("device-{i}")).collect();
        let visited = Cell::new(0usize);
        let mut out = Vec::new();
        for i in 0..10_000 {
            let reference = Loc::new(
                format!("devcie-{i}"),
                Position {
                    line: i + 1,
                    column: 1,
                },
            );
            let candidates = known
                .iter()
                .map(String::as_str)
                .inspect(|_| visited.set(visited.get() + 1));
            let d = unknown(("device", "機器"), &reference, candidates, &out);
            out.push(d);
        }
        let searched = crate::PRINTED_DIAGNOSTICS;
        assert!(out[..searched].iter().all(|d| {
            d.hint
                .as_ref()
                .unwrap()
                .en
                .starts_with("did you mean `device-")
        }));
        assert!(out[searched..].iter().all(|d| d.hint.is_none()));
        let bound = searched * known.len() + (out.len() - searched) * (LISTED_IDS + 1);
        assert_eq!(visited.get(), bound);
    }
}
