//! The Data Management Framework model: organisations, systems, places, data and the events
//! that change the data's attributes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::levels::{
    AttributeName, CloudLayer, CountermeasureStatus, EventKind, IpCategory, PersonalCategory,
    PlaceCategory, PlaceRule, TechCategory, ValueLevel,
};
use crate::loc::Loc;

/// Data Management Framework input: data whose attributes change through events inside places.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dmf {
    /// Organisations and people that handle the data.
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    /// Systems and services, including cloud services with their layers.
    #[serde(default)]
    pub systems: Vec<DmfSystem>,
    #[serde(default)]
    pub places: Vec<Place>,
    pub data: Vec<DataItem>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country where it is established, e.g. `JP`, `US`, `EU`;
    /// `unknown` with `country_reason` when it cannot be identified.
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    /// `country_reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_en: Option<String>,
    /// `country_reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_ja: Option<String>,
    /// A non-resident (非居住者: a person or company not settled in Japan, seed lines
    /// 26920–26921): technology provided to it is an export even inside the country (a deemed
    /// export, lines 24077–24080).
    #[serde(default)]
    pub non_resident: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DmfSystem {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The organisation that operates it (for a cloud service: the provider).
    #[serde(default)]
    pub operator: Option<Loc<String>>,
    /// The cloud layer it is, if a cloud service.
    #[serde(default)]
    pub layer: Option<CloudLayer>,
    /// The system it runs on (a SaaS on a PaaS or IaaS).
    #[serde(default)]
    pub runs_on: Option<Loc<String>>,
    /// ISO 3166-1 alpha-2 code of the country where its servers (data centres) are; `unknown`
    /// with `country_reason` when it cannot be identified (the company must then say so and
    /// why, seed footnote 47, lines 26946–26950).
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the servers' country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    /// `country_reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_en: Option<String>,
    /// `country_reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_ja: Option<String>,
    /// Whether the operator handles the data on it (for cloud use: false = not a provision to a third party).
    #[serde(default)]
    pub operator_handles_data: Option<bool>,
}

/// A place (場): the scope where one norm about data is shared.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub rule: PlaceRule,
    pub categories: Vec<PlaceCategory>,
    /// For a law: the country or region (ISO 3166-1 alpha-2, `EU`) where it applies.
    #[serde(default)]
    pub jurisdiction: Option<Loc<String>>,
    /// For a law: it also applies to data from its jurisdiction handled elsewhere.
    #[serde(default)]
    pub extraterritorial: bool,
    /// The organisations it binds: for a contract, internal rule or terms, its parties (it
    /// applies where one of them takes part); for a law, organisations it binds, which makes
    /// the law apply abroad too, at any event where one of them takes part (e.g. a handler of
    /// personal information under the APPI at its overseas site).
    #[serde(default)]
    pub binds: Vec<Loc<String>>,
    /// The attributes it requires data to carry (the 〇 of the rules × attributes table).
    #[serde(default)]
    pub requires: Vec<AttributeName>,
    /// For a personal data law: countries (ISO 3166-1 alpha-2) whose protection it recognises
    /// as adequate.
    #[serde(default)]
    pub adequate_countries: Vec<Loc<String>>,
}

/// A data item with its attributes: objective facts apart from subjective judgements.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataItem {
    pub id: Loc<String>,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default)]
    pub attributes: Attributes,
    #[serde(default)]
    pub judgements: Judgements,
}

/// The objective attributes of data (2-2-3); every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attributes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<TechCategory>,
    /// Other categories under a place of proper social functions (e.g. insider information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub social: Option<String>,
    /// Who may see it: organisations, departments or roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure_scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controllers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights_holders: Option<Vec<String>>,
    /// Medium and storage location (systems or devices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// Countries of handling (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// What the data subjects consented to.
    pub scope: String,
    pub valid: bool,
}

/// Subjective judgements about data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Judgements {
    /// The value (importance); when left out, the highest of the three impacts.
    #[serde(default)]
    pub value: Option<Loc<ValueLevel>>,
    #[serde(default)]
    pub confidentiality: Option<ValueLevel>,
    #[serde(default)]
    pub integrity: Option<ValueLevel>,
    #[serde(default)]
    pub availability: Option<ValueLevel>,
}

/// An event: data in, data out (A → A′), somewhere.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Loc<String>,
    pub kind: EventKind,
    pub name: String,
    #[serde(default)]
    pub name_ja: Option<String>,
    /// `name` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Events that happen before this one (besides the order of the file).
    #[serde(default)]
    pub after: Vec<Loc<String>>,
    #[serde(default)]
    pub inputs: Vec<Loc<String>>,
    #[serde(default)]
    pub outputs: Vec<Loc<String>>,
    /// How the event changes the attributes of its outputs (A → A′), per data item.
    #[serde(default, deserialize_with = "unique_keys")]
    pub changes: std::collections::BTreeMap<String, Attributes>,
    /// Where it happens (for a transfer: the sending end).
    #[serde(default)]
    pub at: Endpoint,
    /// For a transfer: the receiving end.
    #[serde(default)]
    pub to: Option<Endpoint>,
    /// Compliance facts recorded for the event.
    #[serde(default)]
    pub records: Records,
    #[serde(default)]
    pub countermeasures: Vec<CountermeasureRecord>,
}

/// Where an event (or one end of a transfer) happens: the four units of analysis.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// ISO 3166-1 alpha-2 code; `unknown` with `country_reason`.
    #[serde(default)]
    pub country: Option<Loc<String>>,
    /// Why the country is `unknown` (required then).
    #[serde(default)]
    pub country_reason: Option<String>,
    /// `country_reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_en: Option<String>,
    /// `country_reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason_ja: Option<String>,
    #[serde(default)]
    pub organisation: Option<Loc<String>>,
    #[serde(default)]
    pub system: Option<Loc<String>>,
    #[serde(default)]
    pub device: Option<String>,
}

/// What was done for the duties the seed's rules impose.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Records {
    /// The data subjects were told the foreign country and its protection measures.
    #[serde(default)]
    pub foreign_country_notice: bool,
    /// Consent of the data subjects was confirmed (personally related information that becomes personal data).
    #[serde(default)]
    pub consent_confirmed: bool,
    /// Records of the provision were made and kept.
    #[serde(default)]
    pub provision_records: bool,
    /// Export control screening was done before providing the technology.
    #[serde(default)]
    pub export_screening: bool,
    /// Safeguards for a cross-border transfer, e.g. `scc`, `consent`, `bcr`.
    #[serde(default)]
    pub safeguards: Vec<String>,
    /// An entrustment contract (委託) makes handing personal data to a provider legitimate, with
    /// the entruster supervising it.
    #[serde(default)]
    pub entrustment: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountermeasureRecord {
    /// `DMF-Cnn`.
    pub id: Loc<String>,
    pub status: CountermeasureStatus,
    /// Required for `not-applicable`.
    #[serde(default)]
    pub reason: Option<String>,
    /// `reason` in English, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_en: Option<String>,
    /// `reason` in Japanese, where it is written in the other language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_ja: Option<String>,
    /// The organisation that implements it, when not the one where the event happens (a
    /// contractor, a provider). Required for `requested`.
    #[serde(default)]
    pub implementer: Option<Loc<String>>,
    /// For `requested`: the organisation that asks (default: the event's organisation), as
    /// when A asks its contractor B for measures equal to its own and checks them by document
    /// or audit (seed lines 27348–27352).
    #[serde(default)]
    pub requested_by: Option<Loc<String>>,
}

/// A map read with every key at most once: serde-saphyr rejects a repeated key itself, serde_json
/// would keep the last value, so the JSON path fails here and the YAML parser explains.
fn unique_keys<'de, D, V>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = std::collections::BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate mapping key: {key}"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}
