//! Conformance catalogs: the 67 provisions of ETSI EN 303 645 and the 109 test cases of
//! ETSI TS 103 701 as the seed transcribes them, and the Singapore CLS label levels.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::Source;

/// One provision of EN 303 645 (`5.1-1` … `5.13-1`, `6-1` … `6-5`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: String,
    pub clause: String,
    pub clause_title_ja: String,
    pub clause_title_ja_normalized: String,
    pub clause_title_en: String,
    pub text_ja: String,
    pub text_ja_normalized: String,
    pub text_en: String,
    pub source: Source,
    /// What the seed prints where it differs from the standard's numbering.
    pub printed_id: Option<String>,
    /// `mandatory` or `recommended`.
    pub status: String,
    /// `seed-wording`, `standard` or `cpsrisk-reading`: where the status comes from.
    pub status_basis: String,
    pub conditional: bool,
    /// Product properties that must hold (`prop`) or not hold (`!prop`) for it to apply.
    #[serde(default)]
    pub applies_when: Vec<String>,
    pub condition_ja: Option<String>,
    #[serde(default)]
    pub condition_ja_normalized: Option<String>,
    pub condition_en: Option<String>,
    pub condition_basis: Option<String>,
    /// One of the UK PSTI regime's three headline requirements.
    pub psti: bool,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Provision {
    pub fn mandatory(&self) -> bool {
        self.status == "mandatory"
    }
}

/// One test case of TS 103 701 (`GROUP-N`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    pub id: String,
    pub group: String,
    pub provision: String,
    /// `conceptual`, `functional` or `conceptual+functional`.
    #[serde(rename = "type")]
    pub kind: String,
    pub group_text_ja: Option<String>,
    pub group_text_ja_normalized: Option<String>,
    pub group_text_en: Option<String>,
    /// The purpose (本テストケースの目的は…), exported as `text_ja` / `text_en` like every
    /// catalog's main text.
    #[serde(rename = "text_ja", alias = "purpose_ja")]
    pub purpose_ja: String,
    #[serde(rename = "text_ja_normalized", alias = "purpose_ja_normalized")]
    pub purpose_ja_normalized: String,
    #[serde(rename = "text_en", alias = "purpose_en")]
    pub purpose_en: String,
    #[serde(default)]
    pub ics: Vec<String>,
    #[serde(default)]
    pub ixit: Vec<String>,
    pub source: Source,
    pub printed_group: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// One level of the Singapore Cybersecurity Labelling Scheme, the fields the engine reads
/// (the catalog export carries every field of `catalogs/conformance/cls-levels.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClsLevel {
    pub id: String,
    pub level: u8,
    pub name_ja_normalized: String,
    pub name_en: String,
    pub evidence_ja_normalized: String,
    pub evidence_en: String,
    pub tier: ClsTier,
    pub sources: Vec<ClsSource>,
}

/// A seed passage behind a CLS level, and what it gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClsSource {
    pub document: String,
    pub lines: [u32; 2],
    pub what: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClsTier {
    pub number: u8,
    pub name_ja_normalized: String,
    pub name_en: String,
    /// `self-declaration` or `third-party`.
    pub who: String,
}

#[derive(Deserialize)]
struct ClsFile {
    levels: Vec<ClsLevel>,
}

/// The IoT-SSF requirements one provision serves (`provision-requirements.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvisionLinks {
    pub provision: String,
    pub requirements: Vec<RequirementLink>,
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementLink {
    /// `SSF-Rnn`.
    pub id: String,
    /// `seed` where the seed supports the link, `cpsrisk-judgement` otherwise.
    pub basis: String,
    pub rationale: String,
    pub source: Option<Source>,
}

/// The conformance catalogs, parsed once and indexed by ID.
pub struct ConformanceCatalogs {
    pub provisions: Vec<Provision>,
    pub test_cases: Vec<TestCase>,
    /// The Singapore CLS levels and tiers, as transcribed.
    pub cls_levels: serde_json::Value,
    /// The same levels, typed, in level order.
    pub cls: Vec<ClsLevel>,
    /// Provision → IoT-SSF requirement links, in provision order.
    pub links: Vec<ProvisionLinks>,
    provision_index: HashMap<String, usize>,
    test_case_index: HashMap<String, usize>,
}

impl ConformanceCatalogs {
    fn load() -> Self {
        let provisions: Vec<Provision> =
            embedded_catalog!("conformance", "en303645-provisions.yaml");
        let test_cases: Vec<TestCase> =
            embedded_catalog!("conformance", "ts103701-test-cases.yaml");
        let cls_levels: serde_json::Value = embedded_catalog!("conformance", "cls-levels.yaml");
        let cls: ClsFile = embedded_catalog!("conformance", "cls-levels.yaml");
        let links: Vec<ProvisionLinks> =
            embedded_catalog!("conformance", "provision-requirements.yaml");
        ConformanceCatalogs {
            provision_index: provisions
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            test_case_index: test_cases
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), i))
                .collect(),
            provisions,
            test_cases,
            cls_levels,
            cls: cls.levels,
            links,
        }
    }

    pub fn provision(&self, id: &str) -> Option<&Provision> {
        self.provision_index.get(id).map(|&i| &self.provisions[i])
    }

    /// The IoT-SSF requirements provision `id` serves.
    pub fn links(&self, id: &str) -> &[RequirementLink] {
        self.provision_index
            .get(id)
            .and_then(|&i| self.links.get(i))
            .filter(|l| l.provision == id)
            .map_or(&[], |l| &l.requirements)
    }

    pub fn test_case(&self, id: &str) -> Option<&TestCase> {
        self.test_case_index.get(id).map(|&i| &self.test_cases[i])
    }
}

/// The conformance catalogs compiled into this binary.
pub fn catalogs() -> &'static ConformanceCatalogs {
    static CATALOGS: LazyLock<ConformanceCatalogs> = LazyLock::new(ConformanceCatalogs::load);
    &CATALOGS
}

/// Whether a provision applies to a product, given its properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Applicability {
    /// Every condition holds (or there is none).
    Applies,
    /// This condition (`prop` or `!prop`) does not hold.
    DoesNotApply { condition: String },
    /// No condition fails, but these properties are not stated.
    Unknown { unstated: Vec<String> },
}

impl Provision {
    /// Evaluates `applies_when` against the product's stated properties (`None`: not stated).
    pub fn applicability(&self, property: impl Fn(&str) -> Option<bool>) -> Applicability {
        let mut unstated = Vec::new();
        for condition in &self.applies_when {
            let (name, wanted) = match condition.strip_prefix('!') {
                Some(name) => (name, false),
                None => (condition.as_str(), true),
            };
            match property(name) {
                Some(value) if value != wanted => {
                    return Applicability::DoesNotApply {
                        condition: condition.clone(),
                    };
                }
                Some(_) => {}
                None => unstated.push(name.to_string()),
            }
        }
        if unstated.is_empty() {
            Applicability::Applies
        } else {
            Applicability::Unknown { unstated }
        }
    }
}
