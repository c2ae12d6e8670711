//! Priority hints from the decision rules of 2-2-3 ③ (seed lines 7979–8060): devices facing an
//! external network first (likelihood), then devices acting on the physical world (integrity
//! and availability; fail-safe where they cannot protect themselves), and constrained devices
//! protected from the gateway or server above them.

use cpsrisk_catalog::Lang;
use cpsrisk_model::Shared;
use cpsrisk_model::levels::DeviceKind;
use foldhash::{HashMap, HashMapExt};
use serde::Serialize;

use crate::index::Index;

#[derive(Debug, Clone, Serialize)]
pub struct PriorityHint {
    pub device: String,
    /// 1 = treat first. Devices with equal weight share a rank.
    pub rank: usize,
    pub reasons: Vec<Reason>,
    /// Where a constrained device should be protected from.
    pub protect_from: Option<Shared>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub text: ReasonText,
}

/// A reason in both languages, held once however many devices give it.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonText {
    pub en: Shared,
    pub ja: Shared,
}

impl ReasonText {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }
}

fn reason(code: &'static str, en: &str, ja: &str) -> Reason {
    Reason {
        code,
        text: ReasonText {
            en: Shared::from(en),
            ja: Shared::from(ja),
        },
    }
}

/// Devices that can carry security functions for a constrained neighbour.
fn can_protect(kind: DeviceKind) -> bool {
    matches!(
        kind,
        DeviceKind::Gateway
            | DeviceKind::Server
            | DeviceKind::CloudService
            | DeviceKind::NetworkDevice
            | DeviceKind::Controller
    )
}

pub fn priorities(ix: &Index) -> Vec<PriorityHint> {
    // Neighbours along data flows, built once: a constrained device's protector is its
    // `protected_by`, or else the first neighbour able to carry the security functions.
    let mut neighbours: HashMap<&str, Vec<&str>> = HashMap::with_capacity(ix.model.devices.len());
    for f in &ix.model.data_flows {
        neighbours
            .entry(f.from.as_str())
            .or_default()
            .push(f.to.as_str());
        neighbours
            .entry(f.to.as_str())
            .or_default()
            .push(f.from.as_str());
    }
    let external_network = reason(
        "external-network",
        "faces an external network: attacks are more likely, treat it first",
        "外部ネットワークに接続しており攻撃を受けやすいため、優先して対策する",
    );
    let physical_action = reason(
        "physical-action",
        "acts on the physical world: protect integrity and availability first",
        "フィジカル空間に作用するため、完全性・可用性の確保を優先する",
    );
    let unprotected = reason(
        "constrained-unprotected",
        "cannot run security software itself and nothing above protects it: give it a fail-safe",
        "自らセキュリティソフトウェアを動作させられず上位で保護する機器もないため、フェールセーフを設ける",
    );
    // For a constrained device protected from above, one per protector: the reason and the
    // protector's ID, shared by every device it protects.
    let mut protected_above: HashMap<&str, (Reason, Shared)> = HashMap::new();
    let mut hints: Vec<(u8, PriorityHint)> = Vec::new();
    for d in ix.model.devices.iter().filter(|d| d.in_scope) {
        let mut weight = 0u8;
        let mut reasons = Vec::new();
        if d.external_network {
            weight += 4;
            reasons.push(external_network.clone());
        }
        if d.physical_action {
            weight += 2;
            reasons.push(physical_action.clone());
        }
        let mut protect_from = None;
        if d.constrained {
            weight += 1;
            let protector = d.protected_by.as_ref().map(|p| p.as_str()).or_else(|| {
                neighbours
                    .get(d.id.as_str())
                    .into_iter()
                    .flatten()
                    .find(|n| {
                        ix.devices
                            .get(*n)
                            .is_some_and(|nd| can_protect(nd.kind) && !nd.constrained)
                    })
                    .copied()
            });
            let above = protector.map(|p| {
                protected_above
                    .entry(p)
                    .or_insert_with(|| (reason(
                        "constrained-protected-above",
                        &format!("cannot run security software itself: implement inspection, monitoring and encryption termination at `{p}`"),
                        &format!("自らセキュリティソフトウェアを動作させられないため、`{p}` でマルウェア検査・通信監視・暗号化終端を行う"),
                    ), Shared::from(p)))
                    .clone()
            });
            reasons.push(
                above
                    .as_ref()
                    .map_or_else(|| unprotected.clone(), |(r, _)| r.clone()),
            );
            if d.physical_action && protector.is_none() {
                weight += 1;
            }
            protect_from = above.map(|(_, p)| p);
        }
        if weight > 0 {
            hints.push((
                weight,
                PriorityHint {
                    device: d.id.value.clone(),
                    rank: 0,
                    reasons,
                    protect_from,
                },
            ));
        }
    }
    hints.sort_by_key(|h| std::cmp::Reverse(h.0));
    let mut rank = 0;
    let mut last = None;
    hints
        .into_iter()
        .enumerate()
        .map(|(i, (weight, mut hint))| {
            if last != Some(weight) {
                rank = i + 1;
                last = Some(weight);
            }
            hint.rank = rank;
            hint
        })
        .collect()
}
