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

pub fn rules(ix: &Index, step3: &Step3) -> Vec<Finding> {
    let mut out = Vec::new();
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

            // A transfer of personal data across a border: tell the data subjects the country
            // and its protection measures (transfer unit 国・地域 and 表B-2.3 row 12).
            if crosses_border && is_personal(attrs.personal) && !e.records.foreign_country_notice {
                out.push(rule(
                    "DMF-L01",
                    "cross-border-notice",
                    e,
                    &d.value,
                    format!(
                        "personal data crosses a border ({} → {}): the data subjects must be told the country and its protection measures, or consent obtained (set `records.foreign_country_notice`); seed lines 24049–24080, 28537–28558",
                        from.unwrap_or("?"),
                        to.unwrap_or("?")
                    ),
                    format!(
                        "個人データが国境を越えて移転されます（{} → {}）。本人に移転先の国名と当該国の保護措置を情報提供するか同意を得る必要があります（`records.foreign_country_notice`）。シード 24049–24080、28537–28558 行",
                        from.unwrap_or("?"),
                        to.unwrap_or("?")
                    ),
                ));
            }

            // Data handled abroad by a foreign provider, even on a server at home (fn. 41).
            let system =
                e.to.as_ref()
                    .and_then(|t| t.system.as_ref())
                    .or(e.at.system.as_ref());
            if let Some(system) = system.and_then(|s| ix.systems.get(s.as_str())) {
                let owner = ix.endpoint_country(&e.at);
                let provider =
                    ix.organisation_country(system.operator.as_ref().map(|o| o.as_str()));
                let abroad = |c: Option<&str>| c.is_some() && owner.is_some() && c != owner;
                if is_personal(attrs.personal)
                    && (abroad(provider) || abroad(system.country.as_deref()))
                    && !e.records.foreign_country_notice
                {
                    out.push(rule(
                        "DMF-L02",
                        "handled-abroad",
                        e,
                        &d.value,
                        format!(
                            "personal data is handled abroad on `{}` (provider in {}, servers in {}), which counts as handling in a foreign country even when the servers are at home: make public the countries and the measures taken (`records.foreign_country_notice`); seed lines 26670–26683, 26701–26705",
                            system.id.value,
                            provider.unwrap_or("?"),
                            system.country.as_deref().unwrap_or("?")
                        ),
                        format!(
                            "個人データが `{}` で外国において取扱われます（提供者: {}、サーバ: {}）。国内サーバでも同様です。外国の名称と講じた措置を公表等する必要があります（`records.foreign_country_notice`）。シード 26670–26683、26701–26705 行",
                            system.id.value,
                            provider.unwrap_or("?"),
                            system.country.as_deref().unwrap_or("?")
                        ),
                    ));
                }
                // The public law of the data-centre country applies whatever the contract says.
                if abroad(system.country.as_deref())
                    && matches!(e.kind, EventKind::Storage | EventKind::Transfer)
                {
                    out.push(
                        rule(
                            "DMF-L03",
                            "data-centre-country-law",
                            e,
                            &d.value,
                            format!(
                                "`{}` keeps data in {}: that country's public law (search and seizure) applies regardless of the contract's governing law (see risk DMF-S05); seed lines 26336–26366",
                                system.id.value,
                                system.country.as_deref().unwrap_or("?")
                            ),
                            format!(
                                "`{}` はデータを {} に保管します。契約の準拠法にかかわらず、当該国の公法（捜索・押収等）が適用されます（リスク DMF-S05）。シード 26336–26366 行",
                                system.id.value,
                                system.country.as_deref().unwrap_or("?")
                            ),
                        )
                        .with_severity(Severity::Info),
                    );
                }
                // A provider that handles the data receives a provision: it needs the data
                // subjects' consent or an entrustment with supervision.
                let operator = system.operator.as_ref().map(|o| o.as_str());
                let own = e.at.organisation.as_ref().map(|o| o.as_str());
                let consented = attrs.consent.as_ref().is_some_and(|c| c.valid);
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
                            "`{}`'s provider `{}` handles the personal data: that is a provision, which needs the data subjects' valid consent or an entrustment contract with supervision of the contractor (`records.entrustment`); seed lines 26266–26276",
                            system.id.value,
                            operator.unwrap_or("?")
                        ),
                        format!(
                            "`{}` の提供者 `{}` が個人データを取扱うため提供に当たります。本人の有効な同意か、委託先の監督を伴う委託契約が必要です（`records.entrustment`）。シード 26266–26276 行",
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
                                "`{}`'s provider does not handle the data: using it is not a provision to a third party (no consent needed), and the security control measures stay the customer's own; seed lines 26266–26276, 26315–26321",
                                system.id.value
                            ),
                            format!(
                                "`{}` の提供者はデータを取扱わないため、第三者提供に当たらず本人同意は不要です。安全管理措置は利用者自身が講じます。シード 26266–26276、26315–26321 行",
                                system.id.value
                            ),
                        )
                        .with_severity(Severity::Info),
                    );
                }
            }

            // Export-controlled technology given to non-residents (FEFTA).
            if matches!(
                attrs.technology,
                Some(TechCategory::ExportControlled | TechCategory::Undetermined)
            ) && crosses_border
                && !e.records.export_screening
            {
                out.push(rule(
                    "DMF-L04",
                    "export-control",
                    e,
                    &d.value,
                    format!(
                        "technology that is or may be subject to export control goes to {} without a recorded screening: decide whether FEFTA export regulation applies and obtain a licence where needed (`records.export_screening`); seed lines 26918–26930",
                        to.unwrap_or("?")
                    ),
                    format!(
                        "輸出管理の対象である、又は対象となり得る技術が、該非判定の記録なしに {} へ提供されます。外為法の規制対象か判定し、必要に応じ許可を得てください（`records.export_screening`）。シード 26918–26930 行",
                        to.unwrap_or("?")
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
