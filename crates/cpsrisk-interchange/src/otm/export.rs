//! cpsrisk model → Open Threat Model 0.2.0 (`assess --format otm`): stakeholders as trust
//! zones, devices as components, data flows as dataflows, device threats as threats with their
//! instances on the components, decisions and controls as mitigations. IDs come from the
//! model's IDs and the order of its lists, so the same model gives byte-identical output.
//! What OTM has no field for travels in `cpsrisk-…` attributes, which the import reads back.

use std::collections::HashMap;

use cpsrisk_catalog::Lang;
use cpsrisk_catalog::iot_ssf::catalogs;
use cpsrisk_iot_ssf::device_threats::DeviceThreatResult;
use cpsrisk_model::levels::{DecisionStatus, Named};
use cpsrisk_model::model::{Decision, IotSsf, Model};
use cpsrisk_report::Report;
use serde_json::{Map, Value, json};

use super::attributes as attr;

/// The OTM version written.
pub const OTM_VERSION: &str = "0.2.0";

/// OTM requires a trust rating for every zone and a risk reduction for every mitigation;
/// cpsrisk assesses neither, so it writes these fixed values and marks them not rated.
const TRUST_RATING_NOT_RATED: u32 = 50;
const RISK_REDUCTION_NOT_RATED: u32 = 0;

/// The zone of devices no stakeholder manages.
const UNASSIGNED_ZONE: &str = "cpsrisk-unassigned";

/// The OTM document for the report's model, as pretty JSON ending with a newline.
pub fn render(report: &Report, lang: Lang) -> Vec<u8> {
    let document = document(
        report.source,
        report.iot_ssf.as_ref().map(|a| a.device_threats.as_slice()),
        lang,
    );
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

fn document(model: &Model, device_threats: Option<&[DeviceThreatResult]>, lang: Lang) -> Value {
    let system = &model.system;
    let mut project_attributes = object([
        (attr::VERSION, json!(env!("CARGO_PKG_VERSION"))),
        (attr::NAME_JA, json!(system.name_ja)),
    ]);
    if let Some(iot) = &model.iot_ssf {
        project_attributes.insert(
            attr::APPLYING_ENTITY.into(),
            json!(iot.applying_entity.value),
        );
        if !iot.extra_requirements.is_empty() {
            let extras: Vec<Value> = iot
                .extra_requirements
                .iter()
                .map(|e| {
                    Value::Object(object([
                        ("id", json!(e.id.value)),
                        ("name", json!(e.name)),
                        ("name_ja", json!(e.name_ja)),
                        ("viewpoint", json!(e.viewpoint.value)),
                        ("target", json!(e.target.id())),
                    ]))
                })
                .collect();
            project_attributes.insert(attr::EXTRA_REQUIREMENTS.into(), Value::Array(extras));
        }
    }
    let description = system.overview.as_ref().and_then(|o| o.what.clone());
    let project = object([
        ("name", json!(system.name)),
        ("id", json!(project_id(&system.name))),
        ("description", json!(description)),
        ("attributes", Value::Object(project_attributes)),
    ]);
    let lists = match (&model.iot_ssf, device_threats) {
        (Some(iot), Some(threats)) => [
            trust_zones(iot, lang),
            components(iot, threats),
            dataflows(iot),
            threat_definitions(iot, threats, lang),
            mitigations(iot, lang),
        ],
        _ => Default::default(),
    };
    let [zones, components, flows, threats, mitigations] = lists.map(Value::Array);
    let out = object([
        ("otmVersion", json!(OTM_VERSION)),
        ("project", Value::Object(project)),
        ("trustZones", zones),
        ("components", components),
        ("dataflows", flows),
        ("threats", threats),
        ("mitigations", mitigations),
    ]);
    Value::Object(out)
}

/// `cpsrisk-` and the system's name in lower case, other characters than ASCII letters and
/// digits as `-`.
fn project_id(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "cpsrisk-model".into()
    } else {
        format!("cpsrisk-{}", words.join("-"))
    }
}

fn zone_id(stakeholder: &str) -> String {
    format!("stakeholder-{stakeholder}")
}

fn not_rated(field: &str) -> Value {
    json!([field])
}

/// One trust zone per stakeholder (the devices it manages sit in it), and one for devices
/// nobody is recorded to manage.
fn trust_zones(iot: &IotSsf, lang: Lang) -> Vec<Value> {
    let zone = |id: String, name: &str, attributes: Map<String, Value>| {
        Value::Object(object([
            ("id", json!(id)),
            ("name", json!(name)),
            ("type", json!("stakeholder")),
            ("risk", json!({"trustRating": TRUST_RATING_NOT_RATED})),
            ("attributes", Value::Object(attributes)),
        ]))
    };
    let mut zones: Vec<Value> = iot
        .stakeholders
        .iter()
        .map(|s| {
            zone(
                zone_id(&s.id.value),
                &s.name,
                object([
                    (attr::STAKEHOLDER, json!(s.id.value)),
                    (attr::NAME_JA, json!(s.name_ja)),
                    (attr::NOT_RATED, not_rated("trustRating")),
                ]),
            )
        })
        .collect();
    if iot.devices.iter().any(|d| d.managed_by.is_none()) {
        zones.push(zone(
            UNASSIGNED_ZONE.into(),
            lang.pick(
                "No managing stakeholder recorded",
                "管理するステークホルダーの記録なし",
            ),
            object([(attr::NOT_RATED, not_rated("trustRating"))]),
        ));
    }
    zones
}

/// The OTM ID of a device threat.
fn threat_id(t: &DeviceThreatResult) -> String {
    format!("threat-{}-{}", t.device, t.threat)
}

fn components(iot: &IotSsf, threats: &[DeviceThreatResult]) -> Vec<Value> {
    let mitigations = MitigationIndex::new(iot);
    let mut by_device: HashMap<&str, Vec<&DeviceThreatResult>> = HashMap::new();
    for t in threats {
        by_device.entry(&t.device).or_default().push(t);
    }
    iot.devices
        .iter()
        .map(|d| {
            let zone = d
                .managed_by
                .as_ref()
                .map_or(UNASSIGNED_ZONE.to_string(), |s| zone_id(&s.value));
            let instances: Vec<Value> = by_device
                .get(d.id.as_str())
                .into_iter()
                .flatten()
                .map(|t| threat_instance(t, &mitigations))
                .collect();
            Value::Object(object([
                ("id", json!(d.id.value)),
                ("name", json!(d.name)),
                ("type", json!(d.kind.id())),
                ("description", json!(d.description)),
                ("parent", json!({"trustZone": zone})),
                ("threats", Value::Array(instances)),
                (
                    "attributes",
                    Value::Object(object([
                        (attr::KIND, json!(d.kind.id())),
                        (attr::NAME_JA, json!(d.name_ja)),
                        (attr::EXTERNAL_NETWORK, json!(d.external_network)),
                        (attr::PHYSICAL_ACTION, json!(d.physical_action)),
                        (attr::CONSTRAINED, json!(d.constrained)),
                        (attr::IN_SCOPE, json!(d.in_scope)),
                        (attr::OUT_OF_SCOPE_REASON, json!(d.out_of_scope_reason)),
                        (
                            attr::MANAGED_BY,
                            json!(d.managed_by.as_ref().map(|s| &s.value)),
                        ),
                        (
                            attr::PROTECTED_BY,
                            json!(d.protected_by.as_ref().map(|s| &s.value)),
                        ),
                    ])),
                ),
            ]))
        })
        .collect()
}

/// The threat on its component: mitigated when a measure treating it is in place, accepted
/// when the model records its acceptance, exposed otherwise.
fn threat_instance(t: &DeviceThreatResult, mitigations: &MitigationIndex) -> Value {
    let applied = mitigations.treating(t);
    let state = if applied.iter().any(|(_, s)| *s == IMPLEMENTED) {
        "mitigated"
    } else if t.accepted.is_some() {
        "accepted"
    } else {
        "exposed"
    };
    let list: Vec<Value> = applied
        .iter()
        .map(|(id, s)| json!({"mitigation": id, "state": s}))
        .collect();
    json!({"threat": threat_id(t), "state": state, "mitigations": list})
}

fn dataflows(iot: &IotSsf) -> Vec<Value> {
    iot.data_flows
        .iter()
        .map(|f| {
            let via: Vec<&str> = f.via.iter().map(|v| v.as_str()).collect();
            Value::Object(object([
                ("id", json!(f.id.value)),
                ("name", json!(f.data.as_deref().unwrap_or(&f.id.value))),
                ("source", json!(f.from.value)),
                ("destination", json!(f.to.value)),
                ("bidirectional", json!(false)),
                (
                    "attributes",
                    Value::Object(object([
                        (attr::VIA, json!(via)),
                        (attr::DATA_JA, json!(f.data_ja)),
                    ])),
                ),
            ]))
        })
        .collect()
}

/// Each device threat as an OTM threat: the catalog's name in `lang`, the device's name, the
/// impact from the ratings of the stakeholders its incidents affect.
fn threat_definitions(iot: &IotSsf, threats: &[DeviceThreatResult], lang: Lang) -> Vec<Value> {
    let impacts = Impacts::new(iot);
    let device_names: HashMap<&str, &str> = iot
        .devices
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect();
    let catalog = catalogs();
    threats
        .iter()
        .map(|t| {
            let device = device_names.get(&*t.device).copied().unwrap_or(&t.device);
            let name = lang.pick(&t.threat_name_en, &t.threat_name_ja);
            let text = catalog.threat(&t.threat).map(|c| lang.pick(&c.text_en, &c.text_ja).to_string());
            let (impact, comment) = match impacts.of(&t.device, &t.threat) {
                Some((score, level)) => (
                    score,
                    match lang {
                        Lang::En => format!("Highest level ({level}) of the stakeholders rated for the incidents that start from this device with this threat; 33/67/100 for the three levels (cpsrisk judgement)"),
                        Lang::Ja => format!("この機器とこの脅威から始まるインシデントについて評価したステークホルダーの最高レベル（{level}）。3段階を 33/67/100 で表す（cpsrisk の判断）"),
                    },
                ),
                None => (
                    0,
                    lang.pick(
                        "Not rated: no rated incident of the model starts from this device with this threat",
                        "未評価: この機器とこの脅威から始まる評価済みのインシデントがモデルにありません",
                    )
                    .to_string(),
                ),
            };
            Value::Object(object([
                ("id", json!(threat_id(t))),
                ("name", json!(format!("{name} ({device})"))),
                ("description", json!(t.description.clone().or(text))),
                ("categories", json!([t.threat.to_string()])),
                (
                    "risk",
                    json!({
                        "likelihood": null,
                        "likelihoodComment": lang.pick("IoT-SSF does not rate likelihood", "IoT-SSF は発生可能性を評価しません"),
                        "impact": impact,
                        "impactComment": comment,
                    }),
                ),
                (
                    "attributes",
                    json!({attr::THREAT: t.threat.to_string(), attr::DEVICE: t.device.to_string()}),
                ),
            ]))
        })
        .collect()
}

/// One mitigation per requirement that decisions or controls take up
/// (`requirement-ID`, its decisions in the attribute `cpsrisk-decisions`), and one per control
/// in place (`control-N`, in model order). Grouping by requirement keeps the threat instances
/// to at most one entry per requirement treating them: the document grows with the model,
/// however many decisions share a requirement.
fn mitigations(iot: &IotSsf, lang: Lang) -> Vec<Value> {
    let catalog = catalogs();
    let requirement_name = |id: &str| -> String {
        let name = catalog
            .requirement(id)
            .map(|r| lang.pick(&r.name_en, &r.name_ja).to_string())
            .or_else(|| {
                iot.extra_requirements
                    .iter()
                    .find(|e| e.id.value == id)
                    .map(|e| e.name.clone())
            })
            .unwrap_or_default();
        format!("{id} {name}")
    };
    let ids = |list: &[cpsrisk_model::Loc<String>]| -> Vec<String> {
        list.iter().map(|l| l.value.clone()).collect()
    };
    let mut groups: Vec<(&str, Vec<&Decision>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let requirements = iot
        .decisions
        .iter()
        .map(|d| (d.requirement.as_str(), Some(d)))
        .chain(
            iot.controls
                .iter()
                .filter_map(|c| Some((c.requirement.as_ref()?.as_str(), None))),
        );
    for (requirement, decision) in requirements {
        let i = *index.entry(requirement).or_insert_with(|| {
            groups.push((requirement, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.extend(decision);
    }
    let by_requirement = groups.into_iter().map(|(requirement, decisions)| {
        let measures: Vec<&str> = decisions
            .iter()
            .flat_map(|d| d.measures.iter().map(String::as_str))
            .collect();
        let entries: Vec<Value> = decisions
            .iter()
            .map(|d| {
                Value::Object(object([
                    (attr::STATUS, json!(d.status.value.id())),
                    (
                        attr::IMPLEMENTERS,
                        json!(d.implementers().map(|s| &s.value).collect::<Vec<_>>()),
                    ),
                    (attr::DEVICES, json!(ids(&d.devices))),
                    (attr::THREATS, json!(ids(&d.threats))),
                    (attr::MEASURES, json!(d.measures)),
                    (attr::REASON, json!(d.reason)),
                    (attr::HIGH_IMPACT, json!(d.high_impact)),
                    (attr::SOURCE_ROW, json!(d.source_row)),
                ]))
            })
            .collect();
        Value::Object(object([
            ("id", json!(requirement_mitigation_id(requirement))),
            ("name", json!(requirement_name(requirement))),
            ("description", json!(measures.join("; "))),
            ("riskReduction", json!(RISK_REDUCTION_NOT_RATED)),
            (
                "attributes",
                Value::Object(object([
                    (attr::REQUIREMENT, json!(requirement)),
                    (attr::DECISIONS, Value::Array(entries)),
                    (attr::NOT_RATED, not_rated("riskReduction")),
                ])),
            ),
        ]))
    });
    let controls = iot.controls.iter().enumerate().map(|(i, c)| {
        let name = c.requirement.as_ref().map_or_else(
            || {
                lang.pick("Control in place", "実施済みの管理策")
                    .to_string()
            },
            |r| requirement_name(&r.value),
        );
        Value::Object(object([
            ("id", json!(format!("control-{}", i + 1))),
            ("name", json!(name)),
            ("description", json!(c.description)),
            ("riskReduction", json!(RISK_REDUCTION_NOT_RATED)),
            (
                "attributes",
                Value::Object(object([
                    (attr::CONTROL, json!(true)),
                    (
                        attr::REQUIREMENT,
                        json!(c.requirement.as_ref().map(|r| &r.value)),
                    ),
                    (attr::DEVICES, json!(ids(&c.devices))),
                    (attr::NOT_RATED, not_rated("riskReduction")),
                ])),
            ),
        ]))
    });
    by_requirement.chain(controls).collect()
}

/// `implemented` over `required` over nothing.
fn better(a: Option<&'static str>, b: Option<&'static str>) -> Option<&'static str> {
    if a == Some(IMPLEMENTED) || b == Some(IMPLEMENTED) {
        Some(IMPLEMENTED)
    } else {
        a.or(b)
    }
}

const IMPLEMENTED: &str = "implemented";

fn requirement_mitigation_id(requirement: &str) -> String {
    format!("requirement-{requirement}")
}

/// How far each requirement is carried out, on every device or on given ones: `implemented`
/// where a decision is in place or a control exists, `required` where a decision is only
/// decided, planned or requested (not adopted ones count for nothing).
struct MitigationIndex<'m> {
    anywhere: HashMap<&'m str, &'static str>,
    on_device: HashMap<(&'m str, &'m str), &'static str>,
}

impl<'m> MitigationIndex<'m> {
    fn new(iot: &'m IotSsf) -> Self {
        let mut index = MitigationIndex {
            anywhere: HashMap::new(),
            on_device: HashMap::new(),
        };
        for d in &iot.decisions {
            let state = match d.status.value {
                DecisionStatus::InPlace => IMPLEMENTED,
                DecisionStatus::NotAdopted => continue,
                _ => "required",
            };
            index.add(d.requirement.as_str(), &d.devices, state);
        }
        for c in &iot.controls {
            if let Some(r) = &c.requirement {
                index.add(r.as_str(), &c.devices, IMPLEMENTED);
            }
        }
        index
    }

    fn add(
        &mut self,
        requirement: &'m str,
        devices: &'m [cpsrisk_model::Loc<String>],
        state: &'static str,
    ) {
        let keep = |e: &mut &'static str| *e = better(Some(*e), Some(state)).unwrap_or(state);
        if devices.is_empty() {
            keep(self.anywhere.entry(requirement).or_insert(state));
        }
        for device in devices {
            keep(
                self.on_device
                    .entry((requirement, device.as_str()))
                    .or_insert(state),
            );
        }
    }

    /// The requirements treating the device threat, as (mitigation ID, state).
    fn treating(&self, t: &DeviceThreatResult) -> Vec<(String, &'static str)> {
        t.treated_by
            .iter()
            .filter_map(|r| {
                let here = self.on_device.get(&(&**r, &*t.device)).copied();
                let state = better(here, self.anywhere.get(&**r).copied())?;
                Some((requirement_mitigation_id(r), state))
            })
            .collect()
    }
}

/// The impact of each (device, threat): the highest level on either axis of the stakeholders
/// rated for the incidents that start from the device with the threat.
struct Impacts<'m> {
    levels: HashMap<(&'m str, &'m str), (u32, &'static str)>,
}

impl<'m> Impacts<'m> {
    fn new(iot: &'m IotSsf) -> Self {
        // Each rated stakeholder's level: the higher of its two axes, as a rank 1–3.
        let mut rated: HashMap<&str, (u32, &'static str)> = HashMap::new();
        let mut by_incident: HashMap<&str, (u32, &'static str)> = HashMap::new();
        for r in &iot.ratings {
            let a1 = (r.axis1.level.value as u32 + 1, r.axis1.level.value.id());
            let a2 = (r.axis2.level.value as u32 + 1, r.axis2.level.value.id());
            let level = a1.max(a2);
            rated.insert(r.stakeholder.as_str(), level);
            for i in &r.incidents {
                let e = by_incident.entry(i.as_str()).or_insert(level);
                *e = (*e).max(level);
            }
        }
        let mut levels: HashMap<(&str, &str), (u32, &'static str)> = HashMap::new();
        for incident in &iot.incidents {
            let affected = incident
                .affects
                .iter()
                .filter_map(|s| rated.get(s.as_str()).copied());
            let Some(level) = affected
                .chain(by_incident.get(incident.id.as_str()).copied())
                .max()
            else {
                continue;
            };
            for d in &incident.devices {
                for t in &incident.threats {
                    let e = levels.entry((d.as_str(), t.as_str())).or_insert(level);
                    *e = (*e).max(level);
                }
            }
        }
        Impacts { levels }
    }

    /// The impact score (33, 67, 100) and the level's name.
    fn of(&self, device: &str, threat: &str) -> Option<(u32, &'static str)> {
        self.levels
            .get(&(device, threat))
            .map(|&(rank, name)| ([33, 67, 100][(rank as usize).clamp(1, 3) - 1], name))
    }
}

/// A JSON object from pairs, leaving out null values (OTM's optional fields are then absent).
fn object<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}
