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

    for o in &d.organisations {
        check_country(o.country.as_ref(), o.country_reason.as_deref(), &o.id, out);
    }
    for s in &d.systems {
        check_country(s.country.as_ref(), s.country_reason.as_deref(), &s.id, out);
        s.operator
            .iter()
            .for_each(|o| organisations.resolve(o, out));
        s.runs_on.iter().for_each(|r| systems.resolve(r, out));
    }
    for p in &d.places {
        p.binds.iter().for_each(|o| organisations.resolve(o, out));
        for c in p.jurisdiction.iter().chain(&p.adequate_countries) {
            check_code(&c.value, c.at, false, out);
        }
    }
    for x in &d.data {
        for c in x.attributes.countries.iter().flatten() {
            check_code(c, x.id.at, false, out);
        }
    }
    let endpoint = |e: &Endpoint, event: &Loc<String>, out: &mut Vec<Diagnostic>| {
        check_country(e.country.as_ref(), e.country_reason.as_deref(), event, out);
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
        endpoint(&e.at, &e.id, out);
        if let Some(to) = &e.to {
            endpoint(to, &e.id, out);
        }
        for c in e
            .changes
            .values()
            .flat_map(|a| a.countries.iter().flatten())
        {
            check_code(c, e.id.at, false, out);
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
            c.implementer
                .iter()
                .chain(&c.requested_by)
                .for_each(|o| organisations.resolve(o, out));
            if c.status == CountermeasureStatus::Requested && c.implementer.is_none() {
                out.push(
                    Diagnostic::new(
                        c.id.at,
                        Text::new(
                            format!(
                                "countermeasure `{}` is requested, but of whom is not said",
                                c.id.value
                            ),
                            format!("対策要件 `{}` の依頼先がありません", c.id.value),
                        ),
                    )
                    .with_hint(Some(Text::new(
                        "add `implementer: ORGANISATION` (the one asked to implement it)",
                        "`implementer: 組織ID`（実施を依頼した先）を追加してください",
                    ))),
                );
            }
            if let Some(by) = &c.requested_by
                && c.status != CountermeasureStatus::Requested
            {
                out.push(Diagnostic::new(
                    by.at,
                    Text::new(
                        format!(
                            "`requested_by` is only for status `requested`; countermeasure `{}` is `{}`",
                            c.id.value,
                            c.status.id()
                        ),
                        format!(
                            "`requested_by` は状態 `requested` の場合だけ書けます（対策要件 `{}` は `{}`）",
                            c.id.value,
                            c.status.id()
                        ),
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

/// A country of an organisation, a system's servers or an event's end: an ISO 3166-1 alpha-2
/// code, or `unknown` with the reason it cannot be identified (seed footnote 47, lines
/// 26946–26950, asks the company to state exactly that).
fn check_country(
    country: Option<&Loc<String>>,
    reason: Option<&str>,
    owner: &Loc<String>,
    out: &mut Vec<Diagnostic>,
) {
    let given = reason.is_some_and(|r| !r.trim().is_empty());
    match country {
        Some(c) if c.value == UNKNOWN && !given => {
            out.push(
                    Diagnostic::new(
                        c.at,
                        Text::new(
                            format!("`{}`: the country is `unknown` but no reason is given", owner.value),
                            format!("`{}`: 国が `unknown` ですが理由がありません", owner.value),
                        ),
                    )
                    .with_hint(Some(Text::new(
                        "add `country_reason:` saying why the country cannot be identified (footnote 47 asks the company to make that known)",
                        "`country_reason:` に国を特定できない理由を書いてください（脚注47: その旨と理由を本人の知り得る状態に置く）",
                    ))),
                );
        }
        Some(c) if c.value == UNKNOWN => {}
        Some(c) => {
            check_code(&c.value, c.at, true, out);
            if given {
                out.push(reason_without_unknown(owner));
            }
        }
        None if given => out.push(reason_without_unknown(owner)),
        None => {}
    }
}

const UNKNOWN: &str = "unknown";

fn reason_without_unknown(owner: &Loc<String>) -> Diagnostic {
    Diagnostic::new(
        owner.at,
        Text::new(
            format!(
                "`{}`: `country_reason` is only for `country: unknown`",
                owner.value
            ),
            format!(
                "`{}`: `country_reason` は `country: unknown` の場合だけ書けます",
                owner.value
            ),
        ),
    )
}

/// An ISO 3166-1 alpha-2 code (assigned, `EU`, or user-assigned such as `XX` for a country the
/// model does not name); a name or a near miss gets the code it means as a hint.
fn check_code(
    code: &str,
    at: crate::loc::Position,
    unknown_allowed: bool,
    out: &mut Vec<Diagnostic>,
) {
    use cpsrisk_catalog::countries;
    if countries::country(code).is_some() || countries::user_assigned(code) {
        return;
    }
    let hint = match countries::suggest(code) {
        Some(c) => Text::new(
            format!("did you mean `{}` ({})?", c.code, c.names_en[0]),
            format!("`{}`（{}）のことですか？", c.code, c.name_ja),
        ),
        None if unknown_allowed => Text::new(
            "write a two-letter code such as `JP`, `US`, `DE`, `EU`; or `unknown` with `country_reason`",
            "`JP`、`US`、`DE`、`EU` のような2文字のコードを書いてください。特定できない場合は `unknown` と `country_reason`",
        ),
        None => Text::new(
            "write a two-letter code such as `JP`, `US`, `DE`, `EU`",
            "`JP`、`US`、`DE`、`EU` のような2文字のコードを書いてください",
        ),
    };
    out.push(
        Diagnostic::new(
            at,
            Text::new(
                format!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
                format!("`{code}` は ISO 3166-1 alpha-2 の国コードではありません"),
            ),
        )
        .with_hint(Some(hint)),
    );
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

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn problems(dmf: &str) -> Vec<Diagnostic> {
        crate::load_and_check(&format!("cpsrisk: 1\nsystem: {{ name: t }}\ndmf:\n{dmf}"))
            .err()
            .unwrap_or_default()
    }

    const DATA: &str = "  data: [{ id: x, name: X }]\n  events: [{ id: e, kind: storage, name: s, inputs: [x] }]\n";

    #[test]
    fn countries_are_iso_codes_with_a_hint_for_names() {
        let p = problems(&format!(
            "  organisations:\n    - {{ id: a, name: A, country: Japan }}\n{DATA}"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].at.line, p[0].at.column), (5, 34));
        assert!(
            p[0].message
                .en
                .contains("`Japan` is not an ISO 3166-1 alpha-2")
        );
        let hint = p[0].hint.as_ref().unwrap();
        assert!(
            hint.en.contains("`JP` (Japan)") && hint.ja.contains("`JP`（日本）"),
            "{hint:?}"
        );
        for ok in ["JP", "EU", "XX"] {
            let p = problems(&format!(
                "  organisations:\n    - {{ id: a, name: A, country: {ok} }}\n{DATA}"
            ));
            assert!(p.is_empty(), "{ok}: {p:?}");
        }
        let p = problems(&format!(
            "  places:\n    - {{ id: l, name: L, rule: law, categories: [], jurisdiction: unknown, adequate_countries: [Germany] }}\n{DATA}"
        ));
        assert_eq!(p.len(), 2, "a law's countries must be codes: {p:?}");
        assert!(p[1].hint.as_ref().unwrap().en.contains("`DE`"));
    }

    /// Footnote 47 (seed lines 26946–26950): a server's country that cannot be identified is
    /// stated as such, with the reason.
    #[test]
    fn unknown_country_needs_its_reason() {
        let sys = |extra: &str| {
            problems(&format!(
                "  systems:\n    - {{ id: s, name: S, {extra} }}\n{DATA}"
            ))
        };
        let p = sys("country: unknown");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].hint.as_ref().unwrap().en.contains("country_reason"));
        assert!(
            sys("country: unknown, country_reason: the provider does not disclose it").is_empty()
        );
        assert_eq!(sys("country: JP, country_reason: why").len(), 1);
    }

    /// 27348–27352: A asks B for measures equal to its own; a request names whom it asks.
    #[test]
    fn a_request_names_its_implementer() {
        let with = |cm: &str| {
            problems(&format!(
                "  organisations: [{{ id: a, name: A }}, {{ id: b, name: B }}]\n  data: [{{ id: x, name: X }}]\n  events: [{{ id: e, kind: storage, name: s, inputs: [x], at: {{ organisation: a }}, countermeasures: [{cm}] }}]\n"
            ))
        };
        assert!(with("{ id: DMF-C01, status: requested, implementer: b }").is_empty());
        let p = with("{ id: DMF-C01, status: requested }");
        assert!(p[0].message.en.contains("of whom is not said"), "{p:?}");
        let p = with("{ id: DMF-C01, status: in-place, implementer: z, requested_by: a }");
        assert_eq!(
            p.len(),
            2,
            "unknown implementer and requested_by without a request: {p:?}"
        );
    }
}
