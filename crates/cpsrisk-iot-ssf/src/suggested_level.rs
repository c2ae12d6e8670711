//! The level the recorded sub-criteria suggest on each axis, and the rule that produced it.
//!
//! Axis 1 follows the text of 2-2-2(2)① (seed lines 7513–7544): loss of life → fatal (or serious
//! where the conditions for it are unlikely), serious injury or a serious privacy infringement →
//! serious, otherwise limited; the worse of the safety and privacy sides wins.
//!
//! Axis 2: the seed's criteria table (図4) is an image, so no per-level criteria survive in the
//! text. The rule here is cpsrisk's own reading of the factors the text names (lines 7574–7617)
//! and is labelled as such in every output: an expected large-scale recall, a direct impact
//! outside the stakeholder, a direct impact inside it that matters to it, a long-lasting impact
//! and the absence of a substitute each aggravate. None → limited; any → at least serious. The
//! factors cannot tell serious from catastrophic: that is a question of magnitude on the
//! organisation's own monetary scale (lines 7562–7570), so a recorded catastrophic agrees.

use cpsrisk_model::Text;
use cpsrisk_model::levels::{Axis1, Axis2, PrivacyHarm, SafetyHarm};
use cpsrisk_model::model::{Axis1Rating, Axis2Rating};
use serde::Serialize;

/// Whose rule produced a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleBasis {
    /// The seed states the rule.
    Seed,
    /// cpsrisk's reading where the seed's criteria are not in the text.
    Cpsrisk,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suggestion<L> {
    pub level: L,
    /// The rule gives a lower bound: any recorded level at or above `level` agrees.
    pub at_least: bool,
    /// A stable identifier of the rule, e.g. `axis1.safety.serious-injury`.
    pub rule: String,
    pub basis: RuleBasis,
    pub explanation: Text,
}

impl<L: PartialOrd> Suggestion<L> {
    /// Whether the level recorded in the model agrees with this suggestion.
    pub fn agrees_with(&self, recorded: &L) -> bool {
        if self.at_least {
            *recorded >= self.level
        } else {
            *recorded == self.level
        }
    }
}

pub fn suggest_axis1(rating: &Axis1Rating) -> Option<Suggestion<Axis1>> {
    let safety = rating.safety.map(|s| {
        let (level, en, ja) = match s {
            SafetyHarm::Death => (
                Axis1::Fatal,
                "loss of life is possible",
                "人命が失われるおそれがある",
            ),
            SafetyHarm::DeathUnlikely => (
                Axis1::Serious,
                "loss of life is possible but its conditions are unlikely",
                "人命が失われるおそれがあるが、その条件が成立する可能性は高くない",
            ),
            SafetyHarm::SeriousInjury => (
                Axis1::Serious,
                "serious injury is possible",
                "重傷を負うおそれがある",
            ),
            SafetyHarm::MinorInjury => (
                Axis1::Limited,
                "minor injury is possible",
                "軽傷を負うおそれがある",
            ),
            SafetyHarm::None => (
                Axis1::Limited,
                "no harm to life or body",
                "人命・身体への影響はない",
            ),
        };
        (
            level,
            format!("axis1.safety.{}", cpsrisk_model::levels::Named::id(s)),
            en,
            ja,
        )
    });
    let privacy = rating.privacy.map(|p| {
        let (level, en, ja) = match p {
            PrivacyHarm::Serious => (
                Axis1::Serious,
                "important personal information leaks: a serious privacy infringement",
                "重要度の高い個人情報等が漏えいし重大なプライバシーの侵害が認められる",
            ),
            PrivacyHarm::Minor => (
                Axis1::Limited,
                "a minor privacy infringement",
                "軽度なプライバシーの侵害",
            ),
            PrivacyHarm::None => (
                Axis1::Limited,
                "no privacy infringement",
                "プライバシーの侵害はない",
            ),
        };
        (
            level,
            format!("axis1.privacy.{}", cpsrisk_model::levels::Named::id(p)),
            en,
            ja,
        )
    });
    // The worse side decides; on a tie the safety side is named.
    let (level, rule, en, ja) = match (safety, privacy) {
        (Some(s), Some(p)) => {
            if p.0 > s.0 {
                p
            } else {
                s
            }
        }
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some(Suggestion {
        level,
        at_least: false,
        rule,
        basis: RuleBasis::Seed,
        explanation: Text::new(
            format!("{en} (IoT-SSF use-case collection 2-2-2(2)①, seed lines 7513–7544)"),
            format!("{ja}（IoT-SSF ユースケース集 2-2-2(2)①、シード 7513–7544 行）"),
        ),
    })
}

pub fn suggest_axis2(rating: &Axis2Rating) -> Option<Suggestion<Axis2>> {
    let recorded = [
        rating.direct_internal,
        rating.direct_external,
        rating.long_duration,
        rating.substitutable,
        rating.large_recall,
    ];
    if recorded.iter().all(Option::is_none) {
        return None;
    }
    let factors: [(bool, &str, &str, &str); 5] = [
        (
            rating.large_recall == Some(true),
            "large-recall",
            "a large-scale recall is expected",
            "大規模な製品回収が想定される",
        ),
        (
            rating.direct_external == Some(true),
            "external",
            "direct impact outside the stakeholder",
            "当事者外部への直接影響がある",
        ),
        (
            rating.direct_internal == Some(true),
            "internal",
            "direct impact inside that matters to the stakeholder",
            "当事者にとって重要な内部への直接影響がある",
        ),
        (
            rating.long_duration == Some(true),
            "long-duration",
            "the impact lasts long",
            "影響が長時間継続する",
        ),
        (
            rating.substitutable == Some(false),
            "no-substitute",
            "no substitute reduces it",
            "代替手段で軽減できない",
        ),
    ];
    let present: Vec<_> = factors.iter().filter(|f| f.0).collect();
    let level = if present.is_empty() {
        Axis2::Limited
    } else {
        Axis2::Serious
    };
    let rule = if present.is_empty() {
        "axis2.factors.none".to_string()
    } else {
        format!(
            "axis2.factors.{}",
            present.iter().map(|f| f.1).collect::<Vec<_>>().join("+")
        )
    };
    let (en, ja) = if present.is_empty() {
        (
            "no aggravating factor recorded".to_string(),
            "悪化要因の記録なし".to_string(),
        )
    } else {
        (
            present.iter().map(|f| f.2).collect::<Vec<_>>().join("; "),
            present.iter().map(|f| f.3).collect::<Vec<_>>().join("、"),
        )
    };
    Some(Suggestion {
        level,
        at_least: !present.is_empty(),
        rule,
        basis: RuleBasis::Cpsrisk,
        explanation: Text::new(
            format!(
                "{en} ({} of 5 aggravating factors: {}; cpsrisk's reading of the factors of 2-2-2(2)②, seed lines 7574–7617, as the criteria figure 図4 is not in the text)",
                present.len(),
                if present.is_empty() {
                    "limited"
                } else {
                    "serious or catastrophic"
                }
            ),
            format!(
                "{ja}（悪化要因 5 つのうち {} つ: {}。判断基準の図4 は本文にないため、2-2-2(2)②（シード 7574–7617 行）の要因に基づく cpsrisk の解釈）",
                present.len(),
                if present.is_empty() {
                    "限定的"
                } else {
                    "重大以上"
                }
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpsrisk_model::{Loc, Position};

    fn axis1(safety: Option<SafetyHarm>, privacy: Option<PrivacyHarm>) -> Axis1Rating {
        Axis1Rating {
            reasoning_en: None,
            reasoning_ja: None,
            level: Loc::new(Axis1::Limited, Position::default()),
            safety,
            privacy,
            reasoning: None,
        }
    }

    #[test]
    fn axis1_takes_the_worse_side() {
        let s = suggest_axis1(&axis1(Some(SafetyHarm::Death), Some(PrivacyHarm::Serious))).unwrap();
        assert_eq!(s.level, Axis1::Fatal);
        assert_eq!(s.rule, "axis1.safety.death");
        let s = suggest_axis1(&axis1(
            Some(SafetyHarm::MinorInjury),
            Some(PrivacyHarm::Serious),
        ))
        .unwrap();
        assert_eq!(
            (s.level, s.rule.as_str()),
            (Axis1::Serious, "axis1.privacy.serious")
        );
        let s = suggest_axis1(&axis1(Some(SafetyHarm::DeathUnlikely), None)).unwrap();
        assert_eq!(s.level, Axis1::Serious);
        assert!(suggest_axis1(&axis1(None, None)).is_none());
    }

    fn axis2(
        external: Option<bool>,
        long: Option<bool>,
        substitutable: Option<bool>,
        recall: Option<bool>,
    ) -> Axis2Rating {
        Axis2Rating {
            reasoning_en: None,
            reasoning_ja: None,
            level: Loc::new(Axis2::Limited, Position::default()),
            direct_internal: None,
            direct_external: external,
            long_duration: long,
            substitutable,
            large_recall: recall,
            reasoning: None,
        }
    }

    #[test]
    fn axis2_counts_aggravating_factors() {
        assert!(suggest_axis2(&axis2(None, None, None, None)).is_none());
        let s = suggest_axis2(&axis2(Some(false), Some(false), Some(true), Some(false))).unwrap();
        assert_eq!(
            (s.level, s.rule.as_str()),
            (Axis2::Limited, "axis2.factors.none")
        );
        let s = suggest_axis2(&axis2(None, None, None, Some(true))).unwrap();
        assert_eq!(
            (s.level, s.rule.as_str()),
            (Axis2::Serious, "axis2.factors.large-recall")
        );
        assert_eq!(s.basis, RuleBasis::Cpsrisk);
        let s = suggest_axis2(&axis2(Some(true), Some(true), Some(false), Some(true))).unwrap();
        assert!(
            s.at_least && s.agrees_with(&Axis2::Catastrophic) && s.agrees_with(&Axis2::Serious)
        );
        assert!(!s.agrees_with(&Axis2::Limited));
        let none = suggest_axis2(&axis2(Some(false), None, Some(true), None)).unwrap();
        assert!(!none.agrees_with(&Axis2::Serious));
        let mut internal_only = axis2(None, None, None, None);
        internal_only.direct_internal = Some(true);
        let s = suggest_axis2(&internal_only).unwrap();
        assert_eq!(
            (s.level, s.rule.as_str()),
            (Axis2::Serious, "axis2.factors.internal")
        );
    }
}
