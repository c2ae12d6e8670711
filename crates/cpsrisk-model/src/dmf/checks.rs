//! Checks of the DMF section: unique IDs, references, the shape each event kind needs, and no
//! cycles in the events' order or in what systems run on.

use cpsrisk_catalog::dmf::catalogs;

use crate::cycle;
use crate::diagnostic::{Diagnostic, Text};
use crate::dmf::model::{CountermeasureRecord, Dmf, Endpoint, Event};
use crate::levels::{CountermeasureStatus, EventKind, Named};
use crate::loc::Loc;
use crate::validate::{IdSet, unknown};

const ORGANISATION: (&str, &str) = ("organisation", "組織");
const SYSTEM: (&str, &str) = ("system", "システム");
const PLACE: (&str, &str) = ("place", "場");
const DATA: (&str, &str) = ("data item", "データ");
const EVENT: (&str, &str) = ("event", "イベント");
const COUNTERMEASURE: (&str, &str) = ("countermeasure", "対策要件");

pub(crate) fn check(d: &Dmf, out: &mut Vec<Diagnostic>) {
    let ids = Declared::new(d, out);
    for o in &d.organisations {
        check_country(o.country.as_ref(), o.country_reason.as_deref(), &o.id, out);
    }
    for s in &d.systems {
        check_country(s.country.as_ref(), s.country_reason.as_deref(), &s.id, out);
        s.operator
            .iter()
            .for_each(|o| ids.organisations.resolve(o, out));
        s.runs_on.iter().for_each(|r| ids.systems.resolve(r, out));
    }
    for p in &d.places {
        p.binds
            .iter()
            .for_each(|o| ids.organisations.resolve(o, out));
        for c in p.jurisdiction.iter().chain(&p.adequate_countries) {
            check_code(&c.value, c.at, false, out);
        }
    }
    for x in &d.data {
        for c in x.attributes.countries.iter().flatten() {
            check_code(c, x.id.at, false, out);
        }
    }
    for e in &d.events {
        event_references(&ids, e, out);
        changes_only_outputs(e, out);
        only_a_transfer_has_a_receiver(e, out);
        for c in &e.countermeasures {
            countermeasure_in_catalog(c, out);
            not_applicable_has_reason(c, out);
            c.implementer
                .iter()
                .chain(&c.requested_by)
                .for_each(|o| ids.organisations.resolve(o, out));
            requested_names_whom(c, out);
            requested_by_only_when_requested(c, out);
        }
    }
    events_in_order_without_cycle(d, out);
    systems_run_on_without_cycle(d, out);
}

/// The IDs the section declares, each declared once.
struct Declared<'m> {
    organisations: IdSet<'m>,
    systems: IdSet<'m>,
    data: IdSet<'m>,
    events: IdSet<'m>,
}

impl<'m> Declared<'m> {
    fn new(d: &'m Dmf, out: &mut Vec<Diagnostic>) -> Self {
        let organisations =
            IdSet::declare(ORGANISATION, d.organisations.iter().map(|o| &o.id), out);
        let systems = IdSet::declare(SYSTEM, d.systems.iter().map(|s| &s.id), out);
        IdSet::declare(PLACE, d.places.iter().map(|p| &p.id), out);
        let data = IdSet::declare(DATA, d.data.iter().map(|x| &x.id), out);
        let events = IdSet::declare(EVENT, d.events.iter().map(|e| &e.id), out);
        Declared {
            organisations,
            systems,
            data,
            events,
        }
    }

    /// One end of an event: its country, organisation and system.
    fn endpoint(&self, e: &Endpoint, event: &Loc<String>, out: &mut Vec<Diagnostic>) {
        check_country(e.country.as_ref(), e.country_reason.as_deref(), event, out);
        e.organisation
            .iter()
            .for_each(|o| self.organisations.resolve(o, out));
        e.system.iter().for_each(|s| self.systems.resolve(s, out));
    }
}

fn event_references(ids: &Declared, e: &Event, out: &mut Vec<Diagnostic>) {
    e.after.iter().for_each(|a| ids.events.resolve(a, out));
    e.inputs
        .iter()
        .chain(&e.outputs)
        .for_each(|x| ids.data.resolve(x, out));
    ids.endpoint(&e.at, &e.id, out);
    if let Some(to) = &e.to {
        ids.endpoint(to, &e.id, out);
    }
    for c in e
        .changes
        .values()
        .flat_map(|a| a.countries.iter().flatten())
    {
        check_code(c, e.id.at, false, out);
    }
}

/// An event changes the attributes (A → A′) of its own outputs only.
fn changes_only_outputs(e: &Event, out: &mut Vec<Diagnostic>) {
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
}

/// A transfer has a receiving end (`to`), and only a transfer has one.
fn only_a_transfer_has_a_receiver(e: &Event, out: &mut Vec<Diagnostic>) {
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
}

/// A countermeasure of the catalog `dmf-countermeasures`.
fn countermeasure_in_catalog(c: &CountermeasureRecord, out: &mut Vec<Diagnostic>) {
    let catalog = catalogs();
    if catalog.countermeasure(&c.id.value).is_none() {
        let d = unknown(
            COUNTERMEASURE,
            &c.id,
            catalog.countermeasures.iter().map(|x| x.id.as_str()),
            out,
        );
        out.push(d);
    }
}

/// A countermeasure stated not applicable says why.
fn not_applicable_has_reason(c: &CountermeasureRecord, out: &mut Vec<Diagnostic>) {
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

/// A countermeasure `requested` names the organisation asked.
fn requested_names_whom(c: &CountermeasureRecord, out: &mut Vec<Diagnostic>) {
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
}

fn requested_by_only_when_requested(c: &CountermeasureRecord, out: &mut Vec<Diagnostic>) {
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

/// The events' `after` order can happen: it has no cycle.
fn events_in_order_without_cycle(d: &Dmf, out: &mut Vec<Diagnostic>) {
    let events: Vec<&Loc<String>> = d.events.iter().map(|e| &e.id).collect();
    if let Some(cycle) = cycle::find(&events, |i| d.events[i].after.iter().map(Loc::as_str)) {
        out.push(cycle::diagnostic(
            &cycle,
            |path| {
                Text::new(
                    format!("the events' order has a cycle: {path}; the flow cannot happen"),
                    format!("イベントの順序が循環しています: {path}。このフローは起こり得ません"),
                )
            },
            Text::new(
                "remove one of the `after` references",
                "`after` の参照のいずれかを削除してください",
            ),
        ));
    }
}

/// What systems run on (`runs_on`) has no cycle.
fn systems_run_on_without_cycle(d: &Dmf, out: &mut Vec<Diagnostic>) {
    let systems: Vec<&Loc<String>> = d.systems.iter().map(|s| &s.id).collect();
    if let Some(cycle) = cycle::find(&systems, |i| d.systems[i].runs_on.iter().map(Loc::as_str)) {
        out.push(cycle::diagnostic(
            &cycle,
            |path| {
                Text::new(
                    format!("systems run on each other in a cycle: {path}"),
                    format!("システムの稼働基盤（`runs_on`）が循環しています: {path}"),
                )
            },
            Text::new(
                "a system runs on the platform below it; remove one of the `runs_on` references",
                "`runs_on` には下位の基盤を指定します。いずれかの `runs_on` を削除してください",
            ),
        ));
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
