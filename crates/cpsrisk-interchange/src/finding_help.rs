//! What each finding code means, in both languages: the help text of a SARIF rule and the
//! description of an OSCAL finding's target. Mirrors `docs/findings.md` (a test keeps the two
//! in step).

use cpsrisk_catalog::Lang;

/// One finding code's meaning: when it fires, in English and Japanese.
pub struct FindingHelp {
    pub code: &'static str,
    pub fires_when_en: &'static str,
    pub fires_when_ja: &'static str,
}

impl FindingHelp {
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.fires_when_en, self.fires_when_ja)
    }
}

/// The help for `code`, if the code is known.
pub fn help(code: &str) -> Option<&'static FindingHelp> {
    HELP.iter().find(|h| h.code == code)
}

macro_rules! help {
    ($($code:literal: $en:literal / $ja:literal;)*) => {
        &[$(FindingHelp { code: $code, fires_when_en: $en, fires_when_ja: $ja },)*]
    };
}

pub const HELP: &[FindingHelp] = help! {
    "SSF-G01": "A rated stakeholder is outside the target level and no policy names it (IoT-SSF 2-2-2 ③)."
        / "評価したステークホルダーがリスク基準を超えているのに、そのステークホルダーを対象とする対策方針がない（IoT-SSF 2-2-2 ③）。";
    "SSF-G02": "A policy maps to no requirement (IoT-SSF 2-2-2 ③, 表5)."
        / "対策方針に対応する対策要件がない（IoT-SSF 2-2-2 ③、表5）。";
    "SSF-G03": "A device threat has neither a decision taking one of its candidate requirements on that device, nor a recorded acceptance (IoT-SSF 2-2-3 ①–③)."
        / "機器の脅威に、その機器で候補の対策要件を採る決定も、リスク受容の記録もない（IoT-SSF 2-2-3 ①〜③）。";
    "SSF-G04": "A viewpoint-3 requirement is taken but operator requirements are not recorded as required (IoT-SSF 2-3-3 ③)."
        / "第3軸の観点3の対策要件を採っているが、運用・管理する人に資格・要件が求められる記録がない（IoT-SSF 2-3-3 ③）。";
    "SSF-G05": "A viewpoint-4 requirement is taken by a stakeholder; viewpoint 4 is for policy makers."
        / "観点4の対策要件をステークホルダーが採っている。観点4は政策決定者向けである。";
    "SSF-G06": "A device is out of scope without a reason (IoT-SSF 2-2-1 ③)."
        / "機器が対象外とされているのに理由がない（IoT-SSF 2-2-1 ③）。";
    "SSF-G07": "The recorded level disagrees with the level the sub-criteria suggest (axis 1: IoT-SSF 2-2-2(2)①; axis 2: cpsrisk's reading)."
        / "記録したレベルが、細分化した基準から示唆されるレベルと異なる（第1軸: IoT-SSF 2-2-2(2)①、第2軸: cpsrisk の解釈）。";
    "SSF-G08": "A stakeholder has no rating (IoT-SSF 2-2-2 ②)."
        / "ステークホルダーの評価がない（IoT-SSF 2-2-2 ②）。";
    "SSF-G09": "A requirement of a policy is taken by no decision (IoT-SSF 2-2-3 ③)."
        / "対策方針の対策要件を採る決定がない（IoT-SSF 2-2-3 ③）。";
    "CONF-G01": "A provision is stated not met or not applicable without a justification (EN 303 645 provision 4-1)."
        / "規定を「満たさない」または「適用外」としているのに根拠がない（EN 303 645 規定 4-1）。";
    "CONF-G02": "A provision applies but the model has no statement for it."
        / "規定が適用されるのに、モデルにその規定の記述がない。";
    "CONF-G03": "A mandatory provision is stated not met (EN 303 645)."
        / "必須の規定を「満たさない」としている（EN 303 645）。";
    "CONF-G04": "A provision's conditions name a product property the model leaves out."
        / "規定の条件が参照する製品の性質がモデルに記載されていない。";
    "CONF-G05": "A planned test case has no verdict (TS 103 701 test plan)."
        / "計画したテストケースに判定がない（TS 103 701 テスト計画）。";
    "CONF-G06": "A test case's verdict is fail (TS 103 701)."
        / "テストケースの判定が不合格である（TS 103 701）。";
    "CONF-G07": "A provision is stated met but one of its test cases failed."
        / "規定を「満たす」としているが、そのテストケースのいずれかが不合格である。";
    "DMF-F01": "A data item is used but no event creates it (DMF STEP 1)."
        / "データが使われているが、それを生成するイベントがない（DMF STEP 1）。";
    "DMF-F02": "An event uses a data item before the event that creates it (DMF STEP 1)."
        / "データを生成するイベントより前に、そのデータを使うイベントがある（DMF STEP 1）。";
    "DMF-F03": "An event uses a data item after a disposal of it (DMF STEP 1)."
        / "データの廃棄の後に、そのデータを使うイベントがある（DMF STEP 1）。";
    "DMF-F04": "A storage event keeps data that no earlier event gave out."
        / "保管イベントが、それ以前のどのイベントも出力していないデータを保管している。";
    "DMF-A01": "An applicable place requires attributes the data item lacks (DMF STEP 3)."
        / "適用される場が求める属性をデータが持っていない（DMF STEP 3）。";
    "DMF-A02": "The recorded value is below the highest of the three impacts (DMF STEP 3)."
        / "記録した価値が、三つの影響度のうち最も高いものより低い（DMF STEP 3）。";
    "DMF-R01": "An event that records countermeasures still has catalog risks with none in place or planned (DMF STEP 4)."
        / "対策を記録したイベントに、実施済みも計画中の対策もないリスクが残っている（DMF STEP 4）。";
    "DMF-L01": "Personal data crosses a border without the foreign-country notice recorded."
        / "個人データが、外国の名称等の情報提供の記録なしに国境を越えている。";
    "DMF-L02": "Personal data is handled on a system whose provider or servers are abroad, without the notice."
        / "提供者またはサーバが外国にあるシステムで、情報提供の記録なしに個人データを取り扱っている。";
    "DMF-L03": "A system keeps data in another country: its public law applies whatever the contract."
        / "システムが他国にデータを保管している。契約にかかわらずその国の公法が適用される。";
    "DMF-L04": "Technology that is or may be export-controlled crosses a border without export screening recorded."
        / "輸出管理の対象となり得る技術が、該非判定の記録なしに国境を越えている。";
    "DMF-L05": "A transfer turns personally related information into personal data without consent confirmed and records kept."
        / "移転により個人関連情報が個人データとなるのに、同意の確認と記録の作成がない。";
    "DMF-L06": "Personal data goes to a system whose provider does not handle it: not a provision; security control stays the customer's."
        / "個人データを取り扱わない提供者のシステムに個人データを置いている。提供には当たらず、安全管理は利用者の責任のままである。";
    "DMF-L07": "A transfer of personal data to a system whose provider handles it, without valid consent or an entrustment."
        / "提供者が取り扱うシステムへの個人データの移転に、有効な同意も委託契約もない。";
    "DMF-L08": "Retained personal data is on a system another organisation operates whose servers' country is not given, or is unknown without the data subjects being told so and why (footnote 47)."
        / "保有個人データを他の組織が運用するシステムに置いているのに、サーバの所在国が記載されていない。または所在国が不明であることとその理由を本人に伝えた記録がない（脚注47）。";
    "DMF-G01": "A personal data law of the sending country does not recognise the destination as adequate and no safeguards are recorded."
        / "送り出す国の個人データ保護法が移転先を十分性のある国と認めておらず、保護措置の記録もない。";
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code `docs/findings.md` lists has help here, and nothing here is unlisted there.
    #[test]
    fn help_covers_the_documented_codes() {
        let doc = include_str!("../../../docs/findings.md");
        let documented: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(" |").next())
            .filter(|c| {
                c.contains("-G")
                    || c.contains("-F")
                    || c.contains("-A")
                    || c.contains("-R")
                    || c.contains("-L")
            })
            .filter(|c| c.chars().last().is_some_and(|ch| ch.is_ascii_digit()))
            .collect();
        assert!(documented.len() >= 30, "{documented:?}");
        for code in &documented {
            assert!(
                help(code).is_some(),
                "{code} is in docs/findings.md but has no help in finding_help.rs; add its English and Japanese text there"
            );
        }
        for h in HELP {
            assert!(
                documented.contains(&h.code),
                "{} is not in docs/findings.md",
                h.code
            );
        }
    }
}
