//! The summary band's facts, computed once from the engines' results: the JSON report's
//! `summary` object, and the band at the top of the text, Markdown and HTML reports.

use serde::Serialize;

use crate::conformance::summary_band::ConformanceSummary;
use crate::dmf::summary_band::DmfSummary;
use crate::iot_ssf::summary_band::IotSsfSummary;

/// One part per engine; null where the model has no input for it.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub iot_ssf: Option<IotSsfSummary>,
    pub conformance: Option<ConformanceSummary>,
    pub dmf: Option<DmfSummary>,
}

impl Summary {
    pub fn of(
        iot: Option<&cpsrisk_iot_ssf::Assessment>,
        conformance: Option<&cpsrisk_conformance::Assessment>,
        dmf: Option<&cpsrisk_dmf::Assessment>,
    ) -> Self {
        Summary {
            iot_ssf: iot.map(IotSsfSummary::of),
            conformance: conformance.map(ConformanceSummary::of),
            dmf: dmf.map(DmfSummary::of),
        }
    }
}
