//! Open Threat Model → cpsrisk model (`cpsrisk import otm`). What maps: components → devices,
//! dataflows → data flows, threats on components → device threats where the OTM threat names
//! an IoT-SSF catalog threat, mitigations → decisions (those naming an SSF-R requirement) or
//! controls (implemented ones); trust zones decide `external_network` and become stakeholders
//! only where cpsrisk wrote them. Everything else is kept in the model's `notes`, with the
//! OTM ID and path, and listed in the [`MappingReport`].

use std::collections::{BTreeSet, HashMap, HashSet};

use cpsrisk_catalog::iot_ssf::{IotSsfCatalogs, catalogs};
use cpsrisk_model::levels::ImplTarget;
use cpsrisk_model::levels::{Axis1, Axis2, DecisionStatus, DeviceKind, Named};
use cpsrisk_model::model::{
    Control, DataFlow, Decision, Device, DeviceThreat, ExtraRequirement, IotSsf, ModelSource,
    Stakeholder, System, Target,
};
use cpsrisk_model::{Loc, Model, Position, Text};
use serde_json::Value;

use super::attributes as attr;
use super::document::{self, Component, Document, ThreatInstance, elements};
use super::mapping_report::{MappingReport, Outcome};

/// The model made from an OTM file, and how each element was mapped.
pub struct Imported {
    pub model: Model,
    pub report: MappingReport,
}

/// The placeholder stakeholder when the file names no owner and cpsrisk did not write it.
const APPLYING_ENTITY: &str = "applying-entity";

/// Maps a read OTM document to a model.
pub fn import(read: &document::Read) -> Imported {
    Importer::new(read).run()
}

struct Importer<'a> {
    doc: &'a Document,
    tree: &'a Value,
    catalog: &'static IotSsfCatalogs,
    report: MappingReport,
    system_notes: Vec<String>,
    /// OTM component ID → model device ID (IDs made to follow the model's ID rule).
    device_ids: HashMap<&'a str, String>,
    /// Model IDs given so far, per kind (IDs are unique per kind in a model).
    used_device_ids: HashSet<String>,
    used_flow_ids: HashSet<String>,
    /// OTM threats and mitigations by ID.
    threat_definitions: HashMap<&'a str, &'a document::Threat>,
    mitigation_ids: HashSet<&'a str>,
    /// OTM threat ID → the catalog threats it names.
    threat_map: HashMap<&'a str, BTreeSet<&'static str>>,
    /// OTM mitigation ID → each place it is applied.
    mitigation_uses: HashMap<&'a str, Vec<Use>>,
    /// Notes for devices gathered while their threats are read, by device ID.
    device_notes: HashMap<String, Vec<String>>,
}

impl<'a> Importer<'a> {
    fn new(read: &'a document::Read) -> Self {
        Importer {
            doc: &read.doc,
            tree: &read.tree,
            catalog: catalogs(),
            report: MappingReport::default(),
            system_notes: Vec::new(),
            device_ids: HashMap::new(),
            used_device_ids: HashSet::new(),
            used_flow_ids: HashSet::new(),
            threat_definitions: elements(&read.doc.threats)
                .map(|t| (t.id.as_str(), t))
                .collect(),
            mitigation_ids: elements(&read.doc.mitigations)
                .map(|m| m.id.as_str())
                .collect(),
            threat_map: HashMap::new(),
            mitigation_uses: HashMap::new(),
            device_notes: HashMap::new(),
        }
    }

    fn run(mut self) -> Imported {
        let doc = self.doc;
        let (stakeholders, applying_entity) = self.stakeholders();
        let stakeholder_ids: HashSet<String> =
            stakeholders.iter().map(|s| s.id.value.clone()).collect();
        for (i, threat) in elements(&doc.threats).enumerate() {
            let named = self.catalog_threats(threat);
            if named.is_empty() {
                self.report.push(
                    format!("threats[{i}]"),
                    &threat.id.value,
                    Outcome::KeptAsNote,
                    Text::new(
                        "names no IoT-SSF catalog threat (by ID, STRIDE category or catalog name); kept in the notes where it is applied, or in the system's notes",
                        "IoT-SSF カタログの脅威（ID、STRIDE 分類、カタログ名）を名指ししていません。適用箇所の注記、またはシステムの注記に残しました",
                    ),
                );
            } else {
                let list = named.iter().copied().collect::<Vec<_>>().join(", ");
                self.report.push(
                    format!("threats[{i}]"),
                    &threat.id.value,
                    Outcome::Mapped,
                    Text::new(
                        format!("IoT-SSF threat {list} (the OTM threat names it)"),
                        format!("IoT-SSF の脅威 {list}（OTM の脅威が名指ししています）"),
                    ),
                );
            }
            self.threat_map.insert(threat.id.as_str(), named);
        }
        let zones = self.zones();
        let mut devices = Vec::new();
        let mut threats = DeviceThreats::default();
        for component in elements(&doc.components) {
            let id = fresh_id(&mut self.used_device_ids, &component.id.value);
            self.device_ids.insert(component.id.as_str(), id);
        }
        for (i, component) in elements(&doc.components).enumerate() {
            let device = self.device(i, component, &zones, &stakeholder_ids);
            self.component_threats(i, component, &device.id.value, &mut threats);
            devices.push(device);
        }
        let flows = self.flows(&zones, &mut devices);
        let extra_requirements = extra_requirements(&doc.project.attributes);
        let (decisions, controls) =
            self.mitigations(&applying_entity, &stakeholder_ids, &extra_requirements);
        self.keep_unmapped_top_level();
        self.report.add_what_to_complete(
            &devices,
            stakeholders.len() == 1 && applying_entity == APPLYING_ENTITY,
        );

        let project = &doc.project;
        let name = project
            .name
            .clone()
            .unwrap_or_else(|| project.id.value.clone());
        let model = Model {
            cpsrisk: Loc::new(1, Position::default()),
            system: System {
                name_en: None,
                scope_notes_en: Vec::new(),
                scope_notes_ja: Vec::new(),
                reading_notes_en: Vec::new(),
                reading_notes_ja: Vec::new(),
                name,
                name_ja: attr::string(&project.attributes, attr::NAME_JA),
                overview: None,
                scope_notes: project.description.iter().cloned().collect(),
                source: Some(ModelSource {
                    document_en: None,
                    document_ja: None,
                    document: format!(
                        "Open Threat Model {}, project `{}`",
                        doc.otm_version.value, project.id.value
                    ),
                    lines: None,
                }),
                reading_notes: Vec::new(),
                notes: std::mem::take(&mut self.system_notes),
            },
            iot_ssf: Some(IotSsf {
                applying_entity: Loc::new(applying_entity, Position::default()),
                stakeholders,
                devices,
                data_flows: flows,
                target: Target {
                    statement_en: None,
                    statement_ja: None,
                    axis1: Axis1::Limited,
                    axis2: Axis2::Limited,
                    statement: Some(
                        "Placeholder written by `cpsrisk import otm`: OTM has no target risk level; set it (IoT-SSF 2-2-1 ⑤)."
                            .into(),
                    ),
                },
                operator_requirements: None,
                incidents: Vec::new(),
                ratings: Vec::new(),
                policies: Vec::new(),
                threats: threats.list,
                extra_requirements,
                decisions,
                controls,
            }),
            conformance: None,
            dmf: None,
        };
        Imported {
            model,
            report: self.report,
        }
    }

    /// Stakeholders: the trust zones cpsrisk wrote for them (attribute `cpsrisk-stakeholder`),
    /// else one for the project's owner, else a placeholder; and the applying entity.
    fn stakeholders(&mut self) -> (Vec<Stakeholder>, String) {
        let doc = self.doc;
        let mut stakeholders = Vec::new();
        let mut seen = HashSet::new();
        for zone in elements(&doc.trust_zones) {
            let written = attr::string(&zone.attributes, attr::STAKEHOLDER);
            let Some(id) = written.filter(|id| cpsrisk_model::id_problem(id).is_none()) else {
                continue;
            };
            if seen.insert(id.clone()) {
                stakeholders.push(Stakeholder {
                    name_en: None,
                    description_en: None,
                    description_ja: None,
                    id: Loc::new(id, Position::default()),
                    name: zone.name.clone().unwrap_or_else(|| zone.id.value.clone()),
                    name_ja: attr::string(&zone.attributes, attr::NAME_JA),
                    roles: Vec::new(),
                    description: None,
                });
            }
        }
        let written = attr::string(&doc.project.attributes, attr::APPLYING_ENTITY)
            .filter(|id| stakeholders.iter().any(|s| &s.id.value == id));
        if let Some(entity) = written {
            return (stakeholders, entity);
        }
        if stakeholders.is_empty() {
            let name = doc
                .project
                .owner
                .clone()
                .unwrap_or_else(|| "Applying entity (to be completed)".to_string());
            stakeholders.push(Stakeholder {
                name_en: None,
                description_en: None,
                description_ja: None,
                id: Loc::new(APPLYING_ENTITY.into(), Position::default()),
                name,
                name_ja: None,
                roles: Vec::new(),
                description: Some(
                    "Written by `cpsrisk import otm` (the OTM project's owner, or a placeholder)"
                        .into(),
                ),
            });
        }
        let first = stakeholders[0].id.value.clone();
        (stakeholders, first)
    }

    /// Trust zones: kept as notes (cpsrisk's own stakeholder zones are mapped above); the
    /// set of zones that are the Internet, for `external_network`.
    fn zones(&mut self) -> Zones<'a> {
        let doc = self.doc;
        let mut zones = Zones::default();
        for (i, zone) in elements(&doc.trust_zones).enumerate() {
            let name = zone.name.as_deref().unwrap_or(zone.id.as_str());
            zones.names.insert(zone.id.as_str(), name);
            let internet = [
                Some(zone.id.as_str()),
                zone.name.as_deref(),
                zone.kind.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|s| s.to_lowercase().contains("internet"));
            if internet {
                zones.internet.insert(zone.id.as_str());
            }
            // cpsrisk's own zones stand for stakeholders (`managed_by`): nothing to keep.
            if attr::get(&zone.attributes, attr::NOT_RATED).is_some() {
                zones.written.insert(zone.id.as_str());
                self.report.push(
                    format!("trustZones[{i}]"),
                    &zone.id.value,
                    Outcome::Mapped,
                    Text::new(
                        "a zone cpsrisk wrote: a stakeholder, or the devices no stakeholder manages",
                        "cpsrisk が書いたゾーン: ステークホルダー、または管理者のいない機器",
                    ),
                );
                continue;
            }
            let rating = zone
                .risk
                .as_ref()
                .and_then(|r| r.trust_rating)
                .map(|r| format!(", trustRating {r}"))
                .unwrap_or_default();
            self.system_notes.push(format!(
                "OTM trustZones[{i}] `{}`: trust zone “{name}”{}{rating}{}",
                zone.id.value,
                zone.kind
                    .as_deref()
                    .map(|k| format!(", type `{k}`"))
                    .unwrap_or_default(),
                rest(
                    self.tree,
                    &["trustZones", &i.to_string()],
                    &["id", "name", "type", "risk"]
                )
            ));
            self.report.push(
                format!("trustZones[{i}]"),
                &zone.id.value,
                Outcome::KeptAsNote,
                if internet {
                    Text::new(
                        "system notes; the devices in it or exchanging data with it face an external network (cpsrisk judgement)",
                        "システムの注記。このゾーン内の機器とこのゾーンとデータをやり取りする機器は外部ネットワークに接する、と判断しました（cpsrisk の判断）",
                    )
                } else {
                    Text::new(
                        "system notes (the model has no trust zones); each device notes its zone",
                        "システムの注記（モデルにトラストゾーンはありません）。各機器の注記にゾーンを記しました",
                    )
                },
            );
        }
        for component in elements(&doc.components) {
            let parent = component.parent.as_ref();
            if let Some(parent) =
                parent.and_then(|p| p.trust_zone.as_ref().or(p.component.as_ref()))
            {
                zones
                    .component_parent
                    .insert(component.id.as_str(), parent.as_str());
            }
        }
        zones
    }

    fn device(
        &mut self,
        i: usize,
        component: &'a Component,
        zones: &Zones<'a>,
        stakeholders: &HashSet<String>,
    ) -> Device {
        let id = self.device_ids[component.id.as_str()].clone();
        let path = format!("components[{i}]");
        let mut notes = Vec::new();
        if id != component.id.value {
            notes.push(format!("OTM ID `{}`", component.id.value));
        }
        let (kind, basis) = self.kind(component);
        let zone = zones.zone_of(component.id.as_str());
        if let Some(zone) = zone.filter(|z| !zones.written.contains(z)) {
            notes.push(format!(
                "trust zone “{}” (`{zone}`)",
                zones.names.get(zone).copied().unwrap_or(zone)
            ));
        }
        if let Some(parent) = component.parent.as_ref().and_then(|p| p.component.as_ref()) {
            notes.push(format!("inside component `{}`", parent.value));
        }
        let written = |key| attr::boolean(&component.attributes, key);
        let external = written(attr::EXTERNAL_NETWORK)
            .unwrap_or_else(|| zone.is_some_and(|z| zones.internet.contains(z)));
        let in_scope = written(attr::IN_SCOPE).unwrap_or(true);
        let managed_by = attr::string(&component.attributes, attr::MANAGED_BY)
            .filter(|s| stakeholders.contains(s));
        let mapped_keys: &[&str] = &[
            "id",
            "name",
            "type",
            "description",
            "parent",
            "threats",
            "attributes",
        ];
        let extra = rest(self.tree, &["components", &i.to_string()], mapped_keys);
        if !extra.is_empty() {
            notes.push(format!("OTM {}", extra.trim_start_matches("; ")));
        }
        if let Some(other) = attr::foreign(&component.attributes) {
            notes.push(format!("OTM attributes {other}"));
        }
        if let (DeviceKind::Other, Some(t)) = (kind, &component.kind) {
            notes.push(format!("OTM type `{t}`"));
        }
        self.report.push(
            path,
            &component.id.value,
            Outcome::Mapped,
            Text::new(
                format!("device `{id}`, kind {} ({})", kind.id(), basis.en),
                format!("機器 `{id}`、種別 {}（{}）", kind.id(), basis.ja),
            ),
        );
        Device {
            name_en: None,
            description_en: None,
            description_ja: None,
            out_of_scope_reason_en: None,
            out_of_scope_reason_ja: None,
            id: Loc::new(id, Position::default()),
            name: component
                .name
                .clone()
                .unwrap_or_else(|| component.id.value.clone()),
            name_ja: attr::string(&component.attributes, attr::NAME_JA),
            kind,
            description: component.description.clone(),
            external_network: external,
            physical_action: written(attr::PHYSICAL_ACTION).unwrap_or(false),
            constrained: written(attr::CONSTRAINED).unwrap_or(false),
            managed_by: managed_by.map(|s| Loc::new(s, Position::default())),
            out_of_scope_reason: (!in_scope).then(|| {
                attr::string(&component.attributes, attr::OUT_OF_SCOPE_REASON)
                    .unwrap_or_else(|| "Out of scope in the OTM source".into())
            }),
            in_scope,
            protected_by: None,
            notes,
        }
    }

    /// The device kind: cpsrisk's own attribute, a type or tag that is a kind's ID, or a word of
    /// the type that names one kind (cpsrisk judgement); otherwise `other`.
    fn kind(&self, component: &Component) -> (DeviceKind, Text) {
        if let Some(kind) = attr::string(&component.attributes, attr::KIND)
            .and_then(|k| DeviceKind::ALL.iter().copied().find(|d| d.id() == k))
        {
            return (kind, Text::new("written by cpsrisk", "cpsrisk が書いた値"));
        }
        let tags = component.tags.iter().flatten().flatten();
        let names = component.kind.iter().chain(tags);
        let mut by_word = BTreeSet::new();
        for name in names {
            let norm = normalise(name);
            if let Some(kind) = DeviceKind::ALL.iter().copied().find(|d| d.id() == norm) {
                return (
                    kind,
                    Text::new(
                        format!("the OTM type or tag `{name}`"),
                        format!("OTM の型またはタグ `{name}`"),
                    ),
                );
            }
            by_word.extend(norm.split('-').filter_map(kind_of_word));
        }
        match (by_word.len(), by_word.first()) {
            (1, Some(&kind)) => (
                kind,
                Text::new(
                    "a word of the OTM type or tags; cpsrisk judgement",
                    "OTM の型またはタグの語による。cpsrisk の判断",
                ),
            ),
            _ => (
                DeviceKind::Other,
                Text::new(
                    "no kind the OTM type names unambiguously; the type is in the notes",
                    "OTM の型から一意に決まる種別がありません。型は注記に残しました",
                ),
            ),
        }
    }

    /// Device threats from the threats applied to a component; the rest into its notes.
    fn component_threats(
        &mut self,
        i: usize,
        component: &'a Component,
        device: &str,
        threats: &mut DeviceThreats,
    ) {
        for (j, instance) in component.threats.iter().flatten().enumerate() {
            let path = format!("components[{i}].threats[{j}]");
            let named = self
                .threat_map
                .get(instance.threat.as_str())
                .cloned()
                .unwrap_or_default();
            self.record_mitigations(instance, device, &named);
            let definition = self.threat_definitions.get(instance.threat.as_str());
            let title = definition
                .and_then(|t| t.name.as_deref())
                .unwrap_or(instance.threat.as_str());
            let state = instance.state.as_deref().unwrap_or("-");
            let text = format!(
                "OTM threat `{}` “{title}” (state {state}){}",
                instance.threat.value,
                definition
                    .and_then(|t| t.description.as_deref())
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            );
            if named.is_empty() {
                self.report.push(
                    path,
                    &instance.threat.value,
                    Outcome::KeptAsNote,
                    Text::new(
                        format!("notes of device `{device}`: no IoT-SSF catalog threat named"),
                        format!(
                            "機器 `{device}` の注記（IoT-SSF カタログの脅威を名指ししていません）"
                        ),
                    ),
                );
                self.device_notes
                    .entry(device.to_string())
                    .or_default()
                    .push(text);
                continue;
            }
            for &threat in &named {
                let entry = threats.entry(device, threat);
                let description = entry.description.get_or_insert_with(String::new);
                if !description.is_empty() {
                    description.push_str("; ");
                }
                description.push_str(&text);
            }
            let list = named.iter().copied().collect::<Vec<_>>().join(", ");
            self.report.push(
                path,
                &instance.threat.value,
                Outcome::Mapped,
                Text::new(
                    format!("device threat {list} on `{device}`"),
                    format!("機器 `{device}` の脅威 {list}"),
                ),
            );
        }
    }

    fn record_mitigations(
        &mut self,
        instance: &ThreatInstance,
        device: &str,
        named: &BTreeSet<&'static str>,
    ) {
        for m in instance.mitigations.iter().flatten().flatten() {
            let Some(id) = &m.mitigation else { continue };
            let Some(&key) = self.mitigation_ids.get(id.as_str()) else {
                continue;
            };
            let state = m.state.clone().unwrap_or_default();
            let uses = self.mitigation_uses.entry(key).or_default();
            let threats: Vec<Option<&'static str>> = if named.is_empty() {
                vec![None]
            } else {
                named.iter().copied().map(Some).collect()
            };
            uses.extend(threats.into_iter().map(|threat| Use {
                device: device.to_string(),
                threat,
                state: state.clone(),
            }));
        }
    }

    /// Data flows; flows with a trust zone at an end are dropped with the reason; devices that
    /// exchange data with a component in an Internet zone face an external network.
    fn flows(&mut self, zones: &Zones<'a>, devices: &mut [Device]) -> Vec<DataFlow> {
        let doc = self.doc;
        let mut flows = Vec::new();
        let mut facing = HashSet::new();
        for (i, flow) in elements(&doc.dataflows).enumerate() {
            let path = format!("dataflows[{i}]");
            let ends = (
                self.device_ids.get(flow.source.as_str()).cloned(),
                self.device_ids.get(flow.destination.as_str()).cloned(),
            );
            let (Some(from), Some(to)) = ends else {
                self.system_notes.push(format!(
                    "OTM dataflows[{i}] `{}`: {} → {} (an end is a trust zone, not a component)",
                    flow.id.value, flow.source.value, flow.destination.value
                ));
                self.report.push(
                    path,
                    &flow.id.value,
                    Outcome::Dropped,
                    Text::new(
                        "an end is a trust zone: model flows connect devices (kept in the system's notes)",
                        "端点がトラストゾーンです。モデルのデータフローは機器どうしを結びます（システムの注記に残しました）",
                    ),
                );
                continue;
            };
            for (a, b) in [(&flow.source, &to), (&flow.destination, &from)] {
                if zones
                    .zone_of(a.as_str())
                    .is_some_and(|z| zones.internet.contains(z))
                {
                    facing.insert(b.clone());
                }
            }
            let id = fresh_id(&mut self.used_flow_ids, &flow.id.value);
            let mut notes = Vec::new();
            if id != flow.id.value {
                notes.push(format!("OTM ID `{}`", flow.id.value));
            }
            if flow.bidirectional == Some(true) {
                notes.push(
                    "bidirectional in the OTM source: data also flows from `to` to `from`".into(),
                );
            }
            if let Some(d) = &flow.description {
                notes.push(d.clone());
            }
            for (j, instance) in flow.threats.iter().flatten().enumerate() {
                notes.push(format!(
                    "OTM threat `{}` on this dataflow (state {}): IoT-SSF rates threats per device",
                    instance.threat.value,
                    instance.state.as_deref().unwrap_or("-")
                ));
                self.report.push(
                    format!("{path}.threats[{j}]"),
                    &instance.threat.value,
                    Outcome::KeptAsNote,
                    Text::new(
                        format!("notes of flow `{id}`: IoT-SSF assesses threats per device"),
                        format!("データフロー `{id}` の注記（IoT-SSF は脅威を機器ごとに扱います）"),
                    ),
                );
            }
            let extra = rest(
                self.tree,
                &["dataflows", &i.to_string()],
                &[
                    "id",
                    "name",
                    "description",
                    "bidirectional",
                    "source",
                    "destination",
                    "threats",
                    "attributes",
                ],
            );
            if !extra.is_empty() {
                notes.push(format!("OTM {}", extra.trim_start_matches("; ")));
            }
            if let Some(other) = attr::foreign(&flow.attributes) {
                notes.push(format!("OTM attributes {other}"));
            }
            let via = attr::strings(&flow.attributes, attr::VIA)
                .into_iter()
                .filter(|v| self.used_device_ids.contains(v))
                .map(|v| Loc::new(v, Position::default()))
                .collect();
            self.report.push(
                path,
                &flow.id.value,
                Outcome::Mapped,
                Text::new(
                    format!("flow `{id}`: {from} → {to}"),
                    format!("データフロー `{id}`: {from} → {to}"),
                ),
            );
            flows.push(DataFlow {
                data_en: None,
                id: Loc::new(id, Position::default()),
                from: Loc::new(from, Position::default()),
                to: Loc::new(to, Position::default()),
                via,
                data: flow.name.clone(),
                data_ja: attr::string(&flow.attributes, attr::DATA_JA),
                notes,
            });
        }
        let known: HashSet<String> = devices.iter().map(|d| d.id.value.clone()).collect();
        for (device, component) in devices.iter_mut().zip(elements(&doc.components)) {
            if attr::boolean(&component.attributes, attr::EXTERNAL_NETWORK).is_none()
                && facing.contains(&device.id.value)
            {
                device.external_network = true;
            }
            device.protected_by = attr::string(&component.attributes, attr::PROTECTED_BY)
                .filter(|p| known.contains(p) && *p != device.id.value)
                .map(|p| Loc::new(p, Position::default()));
            if let Some(notes) = self.device_notes.remove(&device.id.value) {
                device.notes.extend(notes);
            }
        }
        break_protection_cycles(devices);
        flows
    }

    /// Decisions for mitigations that name an SSF-R requirement, controls for implemented ones,
    /// notes for the rest.
    fn mitigations(
        &mut self,
        applying_entity: &str,
        stakeholders: &HashSet<String>,
        extras: &[ExtraRequirement],
    ) -> (Vec<Decision>, Vec<Control>) {
        let catalog = self.catalog;
        let known = |id: &String| {
            catalog.requirement(id).is_some() || extras.iter().any(|e| &e.id.value == id)
        };
        let doc = self.doc;
        let (mut decisions, mut controls) = (Vec::new(), Vec::new());
        for (i, m) in elements(&doc.mitigations).enumerate() {
            let path = format!("mitigations[{i}]");
            let uses = self
                .mitigation_uses
                .remove(m.id.as_str())
                .unwrap_or_default();
            let name = m.name.as_deref().unwrap_or(m.id.as_str());
            let control = attr::boolean(&m.attributes, attr::CONTROL) == Some(true);
            let requirement = attr::string(&m.attributes, attr::REQUIREMENT)
                .filter(known)
                .or_else(|| requirement_named(self.catalog, &[m.id.as_str(), name]));
            let states: BTreeSet<&str> = uses.iter().map(|u| u.state.as_str()).collect();
            let implemented = states.contains("implemented");
            let description = m.description.clone();
            // What the file says where cpsrisk's attributes say nothing.
            let fallback = Decided {
                status: if implemented {
                    DecisionStatus::InPlace
                } else {
                    DecisionStatus::Planned
                },
                devices: uses
                    .iter()
                    .map(|u| u.device.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                threats: uses
                    .iter()
                    .filter_map(|u| u.threat.map(String::from))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
                measures: vec![description.clone().unwrap_or_else(|| name.to_string())],
                source_row: format!("OTM mitigation `{}`", m.id.value),
            };
            let devices = self.devices_written(&m.attributes, &fallback.devices);
            if let (Some(requirement), false) = (&requirement, control) {
                // cpsrisk's own export: each decision on the requirement; another tool's
                // mitigation: one decision.
                let written = attr::get(&m.attributes, attr::DECISIONS).and_then(Value::as_array);
                let entries: Vec<Option<Value>> = match written {
                    Some(list) => list.iter().cloned().map(Some).collect(),
                    None => vec![m.attributes.clone()],
                };
                let taken: Vec<Decision> = entries
                    .iter()
                    .map(|e| {
                        self.decision(requirement, e, &fallback, applying_entity, stakeholders)
                    })
                    .collect();
                let statuses: Vec<&str> = taken.iter().map(|d| d.status.value.id()).collect();
                self.report.push(
                    path,
                    &m.id.value,
                    Outcome::Mapped,
                    Text::new(
                        format!(
                            "{} decision(s) on {requirement}, status {}",
                            taken.len(),
                            statuses.join(", ")
                        ),
                        format!(
                            "{requirement} の意思決定 {} 件、状態 {}",
                            taken.len(),
                            statuses.join("、")
                        ),
                    ),
                );
                decisions.extend(taken);
            } else if implemented || control {
                self.report.push(
                    path,
                    &m.id.value,
                    Outcome::Mapped,
                    Text::new(
                        "control in place (implemented where applied; names no SSF-R requirement)",
                        "実施済みの管理策（適用箇所で implemented。SSF-R の対策要件は名指ししていません）",
                    ),
                );
                controls.push(Control {
                    description_en: None,
                    description_ja: None,
                    description: match &description {
                        Some(d) if control => d.clone(),
                        Some(d) => format!("{name}: {d} (OTM mitigation `{}`)", m.id.value),
                        None => format!("{name} (OTM mitigation `{}`)", m.id.value),
                    },
                    requirement: requirement.map(|r| Loc::new(r, Position::default())),
                    devices: located(devices),
                });
            } else {
                self.system_notes.push(format!(
                    "OTM mitigations[{i}] `{}` “{name}”{}: not implemented where applied ({}); names no SSF-R requirement",
                    m.id.value,
                    description.map(|d| format!(": {d}")).unwrap_or_default(),
                    if states.is_empty() { "applied nowhere".to_string() } else { states.into_iter().collect::<Vec<_>>().join(", ") }
                ));
                self.report.push(
                    path,
                    &m.id.value,
                    Outcome::KeptAsNote,
                    Text::new(
                        "system notes: names no SSF-R requirement and is not implemented; decide on a requirement for it",
                        "システムの注記（SSF-R の対策要件を名指しせず、実施済みでもありません）。対応する対策要件を決めてください",
                    ),
                );
            }
        }
        (decisions, controls)
    }

    /// The devices cpsrisk's attribute lists, as far as the file declares them; else `fallback`.
    fn devices_written(&self, written: &Option<Value>, fallback: &[String]) -> Vec<String> {
        match attr::strings_present(written, attr::DEVICES) {
            Some(list) => list
                .into_iter()
                .filter(|d| self.used_device_ids.contains(d))
                .collect(),
            None => fallback.to_vec(),
        }
    }

    /// A decision on `requirement` from cpsrisk's attributes `written`, each one they leave out
    /// taken from `fallback`; implementers only among the stakeholders.
    fn decision(
        &self,
        requirement: &str,
        written: &Option<Value>,
        fallback: &Decided,
        applying_entity: &str,
        stakeholders: &HashSet<String>,
    ) -> Decision {
        let status = attr::string(written, attr::STATUS)
            .and_then(|s| DecisionStatus::ALL.iter().copied().find(|d| d.id() == s))
            .unwrap_or(fallback.status);
        let threats = match attr::strings_present(written, attr::THREATS) {
            Some(list) => list
                .into_iter()
                .filter(|t| self.catalog.threat(t).is_some())
                .collect(),
            None => fallback.threats.clone(),
        };
        let implementers: Vec<String> = attr::strings(written, attr::IMPLEMENTERS)
            .into_iter()
            .filter(|s| stakeholders.contains(s))
            .collect();
        let (implementer, implementers) = match implementers.len() {
            0 => (Some(applying_entity.to_string()), Vec::new()),
            1 => (implementers.into_iter().next(), Vec::new()),
            _ => (None, implementers),
        };
        Decision {
            reason_en: None,
            reason_ja: None,
            measures_en: Vec::new(),
            measures_ja: Vec::new(),
            requirement: Loc::new(requirement.to_string(), Position::default()),
            implementer: implementer.map(|s| Loc::new(s, Position::default())),
            implementers: located(implementers),
            reason: (status == DecisionStatus::NotAdopted).then(|| {
                attr::string(written, attr::REASON)
                    .unwrap_or_else(|| "Not adopted in the OTM source".into())
            }),
            status: Loc::new(status, Position::default()),
            high_impact: attr::boolean(written, attr::HIGH_IMPACT).unwrap_or(false),
            devices: located(self.devices_written(written, &fallback.devices)),
            threats: located(threats),
            measures: attr::strings_present(written, attr::MEASURES)
                .unwrap_or_else(|| fallback.measures.clone()),
            annex_b: Vec::new(),
            source_row: Some(
                attr::string(written, attr::SOURCE_ROW)
                    .unwrap_or_else(|| fallback.source_row.clone()),
            ),
        }
    }

    /// Threat definitions applied nowhere, assets and representations: model-level notes.
    fn keep_unmapped_top_level(&mut self) {
        let doc = self.doc;
        let applied: HashSet<&str> = elements(&doc.components)
            .flat_map(|c| c.threats.iter().flatten())
            .chain(elements(&doc.dataflows).flat_map(|f| f.threats.iter().flatten()))
            .map(|t| t.threat.as_str())
            .collect();
        for (i, t) in elements(&doc.threats).enumerate() {
            if !applied.contains(t.id.as_str()) {
                self.system_notes.push(format!(
                    "OTM threats[{i}] `{}` “{}”: applied to no component{}",
                    t.id.value,
                    t.name.as_deref().unwrap_or(""),
                    t.description
                        .as_deref()
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default()
                ));
            }
        }
        for key in ["assets", "representations"] {
            let Some(list) = self.tree.get(key).and_then(Value::as_array) else {
                continue;
            };
            for (i, item) in list.iter().enumerate() {
                let id = item.get("id").and_then(Value::as_str).unwrap_or("");
                self.system_notes
                    .push(format!("OTM {key}[{i}]: {}", compact(item)));
                self.report.push(
                    format!("{key}[{i}]"),
                    id,
                    Outcome::KeptAsNote,
                    Text::new(
                        "system notes (the IoT-SSF model has no place for it)",
                        "システムの注記（IoT-SSF のモデルに対応する項目がありません）",
                    ),
                );
            }
        }
        let project_extra = rest(
            self.tree,
            &["project"],
            &["id", "name", "description", "attributes"],
        );
        if !project_extra.is_empty() {
            self.system_notes
                .push(format!("OTM project{project_extra}"));
        }
        if let Some(other) = attr::foreign(&doc.project.attributes) {
            self.system_notes
                .push(format!("OTM project attributes {other}"));
        }
    }

    /// The catalog threats an OTM threat names: by cpsrisk's attribute, a category, its name or
    /// its ID equal to a catalog ID (spaces and case aside) or to a catalog name.
    fn catalog_threats(&self, threat: &document::Threat) -> BTreeSet<&'static str> {
        let written = attr::string(&threat.attributes, attr::THREAT);
        let categories = threat.categories.iter().flatten().flatten().cloned();
        let names = written
            .into_iter()
            .chain(categories)
            .chain(threat.name.clone())
            .chain(std::iter::once(threat.id.value.clone()));
        let mut out = BTreeSet::new();
        for name in names {
            let norm = normalise(&name);
            let trimmed = name.trim();
            if let Some(t) = self.catalog.threats.iter().find(|t| {
                t.id == norm
                    || t.name_en.eq_ignore_ascii_case(trimmed)
                    || t.name_ja == trimmed
                    || t.variants_ja.iter().any(|v| v == trimmed)
            }) {
                out.insert(t.id.as_str());
            }
        }
        out
    }
}

/// A model ID for an OTM ID: the same where it follows the model's rule, otherwise with the
/// other characters replaced by `-`; unique in `used`.
fn fresh_id(used: &mut HashSet<String>, otm: &str) -> String {
    let base = if cpsrisk_model::id_problem(otm).is_none() {
        otm.to_string()
    } else {
        let cleaned: String = otm
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let cleaned = cleaned.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        let cut: String = cleaned.chars().take(56).collect();
        if cut.is_empty() {
            "otm".to_string()
        } else {
            cut
        }
    };
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{}-{n}", base.chars().take(56).collect::<String>());
        n += 1;
    }
    id
}

/// What the file itself says of a mitigation, for the decisions made from it.
struct Decided {
    status: DecisionStatus,
    devices: Vec<String>,
    threats: Vec<String>,
    measures: Vec<String>,
    source_row: String,
}

fn located(ids: Vec<String>) -> Vec<Loc<String>> {
    ids.into_iter()
        .map(|s| Loc::new(s, Position::default()))
        .collect()
}

/// `protected_by` as the file's attributes give it, less each link that would close a cycle
/// (possible only in an edited file): one walk along the links, linear in the devices.
fn break_protection_cycles(devices: &mut [Device]) {
    let index: HashMap<String, usize> = devices
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.value.clone(), i))
        .collect();
    // 0 not reached yet, 1 on the path being walked, 2 done.
    let mut state = vec![0u8; devices.len()];
    for start in 0..devices.len() {
        let mut path = Vec::new();
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            let next = devices[at]
                .protected_by
                .as_ref()
                .and_then(|p| index.get(&p.value).copied());
            match next {
                Some(next) if state[next] == 1 => {
                    devices[at].protected_by = None;
                    break;
                }
                Some(next) => at = next,
                None => break,
            }
        }
        path.into_iter().for_each(|i| state[i] = 2);
    }
}

/// Device threats in the order the file applies them, one per device and catalog threat.
#[derive(Default)]
struct DeviceThreats {
    list: Vec<DeviceThreat>,
    index: HashMap<(String, &'static str), usize>,
}

impl DeviceThreats {
    fn entry(&mut self, device: &str, threat: &'static str) -> &mut DeviceThreat {
        let next = self.list.len();
        let i = *self
            .index
            .entry((device.to_string(), threat))
            .or_insert(next);
        if i == next {
            self.list.push(DeviceThreat {
                description_en: None,
                description_ja: None,
                accepted_en: None,
                accepted_ja: None,
                device: Loc::new(device.to_string(), Position::default()),
                threat: Loc::new(threat.to_string(), Position::default()),
                description: None,
                requirements: Vec::new(),
                accepted: None,
            });
        }
        &mut self.list[i]
    }
}

/// A mitigation applied to a threat on a device: the device, the catalog threat the OTM threat
/// names (if any), and the mitigation's state there.
struct Use {
    device: String,
    threat: Option<&'static str>,
    state: String,
}

/// Where the components sit: each one's parent and each zone's name.
#[derive(Default)]
struct Zones<'a> {
    names: HashMap<&'a str, &'a str>,
    component_parent: HashMap<&'a str, &'a str>,
    internet: HashSet<&'a str>,
    /// Zones cpsrisk wrote (for stakeholders).
    written: HashSet<&'a str>,
}

impl<'a> Zones<'a> {
    /// The trust zone a component or zone sits in, through enclosing components; the nearest.
    fn zone_of(&self, id: &str) -> Option<&'a str> {
        let mut at = self.component_parent.get(id).copied();
        // A cycle of parents cannot loop forever: at most one step per component.
        for _ in 0..=self.component_parent.len() {
            let here = at?;
            if self.names.contains_key(here) {
                return Some(here);
            }
            at = self.component_parent.get(here).copied();
        }
        None
    }
}

/// `web-server` for `Web Server`, `web_server`: lower case, words joined by `-`.
fn normalise(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The device kind a word of an OTM type names, where it names one plainly (cpsrisk judgement;
/// the table is in docs/interchange.md).
fn kind_of_word(word: &str) -> Option<DeviceKind> {
    Some(match word {
        "sensor" | "sensors" => DeviceKind::Sensor,
        "actuator" | "actuators" => DeviceKind::Actuator,
        "gateway" => DeviceKind::Gateway,
        "router" | "switch" | "firewall" | "modem" => DeviceKind::NetworkDevice,
        "server" => DeviceKind::Server,
        "plc" | "controller" => DeviceKind::Controller,
        "smartphone" | "mobile" | "browser" | "terminal" => DeviceKind::Terminal,
        "cloud" | "saas" => DeviceKind::CloudService,
        _ => return None,
    })
}

/// The model's own requirements as cpsrisk wrote them on the project; entries it cannot read
/// are left out (their decisions then become controls or notes).
fn extra_requirements(attributes: &Option<Value>) -> Vec<ExtraRequirement> {
    let list = attr::get(attributes, attr::EXTRA_REQUIREMENTS).and_then(Value::as_array);
    let mut seen = HashSet::new();
    list.into_iter()
        .flatten()
        .filter_map(|e| {
            let text = |k: &str| e.get(k).and_then(Value::as_str).map(str::to_string);
            let id = text("id")
                .filter(|id| cpsrisk_model::id_problem(id).is_none() && !id.starts_with("SSF-"))?;
            let viewpoint = e
                .get("viewpoint")?
                .as_u64()
                .filter(|v| (1..=4).contains(v))?;
            let target = text("target")
                .and_then(|t| ImplTarget::ALL.iter().copied().find(|i| i.id() == t))?;
            Some(ExtraRequirement {
                name_en: None,
                id: Loc::new(id, Position::default()),
                name: text("name")?,
                name_ja: text("name_ja"),
                viewpoint: Loc::new(viewpoint as u8, Position::default()),
                target,
            })
        })
        .filter(|e| seen.insert(e.id.value.clone()))
        .collect()
}

/// The first `SSF-Rnn` of the catalog named in any of `texts`.
fn requirement_named(catalog: &IotSsfCatalogs, texts: &[&str]) -> Option<String> {
    texts.iter().find_map(|text| {
        text.match_indices("SSF-R").find_map(|(i, _)| {
            let id: String = text[i..].chars().take(7).collect();
            catalog.requirement(&id).map(|r| r.id.clone())
        })
    })
}

/// The keys of the element at `path` in the tree other than `mapped`, as `; key: value` text.
fn rest(tree: &Value, path: &[&str], mapped: &[&str]) -> String {
    let mut node = tree;
    for step in path {
        node = match step.parse::<usize>() {
            Ok(i) => match node.get(i) {
                Some(n) => n,
                None => return String::new(),
            },
            Err(_) => match node.get(*step) {
                Some(n) => n,
                None => return String::new(),
            },
        };
    }
    let Some(object) = node.as_object() else {
        return String::new();
    };
    object
        .iter()
        .filter(|(k, v)| !mapped.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| format!("; {k}: {}", compact(v)))
        .collect()
}

/// A value as one line of JSON.
pub(super) fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl Imported {
    /// The model as YAML, only the keys that have a value, after a comment naming `file`.
    pub fn model_yaml(&self, file: &str) -> Result<String, crate::RenderError> {
        let mut value = serde_json::to_value(&self.model)
            .map_err(|e| crate::RenderError(format!("json: {e}")))?;
        prune(&mut value);
        let body = serde_saphyr::to_string(&value)
            .map_err(|e| crate::RenderError(format!("yaml: {e}")))?;
        let file = cpsrisk_model::untrusted::visible(file, false);
        Ok(format!(
            "# Imported by `cpsrisk import otm` from {file}.\n\
             # `notes` keep what the OTM file held that the model has no field for; the import's\n\
             # report lists what to complete (target, stakeholders, incidents, ratings).\n{body}{}",
            if body.ends_with('\n') { "" } else { "\n" }
        ))
    }
}

/// Removes nulls and empty lists and maps, so that the written model shows only what is set.
fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.values_mut().for_each(prune);
            map.retain(|_, v| match v {
                Value::Null => false,
                Value::Array(a) => !a.is_empty(),
                Value::Object(o) => !o.is_empty(),
                _ => true,
            });
        }
        Value::Array(list) => list.iter_mut().for_each(prune),
        _ => {}
    }
}
