//! Checks of the DMF section: unique IDs, references, the shape each event kind needs, and an
//! event order without cycles.

use std::collections::HashMap;

use cpsrisk_catalog::dmf::catalogs;

use crate::diagnostic::{Diagnostic, Text};
use crate::levels::{CountermeasureStatus, EventKind, Named};
use crate::loc::Loc;
use crate::model::{Dmf, Endpoint};
use crate::validate::{IdSet, unknown};

const ORGANISATION: (&str, &str) = ("organisation", "組織");
const SYSTEM: (&str, &str) = ("system", "システム");
const PLACE: (&str, &str) = ("place", "場");
const DATA: (&str, &str) = ("data item", "データ");
const EVENT: (&str, &str) = ("event", "イベント");
const COUNTERMEASURE: (&str, &str) = ("countermeasure", "対策要件");

pub(crate) fn check(d: &Dmf, out: &mut Vec<Diagnostic>) {
    let organisations = IdSet::declare(ORGANISATION, d.organisations.iter().map(|o| &o.id), out);
    let systems = IdSet::declare(SYSTEM, d.systems.iter().map(|s| &s.id), out);
    IdSet::declare(PLACE, d.places.iter().map(|p| &p.id), out);
    let data = IdSet::declare(DATA, d.data.iter().map(|x| &x.id), out);
    let events = IdSet::declare(EVENT, d.events.iter().map(|e| &e.id), out);

    for s in &d.systems {
        s.operator
            .iter()
            .for_each(|o| organisations.resolve(o, out));
        s.runs_on.iter().for_each(|r| systems.resolve(r, out));
    }
    for p in &d.places {
        p.binds.iter().for_each(|o| organisations.resolve(o, out));
    }
    let endpoint = |e: &Endpoint, out: &mut Vec<Diagnostic>| {
        e.organisation
            .iter()
            .for_each(|o| organisations.resolve(o, out));
        e.system.iter().for_each(|s| systems.resolve(s, out));
    };
    let catalog = catalogs();
    for e in &d.events {
        e.after.iter().for_each(|a| events.resolve(a, out));
        e.inputs
            .iter()
            .chain(&e.outputs)
            .for_each(|x| data.resolve(x, out));
        endpoint(&e.at, out);
        if let Some(to) = &e.to {
            endpoint(to, out);
        }
        for key in e.changes.keys() {
            if !e.outputs.iter().any(|o| &o.value == key) {
                out.push(
                    Diagnostic::new(
                        e.id.at,
                        Text::new(
                            format!(
                                "event `{}` changes `{key}`, which is not among its outputs",
                                e.id.value
                            ),
                            format!(
                                "イベント `{}` は出力にないデータ `{key}` の属性を変更しています",
                                e.id.value
                            ),
                        ),
                    )
                    .with_hint(Some(Text::new(
                        format!("add `{key}` to `outputs`"),
                        format!("`outputs` に `{key}` を追加してください"),
                    ))),
                );
            }
        }
        match (e.kind, &e.to) {
            (EventKind::Transfer, None) => out.push(
                Diagnostic::new(
                    e.id.at,
                    Text::new(
                        format!("transfer `{}` has no receiving end", e.id.value),
                        format!("移転・提供 `{}` に受け手がありません", e.id.value),
                    ),
                )
                .with_hint(Some(Text::new(
                    "add `to: {country, organisation, system}`",
                    "`to: {country, organisation, system}` を追加してください",
                ))),
            ),
            (kind, Some(_)) if kind != EventKind::Transfer => out.push(Diagnostic::new(
                e.id.at,
                Text::new(
                    format!(
                        "only a transfer has a receiving end (`to`); `{}` is a `{}` event",
                        e.id.value,
                        kind.id()
                    ),
                    format!(
                        "受け手（`to`）を持てるのは移転・提供だけです（`{}` は {}）",
                        e.id.value,
                        kind.name_ja()
                    ),
                ),
            )),
            _ => {}
        }
        for c in &e.countermeasures {
            if catalog.countermeasure(&c.id.value).is_none() {
                out.push(unknown(
                    COUNTERMEASURE,
                    &c.id,
                    catalog.countermeasures.iter().map(|x| x.id.as_str()),
                ));
            }
            if c.status == CountermeasureStatus::NotApplicable
                && c.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                out.push(Diagnostic::new(
                    c.id.at,
                    Text::new(
                        format!(
                            "countermeasure `{}` is not applicable but no reason is given",
                            c.id.value
                        ),
                        format!("対策要件 `{}` を適用外とする理由がありません", c.id.value),
                    ),
                ));
            }
        }
    }
    if let Some(cycle) = find_cycle(d) {
        let path = cycle
            .iter()
            .map(|e| e.value.as_str())
            .collect::<Vec<_>>()
            .join(" → ");
        out.push(
            Diagnostic::new(
                cycle[0].at,
                Text::new(
                    format!("the events' order has a cycle: {path}; the flow cannot happen"),
                    format!("イベントの順序が循環しています: {path}。このフローは起こり得ません"),
                ),
            )
            .with_hint(Some(Text::new(
                "remove one of the `after` references",
                "`after` の参照のいずれかを削除してください",
            ))),
        );
    }
}

/// A cycle in the `after` relation, as the events along it (first repeated at the end).
/// Iterative depth-first search: linear in events plus references.
fn find_cycle(d: &Dmf) -> Option<Vec<&Loc<String>>> {
    let index: HashMap<&str, usize> = d
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = d
        .events
        .iter()
        .map(|e| {
            e.after
                .iter()
                .filter_map(|a| index.get(a.as_str()).copied())
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; d.events.len()];
    let mut parent = vec![usize::MAX; d.events.len()];
    for start in 0..d.events.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&succ) = edges[node].get(*next) {
                *next += 1;
                match state[succ] {
                    0 => {
                        state[succ] = 1;
                        parent[succ] = node;
                        stack.push((succ, 0));
                    }
                    1 => {
                        let mut cycle = vec![&d.events[succ].id];
                        let mut at = node;
                        while at != succ {
                            cycle.push(&d.events[at].id);
                            at = parent[at];
                        }
                        cycle.push(&d.events[succ].id);
                        cycle.reverse();
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    None
}
