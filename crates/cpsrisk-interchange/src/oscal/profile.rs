//! `catalog export NAME --format oscal` for the label schemes: OSCAL profiles that select
//! provisions from the EN 303 645 catalog — `uk-psti` (the three provisions the UK PSTI regime
//! requires) and `cls-level-1` … `cls-level-4` (Singapore's Cybersecurity Labelling Scheme).
//! Every CLS level selects the mandatory provisions (cpsrisk's reading of "the EN 303 645
//! baseline", as in the conformance engine); levels 2–4 add evidence, not provisions, which the
//! profile states in its metadata.

use cpsrisk_catalog::Lang;
use serde::Serialize;

use super::catalog::control_id;
use super::common::{BackMatter, Metadata, Prop, Resource, Rlink, Timestamp, to_json, uuid};

/// The profiles this module writes.
pub const PROFILES: &[&str] = &[
    "uk-psti",
    "cls-level-1",
    "cls-level-2",
    "cls-level-3",
    "cls-level-4",
];

/// The file name the profiles expect the EN 303 645 catalog under (as
/// `catalog export en303645-provisions --format oscal --out en303645-provisions.oscal.json`
/// writes it).
const CATALOG_FILE: &str = "en303645-provisions.oscal.json";

#[derive(Serialize)]
struct Document {
    profile: Profile,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Profile {
    uuid: String,
    metadata: Metadata,
    imports: Vec<Import>,
    merge: Merge,
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Import {
    href: String,
    include_controls: Vec<WithIds>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct WithIds {
    with_ids: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Merge {
    as_is: bool,
}

/// The profile `name`; `None` for a name this module does not write.
pub fn render(name: &str, lang: Lang, stamp: &Timestamp) -> Option<Vec<u8>> {
    let catalogs = cpsrisk_catalog::conformance::catalogs();
    let provisions = catalogs.provisions.iter();
    let (title, ids, remarks, props): (String, Vec<String>, String, Vec<Prop>) = match name {
        "uk-psti" => (
            lang.pick(
                "UK PSTI: the EN 303 645 provisions the regime requires",
                "英国 PSTI: 制度が求める EN 303 645 の規定",
            )
            .into(),
            provisions
                .filter(|p| p.psti)
                .map(|p| control_id("en303645-provisions", &p.id))
                .collect(),
            lang.pick(
                "The provisions marked `psti` in cpsrisk's en303645-provisions catalog.",
                "cpsrisk の en303645-provisions カタログで psti とされた規定。",
            )
            .into(),
            Vec::new(),
        ),
        _ => {
            let level: u8 = name.strip_prefix("cls-level-")?.parse().ok()?;
            let cls = catalogs.cls.iter().find(|c| c.level == level)?;
            (
                format!(
                    "{} {level}: {}",
                    lang.pick("Singapore CLS level", "シンガポール CLS レベル"),
                    lang.pick(&cls.name_en, &cls.name_ja_normalized)
                ),
                provisions
                    .filter(|p| p.mandatory())
                    .map(|p| control_id("en303645-provisions", &p.id))
                    .collect(),
                format!(
                    "{} {}",
                    lang.pick(
                        "Selects every mandatory provision (cpsrisk's reading of the EN 303 645 baseline; the seed does not list provisions per level). Evidence of the tier:",
                        "必須の規定をすべて選択する（EN 303 645 のベースラインの cpsrisk による解釈。シードはレベルごとの規定を列挙しない）。評価層の証拠:"
                    ),
                    lang.pick(&cls.evidence_en, &cls.evidence_ja_normalized)
                ),
                vec![
                    Prop::own("cls-level", &level.to_string()),
                    Prop::own("basis", "cpsrisk-judgement"),
                ],
            )
        }
    };
    let mut metadata = Metadata::new(title, stamp);
    metadata.props = props;
    metadata.remarks = Some(remarks);
    let catalog = uuid("resource/catalog/en303645-provisions");
    Some(to_json(&Document {
        profile: Profile {
            uuid: uuid(&format!("profile/{name}")),
            metadata,
            imports: vec![Import {
                href: format!("#{catalog}"),
                include_controls: vec![WithIds { with_ids: ids }],
            }],
            merge: Merge { as_is: true },
            back_matter: BackMatter {
                resources: vec![Resource {
                    uuid: catalog,
                    title: "ETSI EN 303 645 provisions (cpsrisk catalog)".into(),
                    description: Some(
                        "cpsrisk catalog export en303645-provisions --format oscal".into(),
                    ),
                    rlinks: vec![Rlink {
                        href: CATALOG_FILE.into(),
                        media_type: Some("application/oscal.catalog+json"),
                    }],
                }],
            },
        },
    }))
}
