//! The target-level check of 2-2-2 ③: a stakeholder's risk is within the target only if both
//! axes are at or below the target level.

use cpsrisk_model::levels::{Axis1, Axis2};
use cpsrisk_model::model::Target;

pub fn within_target(axis1: Axis1, axis2: Axis2, target: &Target) -> bool {
    axis1 <= target.axis1 && axis2 <= target.axis2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(axis1: Axis1, axis2: Axis2) -> Target {
        Target {
            statement_en: None,
            statement_ja: None,
            axis1,
            axis2,
            statement: None,
        }
    }

    #[test]
    fn both_axes_must_be_at_or_below_the_target() {
        let t = target(Axis1::Limited, Axis2::Limited);
        assert!(within_target(Axis1::Limited, Axis2::Limited, &t));
        assert!(!within_target(Axis1::Limited, Axis2::Serious, &t));
        assert!(!within_target(Axis1::Serious, Axis2::Limited, &t));
        let t = target(Axis1::Serious, Axis2::Serious);
        assert!(within_target(Axis1::Serious, Axis2::Limited, &t));
        assert!(!within_target(Axis1::Fatal, Axis2::Limited, &t));
        assert!(!within_target(Axis1::Limited, Axis2::Catastrophic, &t));
    }
}
