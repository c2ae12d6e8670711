//! IoT-SSF catalogs: the 41 requirements of 表A-1 with 添付B, the 14 threats, the five kinds of
//! consequence, the level definitions and the threat → requirement crosswalk.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::Source;

/// One requirement of 表A-1 (`SSF-R01` … `SSF-R41`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    pub viewpoint: u8,
    pub target: String,
    /// Lifecycle stage, for system requirements only.
    pub lifecycle: Option<String>,
    /// `seed` when the seed names the stage for this requirement, `cpsrisk-reading` when the
    /// stage was read from 表A-1's stated ordering.
    pub lifecycle_basis: Option<String>,
    pub name_ja: String,
    pub name_en: String,
    pub source: Source,
    #[serde(default)]
    pub variants_ja: Vec<String>,
    #[serde(default)]
    pub cpsf: Vec<String>,
    pub annex_b: Option<AnnexB>,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Requirement {
    /// Its 添付B measures; none for SSF-R41, which 添付B omits (footnote 38).
    pub fn measures(&self) -> &[MeasureExample] {
        self.annex_b.as_ref().map_or(&[], |b| &b.measures)
    }
}

/// The requirement's block in 添付B: example measures and where they are.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexB {
    pub name_ja: String,
    pub source: Source,
    #[serde(default)]
    pub measures: Vec<MeasureExample>,
}

/// One example measure (a ⚫ bullet of 添付B), addressable as `SSF-Rnn.mK`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureExample {
    pub id: String,
    pub source: Source,
    /// The whole bullet, its sub-items joined with 「／」 and their glyphs.
    pub text_ja: String,
    pub text_en: String,
    /// Its level-2 sub-items (⁻/－), each addressable as `SSF-Rnn.mK.J`: e.g. R03's who does
    /// what (developer, provider, user), R04's before, during and after employment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<MeasureItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureItem {
    pub id: String,
    pub source: Source,
    pub text_ja: String,
    pub text_en: String,
}

/// A measure or a sub-item of one, as the flat catalog `iot-ssf-measures` lists it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Measure<'a> {
    pub id: &'a str,
    pub requirement: &'a str,
    pub source: &'a Source,
    pub text_ja: &'a str,
    pub text_en: &'a str,
}

impl<'a> Measure<'a> {
    fn of(
        requirement: &'a str,
        id: &'a str,
        source: &'a Source,
        text_ja: &'a str,
        text_en: &'a str,
    ) -> Self {
        Measure {
            id,
            requirement,
            source,
            text_ja,
            text_en,
        }
    }
}

/// One threat of 表2 (STRIDE), 表3 (IoT) or `general` (全般).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    pub id: String,
    pub family: String,
    pub name_ja: String,
    pub name_en: String,
    pub text_ja: String,
    pub text_en: String,
    pub source: Source,
    #[serde(default)]
    pub variants_ja: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A row of the six use cases' worked examples (catalog `iot-ssf-case-examples`): a policy and
/// the requirements it maps to, a row of a measure table, or a row of a threat table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseExample {
    pub id: String,
    /// The use case's section, `2-3-1` … `2-3-6`.
    pub use_case: String,
    /// `policy` or `measure`.
    pub kind: String,
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub row: Option<u32>,
    /// Empty for a threat-table row, which names no stakeholder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stakeholder_en: String,
    #[serde(default)]
    pub stakeholder_ja: Option<String>,
    /// Threat-table rows: the device as printed, and in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_ja: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_en: Option<String>,
    /// Threat-table rows: the `iot-ssf-threats` ID (cpsrisk's mapping) and the threat as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_ja: Option<String>,
    pub requirements: Vec<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub text_ja: Option<String>,
    #[serde(default)]
    pub text_en: Option<String>,
    #[serde(default)]
    pub measures_ja: Vec<String>,
    #[serde(default)]
    pub measures_en: Vec<String>,
    pub source: Source,
}

/// One kind of consequence of 2-2-2(1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consequence {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub example_ja: String,
    pub example_en: String,
    pub source: Source,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// One (requirement, threat) pair of the use cases' candidate tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatRequirement {
    pub requirement: String,
    pub threat: String,
    /// `seed` for a row of the use cases' candidate tables; `cpsrisk-judgement` for a pair
    /// cpsrisk adds for a threat those tables never name (then `sources` are the 添付B measures
    /// the judgement rests on, and `rationale` says why).
    #[serde(default = "seed_basis")]
    pub basis: String,
    #[serde(default)]
    pub rationale: Option<String>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub notes: Vec<String>,
}

fn seed_basis() -> String {
    "seed".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThreatRequirementFile {
    pairs: Vec<ThreatRequirement>,
    #[serde(default)]
    unmapped: Vec<serde_json::Value>,
    /// cpsrisk's own pairs, after the seed's.
    #[serde(default)]
    judgements: Vec<ThreatRequirement>,
}

/// All IoT-SSF catalogs, parsed once and indexed by ID.
pub struct IotSsfCatalogs {
    pub requirements: Vec<Requirement>,
    pub threats: Vec<Threat>,
    pub consequences: Vec<Consequence>,
    /// The level definitions (axis 1, axis 2, viewpoints, targets, roles) as transcribed.
    pub levels: serde_json::Value,
    pub threat_requirements: Vec<ThreatRequirement>,
    /// The use cases' worked examples, in use-case order.
    pub case_examples: Vec<CaseExample>,
    case_examples_by_requirement: HashMap<String, Vec<usize>>,
    case_threats_by_threat: HashMap<String, Vec<usize>>,
    /// Candidate-table rows whose requirement has no 表A-1 counterpart.
    pub threat_requirements_unmapped: Vec<serde_json::Value>,
    requirement_index: HashMap<String, usize>,
    /// Where each measure and sub-item is: requirement, measure and item positions.
    measure_index: HashMap<String, (usize, usize, Option<usize>)>,
    threat_index: HashMap<String, usize>,
    candidates_by_threat: HashMap<String, Vec<usize>>,
}

impl IotSsfCatalogs {
    fn load() -> Self {
        let requirements: Vec<Requirement> = embedded_catalog!("iot-ssf", "requirements.yaml");
        let threats: Vec<Threat> = embedded_catalog!("iot-ssf", "threats.yaml");
        let consequences: Vec<Consequence> = embedded_catalog!("iot-ssf", "consequences.yaml");
        let levels: serde_json::Value = embedded_catalog!("iot-ssf", "levels.yaml");
        let mut crosswalk: ThreatRequirementFile =
            embedded_catalog!("iot-ssf", "threat-requirements.yaml");
        crosswalk.pairs.append(&mut crosswalk.judgements);
        let requirement_index = requirements
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let threat_index = threats
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let mut candidates_by_threat: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, pair) in crosswalk.pairs.iter().enumerate() {
            candidates_by_threat
                .entry(pair.threat.clone())
                .or_default()
                .push(i);
        }
        let case_examples: Vec<CaseExample> = embedded_catalog!("iot-ssf", "case-examples.yaml");
        let mut case_examples_by_requirement: HashMap<String, Vec<usize>> = HashMap::new();
        let mut case_threats_by_threat: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in case_examples.iter().enumerate() {
            if let Some(t) = &e.threat {
                case_threats_by_threat.entry(t.clone()).or_default().push(i);
            }
            for r in &e.requirements {
                case_examples_by_requirement
                    .entry(r.clone())
                    .or_default()
                    .push(i);
            }
        }
        let mut measure_index = HashMap::new();
        for (r, requirement) in requirements.iter().enumerate() {
            for (m, measure) in requirement.measures().iter().enumerate() {
                measure_index.insert(measure.id.clone(), (r, m, None));
                for (i, item) in measure.items.iter().enumerate() {
                    measure_index.insert(item.id.clone(), (r, m, Some(i)));
                }
            }
        }
        IotSsfCatalogs {
            measure_index,
            case_examples,
            case_examples_by_requirement,
            case_threats_by_threat,
            requirements,
            threats,
            consequences,
            levels,
            threat_requirements: crosswalk.pairs,
            threat_requirements_unmapped: crosswalk.unmapped,
            requirement_index,
            threat_index,
            candidates_by_threat,
        }
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirement_index
            .get(id)
            .map(|&i| &self.requirements[i])
    }

    /// How the seed's use cases took up `requirement`: their policies and measure-table rows.
    pub fn case_examples_for(&self, requirement: &str) -> impl Iterator<Item = &CaseExample> {
        self.case_examples_by_requirement
            .get(requirement)
            .into_iter()
            .flatten()
            .map(|&i| &self.case_examples[i])
    }

    /// How the seed's use cases saw `threat` (an `iot-ssf-threats` ID): their threat-table rows.
    pub fn case_threats_for(&self, threat: &str) -> impl Iterator<Item = &CaseExample> {
        self.case_threats_by_threat
            .get(threat)
            .into_iter()
            .flatten()
            .map(|&i| &self.case_examples[i])
    }

    /// A measure (`SSF-R04.m1`) or sub-item (`SSF-R04.m1.2`) of 添付B.
    pub fn measure(&self, id: &str) -> Option<Measure<'_>> {
        let &(r, m, item) = self.measure_index.get(id)?;
        let requirement = &self.requirements[r];
        let measure = &requirement.measures()[m];
        Some(match item {
            None => Measure::of(
                &requirement.id,
                measure.id.as_str(),
                &measure.source,
                &measure.text_ja,
                &measure.text_en,
            ),
            Some(i) => {
                let it = &measure.items[i];
                Measure::of(
                    &requirement.id,
                    &it.id,
                    &it.source,
                    &it.text_ja,
                    &it.text_en,
                )
            }
        })
    }

    /// Every measure and sub-item, in catalog order (a measure before its items).
    pub fn measures(&self) -> impl Iterator<Item = Measure<'_>> {
        self.requirements.iter().flat_map(|r| {
            r.measures().iter().flat_map(move |m| {
                std::iter::once(Measure::of(&r.id, &m.id, &m.source, &m.text_ja, &m.text_en)).chain(
                    m.items
                        .iter()
                        .map(move |i| Measure::of(&r.id, &i.id, &i.source, &i.text_ja, &i.text_en)),
                )
            })
        })
    }

    pub fn threat(&self, id: &str) -> Option<&Threat> {
        self.threat_index.get(id).map(|&i| &self.threats[i])
    }

    pub fn consequence(&self, id: &str) -> Option<&Consequence> {
        self.consequences.iter().find(|c| c.id == id)
    }

    /// The requirements the use cases' candidate tables list against `threat`, then those cpsrisk
    /// judges to serve it where the tables name none, in catalog order.
    pub fn candidates_for_threat(&self, threat: &str) -> impl Iterator<Item = &ThreatRequirement> {
        self.candidates_by_threat
            .get(threat)
            .into_iter()
            .flatten()
            .map(|&i| &self.threat_requirements[i])
    }
}

/// The IoT-SSF catalogs compiled into this binary.
pub fn catalogs() -> &'static IotSsfCatalogs {
    static CATALOGS: LazyLock<IotSsfCatalogs> = LazyLock::new(IotSsfCatalogs::load);
    &CATALOGS
}
