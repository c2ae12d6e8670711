//! An Open Threat Model file as read: the fields cpsrisk maps, each ID with its place in the
//! file, and the whole document as a tree for keeping everything else in notes. Versions
//! 0.1.x and 0.2.x are read; real files often leave out fields the schema requires (a
//! dataflow's `name`, a component's `parent`), so only what the mapping needs is required.

use std::collections::HashMap;

use cpsrisk_model::{Diagnostic, Loc, Position, Text};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub struct Document {
    #[serde(rename = "otmVersion")]
    pub otm_version: Loc<String>,
    pub project: Project,
    #[serde(default, rename = "trustZones")]
    pub trust_zones: Option<Vec<TrustZone>>,
    #[serde(default)]
    pub components: Option<Vec<Component>>,
    #[serde(default)]
    pub dataflows: Option<Vec<Dataflow>>,
    #[serde(default)]
    pub threats: Option<Vec<Threat>>,
    #[serde(default)]
    pub mitigations: Option<Vec<Mitigation>>,
}

#[derive(Debug, Deserialize)]
pub struct Project {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct TrustZone {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub risk: Option<ZoneRisk>,
    #[serde(default)]
    pub parent: Option<Parent>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct ZoneRisk {
    #[serde(default, rename = "trustRating")]
    pub trust_rating: Option<f64>,
}

/// The element that encloses another: a trust zone or a component.
#[derive(Debug, Deserialize)]
pub struct Parent {
    #[serde(default, rename = "trustZone")]
    pub trust_zone: Option<Loc<String>>,
    #[serde(default)]
    pub component: Option<Loc<String>>,
}

#[derive(Debug, Deserialize)]
pub struct Component {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub parent: Option<Parent>,
    #[serde(default)]
    pub threats: Option<Vec<ThreatInstance>>,
    #[serde(default)]
    pub tags: Option<Vec<Option<String>>>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Dataflow {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub bidirectional: Option<bool>,
    pub source: Loc<String>,
    pub destination: Loc<String>,
    #[serde(default)]
    pub threats: Option<Vec<ThreatInstance>>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Threat {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub categories: Option<Vec<Option<String>>>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

/// A threat on a component or dataflow, with the mitigations applied to it there.
#[derive(Debug, Deserialize)]
pub struct ThreatInstance {
    pub threat: Loc<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub mitigations: Option<Vec<Option<MitigationInstance>>>,
}

#[derive(Debug, Deserialize)]
pub struct MitigationInstance {
    #[serde(default)]
    pub mitigation: Option<Loc<String>>,
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Mitigation {
    pub id: Loc<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub attributes: Option<Value>,
}

/// A read document: the typed fields and the whole tree.
pub struct Read {
    pub doc: Document,
    pub tree: Value,
}

/// Reads an OTM file (JSON or YAML) and checks what the mapping relies on: a version cpsrisk
/// reads, IDs unique per kind, and every reference naming something the file declares.
pub fn read(text: &str) -> Result<Read, Vec<Diagnostic>> {
    let doc: Document = cpsrisk_model::load::parse_document(text).map_err(|d| vec![otm_hint(d)])?;
    let tree: Value = cpsrisk_model::load::parse_document(text).map_err(|d| vec![d])?;
    let problems = check(&doc);
    if problems.is_empty() {
        Ok(Read { doc, tree })
    } else {
        Err(problems)
    }
}

/// The model parser speaks of the model and its format; here the file is OTM.
fn otm_hint(mut d: Diagnostic) -> Diagnostic {
    if let Some(rest) = d.message.ja.strip_prefix("モデルを読み込めません: ") {
        d.message.ja = format!("OTM ファイルを読み込めません: {rest}");
    }
    if d.message.en.starts_with("missing required key") {
        d.with_hint(Some(Text::new(
            "Open Threat Model 0.2.0 (github.com/iriusrisk/OpenThreatModel) lists the keys each element needs",
            "各要素に必要なキーは Open Threat Model 0.2.0 の仕様（github.com/iriusrisk/OpenThreatModel）を参照してください",
        )))
    } else {
        d
    }
}

/// The OTM versions read: 0.1.x (what many converters still write) and 0.2.x.
pub fn version_supported(version: &str) -> bool {
    version.starts_with("0.1.")
        || version.starts_with("0.2.")
        || version == "0.1"
        || version == "0.2"
}

fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !version_supported(&doc.otm_version.value) {
        out.push(
            Diagnostic::new(
                doc.otm_version.at,
                Text::new(
                    format!(
                        "Open Threat Model version `{}` is not read by cpsrisk",
                        doc.otm_version.value
                    ),
                    format!(
                        "Open Threat Model のバージョン `{}` には対応していません",
                        doc.otm_version.value
                    ),
                ),
            )
            .with_hint(Some(Text::new(
                "cpsrisk reads otmVersion 0.1.x and 0.2.x",
                "cpsrisk が読めるのは otmVersion 0.1.x と 0.2.x です",
            ))),
        );
    }
    let zones = declare(
        "trust zone",
        "トラストゾーン",
        elements(&doc.trust_zones).map(|z| &z.id),
        &mut out,
    );
    let components = declare(
        "component",
        "コンポーネント",
        elements(&doc.components).map(|c| &c.id),
        &mut out,
    );
    declare(
        "dataflow",
        "データフロー",
        elements(&doc.dataflows).map(|f| &f.id),
        &mut out,
    );
    let threats = declare(
        "threat",
        "脅威",
        elements(&doc.threats).map(|t| &t.id),
        &mut out,
    );
    let mitigations = declare(
        "mitigation",
        "対策",
        elements(&doc.mitigations).map(|m| &m.id),
        &mut out,
    );

    let parent = |p: &Parent, out: &mut Vec<Diagnostic>| {
        if let Some(z) = &p.trust_zone {
            resolve(z, &zones, "trust zone", "トラストゾーン", out);
        }
        if let Some(c) = &p.component {
            resolve(c, &components, "component", "コンポーネント", out);
        }
    };
    let instances = |list: &Option<Vec<ThreatInstance>>, out: &mut Vec<Diagnostic>| {
        for instance in list.iter().flatten() {
            resolve(&instance.threat, &threats, "threat", "脅威", out);
            let named = instance.mitigations.iter().flatten().flatten();
            for m in named.filter_map(|m| m.mitigation.as_ref()) {
                resolve(m, &mitigations, "mitigation", "対策", out);
            }
        }
    };
    for zone in elements(&doc.trust_zones) {
        zone.parent.iter().for_each(|p| parent(p, &mut out));
    }
    for component in elements(&doc.components) {
        component.parent.iter().for_each(|p| parent(p, &mut out));
        instances(&component.threats, &mut out);
    }
    for flow in elements(&doc.dataflows) {
        // An endpoint may name a trust zone: the import drops such a flow and says why.
        for end in [&flow.source, &flow.destination] {
            if !zones.contains_key(end.as_str()) {
                resolve(end, &components, "component", "コンポーネント", &mut out);
            }
        }
        instances(&flow.threats, &mut out);
    }
    out
}

/// The entries of an optional list.
pub fn elements<T>(list: &Option<Vec<T>>) -> impl Iterator<Item = &T> {
    list.iter().flatten()
}

fn declare<'a>(
    en: &str,
    ja: &str,
    ids: impl Iterator<Item = &'a Loc<String>>,
    out: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, Position> {
    let mut seen = HashMap::new();
    for id in ids {
        if let Some(first) = seen.insert(id.as_str(), id.at) {
            out.push(
                Diagnostic::new(
                    id.at,
                    Text::new(
                        format!(
                            "{en} ID `{}` is declared twice (first at line {})",
                            id.value, first.line
                        ),
                        format!(
                            "{ja}の ID `{}` が二度宣言されています（最初: {} 行目）",
                            id.value, first.line
                        ),
                    ),
                )
                .with_hint(Some(Text::new(
                    "give every element its own ID",
                    "要素ごとに異なる ID を付けてください",
                ))),
            );
        }
    }
    seen
}

fn resolve(
    reference: &Loc<String>,
    declared: &HashMap<&str, Position>,
    en: &str,
    ja: &str,
    out: &mut Vec<Diagnostic>,
) {
    if declared.contains_key(reference.as_str()) {
        return;
    }
    let hint = match cpsrisk_catalog::near_miss(&reference.value, declared.keys().copied()) {
        Some(s) => Text::new(
            format!("did you mean `{s}`?"),
            format!("`{s}` の誤りではありませんか？"),
        ),
        None => Text::new(
            format!("declare the {en} in the file, or correct the reference"),
            format!("この{ja}をファイル内で宣言するか、参照を直してください"),
        ),
    };
    out.push(
        Diagnostic::new(
            reference.at,
            Text::new(
                format!("no {en} has the ID `{}`", reference.value),
                format!("ID `{}` の{ja}がありません", reference.value),
            ),
        )
        .with_hint(Some(hint)),
    );
}
