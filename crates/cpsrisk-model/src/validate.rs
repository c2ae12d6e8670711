//! Checks that go beyond the shape of the file: unique IDs, references that resolve, values in
//! range, and the fields some values make mandatory. A model that passes can be assessed.

use std::collections::HashMap;

use cpsrisk_catalog::conformance::{self, Applicability};
use cpsrisk_catalog::iot_ssf::catalogs;

use crate::cycle;
use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::levels::{DecisionStatus, ProvisionStatus, Verdict};
use crate::loc::{Loc, Position};
use crate::model::{Conformance, IotSsf, Model};

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
        check_iot_ssf(iot, &mut out);
    }
    if let Some(conformance) = &model.conformance {
        check_conformance(conformance, &mut out);
    }
    if let Some(dmf) = &model.dmf {
        crate::validate_dmf::check(dmf, &mut out);
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
        let mut set = IdSet {
            kind,
            ids: HashMap::new(),
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

const STAKEHOLDER: (&str, &str) = ("stakeholder", "ステークホルダー");
const DEVICE: (&str, &str) = ("device", "機器");
const INCIDENT: (&str, &str) = ("incident", "インシデント");
const POLICY: (&str, &str) = ("policy", "対策方針");
const FLOW: (&str, &str) = ("data flow", "データフロー");
const REQUIREMENT: (&str, &str) = ("requirement", "対策要件");
const THREAT: (&str, &str) = ("threat", "脅威");

fn check_iot_ssf(iot: &IotSsf, out: &mut Vec<Diagnostic>) {
    let stakeholders = IdSet::declare(STAKEHOLDER, iot.stakeholders.iter().map(|s| &s.id), out);
    let devices = IdSet::declare(DEVICE, iot.devices.iter().map(|d| &d.id), out);
    let incidents = IdSet::declare(INCIDENT, iot.incidents.iter().map(|i| &i.id), out);
    IdSet::declare(POLICY, iot.policies.iter().map(|p| &p.id), out);
    IdSet::declare(FLOW, iot.data_flows.iter().map(|f| &f.id), out);
    let extras = IdSet::declare(
        REQUIREMENT,
        iot.extra_requirements.iter().map(|r| &r.id),
        out,
    );

    let catalog = catalogs();
    let requirement = |r: &Loc<String>, out: &mut Vec<Diagnostic>| {
        if catalog.requirement(&r.value).is_none() && !extras.ids.contains_key(r.as_str()) {
            let known = catalog
                .requirements
                .iter()
                .map(|c| c.id.as_str())
                .chain(extras.ids.keys().copied());
            let hint = padded_requirement_id(r)
                .map(|id| Text::new(format!("did you mean `{id}`?"), format!("`{id}` の誤りではありませんか？")))
                .or_else(|| worth_searching(out).then(|| did_you_mean(&r.value, known)).flatten())
                .unwrap_or_else(|| Text::new(
                    "requirement IDs are SSF-R01 … SSF-R41 (`cpsrisk catalog export iot-ssf-requirements`) or the ID of an entry of `extra_requirements`",
                    "対策要件の ID は SSF-R01〜SSF-R41（`cpsrisk catalog export iot-ssf-requirements`）か、`extra_requirements` に定義した ID です",
                ));
            let d = unknown(REQUIREMENT, r, std::iter::empty(), out).with_hint(Some(hint));
            out.push(d);
        }
    };
    let threat = |t: &Loc<String>, out: &mut Vec<Diagnostic>| {
        if catalog.threat(&t.value).is_none() {
            let d = unknown(
                THREAT,
                t,
                catalog.threats.iter().map(|c| c.id.as_str()),
                out,
            );
            out.push(d);
        }
    };

    stakeholders.resolve(&iot.applying_entity, out);
    for device in &iot.devices {
        device
            .managed_by
            .iter()
            .for_each(|s| stakeholders.resolve(s, out));
        device
            .protected_by
            .iter()
            .for_each(|d| devices.resolve(d, out));
        if !device.in_scope
            && device
                .out_of_scope_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            out.push(
                Diagnostic::new(
                    device.id.at,
                    Text::new(
                        format!("device `{}` is out of scope (`in_scope: false`) but no reason is given", device.id.value),
                        format!("機器 `{}` は対象外（`in_scope: false`）ですが、理由がありません", device.id.value),
                    ),
                )
                .with_hint(Some(Text::new(
                    "add `out_of_scope_reason: …` (IoT-SSF asks why a device is left out)",
                    "`out_of_scope_reason: …` を追加してください（対象外とする理由の記録が必要です）",
                ))),
            );
        }
    }
    check_protection(iot, out);
    for flow in &iot.data_flows {
        for d in [&flow.from, &flow.to].into_iter().chain(&flow.via) {
            devices.resolve(d, out);
        }
    }
    for incident in &iot.incidents {
        incident
            .devices
            .iter()
            .for_each(|d| devices.resolve(d, out));
        incident.threats.iter().for_each(|t| threat(t, out));
        incident
            .affects
            .iter()
            .for_each(|s| stakeholders.resolve(s, out));
    }
    let mut rated: HashMap<&str, Position> = HashMap::new();
    for rating in &iot.ratings {
        stakeholders.resolve(&rating.stakeholder, out);
        rating
            .incidents
            .iter()
            .for_each(|i| incidents.resolve(i, out));
        if let Some(first) = rated.insert(rating.stakeholder.as_str(), rating.stakeholder.at) {
            out.push(Diagnostic::new(
                rating.stakeholder.at,
                Text::new(
                    format!(
                        "stakeholder `{}` is rated twice (first at line {})",
                        rating.stakeholder.value, first.line
                    ),
                    format!(
                        "ステークホルダー `{}` の評価が二つあります（最初: {} 行目）",
                        rating.stakeholder.value, first.line
                    ),
                ),
            ));
        }
    }
    for policy in &iot.policies {
        stakeholders.resolve(&policy.stakeholder, out);
        policy.requirements.iter().for_each(|r| requirement(r, out));
        for axis in &policy.axes {
            if !(1..=2).contains(&axis.value) {
                out.push(Diagnostic::new(
                    axis.at,
                    Text::new(
                        format!("a policy addresses axis 1 or 2, not {}", axis.value),
                        format!("対策方針の対象は第1軸か第2軸です（{} は不可）", axis.value),
                    ),
                ));
            }
        }
    }
    for t in &iot.threats {
        devices.resolve(&t.device, out);
        threat(&t.threat, out);
        t.requirements.iter().for_each(|r| requirement(r, out));
    }
    for extra in &iot.extra_requirements {
        if catalog.requirement(&extra.id.value).is_some() || extra.id.value.starts_with("SSF-") {
            out.push(Diagnostic::new(
                extra.id.at,
                Text::new(
                    format!("`{}` looks like a 表A-1 ID; give a requirement of your own an ID such as `X-…`", extra.id.value),
                    format!("`{}` は表A-1 の ID の形式です。独自の対策要件には `X-…` などの ID を付けてください", extra.id.value),
                ),
            ));
        }
        viewpoint(&extra.viewpoint, out);
    }
    for decision in &iot.decisions {
        requirement(&decision.requirement, out);
        decision
            .implementers()
            .for_each(|s| stakeholders.resolve(s, out));
        crate::validate_decision::implementer_given(decision, out);
        crate::validate_decision::annex_b_measures(decision, out);
        decision
            .devices
            .iter()
            .for_each(|d| devices.resolve(d, out));
        decision.threats.iter().for_each(|t| threat(t, out));
        if decision.status.value == DecisionStatus::NotAdopted
            && decision.reason.as_deref().is_none_or(str::is_empty)
        {
            out.push(
                Diagnostic::new(
                    decision.status.at,
                    Text::new(
                        format!(
                            "requirement `{}` is not adopted but no reason is given",
                            decision.requirement.value
                        ),
                        format!(
                            "対策要件 `{}` を不採用とする理由がありません",
                            decision.requirement.value
                        ),
                    ),
                )
                .with_hint(Some(Text::new(
                    "add `reason: …` to this decision",
                    "この意思決定に `reason: …` を追加してください",
                ))),
            );
        }
    }
    for control in &iot.controls {
        control.requirement.iter().for_each(|r| requirement(r, out));
        control.devices.iter().for_each(|d| devices.resolve(d, out));
    }
}

/// A device is protected by another one, never by itself, and protection has no cycles.
fn check_protection(iot: &IotSsf, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&Loc<String>> = iot.devices.iter().map(|d| &d.id).collect();
    let protector = |i: usize| iot.devices[i].protected_by.as_ref().map(Loc::as_str);
    let Some(cycle) = cycle::find(&ids, protector) else {
        return;
    };
    let hint = Text::new(
        "`protected_by` names the device in front of this one (a gateway, a server); remove it or name another device",
        "`protected_by` にはこの機器を守る手前の機器（ゲートウェイ、サーバなど）を指定します。削除するか別の機器を指定してください",
    );
    out.push(if cycle.len() == 2 {
        Diagnostic::new(
            cycle[0].at,
            Text::new(
                format!("device `{}` is protected by itself", cycle[0].value),
                format!(
                    "機器 `{}` が自分自身に守られていることになっています",
                    cycle[0].value
                ),
            ),
        )
        .with_hint(Some(hint))
    } else {
        cycle::diagnostic(
            &cycle,
            |path| {
                Text::new(
                    format!("devices protect each other in a cycle: {path}"),
                    format!("機器の保護関係（`protected_by`）が循環しています: {path}"),
                )
            },
            hint,
        )
    });
}

fn viewpoint(v: &Loc<u8>, out: &mut Vec<Diagnostic>) {
    if !(1..=4).contains(&v.value) {
        out.push(Diagnostic::new(
            v.at,
            Text::new(
                format!("viewpoint must be 1, 2, 3 or 4, not {}", v.value),
                format!("観点は 1〜4 です（{} は不可）", v.value),
            ),
        ));
    }
}

/// For `SSF-R5`, `R05` or `SSF-R005`: the zero-padded catalog ID the user probably meant.
fn padded_requirement_id(r: &Loc<String>) -> Option<String> {
    let digits: String = r.value.chars().filter(char::is_ascii_digit).collect();
    let n: u32 = digits.parse().ok()?;
    let id = format!("SSF-R{n:02}");
    (id != r.value && catalogs().requirement(&id).is_some()).then_some(id)
}

const PROVISION: (&str, &str) = ("EN 303 645 provision", "EN 303 645 の規定");
const TEST_CASE: (&str, &str) = ("TS 103 701 test case", "TS 103 701 のテストケース");

/// Statuses and verdicts must agree with what the product's stated properties make applicable.
fn check_conformance(c: &Conformance, out: &mut Vec<Diagnostic>) {
    let catalog = conformance::catalogs();
    let mut statements: HashMap<&str, (Position, ProvisionStatus)> = HashMap::new();
    for st in &c.provisions {
        let Some(provision) = catalog.provision(&st.id.value) else {
            let d = unknown(
                PROVISION,
                &st.id,
                catalog.provisions.iter().map(|p| p.id.as_str()),
                out,
            )
            .with_hint(provision_hint(&st.id.value));
            out.push(d);
            continue;
        };
        if let Some((first, _)) = statements.insert(st.id.as_str(), (st.id.at, st.status.value)) {
            out.push(Diagnostic::new(
                st.id.at,
                Text::new(
                    format!(
                        "provision `{}` has two statements (first at line {})",
                        st.id.value, first.line
                    ),
                    format!(
                        "規定 `{}` の記述が二つあります（最初: {} 行目）",
                        st.id.value, first.line
                    ),
                ),
            ));
        }
        match (provision.applicability(|p| c.product.properties.get(p)), st.status.value) {
            (Applicability::Applies, ProvisionStatus::NotApplicable) => out.push(
                Diagnostic::new(
                    st.status.at,
                    Text::new(
                        format!("provision `{}` is stated not applicable, but the product's properties make it apply", st.id.value),
                        format!("規定 `{}` は適用外とされていますが、製品の属性からは適用されます", st.id.value),
                    ),
                )
                .with_hint(Some(condition_hint(provision))),
            ),
            (Applicability::DoesNotApply { condition }, ProvisionStatus::Met | ProvisionStatus::NotMet) => out.push(
                Diagnostic::new(
                    st.status.at,
                    Text::new(
                        format!("provision `{}` is stated `{}`, but it does not apply: the product does not satisfy `{condition}`", st.id.value, crate::levels::Named::id(st.status.value)),
                        format!("規定 `{}` は `{}` とされていますが、製品が条件 `{condition}` を満たさないため適用されません", st.id.value, crate::levels::Named::id(st.status.value)),
                    ),
                )
                .with_hint(Some(Text::new("state it `not-applicable`, or correct the product's properties", "`not-applicable` とするか、製品の属性を見直してください"))),
            ),
            _ => {}
        }
    }
    let mut verdicts: HashMap<&str, Position> = HashMap::new();
    for t in &c.tests {
        let Some(case) = catalog.test_case(&t.id.value) else {
            let d = unknown(
                TEST_CASE,
                &t.id,
                catalog.test_cases.iter().map(|x| x.id.as_str()),
                out,
            );
            out.push(d);
            continue;
        };
        if let Some(first) = verdicts.insert(t.id.as_str(), t.id.at) {
            out.push(Diagnostic::new(
                t.id.at,
                Text::new(
                    format!(
                        "test case `{}` has two verdicts (first at line {})",
                        t.id.value, first.line
                    ),
                    format!(
                        "テストケース `{}` の判定が二つあります（最初: {} 行目）",
                        t.id.value, first.line
                    ),
                ),
            ));
        }
        if t.verdict.value == Verdict::NotApplicable {
            continue;
        }
        let stated_na = statements
            .get(case.provision.as_str())
            .is_some_and(|(_, s)| *s == ProvisionStatus::NotApplicable);
        let does_not_apply = catalog.provision(&case.provision).is_some_and(|p| {
            matches!(
                p.applicability(|x| c.product.properties.get(x)),
                Applicability::DoesNotApply { .. }
            )
        });
        if stated_na || does_not_apply {
            out.push(Diagnostic::new(
                t.verdict.at,
                Text::new(
                    format!("test case `{}` has a verdict, but its provision `{}` is not applicable to this product", t.id.value, case.provision),
                    format!("テストケース `{}` に判定がありますが、対応する規定 `{}` はこの製品に適用されません", t.id.value, case.provision),
                ),
            )
            .with_hint(Some(Text::new("record the verdict `not-applicable`", "判定を `not-applicable` としてください"))));
        }
    }
    if let Some(level) = c.label.as_ref().and_then(|l| l.target_level.as_ref())
        && !(1..=4).contains(&level.value)
    {
        out.push(Diagnostic::new(
            level.at,
            Text::new(
                format!("label level must be 1, 2, 3 or 4, not {}", level.value),
                format!("ラベルのレベルは 1〜4 です（{} は不可）", level.value),
            ),
        ));
    }
}

/// For `5.1.1` or `6.1`: the provision ID in the standard's spelling.
fn provision_hint(id: &str) -> Option<Text> {
    let catalog = conformance::catalogs();
    let digits: Vec<&str> = id.split(['.', '-']).collect();
    let candidates = match digits.as_slice() {
        [a, b, c] => vec![format!("{a}.{b}-{c}")],
        [a, b] => vec![format!("{a}-{b}"), format!("{a}.{b}")],
        _ => vec![],
    };
    candidates
        .into_iter()
        .find(|c| c != id && catalog.provision(c).is_some())
        .map(|c| {
            Text::new(
                format!("did you mean `{c}`?"),
                format!("`{c}` の誤りではありませんか？"),
            )
        })
        .or_else(|| did_you_mean(id, catalog.provisions.iter().map(|p| p.id.as_str())))
}

fn condition_hint(p: &conformance::Provision) -> Text {
    let en = p
        .condition_en
        .clone()
        .unwrap_or_else(|| "it applies to every product".into());
    let ja = p
        .condition_ja_normalized
        .clone()
        .or_else(|| p.condition_ja.clone())
        .unwrap_or_else(|| "すべての製品に適用されます".into());
    Text::new(
        format!("condition: {en}; state `met` or `not-met` with a justification"),
        format!("条件: {ja}。`met` か、理由を付けて `not-met` としてください"),
    )
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
            let d = unknown(DEVICE, &reference, candidates, &out);
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
