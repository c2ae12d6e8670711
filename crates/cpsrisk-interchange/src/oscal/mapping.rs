//! `catalog export mapping-… --format oscal`: the frameworks' crosswalks as OSCAL 1.2 mapping
//! collections — IoT-SSF requirement → CPSF measure (添付B), DMF countermeasure → CPSF /
//! ISO/IEC 27001 / SP 800-53 / DMBOK (表B-2.6), EN 303 645 provision → IoT-SSF requirement.
//! The sources print correspondences, not set relations, so every map says `intersects-with`
//! (NIST IR 8477), the weakest claim that keeps them; that choice is cpsrisk's.

use cpsrisk_catalog::Lang;
use serde::Serialize;

use super::catalog::control_id;
use super::common::{BackMatter, Metadata, Prop, Resource, Rlink, Timestamp, to_json, token, uuid};

/// The mapping collections this module writes.
pub const MAPPINGS: &[&str] = &[
    "mapping-iot-ssf-cpsf",
    "mapping-dmf-cpsf",
    "mapping-dmf-iso27001",
    "mapping-dmf-sp800-53",
    "mapping-dmf-dmbok",
    "mapping-en303645-iot-ssf",
];

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Document {
    mapping_collection: Collection,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Collection {
    uuid: String,
    metadata: Metadata,
    provenance: Provenance,
    mappings: Vec<Mapping>,
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Provenance {
    method: &'static str,
    matching_rationale: &'static str,
    status: &'static str,
    mapping_description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Mapping {
    uuid: String,
    source_resource: ResourceRef,
    target_resource: ResourceRef,
    maps: Vec<Map>,
}

#[derive(Serialize)]
struct ResourceRef {
    #[serde(rename = "type")]
    kind: &'static str,
    href: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Map {
    uuid: String,
    relationship: &'static str,
    sources: Vec<Item>,
    targets: Vec<Item>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Item {
    #[serde(rename = "type")]
    kind: &'static str,
    id_ref: String,
}

/// One correspondence: source entry, target ID, and (for cpsrisk's own links) the basis and why.
struct Pair {
    source: String,
    target: String,
    basis: Option<String>,
    rationale: Option<String>,
}

/// The target framework of a collection: its title and the prefix its IDs get as tokens.
struct Framework {
    title: &'static str,
    prefix: &'static str,
    /// A cpsrisk catalog written by `catalog export … --format oscal`, if it is one.
    catalog: Option<&'static str>,
}

/// The mapping collection `name`; `None` for a name this module does not write.
pub fn render(name: &str, lang: Lang, stamp: &Timestamp) -> Option<Vec<u8>> {
    let dmf = || cpsrisk_catalog::dmf::catalogs().countermeasures.iter();
    let dmf_pairs = |ids: fn(&cpsrisk_catalog::dmf::Countermeasure) -> &Vec<String>| -> Vec<Pair> {
        dmf()
            .flat_map(|m| {
                ids(m).iter().map(|t| Pair {
                    source: m.id.clone(),
                    target: t.clone(),
                    basis: None,
                    rationale: None,
                })
            })
            .collect()
    };
    let cpsf = Framework {
        title: "METI Cyber/Physical Security Framework (CPSF) measure requirements",
        prefix: "cpsf",
        catalog: None,
    };
    let (source, target, pairs, what_en, what_ja) = match name {
        "mapping-iot-ssf-cpsf" => (
            "iot-ssf-requirements",
            cpsf,
            cpsrisk_catalog::iot_ssf::catalogs()
                .requirements
                .iter()
                .flat_map(|r| {
                    r.cpsf.iter().map(|t| Pair {
                        source: r.id.clone(),
                        target: t.clone(),
                        basis: None,
                        rationale: None,
                    })
                })
                .collect::<Vec<_>>(),
            "IoT-SSF requirements to CPSF measure requirements (添付B)",
            "IoT-SSF 対策要件から CPSF の対策要件へ（添付B）",
        ),
        "mapping-dmf-cpsf" => (
            "dmf-countermeasures",
            cpsf,
            dmf_pairs(|m| &m.cpsf),
            "DMF countermeasures to CPSF measure requirements (表B-2.6)",
            "DMF の対策から CPSF の対策要件へ（表B-2.6）",
        ),
        "mapping-dmf-iso27001" => (
            "dmf-countermeasures",
            Framework {
                title: "ISO/IEC 27001 Annex A controls",
                prefix: "iso27001",
                catalog: None,
            },
            dmf_pairs(|m| &m.iso27001),
            "DMF countermeasures to ISO/IEC 27001 (表B-2.6)",
            "DMF の対策から ISO/IEC 27001 へ（表B-2.6）",
        ),
        "mapping-dmf-sp800-53" => (
            "dmf-countermeasures",
            Framework {
                title: "NIST SP 800-53 controls",
                prefix: "sp800-53",
                catalog: None,
            },
            dmf_pairs(|m| &m.sp800_53),
            "DMF countermeasures to NIST SP 800-53 (表B-2.6)",
            "DMF の対策から NIST SP 800-53 へ（表B-2.6）",
        ),
        "mapping-dmf-dmbok" => (
            "dmf-countermeasures",
            Framework {
                title: "DAMA-DMBOK knowledge areas",
                prefix: "dmbok",
                catalog: None,
            },
            dmf_pairs(|m| &m.dmbok),
            "DMF countermeasures to DAMA-DMBOK (表B-2.6)",
            "DMF の対策から DAMA-DMBOK へ（表B-2.6）",
        ),
        "mapping-en303645-iot-ssf" => (
            "en303645-provisions",
            Framework {
                title: "IoT-SSF countermeasure requirements",
                prefix: "cpsrisk",
                catalog: Some("iot-ssf-requirements"),
            },
            cpsrisk_catalog::conformance::catalogs()
                .links
                .iter()
                .flat_map(|l| {
                    l.requirements.iter().map(|r| Pair {
                        source: l.provision.clone(),
                        target: r.id.clone(),
                        basis: Some(r.basis.clone()),
                        rationale: Some(r.rationale.clone()),
                    })
                })
                .collect::<Vec<_>>(),
            "EN 303 645 provisions to IoT-SSF requirements (basis per map: seed or cpsrisk-judgement)",
            "EN 303 645 の規定から IoT-SSF 対策要件へ（根拠は対応ごと: シードまたは cpsrisk の判断）",
        ),
        _ => return None,
    };
    let source_uuid = uuid(&format!("resource/catalog/{source}"));
    let target_uuid = uuid(&format!("resource/framework/{}", target.prefix));
    let maps = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| Map {
            uuid: uuid(&format!("mapping/{name}/map/{i}")),
            relationship: "intersects-with",
            sources: vec![Item {
                kind: "control",
                id_ref: control_id(source, &p.source),
            }],
            targets: vec![Item {
                kind: "control",
                id_ref: match target.catalog {
                    Some(catalog) => control_id(catalog, &p.target),
                    None => token(target.prefix, &p.target),
                },
            }],
            props: p
                .basis
                .iter()
                .map(|b| Prop::own("basis", b))
                .chain(std::iter::once(Prop::oscal(
                    "label",
                    &format!("{} → {}", p.source, p.target),
                )))
                .collect(),
            remarks: p.rationale.clone(),
        })
        .collect();
    let resource = |uuid: String, title: String, file: Option<String>| Resource {
        uuid,
        title,
        description: None,
        rlinks: file
            .map(|href| Rlink {
                href,
                media_type: Some("application/oscal.catalog+json"),
            })
            .into_iter()
            .collect(),
    };
    Some(to_json(&Document {
        mapping_collection: Collection {
            uuid: uuid(&format!("mapping/{name}")),
            metadata: Metadata::new(lang.pick(what_en, what_ja).to_string(), stamp),
            provenance: Provenance {
                method: "human",
                matching_rationale: "semantic",
                status: "complete",
                mapping_description: lang
                    .pick(
                        "Transcribed from the tables of the METI source text (seed lines in the catalogs); each map says intersects-with because the source prints correspondences, not set relations (cpsrisk's reading).",
                        "経済産業省の原文の表から転記（シードの行はカタログに記載）。原文は対応関係のみを示し集合関係を示さないため、各対応を intersects-with とする（cpsrisk の解釈）。",
                    )
                    .into(),
            },
            mappings: vec![Mapping {
                uuid: uuid(&format!("mapping/{name}/mapping")),
                source_resource: ResourceRef {
                    kind: "catalog",
                    href: format!("#{source_uuid}"),
                },
                target_resource: ResourceRef {
                    kind: "catalog",
                    href: format!("#{target_uuid}"),
                },
                maps,
            }],
            back_matter: BackMatter {
                resources: vec![
                    resource(
                        source_uuid,
                        format!("cpsrisk catalog {source}"),
                        Some(format!("{source}.oscal.json")),
                    ),
                    resource(
                        target_uuid,
                        target.title.to_string(),
                        target.catalog.map(|c| format!("{c}.oscal.json")),
                    ),
                ],
            },
        },
    }))
}
