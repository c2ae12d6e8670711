//! Readiness for the label levels the seed describes (Singapore CLS levels 1–4, seed lines
//! 1969–2011 and 4766–4931) and for the UK PSTI regime's three headline requirements.
//!
//! The seed says what each tier needs — tier 1: the developer declares conformity to the
//! EN 303 645 baseline; tier 2: also the lifecycle requirements; tier 3: a software binary
//! analysis by a test lab; tier 4: a penetration test — and that each level includes the one
//! below. Which provisions make up "the baseline" the seed does not list; cpsrisk reads it as
//! every applicable mandatory provision, and says so in the report.

use cpsrisk_catalog::conformance::catalogs;
use cpsrisk_model::Text;
use cpsrisk_model::levels::ProvisionStatus;
use cpsrisk_model::model::Conformance;
use serde::Serialize;

use crate::checklist::ChecklistRow;

#[derive(Debug, Clone, Serialize)]
pub struct LabelLevel {
    pub id: String,
    pub level: u8,
    pub name_en: String,
    pub name_ja: String,
    /// `self-declaration` or `third-party`.
    pub assessed_by: String,
    pub evidence_en: String,
    pub evidence_ja: String,
    pub ready: bool,
    /// The evidence reference the model gives for this level's tier (levels 2–4).
    pub evidence_given: Option<String>,
    /// What is missing for this level alone (the levels below have their own lists).
    pub missing: Vec<Text>,
    pub seed_lines: Vec<[u32; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelReadiness {
    pub target_level: Option<u8>,
    /// The highest level whose evidence, and that of every level below, is complete.
    pub ready_level: u8,
    pub levels: Vec<LabelLevel>,
    pub basis: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct PstiRequirement {
    pub provision: String,
    pub name_en: &'static str,
    pub name_ja: &'static str,
    pub stated: Option<ProvisionStatus>,
    /// Stated met, or not applicable (a product without passwords has no default password).
    pub satisfied: bool,
}

pub fn label(c: &Conformance, checklist: &[ChecklistRow]) -> LabelReadiness {
    let evidence = c.label.clone().unwrap_or_default();
    let mut ready_level = 0;
    let mut below_ready = true;
    let levels = catalogs()
        .cls
        .iter()
        .map(|l| {
            let missing: Vec<Text> = match l.level {
                1 => checklist
                    .iter()
                    .filter(|r| r.status == "mandatory" && !matches!(r.applicability, cpsrisk_catalog::conformance::Applicability::DoesNotApply { .. }))
                    .filter(|r| r.stated != Some(ProvisionStatus::Met) && r.stated != Some(ProvisionStatus::NotApplicable))
                    .map(|r| Text::new(format!("mandatory provision {} is not stated met", r.id), format!("必須の規定 {} が適合と記載されていない", r.id)))
                    .collect(),
                2 => absent(&evidence.lifecycle_declaration, "a declaration of conformity to the lifecycle requirements (`label.lifecycle_declaration`)", "ライフサイクル要件への適合宣言（`label.lifecycle_declaration`）"),
                3 => absent(&evidence.binary_analysis, "a test lab's software binary analysis report (`label.binary_analysis`)", "テストラボによるソフトウェアバイナリ分析報告（`label.binary_analysis`）"),
                _ => absent(&evidence.penetration_test, "a test lab's penetration test report (`label.penetration_test`)", "テストラボによるペネトレーションテスト報告（`label.penetration_test`）"),
            };
            let evidence_given = match l.level {
                2 => evidence.lifecycle_declaration.clone(),
                3 => evidence.binary_analysis.clone(),
                4 => evidence.penetration_test.clone(),
                _ => None,
            };
            let ready = missing.is_empty();
            if ready && below_ready {
                ready_level = l.level;
            } else {
                below_ready = false;
            }
            LabelLevel {
                id: l.id.clone(),
                level: l.level,
                name_en: l.name_en.clone(),
                name_ja: l.name_ja_normalized.clone(),
                assessed_by: l.tier.who.clone(),
                evidence_en: l.evidence_en.clone(),
                evidence_ja: l.evidence_ja_normalized.clone(),
                ready,
                evidence_given,
                missing,
                seed_lines: l.sources.iter().map(|s| s.lines).collect(),
            }
        })
        .collect();
    LabelReadiness {
        target_level: evidence.target_level.map(|l| l.value),
        ready_level,
        levels,
        basis: Text::new(
            "Level 1 is read as every applicable mandatory EN 303 645 provision stated met (cpsrisk's reading: the seed names the EN 303 645 baseline but does not list its provisions); levels 2–4 need the evidence of their tier, as the seed describes.",
            "レベル1 は、適用されるすべての必須の EN 303 645 規定が適合と記載されていることと解釈する（シードは EN 303 645 のベースラインとのみ記載し規定を列挙しないため、cpsrisk の解釈）。レベル2〜4 はシードの記載どおり各評価層の証拠を要する。",
        ),
    }
}

fn absent(value: &Option<String>, en: &str, ja: &str) -> Vec<Text> {
    if value.as_deref().is_some_and(|v| !v.trim().is_empty()) {
        Vec::new()
    } else {
        vec![Text::new(en, ja)]
    }
}

/// The UK PSTI regime's three headline requirements and the provisions that carry them.
pub fn psti(checklist: &[ChecklistRow]) -> Vec<PstiRequirement> {
    const HEADLINES: [(&str, &str, &str); 3] = [
        (
            "5.1-1",
            "No universal default passwords",
            "ユニバーサルデフォルトパスワードの禁止",
        ),
        (
            "5.2-1",
            "A published way to report vulnerabilities",
            "脆弱性を報告する手段の公開",
        ),
        ("5.3-13", "A published support period", "サポート期間の公開"),
    ];
    HEADLINES
        .iter()
        .map(|(id, en, ja)| {
            let stated = checklist
                .iter()
                .find(|r| r.id == *id)
                .and_then(|r| r.stated);
            let satisfied = matches!(
                stated,
                Some(ProvisionStatus::Met | ProvisionStatus::NotApplicable)
            );
            PstiRequirement {
                provision: id.to_string(),
                name_en: en,
                name_ja: ja,
                stated,
                satisfied,
            }
        })
        .collect()
}
