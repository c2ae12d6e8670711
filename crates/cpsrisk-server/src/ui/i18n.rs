//! Every label of the browser pages, in English and Japanese. One table: the macro will not
//! compile an entry without both languages, and templates name entries as `Msg::…`, so a
//! missing or misspelt label is a build error, not a blank on screen.

use cpsrisk_catalog::Lang;

use crate::roles::Role;

macro_rules! messages {
    ($($name:ident => ($en:literal, $ja:literal),)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Msg::$name => lang.pick($en, $ja),)* }
            }
        }
    };
}

messages! {
    AppName => ("cpsrisk workbench", "cpsrisk ワークベンチ"),
    SkipToContent => ("Skip to content", "本文へ移動"),
    Language => ("Language", "言語"),
    SignIn => ("Sign in", "サインイン"),
    SignOut => ("Sign out", "サインアウト"),
    Email => ("E-mail", "メールアドレス"),
    Password => ("Password", "パスワード"),
    ChangePassword => ("Change password", "パスワード変更"),
    CurrentPassword => ("Current password", "現在のパスワード"),
    NewPassword => ("New password", "新しいパスワード"),
    PasswordChanged => ("Your password was changed; every session was ended. Sign in again.", "パスワードを変更しました。すべてのセッションを終了しました。もう一度サインインしてください。"),
    SignedInAs => ("Signed in as", "サインイン中"),
    Projects => ("Projects", "プロジェクト"),
    NoProjects => ("No projects yet.", "プロジェクトはまだありません。"),
    NewProject => ("New project", "新しいプロジェクト"),
    ProjectName => ("Project name", "プロジェクト名"),
    Create => ("Create", "作成"),
    Name => ("Name", "名前"),
    Role => ("Role", "ロール"),
    HeadRevision => ("Newest revision", "最新リビジョン"),
    Created => ("Created", "作成日時"),
    Dashboard => ("Dashboard", "ダッシュボード"),
    Editor => ("Model editor", "モデルエディタ"),
    History => ("History", "履歴"),
    Report => ("Report", "レポート"),
    Members => ("Members", "メンバー"),
    AuditTrail => ("Audit trail", "監査証跡"),
    NoRevisionYet => ("No model has been saved yet.", "まだモデルが保存されていません。"),
    StartEditing => ("Open the model editor to start.", "モデルエディタを開いて始めてください。"),
    RiskMap => ("IoT-SSF risk map", "IoT-SSF リスクマップ"),
    StakeholdersRated => ("Stakeholders rated", "評価した利害関係者"),
    OutsideTarget => ("Outside the target", "目標の外"),
    UntreatedThreats => ("Untreated device threats", "未対策のデバイス脅威"),
    DeviceThreats => ("Device threats", "デバイス脅威"),
    Conformance => ("Conformance per clause", "条項ごとの適合"),
    Clause => ("Clause", "条項"),
    Met => ("Met", "適合"),
    NotMet => ("Not met", "不適合"),
    NotApplicable => ("N/A", "対象外"),
    NotRun => ("Not run", "未実施"),
    LabelReadiness => ("Label readiness", "ラベル取得準備"),
    TargetLevel => ("Target level", "目標レベル"),
    ReadyLevel => ("Ready level", "準備済みレベル"),
    DmfEvents => ("DMF events × risks", "DMF イベント × リスク"),
    Event => ("Event", "イベント"),
    Risks => ("Risks", "リスク"),
    UntreatedRisks => ("Untreated risks", "未対策のリスク"),
    NoEngine => ("This model has no input for this framework.", "このモデルにはこのフレームワークの入力がありません。"),
    Model => ("Model (YAML)", "モデル (YAML)"),
    Validate => ("Check", "検査"),
    Valid => ("The model is valid.", "モデルは正しい形式です。"),
    Problems => ("Problems", "問題"),
    Line => ("Line", "行"),
    Apply => ("Apply", "適用"),
    Message => ("What changed and why", "変更内容と理由"),
    Save => ("Save as a new revision", "新しいリビジョンとして保存"),
    Saved => ("Saved as revision", "保存しました: リビジョン"),
    Conflict => ("Someone saved first. Their changes compared with the revision you edited:", "先に別の人が保存しました。編集元リビジョンからの相手の変更:"),
    EditingRevision => ("Editing on top of revision", "編集元リビジョン"),
    StartFrom => ("Start from", "ひな形"),
    Template => ("Starter template", "ひな形"),
    LoadTemplate => ("Load template", "ひな形を読み込む"),
    UploadFile => ("Load a file", "ファイルを読み込む"),
    Revision => ("Revision", "リビジョン"),
    Author => ("Author", "作成者"),
    When => ("When", "日時"),
    Compare => ("Compare", "比較"),
    From => ("From", "比較元"),
    To => ("To", "比較先"),
    Diff => ("Differences", "差分"),
    Download => ("Download", "ダウンロード"),
    ViewOnly => ("You may read this project but not change it.", "このプロジェクトは閲覧のみ可能です。"),
    Error => ("Error", "エラー"),
    Back => ("Back to projects", "プロジェクト一覧へ戻る"),
    Action => ("Action", "操作"),
    Object => ("Object", "対象"),
    Actor => ("Who", "実行者"),
    Filter => ("Filter", "絞り込み"),
    Since => ("Since (YYYY-MM-DD)", "開始日 (YYYY-MM-DD)"),
    Until => ("Until (YYYY-MM-DD)", "終了日 (YYYY-MM-DD)"),
    Export => ("Export CSV", "CSV を出力"),
    ExportWhole => ("Download the whole trail", "証跡全体をダウンロード"),
    AnyAction => ("(any)", "(すべて)"),
    BadDate => ("Not a date in the form YYYY-MM-DD", "YYYY-MM-DD 形式の日付ではありません"),
    Hashes => ("Hashes", "ハッシュ"),
    Before => ("before", "変更前"),
    After => ("after", "変更後"),
    Chain => ("entry", "エントリ"),
    Review => ("Review", "レビュー"),
    Approvals => ("Approvals", "承認"),
    NoApprovals => ("No approvals yet.", "承認はまだありません。"),
    ApprovalKind => ("Kind", "種類"),
    TreatmentPlan => ("Treatment plan approved", "対策計画の承認"),
    RiskAcceptance => ("Residual risk accepted", "残留リスクの受容"),
    ResidualRisk => ("Residual risk", "残留リスク"),
    Reason => ("Reason", "理由"),
    ExpiresOn => ("Expires on", "有効期限"),
    Expired => ("expired", "期限切れ"),
    Approver => ("Approved by", "承認者"),
    Status => ("Status", "状態"),
    ApprovePlan => ("Approve the treatment plan", "対策計画を承認"),
    AcceptRisk => ("Accept this residual risk", "この残留リスクを受容"),
    Requests => ("Requests", "依頼"),
    NoRequests => ("No requests.", "依頼はありません。"),
    FromAssessmentHelp => ("Ask every other implementer for the rows of its responsibility table in the newest revision (and the lab for missing test verdicts). Requests still open are not repeated.", "最新リビジョンの責任分担表の各行を、他の実施主体に依頼します(未判定の試験は試験機関に依頼します)。未完了の依頼は重複して作成しません。"),
    CreateRequests => ("Create requests from the newest revision", "最新リビジョンから依頼を作成"),
    RequestsCreated => ("Requests created", "作成した依頼"),
    AlreadyOpen => ("already open", "未完了のため省略"),
    Unaddressed => ("No organisation linked for", "組織が未登録の実施主体"),
    Answers => ("Answers", "回答"),
    Statement => ("Statement", "説明"),
    Evidence => ("Evidence", "証拠"),
    SendAnswer => ("Send answer", "回答を送信"),
    ApplyAnswer => ("Apply the latest answer as a new revision", "最新の回答を新しいリビジョンとして適用"),
    OpenRequests => ("Open requests", "未完了の依頼"),
    AwaitingApproval => ("Newest revision awaiting treatment-plan approval", "最新リビジョンの対策計画は承認待ち"),
    NoResidualRisks => ("This revision names no residual risk.", "このリビジョンには残留リスクがありません。"),
    Organisation => ("Organisation", "組織"),
    OrganisationForContributors => ("Organisation (contributors only)", "組織 (コントリビューターのみ)"),
    SaveMember => ("Save member", "メンバーを保存"),
    AddMember => ("Add or change a member", "メンバーの追加・変更"),
    Working => ("Working…", "処理中…"),
    Owner => ("owner", "オーナー"),
    EditorRole => ("editor", "編集者"),
    Reviewer => ("reviewer", "レビュー担当"),
    Contributor => ("contributor", "コントリビューター"),
    Viewer => ("viewer", "閲覧者"),
    StatusOpen => ("open", "未回答"),
    StatusAnswered => ("answered", "回答済み"),
    StatusApplied => ("applied", "適用済み"),
    StatusDone => ("done", "対応済み"),
    StatusPartlyDone => ("partly done", "一部対応済み"),
    StatusNotDone => ("not done", "未対応"),
    EvidenceFile => ("Evidence file (optional)", "証拠ファイル (任意)"),
    EffectiveDate => ("Date the evidence speaks for", "証拠の基準日"),
    AnswerThis => ("Answer", "回答する"),
    FileName => ("File", "ファイル"),
    Size => ("Size (bytes)", "サイズ (バイト)"),
    UploadedBy => ("Uploaded by", "アップロード者"),
    UploadedAt => ("Uploaded at", "アップロード日時"),
    NewRequest => ("Send a request by hand", "依頼を個別に送る"),
    Subject => ("Subject", "件名"),
    RequestText => ("What is asked", "依頼内容"),
    DueDate => ("Due date (optional)", "期限 (任意)"),
    Due => ("Due", "期限"),
    SendRequest => ("Send request", "依頼を送信"),
    SubjectRequired => ("Give a subject.", "件名を入力してください。"),
    TextRequired => ("Say what is asked.", "依頼内容を入力してください。"),
    OrganisationRequired => ("Choose an organisation.", "組織を選んでください。"),
    DueDateInvalid => ("The due date is not a date in the form YYYY-MM-DD.", "期限が YYYY-MM-DD 形式の日付ではありません。"),
    DueDatePast => ("The due date is in the past.", "期限が過去の日付です。"),
    Organisations => ("Organisations", "組織"),
    NoOrganisations => ("No organisations yet.", "組織はまだありません。"),
    Kind => ("Kind", "種類"),
    Stakeholder => ("Model stakeholder ID (optional)", "モデルの利害関係者 ID (任意)"),
    StakeholderShort => ("Model stakeholder", "モデルの利害関係者"),
    BelongsTo => ("Members", "所属メンバー"),
    AddOrganisation => ("Add an organisation", "組織の追加"),
    Rename => ("Rename", "名前を変更"),
    NewName => ("New name", "新しい名前"),
    NoOrganisation => ("(none)", "(なし)"),
    KindMaker => ("maker", "メーカー"),
    KindIntegrator => ("integrator", "インテグレーター"),
    KindSupplier => ("supplier", "サプライヤー"),
    KindOperator => ("operator", "運用者"),
    KindLab => ("test lab", "試験機関"),
}

/// The label of a project role.
pub fn role(role: Role) -> Msg {
    match role {
        Role::Owner => Msg::Owner,
        Role::Editor => Msg::EditorRole,
        Role::Reviewer => Msg::Reviewer,
        Role::Contributor => Msg::Contributor,
        Role::Viewer => Msg::Viewer,
    }
}

/// The label of a request's status or of an answer's status, if it is one cpsrisk names:
/// decision statuses and verdicts (`not-applicable` too) in the model's own words, the rest
/// from this table.
pub fn status(word: &str, lang: Lang) -> Option<&'static str> {
    use cpsrisk_model::levels::{DecisionStatus, Named, Verdict};
    let named = |id: &str| {
        let d = DecisionStatus::ALL
            .iter()
            .find(|s| s.id() == id)
            .map(|s| (s.name_en(), s.name_ja()));
        d.or_else(|| {
            Verdict::ALL
                .iter()
                .find(|s| s.id() == id)
                .map(|s| (s.name_en(), s.name_ja()))
        })
    };
    if let Some((en, ja)) = named(word) {
        return Some(lang.pick(en, ja));
    }
    let m = match word {
        "open" => Msg::StatusOpen,
        "answered" => Msg::StatusAnswered,
        "applied" => Msg::StatusApplied,
        "done" => Msg::StatusDone,
        "partly-done" => Msg::StatusPartlyDone,
        "not-done" => Msg::StatusNotDone,
        _ => return None,
    };
    Some(m.text(lang))
}

/// The label of an organisation kind.
pub fn kind(word: &str) -> Option<Msg> {
    Some(match word {
        "maker" => Msg::KindMaker,
        "integrator" => Msg::KindIntegrator,
        "supplier" => Msg::KindSupplier,
        "operator" => Msg::KindOperator,
        "lab" => Msg::KindLab,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_differs_by_language_and_is_not_blank() {
        for m in Msg::ALL {
            let (en, ja) = (m.text(Lang::En), m.text(Lang::Ja));
            assert!(!en.trim().is_empty() && !ja.trim().is_empty(), "{m:?}");
            // A Japanese label left in English would show as the same text.
            assert_ne!(en, ja, "{m:?} is not translated");
            assert!(!ja.is_ascii(), "{m:?}: the Japanese label is ASCII only");
        }
    }
}
