//! `cpsrisk diff`: what changed between two versions of a model — its entities (events, places,
//! data, devices, stakeholders, statements…) and the results (risks, findings, verdicts) that
//! appeared or went away.

use std::collections::{BTreeMap, BTreeSet};

use cpsrisk_catalog::Lang;
use serde::Serialize;
use serde_json::Value;

use crate::Report;
use crate::document::{Block, Document, Section, Table, Tone, cell, toned};

/// The lists of a model whose entries are compared, and how an entry is keyed.
const LISTS: &[(&str, &[&str])] = &[
    ("iot_ssf.stakeholders", &["id"]),
    ("iot_ssf.devices", &["id"]),
    ("iot_ssf.data_flows", &["id"]),
    ("iot_ssf.incidents", &["id"]),
    ("iot_ssf.ratings", &["stakeholder"]),
    ("iot_ssf.policies", &["id"]),
    ("iot_ssf.threats", &["device", "threat"]),
    (
        "iot_ssf.decisions",
        &["requirement", "implementer", "implementers"],
    ),
    ("iot_ssf.controls", &["description"]),
    ("conformance.provisions", &["id"]),
    ("conformance.tests", &["id"]),
    ("dmf.organisations", &["id"]),
    ("dmf.systems", &["id"]),
    ("dmf.places", &["id"]),
    ("dmf.data", &["id"]),
    ("dmf.events", &["id"]),
];

#[derive(Debug, Clone, Serialize)]
pub struct EntityChange {
    /// The model list, e.g. `dmf.events`.
    pub list: &'static str,
    pub key: String,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    /// For `changed`: the fields that differ.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Appeared<T> {
    pub appeared: Vec<T>,
    pub gone: Vec<T>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerdictChange {
    pub stakeholder: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub entities: Vec<EntityChange>,
    /// DMF risks as `CATALOG_ID@EVENT`.
    pub risks: Appeared<String>,
    /// Findings of every engine as `CODE: message`.
    pub findings: Appeared<String>,
    pub stakeholders: Vec<VerdictChange>,
}

fn at<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |v, key| v.get(key))
}

fn keyed(list: Option<&Value>, key: &[&str]) -> BTreeMap<String, Value> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|entry| {
            let k = key
                .iter()
                .filter_map(|f| {
                    entry
                        .get(*f)
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                })
                .collect::<Vec<_>>()
                .join("/");
            (k, entry.clone())
        })
        .collect()
}

fn appeared(old: BTreeSet<String>, new: BTreeSet<String>) -> Appeared<String> {
    Appeared {
        appeared: new.difference(&old).cloned().collect(),
        gone: old.difference(&new).cloned().collect(),
    }
}

fn findings_of(r: &Report) -> BTreeSet<String> {
    let iot = r.iot_ssf.iter().flat_map(|a| &a.findings);
    let conf = r.conformance.iter().flat_map(|a| &a.findings);
    let dmf = r.dmf.iter().flat_map(|a| &a.findings);
    iot.chain(conf)
        .chain(dmf)
        .map(|f| format!("{}: {}", f.code, f.message.en))
        .collect()
}

fn verdicts(r: &Report) -> BTreeMap<String, String> {
    r.iot_ssf
        .iter()
        .flat_map(|a| &a.stakeholders)
        .map(|s| {
            let verdict = if s.within_target { "within" } else { "outside" };
            (
                s.id.clone(),
                format!(
                    "{}/{} {verdict}",
                    cpsrisk_model::levels::Named::id(s.axis1),
                    cpsrisk_model::levels::Named::id(s.axis2)
                ),
            )
        })
        .collect()
}

pub fn diff(old: &Report, new: &Report) -> Diff {
    let (a, b) = (
        serde_json::to_value(old.source).unwrap_or_default(),
        serde_json::to_value(new.source).unwrap_or_default(),
    );
    let mut entities = Vec::new();
    for &(list, key) in LISTS {
        let (before, after) = (keyed(at(&a, list), key), keyed(at(&b, list), key));
        for (k, v) in &before {
            match after.get(k) {
                None => entities.push(EntityChange {
                    list,
                    key: k.clone(),
                    change: "removed",
                    fields: Vec::new(),
                }),
                Some(w) if w != v => {
                    let mut fields: BTreeSet<String> = BTreeSet::new();
                    for map in [v.as_object(), w.as_object()].into_iter().flatten() {
                        fields.extend(
                            map.keys()
                                .filter(|f| v.get(f.as_str()) != w.get(f.as_str()))
                                .cloned(),
                        );
                    }
                    entities.push(EntityChange {
                        list,
                        key: k.clone(),
                        change: "changed",
                        fields: fields.into_iter().collect(),
                    });
                }
                Some(_) => {}
            }
        }
        for k in after.keys().filter(|k| !before.contains_key(*k)) {
            entities.push(EntityChange {
                list,
                key: k.clone(),
                change: "added",
                fields: Vec::new(),
            });
        }
    }
    let risk_set = |r: &Report| -> BTreeSet<String> {
        r.dmf
            .iter()
            .flat_map(|d| &d.risks)
            .map(|x| format!("{}@{}", x.catalog_id, x.event))
            .collect()
    };
    let (vo, vn) = (verdicts(old), verdicts(new));
    let ids: BTreeSet<&String> = vo.keys().chain(vn.keys()).collect();
    let stakeholders = ids
        .into_iter()
        .filter(|id| vo.get(*id) != vn.get(*id))
        .map(|id| VerdictChange {
            stakeholder: id.clone(),
            before: vo.get(id).cloned(),
            after: vn.get(id).cloned(),
        })
        .collect();
    Diff {
        old: old.model.path.to_string(),
        new: new.model.path.to_string(),
        entities,
        risks: appeared(risk_set(old), risk_set(new)),
        findings: appeared(findings_of(old), findings_of(new)),
        stakeholders,
    }
}

/// The diff as a document for the text, Markdown and HTML renderers.
pub fn document(d: &Diff, lang: Lang) -> Document {
    let l = |en: &'static str, ja: &'static str| lang.pick(en, ja).to_string();
    let change_name = |c: &str| match (c, lang) {
        ("added", Lang::En) => toned("added", Tone::Good),
        ("removed", Lang::En) => toned("removed", Tone::Bad),
        ("added", Lang::Ja) => toned("追加", Tone::Good),
        ("removed", Lang::Ja) => toned("削除", Tone::Bad),
        (_, Lang::En) => toned("changed", Tone::Note),
        (_, Lang::Ja) => toned("変更", Tone::Note),
    };
    let entity_rows = d
        .entities
        .iter()
        .map(|e| {
            vec![
                cell(e.list),
                cell(e.key.clone()),
                change_name(e.change),
                cell(e.fields.join(", ")),
            ]
        })
        .collect();
    let appeared_rows = |a: &Appeared<String>| -> Vec<Vec<crate::document::Cell>> {
        a.appeared
            .iter()
            .map(|x| vec![toned(l("appeared", "発生"), Tone::Bad), cell(x.clone())])
            .chain(
                a.gone
                    .iter()
                    .map(|x| vec![toned(l("went away", "解消"), Tone::Good), cell(x.clone())]),
            )
            .collect()
    };
    let verdict_rows = d
        .stakeholders
        .iter()
        .map(|v| {
            vec![
                cell(v.stakeholder.clone()),
                cell(v.before.clone().unwrap_or_else(|| "-".into())),
                cell(v.after.clone().unwrap_or_else(|| "-".into())),
            ]
        })
        .collect();
    let nothing = |rows: &Vec<Vec<crate::document::Cell>>| {
        if rows.is_empty() {
            vec![Block::Paragraph(l("No change.", "変更なし。"))]
        } else {
            Vec::new()
        }
    };
    let entity_rows: Vec<_> = entity_rows;
    let risk_rows = appeared_rows(&d.risks);
    let finding_rows = appeared_rows(&d.findings);
    let mut sections = Vec::new();
    for (title, header, rows) in [
        (
            l("Model changes", "モデルの変更"),
            vec![
                l("List", "一覧"),
                l("Entry", "項目"),
                l("Change", "変更"),
                l("Fields", "フィールド"),
            ],
            entity_rows,
        ),
        (
            l("Stakeholder verdicts", "ステークホルダーの評価"),
            vec![
                l("Stakeholder", "ステークホルダー"),
                l("Before", "変更前"),
                l("After", "変更後"),
            ],
            verdict_rows,
        ),
        (
            l("DMF risks", "DMF のリスク"),
            vec![l("Change", "変化"), l("Risk@event", "リスク@イベント")],
            risk_rows,
        ),
        (
            l("Findings", "指摘事項"),
            vec![l("Change", "変化"), l("Finding", "内容")],
            finding_rows,
        ),
    ] {
        let mut blocks = nothing(&rows);
        if !rows.is_empty() {
            blocks.push(Block::Table(Table { header, rows }));
        }
        sections.push(Section { title, blocks });
    }
    Document {
        title: format!(
            "{}{} → {}",
            l("Model diff: ", "モデルの差分: "),
            d.old,
            d.new
        ),
        subtitle: Vec::new(),
        band: None,
        sections,
    }
}
