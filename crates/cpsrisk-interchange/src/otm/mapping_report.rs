//! What `cpsrisk import otm` did with each element of the file: mapped, kept as a note, or
//! dropped with the reason; and what the user must still add before the assessment means
//! anything.

use cpsrisk_catalog::Lang;
use cpsrisk_model::Text;
use cpsrisk_model::levels::DeviceKind;
use cpsrisk_model::model::Device;
use cpsrisk_model::untrusted::{echo, readable_message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Mapped,
    KeptAsNote,
    Dropped,
}

impl Outcome {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Outcome::Mapped => lang.pick("mapped", "対応付け"),
            Outcome::KeptAsNote => lang.pick("note", "注記"),
            Outcome::Dropped => lang.pick("dropped", "除外"),
        }
    }
}

/// One element of the OTM file and what became of it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Where it stands in the file, e.g. `components[2].threats[0]`.
    pub path: String,
    pub otm_id: String,
    pub outcome: Outcome,
    pub detail: Text,
}

#[derive(Debug, Clone, Default)]
pub struct MappingReport {
    pub items: Vec<Item>,
    /// What OTM cannot say and the model needs.
    pub to_complete: Vec<Text>,
}

impl MappingReport {
    pub(super) fn push(&mut self, path: String, otm_id: &str, outcome: Outcome, detail: Text) {
        self.items.push(Item {
            path,
            otm_id: otm_id.to_string(),
            outcome,
            detail,
        });
    }

    pub(super) fn add_what_to_complete(
        &mut self,
        devices: &[Device],
        placeholder_stakeholder: bool,
    ) {
        if placeholder_stakeholder {
            self.to_complete.push(Text::new(
                "iot_ssf.stakeholders: one stakeholder `applying-entity` was written as a placeholder (the OTM project's owner, if any); add the stakeholders and their roles (2-2-1 ②)",
                "iot_ssf.stakeholders: ステークホルダー `applying-entity` を仮に置きました（OTM プロジェクトの owner があればその名前）。ステークホルダーと役割を追加してください（2-2-1 ②）",
            ));
        }
        self.to_complete.push(Text::new(
            "iot_ssf.target: set to limited/limited as a placeholder; OTM has no target risk level (2-2-1 ⑤)",
            "iot_ssf.target: 仮に limited/limited としました。OTM に目標リスクレベルはありません（2-2-1 ⑤）",
        ));
        self.to_complete.push(Text::new(
            "iot_ssf.incidents and ratings: OTM has no incidents or per-stakeholder ratings on the two axes; add them (2-2-2)",
            "iot_ssf.incidents と ratings: OTM にはインシデントもステークホルダー別の2軸評価もありません。追加してください（2-2-2）",
        ));
        let other = devices
            .iter()
            .filter(|d| d.kind == DeviceKind::Other)
            .count();
        if other > 0 {
            self.to_complete.push(Text::new(
                format!("{other} device(s) have kind `other`: set their kind (the OTM type is in each device's notes)"),
                format!("{other} 台の機器の種別が `other` です。種別を設定してください（OTM の型は各機器の注記にあります）"),
            ));
        }
        self.to_complete.push(Text::new(
            "devices: check external_network, physical_action, constrained and managed_by; OTM carries them only when cpsrisk wrote the file",
            "機器: external_network、physical_action、constrained、managed_by を確認してください。OTM にこれらが入っているのは cpsrisk が書いたファイルだけです",
        ));
    }

    /// How many items had each outcome: mapped, kept as notes, dropped.
    pub fn counts(&self) -> [usize; 3] {
        let count = |o| self.items.iter().filter(|i| i.outcome == o).count();
        [
            count(Outcome::Mapped),
            count(Outcome::KeptAsNote),
            count(Outcome::Dropped),
        ]
    }

    /// The report as text in `lang`: the counts, each item, then what to complete.
    pub fn render(&self, lang: Lang) -> String {
        let [mapped, notes, dropped] = self.counts();
        let mut out = match lang {
            Lang::En => {
                format!("OTM import: {mapped} mapped, {notes} kept as notes, {dropped} dropped\n")
            }
            Lang::Ja => format!(
                "OTM の取り込み: 対応付け {mapped} 件、注記として保持 {notes} 件、除外 {dropped} 件\n"
            ),
        };
        for item in &self.items {
            // IDs and names come from the file: echoed short and inert for a terminal.
            out.push_str(&format!(
                "  {:<8} {} `{}`: {}\n",
                item.outcome.label(lang),
                item.path,
                echo(&item.otm_id),
                readable_message(item.detail.get(lang))
            ));
        }
        out.push_str(lang.pick(
            "To complete before the assessment means anything:\n",
            "評価の前に補ってください:\n",
        ));
        for t in &self.to_complete {
            out.push_str(&format!("  - {}\n", t.get(lang)));
        }
        out
    }
}
