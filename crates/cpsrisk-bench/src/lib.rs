//! Synthetic cpsrisk models for benchmarking the whole IoT-SSF pipeline (parse + check,
//! assess, render) at fleet sizes far beyond the six use cases of the seed.
//!
//! [`synthetic_model_yaml`] writes a valid model of a smart-building IoT fleet for any device
//! count. It is deterministic (no randomness: every choice is a function of an index), so a
//! size always yields the same text and benchmark runs are comparable.
//!
//! Shape for `n` devices, numbered `0..n`:
//! - device 0 is the cloud service; the rest come in groups of 50: index 1 of a group is its
//!   gateway, index 2 of every tenth group is a site server, index 25 a router, index 49 an
//!   operator's terminal (every one at `i % 200 == 199` is out of scope, with a reason), and
//!   the others alternate between sensors and actuators, constrained and `protected_by` the
//!   group's gateway;
//! - one data flow from each device towards its parent (sensor → gateway, gateway → server via
//!   the router, server → cloud, …) and a configuration-update flow from the cloud to every
//!   fifth sensor or actuator: about 1.2 flows per device;
//! - `max(3, n / 20)` stakeholders, each rated once with sub-criteria; policies for every
//!   stakeholder outside the target level;
//! - `max(1, n / 10)` incidents, exactly two threats per device ([`THREATS_PER_DEVICE`]) and
//!   `max(1, n / 5)` decisions: a quarter naming a threat and a device, a quarter a device
//!   only, a quarter neither and a quarter a threat only.

use std::fmt::Write;

pub mod conformance;
pub mod dmf;

/// Each device gets this many entries in `threats`, so an assessment has
/// `THREATS_PER_DEVICE * n` device threats.
pub const THREATS_PER_DEVICE: usize = 2;

const GROUP: usize = 50;
const BLOCK: usize = 500;

/// The number of stakeholders of a model of `devices` devices.
pub fn stakeholder_count(devices: usize) -> usize {
    (devices / 20).max(3)
}

/// The number of incidents of a model of `devices` devices.
pub fn incident_count(devices: usize) -> usize {
    (devices / 10).max(1)
}

/// The number of decisions of a model of `devices` devices.
pub fn decision_count(devices: usize) -> usize {
    (devices / 5).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cloud,
    Server,
    Gateway,
    Router,
    Terminal,
    Sensor,
    Actuator,
}

impl Kind {
    fn model_kind(self) -> &'static str {
        match self {
            Kind::Cloud => "cloud-service",
            Kind::Server => "server",
            Kind::Gateway => "gateway",
            Kind::Router => "network-device",
            Kind::Terminal => "terminal",
            Kind::Sensor => "sensor",
            Kind::Actuator => "actuator",
        }
    }

    /// The two catalog threats (`iot-ssf-threats`) recorded for a device of this kind.
    fn threats(self) -> [&'static str; THREATS_PER_DEVICE] {
        match self {
            Kind::Cloud => ["unauthorized-access", "denial-of-service"],
            Kind::Server => ["unauthorized-access", "information-disclosure"],
            Kind::Gateway => ["malware", "stepping-stone"],
            Kind::Router => ["denial-of-service", "unknown-vulnerability"],
            Kind::Terminal => ["malware", "user-misconfiguration"],
            Kind::Sensor => ["spoofing", "tampering"],
            Kind::Actuator => ["unauthorized-access", "misuse"],
        }
    }
}

/// Where every device stands; all references are computed, never searched.
struct Layout {
    n: usize,
    stakeholders: usize,
}

impl Layout {
    fn kind(&self, i: usize) -> Kind {
        let j = i % GROUP;
        if i == 0 {
            Kind::Cloud
        } else if j == 1 {
            Kind::Gateway
        } else if j == 2 && (i / GROUP).is_multiple_of(BLOCK / GROUP) {
            Kind::Server
        } else if j == 25 {
            Kind::Router
        } else if j == GROUP - 1 {
            Kind::Terminal
        } else if j % 2 == 1 {
            Kind::Sensor
        } else {
            Kind::Actuator
        }
    }

    fn id(&self, i: usize) -> String {
        match self.kind(i) {
            Kind::Cloud => "cloud".to_string(),
            Kind::Server => format!("srv-{i}"),
            Kind::Gateway => format!("gw-{i}"),
            Kind::Router => format!("rt-{i}"),
            Kind::Terminal => format!("term-{i}"),
            Kind::Sensor => format!("sen-{i}"),
            Kind::Actuator => format!("act-{i}"),
        }
    }

    fn in_scope(&self, i: usize) -> bool {
        !(self.kind(i) == Kind::Terminal && i % 200 == 199)
    }

    /// The gateway of `i`'s group, if the model is large enough to have it.
    fn gateway(&self, i: usize) -> Option<usize> {
        let g = i / GROUP * GROUP + 1;
        (g < self.n && g != i).then_some(g)
    }

    fn router(&self, i: usize) -> Option<usize> {
        let r = i / GROUP * GROUP + 25;
        (r < self.n && r != i).then_some(r)
    }

    /// The site server of `i`'s block, or the cloud where the block has none.
    fn server(&self, i: usize) -> usize {
        let s = i / BLOCK * BLOCK + 2;
        if s < self.n && s != i && self.kind(s) == Kind::Server {
            s
        } else {
            0
        }
    }

    /// The device a device sends its data to; the cloud has none.
    fn parent(&self, i: usize) -> Option<usize> {
        match self.kind(i) {
            Kind::Cloud => None,
            Kind::Server | Kind::Terminal => Some(0),
            Kind::Gateway => Some(self.server(i)),
            Kind::Router | Kind::Sensor | Kind::Actuator => Some(self.gateway(i).unwrap_or(0)),
        }
    }

    fn stakeholder_id(&self, k: usize) -> String {
        match k {
            0 => "operator".to_string(),
            k if k % 3 == 1 => format!("site-{k}"),
            k if k % 3 == 2 => format!("maint-{k}"),
            k => format!("vendor-{k}"),
        }
    }

    /// A stakeholder other than the applying entity, chosen by `x`.
    fn other_stakeholder(&self, x: usize) -> String {
        self.stakeholder_id(1 + x % (self.stakeholders - 1))
    }

    fn manager(&self, i: usize) -> String {
        match self.kind(i) {
            Kind::Cloud | Kind::Server | Kind::Gateway | Kind::Router => self.stakeholder_id(0),
            Kind::Terminal | Kind::Sensor | Kind::Actuator => self.other_stakeholder(i / 20),
        }
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
pub(crate) fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    format!("[{}]", items.join(", "))
}

/// Axis-1 sub-criteria patterns: (safety, privacy, level they suggest).
const AXIS1: [(&str, &str, &str); 6] = [
    ("none", "minor", "limited"),
    ("minor-injury", "none", "limited"),
    ("serious-injury", "minor", "serious"),
    ("none", "serious", "serious"),
    ("death-unlikely", "none", "serious"),
    ("death", "serious", "fatal"),
];

/// Axis-2 sub-criteria patterns: (direct_internal, direct_external, long_duration,
/// substitutable, large_recall, level cpsrisk's rule suggests).
const AXIS2: [(bool, bool, bool, bool, bool, &str); 4] = [
    (true, false, false, true, false, "limited"),
    (true, true, false, true, false, "serious"),
    (true, true, true, false, false, "serious"),
    (true, true, true, false, true, "catastrophic"),
];

/// Requirements of the policies: axis 1 (safety and privacy) and axis 2 (economic impact).
const AXIS1_POLICY: [&str; 2] = ["SSF-R19", "SSF-R23"];
const AXIS2_POLICY: [&str; 3] = ["SSF-R05", "SSF-R06", "X-DOC"];

/// A valid cpsrisk model of a smart-building IoT fleet with `devices` devices (at least 1).
pub fn synthetic_model_yaml(devices: usize) -> String {
    let n = devices.max(1);
    let s = stakeholder_count(n);
    let lay = Layout { n, stakeholders: s };
    // About 600 bytes per device at every size.
    let mut y = String::with_capacity(n * 640 + 4096);
    write_system(&mut y, n);
    y.push_str("\niot_ssf:\n  applying_entity: operator\n");
    write_stakeholders(&mut y, &lay);
    write_devices(&mut y, &lay);
    write_flows(&mut y, &lay);
    y.push_str(concat!(
        "\n  target:\n    axis1: serious\n    axis2: serious\n",
        "    statement: \"No death and no catastrophic economic impact for any stakeholder\"\n",
        "\n  operator_requirements:\n    required: true\n",
        "    basis: \"Building-automation contracts require certified operators\"\n",
    ));
    write_incidents(&mut y, &lay);
    let outside = write_ratings(&mut y, &lay);
    write_policies(&mut y, &lay, &outside);
    write_threats(&mut y, &lay);
    y.push_str(concat!(
        "\n  extra_requirements:\n",
        "    - id: X-DOC\n",
        "      name: \"Document and present operating and usage procedures\"\n",
        "      name_ja: \"運用手順や利用手順の文書化と提示\"\n",
        "      viewpoint: 2\n",
        "      target: procedure\n",
    ));
    write_decisions(&mut y, &lay);
    write_controls(&mut y, &lay);
    y
}

fn write_system(y: &mut String, n: usize) {
    let _ = write!(
        y,
        concat!(
            "# Synthetic model written by cpsrisk-bench (cpsrisk-synth {n}); deterministic.\n",
            "cpsrisk: 1\n\n",
            "system:\n",
            "  name: \"Synthetic smart-building IoT fleet of {n} devices\"\n",
            "  name_ja: \"スマートビルの IoT 機器群（{n} 台、合成モデル）\"\n",
            "  overview:\n",
            "    why: \"Remote monitoring and control of building equipment\"\n",
            "    who: \"A building-automation operator, site owners, maintenance contractors and vendors\"\n",
            "    what: \"Sensors and actuators behind site gateways, site servers and a cloud service\"\n",
            "    when: \"Around the clock\"\n",
            "    where: \"Office buildings and plants\"\n",
            "    how: \"Gateways aggregate field devices and relay to site servers and the cloud\"\n",
            "  scope_notes:\n",
            "    - \"Visitors' personal terminals are out of scope.\"\n",
            "  reading_notes:\n",
            "    - \"Generated for benchmarking; not taken from the seed.\"\n",
        ),
        n = n
    );
}

fn write_stakeholders(y: &mut String, lay: &Layout) {
    y.push_str("\n  stakeholders:\n");
    for k in 0..lay.stakeholders {
        let id = lay.stakeholder_id(k);
        let (name, name_ja, roles, description) = match k {
            0 => (
                "Building-automation operator".to_string(),
                "ビルオートメーション事業者".to_string(),
                "[iot-service-developer, iot-service-provider]",
                None,
            ),
            k if k % 3 == 1 => (
                format!("Site owner {k}"),
                format!("サイト所有者 {k}"),
                "[iot-user]",
                None,
            ),
            k if k % 3 == 2 => (
                format!("Maintenance contractor {k}"),
                format!("保守事業者 {k}"),
                "[other]",
                Some("Maintains field devices on site under contract"),
            ),
            k => (
                format!("Device vendor {k}"),
                format!("機器ベンダ {k}"),
                "[iot-service-developer]",
                None,
            ),
        };
        let _ = writeln!(
            y,
            "    - id: {id}\n      name: {}\n      name_ja: {}\n      roles: {roles}",
            q(&name),
            q(&name_ja)
        );
        if let Some(d) = description {
            let _ = writeln!(y, "      description: {}", q(d));
        }
    }
}

fn write_devices(y: &mut String, lay: &Layout) {
    y.push_str("\n  devices:\n");
    for i in 0..lay.n {
        let kind = lay.kind(i);
        let (name, name_ja) = match kind {
            Kind::Cloud => (
                "Fleet management cloud".to_string(),
                "管理クラウド".to_string(),
            ),
            Kind::Server => (format!("Site server {i}"), format!("サイトサーバ {i}")),
            Kind::Gateway => (
                format!("Field gateway {i}"),
                format!("フィールドゲートウェイ {i}"),
            ),
            Kind::Router => (format!("Site router {i}"), format!("ルータ {i}")),
            Kind::Terminal => (format!("Operator tablet {i}"), format!("操作端末 {i}")),
            Kind::Sensor => (format!("Environment sensor {i}"), format!("環境センサ {i}")),
            Kind::Actuator => (
                format!("HVAC valve actuator {i}"),
                format!("空調バルブ {i}"),
            ),
        };
        let external = matches!(
            kind,
            Kind::Cloud | Kind::Gateway | Kind::Terminal | Kind::Router
        );
        let physical = kind == Kind::Actuator;
        let constrained = matches!(kind, Kind::Sensor | Kind::Actuator);
        let _ = writeln!(
            y,
            "    - id: {}\n      name: {}\n      name_ja: {}\n      kind: {}\n      managed_by: {}",
            lay.id(i),
            q(&name),
            q(&name_ja),
            kind.model_kind(),
            lay.manager(i)
        );
        if external {
            y.push_str("      external_network: true\n");
        }
        if physical {
            y.push_str("      physical_action: true\n");
        }
        if constrained {
            y.push_str("      constrained: true\n");
            let protector = lay.gateway(i).unwrap_or(0);
            let _ = writeln!(y, "      protected_by: {}", lay.id(protector));
        }
        if !lay.in_scope(i) {
            y.push_str("      in_scope: false\n      out_of_scope_reason: \"Visitor's personal terminal; not managed by the operator\"\n");
        }
    }
}

/// Writes `key:` and the entries `body` appends, or `key: []` when it appends none.
fn section(y: &mut String, key: &str, body: impl FnOnce(&mut String)) {
    let _ = writeln!(y, "\n  {key}:");
    let start = y.len();
    body(y);
    if y.len() == start {
        y.truncate(start - 1);
        y.push_str(" []\n");
    }
}

fn write_flows(y: &mut String, lay: &Layout) {
    section(y, "data_flows", |y| write_flow_entries(y, lay));
}

fn write_flow_entries(y: &mut String, lay: &Layout) {
    let mut f = 0usize;
    let mut flow =
        |y: &mut String, from: usize, to: usize, via: &[usize], data: &str, data_ja: &str| {
            f += 1;
            let _ = writeln!(
                y,
                "    - id: f{f}\n      from: {}\n      to: {}",
                lay.id(from),
                lay.id(to)
            );
            if !via.is_empty() {
                let via: Vec<String> = via.iter().map(|&v| lay.id(v)).collect();
                let _ = writeln!(y, "      via: {}", list(&via));
            }
            let _ = writeln!(y, "      data: {}\n      data_ja: {}", q(data), q(data_ja));
        };
    for i in 1..lay.n {
        let Some(parent) = lay.parent(i) else {
            continue;
        };
        match lay.kind(i) {
            Kind::Actuator => flow(y, parent, i, &[], "Actuation command", "制御指示"),
            Kind::Sensor => flow(y, i, parent, &[], "Measurement", "計測値"),
            Kind::Gateway => {
                let via: Vec<usize> = lay.router(i).into_iter().collect();
                flow(
                    y,
                    i,
                    parent,
                    &via,
                    "Aggregated field data",
                    "集約したフィールドデータ",
                )
            }
            Kind::Router => flow(
                y,
                i,
                parent,
                &[],
                "Network management telemetry",
                "ネットワーク管理情報",
            ),
            Kind::Server => flow(y, i, parent, &[], "Site report", "サイトレポート"),
            Kind::Terminal => flow(y, i, parent, &[], "Operation instruction", "操作指示"),
            Kind::Cloud => {}
        }
        if i % 5 == 0 && matches!(lay.kind(i), Kind::Sensor | Kind::Actuator) && parent != 0 {
            let server = lay.server(i);
            let via: Vec<usize> = [server, parent].into_iter().filter(|&v| v != 0).collect();
            flow(y, 0, i, &via, "Configuration update", "設定更新");
        }
    }
}

const CONSEQUENCES: [&str; 5] = [
    "[human-harm, system-destruction]",
    "[loss-of-trust, legal-violation]",
    "[business-disruption]",
    "[business-disruption, loss-of-trust]",
    "[legal-violation]",
];

fn write_incidents(y: &mut String, lay: &Layout) {
    y.push_str("\n  incidents:\n");
    for m in 0..incident_count(lay.n) {
        let d = (m * 10 + 3) % lay.n;
        let kind = lay.kind(d);
        let mut devices = vec![lay.id(d)];
        if m % 3 == 0
            && let Some(p) = lay.parent(d)
        {
            devices.push(lay.id(p));
        }
        let [t1, t2] = kind.threats();
        let _ = writeln!(
            y,
            "    - id: i{m}\n      description: {}\n      devices: {}\n      threats: [{t1}, {t2}]\n      consequences: {}\n      affects: [operator, {}]",
            q(&format!(
                "{t1} at {} disrupts building operation",
                lay.id(d)
            )),
            list(&devices),
            CONSEQUENCES[m % CONSEQUENCES.len()],
            lay.other_stakeholder(m)
        );
    }
}

/// Writes one rating per stakeholder; returns, per stakeholder, whether each axis is outside
/// the target (axis 1 ≤ serious, axis 2 ≤ serious).
fn write_ratings(y: &mut String, lay: &Layout) -> Vec<(bool, bool)> {
    y.push_str("\n  ratings:\n");
    let incidents = incident_count(lay.n);
    let others = lay.stakeholders - 1;
    let mut outside = Vec::with_capacity(lay.stakeholders);
    for k in 0..lay.stakeholders {
        // The incidents that affect k (incident m affects operator and stakeholder 1 + m % others).
        let rated: Vec<String> = if k == 0 {
            (0..incidents.min(3)).map(|m| format!("i{m}")).collect()
        } else {
            (k - 1..incidents)
                .step_by(others)
                .take(3)
                .map(|m| format!("i{m}"))
                .collect()
        };
        let (safety, privacy, level1) = AXIS1[k % AXIS1.len()];
        let (internal, external, long, substitutable, recall, level2) =
            AXIS2[(k / 2) % AXIS2.len()];
        // Every 13th rating records a level other than the one its sub-criteria suggest (SSF-G07).
        let level1 = if k % 13 == 12 {
            if level1 == "limited" {
                "serious"
            } else {
                "limited"
            }
        } else {
            level1
        };
        outside.push((level1 == "fatal", level2 == "catastrophic"));
        let _ = writeln!(y, "    - stakeholder: {}", lay.stakeholder_id(k));
        if !rated.is_empty() {
            let _ = writeln!(y, "      incidents: {}", list(&rated));
        }
        let _ = writeln!(
            y,
            concat!(
                "      axis1:\n        level: {level1}\n        safety: {safety}\n        privacy: {privacy}\n",
                "        reasoning: \"Safety side {safety}, privacy side {privacy}\"\n",
                "      axis2:\n        level: {level2}\n        direct_internal: {internal}\n        direct_external: {external}\n",
                "        long_duration: {long}\n        substitutable: {substitutable}\n        large_recall: {recall}\n",
                "        reasoning: \"Economic impact {level2}\""
            ),
            level1 = level1,
            safety = safety,
            privacy = privacy,
            level2 = level2,
            internal = internal,
            external = external,
            long = long,
            substitutable = substitutable,
            recall = recall,
        );
    }
    outside
}

fn write_policies(y: &mut String, lay: &Layout, outside: &[(bool, bool)]) {
    section(y, "policies", |y| write_policy_entries(y, lay, outside));
}

fn write_policy_entries(y: &mut String, lay: &Layout, outside: &[(bool, bool)]) {
    for (k, &(axis1, axis2)) in outside.iter().enumerate() {
        let who = lay.stakeholder_id(k);
        if axis1 {
            let _ = writeln!(
                y,
                "    - id: p{k}-1\n      stakeholder: {who}\n      axes: [1]\n      text: \"Protect people on site from injury caused by manipulated actuators\"\n      text_ja: \"改ざんされたアクチュエータによる人的被害を防ぐ\"\n      requirements: {}",
                list(&AXIS1_POLICY)
            );
        }
        if axis2 {
            let _ = writeln!(
                y,
                "    - id: p{k}-2\n      stakeholder: {who}\n      axes: [2]\n      text: \"Keep building operation running and recover quickly\"\n      requirements: {}",
                list(&AXIS2_POLICY)
            );
        }
    }
}

fn write_threats(y: &mut String, lay: &Layout) {
    y.push_str("\n  threats:\n");
    for i in 0..lay.n {
        let id = lay.id(i);
        for (t, threat) in lay.kind(i).threats().into_iter().enumerate() {
            let _ = writeln!(
                y,
                "    - device: {id}\n      threat: {threat}\n      description: {}",
                q(&format!("{threat} against {id}"))
            );
            if t == 0 && i % 7 == 0 {
                let _ = writeln!(y, "      requirements: [SSF-R{:02}]", 1 + i % 24);
            }
            if !lay.in_scope(i) {
                y.push_str("      accepted: \"Device out of scope; its owner carries the risk\"\n");
            } else if t == 1 && i % 97 == 0 {
                y.push_str(
                    "      accepted: \"Residual risk accepted by the operator's risk committee\"\n",
                );
            }
        }
    }
}

fn write_decisions(y: &mut String, lay: &Layout) {
    y.push_str("\n  decisions:\n");
    for k in 0..decision_count(lay.n) {
        let requirement = if k % 50 == 49 {
            "X-DOC".to_string()
        } else {
            format!("SSF-R{:02}", (k * 7) % 40 + 1)
        };
        let d = (k * 5 + 3) % lay.n;
        let [t1, t2] = lay.kind(d).threats();
        // The requirement repeats every 40 decisions; `m` shifts the shape and status by one
        // each round so that no requirement always has the same shape or status.
        let m = k + k / 40;
        let (devices, threats): (Option<String>, Option<&str>) = match m % 4 {
            0 => (Some(lay.id(d)), Some(t1)),
            1 => (Some(lay.id(d)), None),
            2 => (None, None),
            _ => (None, Some(t2)),
        };
        let (status, implementer) = match m % 10 {
            9 => ("not-adopted", lay.stakeholder_id(0)),
            8 => ("requested", lay.other_stakeholder(k)),
            7 => ("planned", lay.stakeholder_id(0)),
            6 => ("in-place", lay.manager(d)),
            _ => ("in-place", lay.stakeholder_id(0)),
        };
        let high_impact = AXIS1_POLICY.contains(&requirement.as_str())
            || AXIS2_POLICY.contains(&requirement.as_str());
        let _ = writeln!(
            y,
            "    - requirement: {requirement}\n      implementer: {implementer}\n      status: {status}"
        );
        if status == "not-adopted" {
            y.push_str("      reason: \"Covered by the site's physical access control\"\n");
        }
        if high_impact {
            y.push_str("      high_impact: true\n");
        }
        if let Some(device) = devices {
            let _ = writeln!(y, "      devices: [{device}]");
        }
        if let Some(threat) = threats {
            let _ = writeln!(y, "      threats: [{threat}]");
        }
        let _ = writeln!(
            y,
            "      measures:\n        - {}\n      source_row: \"synthetic No.{}\"",
            q(&format!("Measure {} for {requirement}", k + 1)),
            k + 1
        );
    }
}

fn write_controls(y: &mut String, lay: &Layout) {
    y.push_str("\n  controls:\n    - description: \"ISMS-certified operation of the fleet cloud\"\n      requirement: SSF-R17\n      devices: [cloud]\n");
    for i in (2..lay.n)
        .step_by(BLOCK)
        .filter(|&i| lay.kind(i) == Kind::Server)
    {
        let _ = writeln!(
            y,
            "    - description: \"Locked server room\"\n      devices: [{}]",
            lay.id(i)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpsrisk_iot_ssf::assess;

    fn check(n: usize) -> cpsrisk_model::Model {
        let yaml = synthetic_model_yaml(n);
        match cpsrisk_model::load_and_check(&yaml) {
            Ok(model) => model,
            Err(problems) => {
                let shown: Vec<String> = problems
                    .iter()
                    .take(5)
                    .map(|d| d.render("synthetic.yaml", cpsrisk_catalog::Lang::En))
                    .collect();
                panic!(
                    "model of {n} devices is invalid ({} problems):\n{}",
                    problems.len(),
                    shown.join("\n")
                );
            }
        }
    }

    #[test]
    fn model_of_200_devices_is_valid_and_assesses_fully() {
        let model = check(200);
        let iot = model.iot_ssf.as_ref().expect("iot_ssf input");
        assert_eq!(iot.devices.len(), 200);
        assert_eq!(iot.stakeholders.len(), 10);
        assert_eq!(iot.ratings.len(), 10);
        assert_eq!(iot.incidents.len(), 20);
        assert_eq!(iot.decisions.len(), 40);
        assert_eq!(iot.threats.len(), 400);
        assert!(
            (220..=260).contains(&iot.data_flows.len()),
            "{} flows",
            iot.data_flows.len()
        );
        // One out-of-scope terminal (index 199), with a reason.
        let out: Vec<&str> = iot
            .devices
            .iter()
            .filter(|d| !d.in_scope)
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(out, ["term-199"]);

        let a = assess(iot);
        assert_eq!(a.device_threats.len(), 400);
        assert_eq!(a.summary.device_threats, 400);
        assert_eq!(a.stakeholders.len(), 10);
        // Stakeholders outside the target (fatal or catastrophic) exist and all have policies.
        assert!(a.summary.stakeholders_outside_target > 0);
        assert!(
            a.stakeholders
                .iter()
                .filter(|s| !s.within_target)
                .all(|s| !s.policies.is_empty())
        );
        // A mix of treated, accepted and untreated threats.
        let treated = a
            .device_threats
            .iter()
            .filter(|t| !t.treated_by.is_empty())
            .count();
        let accepted = a
            .device_threats
            .iter()
            .filter(|t| t.accepted.is_some())
            .count();
        assert!(
            treated > 0 && accepted >= 2,
            "treated {treated}, accepted {accepted}"
        );
        assert!(a.summary.device_threats_untreated > 0 && a.summary.device_threats_untreated < 400);
        assert!(a.summary.requirements_selected > 0);
        // Every constrained device is protected from its group's gateway.
        for p in &a.priorities {
            let device = iot.devices.iter().find(|d| d.id.value == p.device).unwrap();
            if device.constrained {
                assert_eq!(
                    p.protect_from.as_deref(),
                    Some(
                        format!(
                            "gw-{}",
                            device
                                .id
                                .value
                                .split('-')
                                .nth(1)
                                .unwrap()
                                .parse::<usize>()
                                .unwrap()
                                / 50
                                * 50
                                + 1
                        )
                        .as_str()
                    )
                );
            }
        }
        assert!(
            a.priorities.iter().all(|p| p.device != "term-199"),
            "out-of-scope devices get no priority"
        );
        // The generator's records are complete: no unrated stakeholder, no outside-target
        // stakeholder without policy, no out-of-scope device without reason, no viewpoint-3
        // requirement without operator requirements. Differing ratings (SSF-G07) are intended.
        for code in ["SSF-G01", "SSF-G04", "SSF-G05", "SSF-G06", "SSF-G08"] {
            assert!(
                a.findings.iter().all(|f| f.code != code),
                "unexpected {code}"
            );
        }
        assert!(a.findings.iter().any(|f| f.code == "SSF-G07"));
        assert_eq!(
            a.responsibility.first().map(|t| t.implementer.as_str()),
            Some("operator")
        );
    }

    #[test]
    fn small_and_odd_sizes_are_valid() {
        for n in [0, 1, 2, 3, 26, 50, 51, 52, 499, 501, 502, 503, 1_000, 1_234] {
            let model = check(n);
            let iot = model.iot_ssf.as_ref().unwrap();
            assert_eq!(iot.devices.len(), n.max(1));
            assert_eq!(
                assess(iot).device_threats.len(),
                THREATS_PER_DEVICE * n.max(1)
            );
        }
    }

    #[test]
    fn large_models_load() {
        // Above serde-saphyr's default node budget (about 4,800 devices): the loader's budget
        // grows with the input.
        let big = cpsrisk_model::load_and_check(&synthetic_model_yaml(6_000))
            .expect("6,000 devices load");
        assert_eq!(big.iot_ssf.unwrap().devices.len(), 6_000);
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(synthetic_model_yaml(300), synthetic_model_yaml(300));
    }
}
