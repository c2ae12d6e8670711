//! Checks of the IoT-SSF section: unique IDs, references that resolve (stakeholders, devices,
//! incidents, catalog threats and requirements), values in range, and the reasons some
//! statuses require. The checks run in file order of the sections, so diagnostics come out in
//! the same order as the model.

use foldhash::{HashMap, HashMapExt};

use cpsrisk_catalog::iot_ssf::catalogs;

use crate::cycle;
use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::iot_ssf::decision_checks;
use crate::iot_ssf::model::{Decision, Device, ExtraRequirement, IotSsf, Policy, Rating};
use crate::levels::DecisionStatus;
use crate::loc::{Loc, Position};
use crate::validate::{IdSet, unknown, worth_searching};

const STAKEHOLDER: (&str, &str) = ("stakeholder", "ステークホルダー");
const DEVICE: (&str, &str) = ("device", "機器");
const INCIDENT: (&str, &str) = ("incident", "インシデント");
const POLICY: (&str, &str) = ("policy", "対策方針");
const FLOW: (&str, &str) = ("data flow", "データフロー");
const REQUIREMENT: (&str, &str) = ("requirement", "対策要件");
const THREAT: (&str, &str) = ("threat", "脅威");

pub(crate) fn check(iot: &IotSsf, out: &mut Vec<Diagnostic>) {
    let ids = Declared::new(iot, out);
    ids.stakeholders.resolve(&iot.applying_entity, out);
    for device in &iot.devices {
        device_references(&ids, device, out);
        out_of_scope_reason_given(device, out);
    }
    protection_without_cycles(iot, out);
    for flow in &iot.data_flows {
        for d in [&flow.from, &flow.to].into_iter().chain(&flow.via) {
            ids.devices.resolve(d, out);
        }
    }
    for incident in &iot.incidents {
        incident
            .devices
            .iter()
            .for_each(|d| ids.devices.resolve(d, out));
        incident.threats.iter().for_each(|t| ids.threat(t, out));
        incident
            .affects
            .iter()
            .for_each(|s| ids.stakeholders.resolve(s, out));
    }
    one_rating_per_stakeholder(&ids, &iot.ratings, out);
    for policy in &iot.policies {
        policy_references(&ids, policy, out);
        policy_axes_in_range(policy, out);
    }
    for t in &iot.threats {
        ids.devices.resolve(&t.device, out);
        ids.threat(&t.threat, out);
        t.requirements.iter().for_each(|r| ids.requirement(r, out));
    }
    for extra in &iot.extra_requirements {
        extra_requirement_has_own_id(extra, out);
        viewpoint_in_range(&extra.viewpoint, out);
    }
    for decision in &iot.decisions {
        decision_references(&ids, decision, out);
        not_adopted_has_reason(decision, out);
    }
    for control in &iot.controls {
        control
            .requirement
            .iter()
            .for_each(|r| ids.requirement(r, out));
        control
            .devices
            .iter()
            .for_each(|d| ids.devices.resolve(d, out));
    }
}

/// The IDs the section declares, each declared once.
struct Declared<'m> {
    stakeholders: IdSet<'m>,
    devices: IdSet<'m>,
    incidents: IdSet<'m>,
    extra_requirements: IdSet<'m>,
}

impl<'m> Declared<'m> {
    fn new(iot: &'m IotSsf, out: &mut Vec<Diagnostic>) -> Self {
        let stakeholders = IdSet::declare(STAKEHOLDER, iot.stakeholders.iter().map(|s| &s.id), out);
        let devices = IdSet::declare(DEVICE, iot.devices.iter().map(|d| &d.id), out);
        let incidents = IdSet::declare(INCIDENT, iot.incidents.iter().map(|i| &i.id), out);
        IdSet::declare(POLICY, iot.policies.iter().map(|p| &p.id), out);
        IdSet::declare(FLOW, iot.data_flows.iter().map(|f| &f.id), out);
        let extra_requirements = IdSet::declare(
            REQUIREMENT,
            iot.extra_requirements.iter().map(|r| &r.id),
            out,
        );
        Declared {
            stakeholders,
            devices,
            incidents,
            extra_requirements,
        }
    }

    /// A requirement of 表A-1 (`SSF-Rnn`) or of `extra_requirements`.
    fn requirement(&self, r: &Loc<String>, out: &mut Vec<Diagnostic>) {
        let catalog = catalogs();
        if catalog.requirement(&r.value).is_none()
            && !self.extra_requirements.ids.contains_key(r.as_str())
        {
            let known = catalog
                .requirements
                .iter()
                .map(|c| c.id.as_str())
                .chain(self.extra_requirements.ids.keys().copied());
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
    }

    /// A threat of the catalog `iot-ssf-threats`.
    fn threat(&self, t: &Loc<String>, out: &mut Vec<Diagnostic>) {
        let catalog = catalogs();
        if catalog.threat(&t.value).is_none() {
            let d = unknown(
                THREAT,
                t,
                catalog.threats.iter().map(|c| c.id.as_str()),
                out,
            );
            out.push(d);
        }
    }
}

fn device_references(ids: &Declared, device: &Device, out: &mut Vec<Diagnostic>) {
    device
        .managed_by
        .iter()
        .for_each(|s| ids.stakeholders.resolve(s, out));
    device
        .protected_by
        .iter()
        .for_each(|d| ids.devices.resolve(d, out));
}

/// A device left out of scope says why (2-2-1).
fn out_of_scope_reason_given(device: &Device, out: &mut Vec<Diagnostic>) {
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
                    format!(
                        "device `{}` is out of scope (`in_scope: false`) but no reason is given",
                        device.id.value
                    ),
                    format!(
                        "機器 `{}` は対象外（`in_scope: false`）ですが、理由がありません",
                        device.id.value
                    ),
                ),
            )
            .with_hint(Some(Text::new(
                "add `out_of_scope_reason: …` (IoT-SSF asks why a device is left out)",
                "`out_of_scope_reason: …` を追加してください（対象外とする理由の記録が必要です）",
            ))),
        );
    }
}

/// Each stakeholder is rated once, with incidents the model declares (2-2-2 ②).
fn one_rating_per_stakeholder(ids: &Declared, ratings: &[Rating], out: &mut Vec<Diagnostic>) {
    let mut rated: HashMap<&str, Position> = HashMap::new();
    for rating in ratings {
        ids.stakeholders.resolve(&rating.stakeholder, out);
        rating
            .incidents
            .iter()
            .for_each(|i| ids.incidents.resolve(i, out));
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
}

fn policy_references(ids: &Declared, policy: &Policy, out: &mut Vec<Diagnostic>) {
    ids.stakeholders.resolve(&policy.stakeholder, out);
    policy
        .requirements
        .iter()
        .for_each(|r| ids.requirement(r, out));
}

/// A policy addresses axis 1, axis 2 or both.
fn policy_axes_in_range(policy: &Policy, out: &mut Vec<Diagnostic>) {
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

/// A requirement of the model's own does not take a 表A-1 ID.
fn extra_requirement_has_own_id(extra: &ExtraRequirement, out: &mut Vec<Diagnostic>) {
    if catalogs().requirement(&extra.id.value).is_some() || extra.id.value.starts_with("SSF-") {
        out.push(Diagnostic::new(
            extra.id.at,
            Text::new(
                format!("`{}` looks like a 表A-1 ID; give a requirement of your own an ID such as `X-…`", extra.id.value),
                format!("`{}` は表A-1 の ID の形式です。独自の対策要件には `X-…` などの ID を付けてください", extra.id.value),
            ),
        ));
    }
}

fn decision_references(ids: &Declared, decision: &Decision, out: &mut Vec<Diagnostic>) {
    ids.requirement(&decision.requirement, out);
    decision
        .implementers()
        .for_each(|s| ids.stakeholders.resolve(s, out));
    decision_checks::implementer_given(decision, out);
    decision_checks::annex_b_measures(decision, out);
    decision
        .devices
        .iter()
        .for_each(|d| ids.devices.resolve(d, out));
    decision.threats.iter().for_each(|t| ids.threat(t, out));
}

/// A requirement not adopted says why (2-2-3 ③).
fn not_adopted_has_reason(decision: &Decision, out: &mut Vec<Diagnostic>) {
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

/// A device is protected by another one, never by itself, and protection has no cycles.
fn protection_without_cycles(iot: &IotSsf, out: &mut Vec<Diagnostic>) {
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

/// 表A-1 has four viewpoints.
fn viewpoint_in_range(v: &Loc<u8>, out: &mut Vec<Diagnostic>) {
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
