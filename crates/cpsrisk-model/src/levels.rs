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
