//! The seed's legal rules as checks, each citing its source lines. They read the events'
//! places, the data's attributes at the event, and what the model records as done.

use cpsrisk_model::levels::{EventKind, PersonalCategory, TechCategory};
use cpsrisk_model::model::Event;
use cpsrisk_model::{Finding, Severity, Text};

use crate::attributes::Step3;
use crate::index::Index;

fn is_personal(p: Option<PersonalCategory>) -> bool {
    matches!(
        p,
        Some(PersonalCategory::PersonalInformation | PersonalCategory::PersonalData)
    )
}

const UNKNOWN: &str = "unknown";

pub fn rules(ix: &Index, step3: &Step3) -> Vec<Finding> {
    let mut out = Vec::new();
    // (system, data) pairs already asked for their servers' country.
    let mut unstated = std::collections::HashSet::new();
    for e in &ix.order {
        let mut seen = std::collections::HashSet::new();
        for d in e
            .inputs
            .iter()
            .chain(&e.outputs)
            .filter(|d| seen.insert(d.as_str()))
        {
            let Some(attrs) = step3.at_event.get(&(e.id.value.clone(), d.value.clone())) else {
                continue;
            };
            let from = ix.endpoint_country(&e.at);
            let to = e.to.as_ref().and_then(|t| ix.endpoint_country(t));
            let crosses_border =
                e.kind == EventKind::Transfer && from.is_some() && to.is_some() && from != to;
            let own = e.at.organisation.as_ref().map(|o| o.as_str());
            let receiver =
                e.to.as_ref()
                    .and_then(|t| t.organisation.as_ref())
                    .map(|o| o.as_str());
            // One legal entity on both ends is not a provision to a third party; an unknown
            // end counts as another party, so the duty is shown rather than hidden.
            let third_party = own.is_none() || receiver.is_none() || own != receiver;
            let consented = attrs.consent.as_ref().is_some_and(|c| c.valid);

            // Provision of personal data to a third party in a foreign country: the data
            // subjects' consent AND appropriate information (表B-2.3 row 12, line 28537).
            if crosses_border
                && third_party
                && is_personal(attrs.personal)
                && !(consented && e.records.foreign_country_notice)
            {
                let missing = Text::new(
                    match (consented, e.records.foreign_country_notice) {
                        (false, false) => "neither consent nor the information is recorded",
                        (false, true) => "the data subjects' valid consent is not recorded",
                        _ => "the information is not recorded (`records.foreign_country_notice`)",
                    },
                    match (consented, e.records.foreign_country_notice) {
                        (false, false) => "同意も情報提供も記録されていません",
                        (false, true) => "本人の有効な同意が記録されていません",
                        _ => "情報提供が記録されていません（`records.foreign_country_notice`）",
                    },
                );
                out.push(rule(
                    "DMF-L01",
                    "cross-border-notice",
                    e,
                    &d.value,
                    format!(
                        "personal data goes to a third party in a foreign country ({} → {}): the data subjects' consent must be obtained and appropriate information given (the country, its protection system, the recipient's measures), both; {}; seed lines 24049–24080, 28531–28537",
                        from.unwrap_or("?"),
                        to.unwrap_or("?"),
                        missing.en
                    ),
                    format!(
                        "個人データを外国にある第三者に提供します（{} → {}）。本人同意の取得と、適切な情報提供（移転先の国名、当該国の制度、提供先の措置）の両方が必要です。{}。シード 24049–24080、28531–28537 行",
                        from.unwrap_or("?"),
                        to.unwrap_or("?"),
                        missing.ja
                    ),
                ));
            }

            // 保有個人データ handled in a foreign country — on a system whose provider or
            // servers are abroad, or by the company itself abroad — needs the foreign
            // countries and the measures taken made known (26684–26690, footnote 47).
            // cpsrisk judgement: the data is 保有個人データ of the company when the company is
            // among its data managers (the one with authority to disclose, correct, delete),
            // or when the model names no data manager.
            let retained = own.is_none_or(|o| {
                attrs
                    .controllers
                    .as_ref()
                    .is_none_or(|c| c.iter().any(|x| x == o))
            });
            let system =
                e.to.as_ref()
                    .and_then(|t| t.system.as_ref())
                    .or(e.at.system.as_ref())
                    .and_then(|s| ix.systems.get(s.as_str()));
            // `unknown` is no known foreign country: DMF-L08 asks for its statement instead.
            let abroad =
                |c: Option<&str>| c.is_some_and(|c| c != UNKNOWN) && from.is_some() && c != from;
            let provider = system
                .and_then(|s| ix.organisation_country(s.operator.as_ref().map(|o| o.as_str())));
            let servers = system.and_then(|s| s.country.as_ref().map(|c| c.as_str()));
            let own_site_abroad = crosses_border && !third_party;
            if is_personal(attrs.personal)
                && retained
                && (abroad(provider) || abroad(servers) || own_site_abroad)
                && !e.records.foreign_country_notice
            {
                let where_en = match system {
                    Some(s) if !own_site_abroad => format!(
                        "on `{}` (provider in {}, servers in {})",
                        s.id.value,
                        provider.unwrap_or("?"),
                        servers.unwrap_or("?")
                    ),
                    _ => format!("by the company itself in {}", to.unwrap_or("?")),
                };
                let where_ja = match system {
                    Some(s) if !own_site_abroad => format!(
                        "`{}` で（提供者: {}、サーバ: {}）",
                        s.id.value,
                        provider.unwrap_or("?"),
                        servers.unwrap_or("?")
                    ),
                    _ => format!("自社により {} で", to.unwrap_or("?")),
                };
                out.push(rule(
                    "DMF-L02",
                    "handled-abroad",
                    e,
                    &d.value,
                    format!(
                        "retained personal data (保有個人データ) is handled in a foreign country {where_en}: as a security control measure, make known the names of the foreign countries of the provider and of the servers and the measures taken after understanding their systems (`records.foreign_country_notice`); where the servers' country cannot be identified, say so and why; seed lines 26684–26690, 26938–26950"
                    ),
                    format!(
                        "保有個人データが外国で取扱われます（{where_ja}）。安全管理措置として、クラウドサービスプロバイダ及びサーバが所在する外国の名称と、当該外国の制度等を把握した上で講じた措置の内容を本人の知り得る状態に置いてください（`records.foreign_country_notice`）。サーバの所在国を特定できない場合はその旨と理由を示します。シード 26684–26690、26938–26950 行"
                    ),
                ));
            }

            // Footnote 47 (26946–26950): where the servers' country cannot be identified, the
            // company makes that known, with the reason; a provider's system whose country the
            // model does not give is asked for it (26680–26683: learn the data-centre location).
            if let Some(s) = system.filter(|s| {
                is_personal(attrs.personal)
                    && retained
                    && s.operator.as_ref().is_some_and(|o| Some(o.as_str()) != own)
                    && (servers.is_none()
                        || servers == Some(UNKNOWN) && !e.records.foreign_country_notice)
                    && unstated.insert((s.id.as_str(), d.as_str()))
            }) {
                let (en, ja) = match s.country_reason.as_deref() {
                    Some(reason) if servers == Some(UNKNOWN) => (
                        format!(
                            "the country of `{}`'s servers cannot be identified ({reason}): make known to the data subjects that it cannot be identified and why, and information useful to them, in place of the country's name (`records.foreign_country_notice`); seed lines 26946–26950",
                            s.id.value
                        ),
                        format!(
                            "`{}` のサーバが所在する国を特定できません（{reason}）。外国の名称に代えて、特定できない旨とその理由、及び本人に参考となるべき情報を本人の知り得る状態に置いてください（`records.foreign_country_notice`）。シード 26946–26950 行",
                            s.id.value
                        ),
                    ),
                    _ => (
                        format!(
                            "the model does not say where `{}`'s servers are: learn the data-centre location from the provider (e.g. by contract) and record `country`, or record `country: unknown` with `country_reason` if it cannot be identified; seed lines 26680–26683, 26938–26950",
                            s.id.value
                        ),
                        format!(
                            "`{}` のサーバの所在国がモデルにありません。契約等で提供者にデータセンター所在地の開示を求めて `country` を記録するか、特定できない場合は `country: unknown` と `country_reason` を記録してください。シード 26680–26683、26938–26950 行",
                            s.id.value
                        ),
                    ),
                };
                out.push(rule("DMF-L08", "server-country", e, &d.value, en, ja));
            }

            if let Some(system) = system {
                // The public law of the data-centre country applies whatever the contract says.
                if abroad(servers) && matches!(e.kind, EventKind::Storage | EventKind::Transfer) {
                    out.push(
                        rule(
                            "DMF-L03",
                            "data-centre-country-law",
                            e,
                            &d.value,
                            format!(
                                "`{}` keeps data in {}: that country's public law (search and seizure) applies regardless of the contract's governing law (see risk DMF-S05); seed lines 26336–26366",
                                system.id.value,
                                servers.unwrap_or("?")
                            ),
                            format!(
                                "`{}` はデータを {} に保管します。契約の準拠法にかかわらず、当該国の公法（捜索・押収等）が適用されます（リスク DMF-S05）。シード 26336–26366 行",
                                system.id.value,
                                servers.unwrap_or("?")
                            ),
                        )
                        .with_severity(Severity::Info),
                    );
                }
                // A provider that handles the data receives a provision: it needs the data
                // subjects' consent or an entrustment with supervision.
                let operator = system.operator.as_ref().map(|o| o.as_str());
                if e.kind == EventKind::Transfer
                    && is_personal(attrs.personal)
                    && system.operator_handles_data == Some(true)
                    && operator.is_some()
                    && operator != own
                    && !consented
                    && !e.records.entrustment
                {
                    out.push(rule(
                        "DMF-L07",
                        "provision-needs-basis",
                        e,
                        &d.value,
                        format!(
                            "`{}`'s provider `{}` handles the personal data: that is a provision, which needs the data subjects' valid consent or an entrustment contract with supervision of the contractor (`records.entrustment`); seed lines 26894–26906, footnote 36 (26311–26325)",
                            system.id.value,
                            operator.unwrap_or("?")
                        ),
                        format!(
                            "`{}` の提供者 `{}` が個人データを取扱うため提供に当たります。本人の有効な同意か、委託先の監督を伴う委託契約が必要です（`records.entrustment`）。シード 26894–26906 行、脚注36（26311–26325 行）",
                            system.id.value,
                            operator.unwrap_or("?")
                        ),
                    ));
                }
                // Using a cloud whose provider does not handle the data is not a provision.
                if is_personal(attrs.personal) && system.operator_handles_data == Some(false) {
                    out.push(
                        rule(
                            "DMF-L06",
                            "cloud-not-provision",
                            e,
                            &d.value,
                            format!(
                                "`{}`'s provider does not handle the data: using it is not a provision to a third party (no consent needed), and the security control measures stay the customer's own; seed lines 26668–26672, 26912–26916",
                                system.id.value
                            ),
                            format!(
                                "`{}` の提供者はデータを取扱わないため、第三者提供に当たらず本人同意は不要です。安全管理措置は利用者自身が講じます。シード 26668–26672、26912–26916 行",
                                system.id.value
                            ),
                        )
                        .with_severity(Severity::Info),
                    );
                }
            }

            // Export-controlled technology provided abroad, or to a non-resident inside the
            // country (deemed export, 「みなし輸出」, 24077–24080; 非居住者への提供, 26920).
            let deemed_export = e.kind == EventKind::Transfer
                && receiver
                    .and_then(|r| ix.organisations.get(r))
                    .is_some_and(|r| r.non_resident);
            if matches!(
                attrs.technology,
                Some(TechCategory::ExportControlled | TechCategory::Undetermined)
            ) && (crosses_border || deemed_export)
                && !e.records.export_screening
            {
                let whom_en = if crosses_border {
                    format!("goes to {}", to.unwrap_or("?"))
                } else {
                    format!(
                        "goes to the non-resident `{}` inside the country (a deemed export)",
                        receiver.unwrap_or("?")
                    )
                };
                let whom_ja = if crosses_border {
                    format!("{} へ提供されます", to.unwrap_or("?"))
                } else {
                    format!(
                        "国内で非居住者 `{}` に提供されます（みなし輸出）",
                        receiver.unwrap_or("?")
                    )
                };
                out.push(rule(
                    "DMF-L04",
                    "export-control",
                    e,
                    &d.value,
                    format!(
                        "technology that is or may be subject to export control {whom_en} without a recorded screening: decide whether FEFTA export regulation applies and obtain a licence where needed (`records.export_screening`); seed lines 24077–24080, 26918–26930"
                    ),
                    format!(
                        "輸出管理の対象である、又は対象となり得る技術が、該非判定の記録なしに{whom_ja}。外為法の規制対象か判定し、必要に応じ許可を得てください（`records.export_screening`）。シード 24077–24080、26918–26930 行"
                    ),
                ));
            }
        }
        // Personally related information that becomes personal data at the recipient.
        if e.kind == EventKind::Transfer
            && !(e.records.consent_confirmed && e.records.provision_records)
        {
            for data in e.changes.keys() {
                let key = (e.id.value.clone(), data.clone());
                let before = step3.at_event.get(&key).and_then(|a| a.personal);
                let after = step3.after_event.get(&key).and_then(|a| a.personal);
                if before == Some(PersonalCategory::PersonallyRelated) && is_personal(after) {
                    out.push(rule(
                        "DMF-L05",
                        "personally-related-becomes-personal",
                        e,
                        data,
                        "personally related information becomes personal data at the recipient: confirm that the data subjects consented and keep records (`records.consent_confirmed`, `records.provision_records`); seed lines 25516–25522".to_string(),
                        "個人関連情報が提供先で個人データとなります。本人の同意が得られていることを確認し、記録を作成・保存してください（`records.consent_confirmed`、`records.provision_records`）。シード 25516–25522 行".to_string(),
                    ));
                }
            }
        }
    }
    out
}

fn rule(
    code: &'static str,
    check: &'static str,
    e: &Event,
    data: &str,
    en: String,
    ja: String,
) -> Finding {
    Finding::new(
        code,
        check,
        Severity::Warning,
        e.id.at,
        Text::new(
            format!("event `{}`, `{data}`: {en}", e.id.value),
            format!("イベント `{}`、`{data}`: {ja}", e.id.value),
        ),
    )
}

trait WithSeverity {
    fn with_severity(self, severity: Severity) -> Self;
}

impl WithSeverity for Finding {
    fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

#[cfg(test)]
mod tests {
    use cpsrisk_model::model::Dmf;

    fn findings(events: &str) -> Vec<(String, String)> {
        let yaml = format!(
            "
organisations:
  - {{ id: a, name: A, country: JP }}
  - {{ id: b, name: B, country: US }}
  - {{ id: n, name: N, country: JP, non_resident: true }}
  - {{ id: r, name: R, country: JP }}
  - {{ id: p, name: P, country: US }}
systems:
  - {{ id: kept, name: K, operator: a, country: JP }}
  - {{ id: handles, name: H, operator: r, operator_handles_data: true }}
  - {{ id: blind, name: B, operator: r, operator_handles_data: false }}
  - {{ id: foreign-cloud, name: F, operator: p }}
  - {{ id: unidentified, name: U, operator: r, country: unknown, country_reason: the provider does not disclose it }}
data:
  - {{ id: pd, name: PD, attributes: {{ personal: personal-data, controllers: [a] }} }}
  - {{ id: pd-consented, name: PD, attributes: {{ personal: personal-data, consent: {{ scope: provision abroad, valid: true }} }} }}
  - {{ id: pd-of-another, name: PD, attributes: {{ personal: personal-data, controllers: [r] }} }}
  - {{ id: tech, name: T, attributes: {{ technology: undetermined }} }}
events:
{events}"
        );
        let d: Dmf = serde_saphyr::from_str(&yaml).expect("test model");
        crate::assess(&d)
            .findings
            .into_iter()
            .filter(|f| f.code.starts_with("DMF-L"))
            .map(|f| (f.code.to_string(), f.message.en))
            .collect()
    }

    fn codes(events: &str) -> Vec<String> {
        findings(events).into_iter().map(|(c, _)| c).collect()
    }

    /// 表B-2.3 row 12 (seed line 28537): 「本人同意の取得、適切な情報提供等の遵守すべき手続き」 —
    /// consent and information, both.
    #[test]
    fn cross_border_provision_needs_consent_and_information() {
        let to_b = |data: &str, notice: bool| {
            format!(
                "  - {{ id: e, kind: transfer, name: t, inputs: [{data}], outputs: [{data}], at: {{ organisation: a }}, to: {{ organisation: b }}, records: {{ foreign_country_notice: {notice} }} }}\n"
            )
        };
        assert!(
            codes(&to_b("pd", true)).contains(&"DMF-L01".into()),
            "information without consent"
        );
        assert!(
            codes(&to_b("pd-consented", false)).contains(&"DMF-L01".into()),
            "consent without information"
        );
        assert!(
            !codes(&to_b("pd-consented", true)).contains(&"DMF-L01".into()),
            "both"
        );
    }

    /// One legal entity on both ends is no provision to a third party (no L01); its handling
    /// abroad is the company's own, which 26684–26690 and footnote 47 ask to make known (L02).
    #[test]
    fn transfer_inside_one_legal_entity_is_handling_abroad() {
        let c = codes(
            "  - { id: e, kind: transfer, name: t, inputs: [pd], outputs: [pd], at: { organisation: a }, to: { organisation: a, country: US } }\n",
        );
        assert!(!c.contains(&"DMF-L01".into()), "{c:?}");
        assert!(c.contains(&"DMF-L02".into()), "{c:?}");
    }

    /// 26684–26690: 「保有個人データを外国で取扱う場合には…公表等する必要がある」 — only data the
    /// company holds as 保有個人データ (it is among the data managers, a cpsrisk judgement).
    #[test]
    fn handled_abroad_only_for_retained_personal_data() {
        let on = |data: &str| {
            format!(
                "  - {{ id: e, kind: storage, name: s, inputs: [{data}], at: {{ organisation: a, system: foreign-cloud }} }}\n"
            )
        };
        let f = findings(&on("pd"));
        let l02 = f
            .iter()
            .find(|(c, _)| c == "DMF-L02")
            .expect("L02 for A's own data");
        assert!(l02.1.contains("26684–26690, 26938–26950"), "{}", l02.1);
        assert!(!codes(&on("pd-of-another")).contains(&"DMF-L02".into()));
    }

    /// 24077–24080 (「みなし輸出」) and 26920 (技術情報等の非居住者への提供): providing technology to a
    /// non-resident inside the country is an export too.
    #[test]
    fn export_control_includes_non_residents_at_home() {
        let to = |who: &str| {
            format!(
                "  - {{ id: e, kind: transfer, name: t, inputs: [tech], outputs: [tech], at: {{ organisation: a }}, to: {{ organisation: {who} }} }}\n"
            )
        };
        let f = findings(&to("n"));
        let l04 = f
            .iter()
            .find(|(c, _)| c == "DMF-L04")
            .expect("deemed export");
        assert!(
            l04.1.contains("deemed export") && l04.1.contains("24077–24080"),
            "{}",
            l04.1
        );
        assert!(
            !codes(&to("r")).contains(&"DMF-L04".into()),
            "a resident at home"
        );
        assert!(codes(&to("b")).contains(&"DMF-L04".into()), "abroad");
    }

    /// L06 rests on 26668–26672 and 26912–26916; L07 on 26894–26906 and footnote 36 (26311–26325).
    #[test]
    fn cloud_rules_cite_their_lines() {
        let f = findings(
            "  - { id: e1, kind: transfer, name: t, inputs: [pd], outputs: [pd], at: { organisation: a }, to: { organisation: a, system: handles } }\n  - { id: e2, kind: transfer, name: t, inputs: [pd], outputs: [pd], at: { organisation: a }, to: { organisation: a, system: blind } }\n",
        );
        let text = |code: &str| &f.iter().find(|(c, _)| c == code).unwrap().1;
        assert!(text("DMF-L07").contains("26894–26906, footnote 36 (26311–26325)"));
        assert!(text("DMF-L06").contains("26668–26672, 26912–26916"));
    }

    /// Footnote 47 (26946–26950): where the servers' country cannot be identified, the company
    /// makes known that, and why; a provider's system with no country given is asked for it.
    #[test]
    fn servers_country_is_stated_or_its_absence_explained() {
        let on = |system: &str, notice: bool| {
            findings(&format!("  - {{ id: e, kind: storage, name: s, inputs: [pd], at: {{ organisation: a, system: {system} }}, records: {{ foreign_country_notice: {notice} }} }}\n"))
                .into_iter()
                .filter(|(c, _)| c == "DMF-L08")
                .map(|(_, m)| m)
                .collect::<Vec<_>>()
        };
        let unknown = on("unidentified", false);
        assert!(
            unknown[0].contains("cannot be identified (the provider does not disclose it)"),
            "{unknown:?}"
        );
        assert!(unknown[0].contains("26946–26950"));
        assert!(on("unidentified", true).is_empty(), "stated");
        assert!(on("handles", false)[0].contains("does not say where `handles`'s servers are"));
        assert!(on("kept", false).is_empty(), "the company's own system");
    }
}
