//! The enumerations of the model, spelt as `../shared/spec/CONTRACT.md` gives them, with their
//! Japanese names from the seed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A closed list of values, each with its English and Japanese name.
pub trait Named: Copy + 'static {
    /// The spelling in models and JSON output.
    fn id(self) -> &'static str;
    fn name_en(self) -> &'static str;
    fn name_ja(self) -> &'static str;
}

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = ($id:literal, $en:literal, $ja:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $id)] #[doc = $en] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
        }

        impl Named for $name {
            fn id(self) -> &'static str { match self { $($name::$variant => $id),+ } }
            fn name_en(self) -> &'static str { match self { $($name::$variant => $en),+ } }
            fn name_ja(self) -> &'static str { match self { $($name::$variant => $ja),+ } }
        }
    };
}

named_enum! {
    /// Axis 1, difficulty of recovery (回復困難性の度合い), low to high.
    Axis1 {
        Limited = ("limited", "Limited damage", "限定的なダメージ"),
        Serious = ("serious", "Serious damage", "重大なダメージ"),
        Fatal = ("fatal", "Fatal damage", "致命的なダメージ"),
    }
}

named_enum! {
    /// Axis 2, economic impact (経済的影響の度合い), low to high.
    Axis2 {
        Limited = ("limited", "Limited economic impact", "限定的な経済影響"),
        Serious = ("serious", "Serious economic impact", "重大な経済影響"),
        Catastrophic = ("catastrophic", "Catastrophic economic impact", "壊滅的な経済影響"),
    }
}

named_enum! {
    /// The safety side of axis 1 (人命/身体), 2-2-2(2)①.
    SafetyHarm {
        None = ("none", "No harm to life or body", "人命・身体への影響なし"),
        MinorInjury = ("minor-injury", "Minor injury possible", "軽傷を負うおそれ"),
        SeriousInjury = ("serious-injury", "Serious injury possible", "重傷を負うおそれ"),
        DeathUnlikely = ("death-unlikely", "Loss of life possible, but its conditions are unlikely", "人命が失われるおそれ（ただし条件の成立可能性は高くない）"),
        Death = ("death", "Loss of life possible", "人命が失われるおそれ"),
    }
}

named_enum! {
    /// The privacy side of axis 1 (プライバシー/名誉), 2-2-2(2)①.
    PrivacyHarm {
        None = ("none", "No privacy infringement", "プライバシー侵害なし"),
        Minor = ("minor", "Minor privacy infringement", "軽度なプライバシーの侵害"),
        Serious = ("serious", "Serious infringement: important personal information leaks", "重要度の高い個人情報等の漏えいによる重大なプライバシーの侵害"),
    }
}

named_enum! {
    /// Roles of a stakeholder (2-2-1 ②); `other` covers residents, bystanders and the like.
    Role {
        IotUser = ("iot-user", "IoT user", "IoT 利用者"),
        IotServiceDeveloper = ("iot-service-developer", "IoT service developer", "IoT サービス開発者"),
        IotServiceProvider = ("iot-service-provider", "IoT service provider", "IoT サービス提供者"),
        Other = ("other", "Other stakeholder", "その他の関係者"),
    }
}

named_enum! {
    /// Kinds of device and component.
    DeviceKind {
        Sensor = ("sensor", "Sensor", "センサ"),
        Actuator = ("actuator", "Actuator", "アクチュエータ"),
        NetworkDevice = ("network-device", "Network device", "ネットワーク機器"),
        Gateway = ("gateway", "Gateway", "ゲートウェイ"),
        Server = ("server", "Server", "サーバ"),
        Terminal = ("terminal", "Terminal", "端末"),
        Controller = ("controller", "Controller", "コントローラ"),
        CloudService = ("cloud-service", "Cloud service", "クラウドサービス"),
        Other = ("other", "Other", "その他"),
    }
}

named_enum! {
    /// The five kinds of consequence of 2-2-2(1).
    ConsequenceKind {
        BusinessDisruption = ("business-disruption", "Business stoppage or degradation", "事業の停止、劣化"),
        LossOfTrust = ("loss-of-trust", "Loss of trust in the company", "自社に対する信頼の低下"),
        HumanHarm = ("human-harm", "Human harm", "人的被害"),
        SystemDestruction = ("system-destruction", "System destruction", "システム破壊"),
        LegalViolation = ("legal-violation", "Events that breach laws and regulations", "法令順守抵触事象の発生"),
    }
}

named_enum! {
    /// Implementation targets of axis-3 requirements (実装先).
    ImplTarget {
        Org = ("org", "Organisation and people", "ソシキ・ヒト"),
        Procedure = ("procedure", "Procedure", "プロシージャ"),
        System = ("system", "System", "システム"),
    }
}

named_enum! {
    /// The status of a decision on a requirement.
    DecisionStatus {
        InPlace = ("in-place", "In place", "実施済み"),
        Decided = ("decided", "Decided, not yet implemented", "実施決定（未実施）"),
        Planned = ("planned", "Planned", "実施予定"),
        Requested = ("requested", "Requested", "依頼済み"),
        NotAdopted = ("not-adopted", "Not adopted", "不採用"),
    }
}

named_enum! {
    /// The supplier's status for a provision of EN 303 645.
    ProvisionStatus {
        Met = ("met", "Met", "適合"),
        NotMet = ("not-met", "Not met", "不適合"),
        NotApplicable = ("not-applicable", "Not applicable", "適用外"),
    }
}

named_enum! {
    /// A test lab's verdict on a test case of TS 103 701.
    Verdict {
        Pass = ("pass", "PASS", "合格"),
        Fail = ("fail", "FAIL", "不合格"),
        NotApplicable = ("not-applicable", "Not applicable", "適用外"),
    }
}

named_enum! {
    /// The five kinds of DMF event (2-2-1).
    EventKind {
        Generation = ("generation", "Generation/acquisition", "生成・取得"),
        Processing = ("processing", "Processing/use", "加工・利用"),
        Transfer = ("transfer", "Transfer/provision", "移転・提供"),
        Storage = ("storage", "Storage", "保管"),
        Disposal = ("disposal", "Disposal", "廃棄"),
    }
}

named_enum! {
    /// The rule that creates a place (場).
    PlaceRule {
        Law = ("law", "Law or regulation", "法令"),
        Contract = ("contract", "Contract", "契約"),
        InternalRule = ("internal-rule", "Internal rule", "社内規程"),
        PlatformTerms = ("platform-terms", "Platform or service terms", "プラットフォーム・サービスの規約"),
        Other = ("other", "Other norm", "その他の規範"),
    }
}

named_enum! {
    /// The four categories of place (2-2-2).
    PlaceCategory {
        PersonalData = ("personal-data", "Personal data protection", "パーソナルデータの保護"),
        IntellectualProperty = ("intellectual-property", "Intellectual property (incl. trade secrets) protection", "知的財産（営業秘密を含む）保護"),
        SensitiveTechnology = ("sensitive-technology", "Sensitive technology control", "機微技術管理"),
        SocialFunction = ("social-function", "Maintaining proper social functions", "適切な社会機能の維持"),
    }
}

named_enum! {
    /// A data item's category under personal data protection.
    PersonalCategory {
        PersonalInformation = ("personal-information", "Personal information", "個人情報"),
        PersonalData = ("personal-data", "Personal data", "個人データ"),
        PersonallyRelated = ("personally-related", "Personally related information", "個人関連情報"),
        Pseudonymised = ("pseudonymised", "Pseudonymously processed information", "仮名加工情報"),
        Anonymised = ("anonymised", "Anonymously processed information", "匿名加工情報"),
        Statistical = ("statistical", "Statistical information (non-personal)", "統計情報（非個人情報）"),
        NonPersonal = ("non-personal", "Non-personal information", "非個人情報"),
    }
}

named_enum! {
    /// A data item's category under intellectual property protection.
    IpCategory {
        TradeSecret = ("trade-secret", "Trade secret", "営業秘密"),
        LimitedProvision = ("limited-provision", "Shared data with limited access", "限定提供データ"),
        None = ("none", "None", "該当なし"),
    }
}

named_enum! {
    /// A data item's category under sensitive technology control.
    TechCategory {
        ExportControlled = ("export-controlled", "Technology subject to export control", "輸出管理等対象技術"),
        Undetermined = ("undetermined", "May be subject to export control: screening decides", "輸出管理の対象となり得る（該非判定が必要）"),
        None = ("none", "None", "該当なし"),
    }
}

named_enum! {
    /// The value (importance) of data, and the impact of a breach of one property.
    ValueLevel {
        Low = ("low", "Low", "低い"),
        Medium = ("medium", "Medium", "中程度"),
        High = ("high", "High", "高い"),
        VeryHigh = ("very-high", "Very high", "非常に高い"),
    }
}

named_enum! {
    /// The attributes a place can require (the rows of the rules × attributes tables).
    AttributeName {
        CategoryPersonal = ("category-personal", "Category: personal data protection", "カテゴリ（パーソナルデータ保護）"),
        CategoryIp = ("category-ip", "Category: intellectual property", "カテゴリ（知的財産（営業秘密を含む）保護）"),
        CategoryTechnology = ("category-technology", "Category: sensitive technology", "カテゴリ（機微技術管理）"),
        DisclosureScope = ("disclosure-scope", "Disclosure scope", "開示範囲"),
        Purpose = ("purpose", "Purpose of use", "利用目的"),
        Controller = ("controller", "Data controller", "データ管理主体"),
        RightsHolders = ("rights-holders", "Rights holders", "データ権利者"),
        Value = ("value", "Value (importance)", "価値（重要度）"),
        Storage = ("storage", "Medium and storage location", "媒体・保存先"),
        Deadline = ("deadline", "Usage deadline", "利用期限"),
        Consent = ("consent", "Consent and its validity", "同意の取得状況、有効性"),
        Country = ("country", "Country of handling", "取扱い国"),
    }
}

named_enum! {
    /// A cloud service layer.
    CloudLayer {
        Saas = ("saas", "SaaS", "SaaS"),
        Paas = ("paas", "PaaS", "PaaS"),
        Iaas = ("iaas", "IaaS", "IaaS"),
    }
}

named_enum! {
    /// The status of a countermeasure on an event.
    CountermeasureStatus {
        InPlace = ("in-place", "In place", "実施済み"),
        Planned = ("planned", "Planned", "実施予定"),
        Requested = ("requested", "Requested of the implementer", "実施を依頼済み"),
        NotApplicable = ("not-applicable", "Not applicable", "適用外"),
    }
}
