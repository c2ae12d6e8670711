//! Project roles and what each may do: the role × action matrix, as data. docs/workbench.md
//! prints the same table; the table test in tests/ checks every endpoint against it.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Editor,
    Reviewer,
    /// A party outside the applying entity: sees and answers only the requests addressed to
    /// its organisation.
    Contributor,
    Viewer,
}

pub const ROLES: [Role; 5] = [
    Role::Owner,
    Role::Editor,
    Role::Reviewer,
    Role::Contributor,
    Role::Viewer,
];

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Contributor => "contributor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        ROLES.into_iter().find(|r| r.as_str() == s)
    }

    pub fn may(self, action: Action) -> bool {
        MATRIX
            .iter()
            .find(|(a, _)| *a == action)
            .is_some_and(|(_, roles)| roles.contains(&self))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The project's name and head revision, its organisations.
    ViewProject,
    ListMembers,
    ManageMembers,
    ManageOrganisations,
    /// The organisations page: who belongs to which; renaming.
    AdministerOrganisations,
    /// Revisions, reports, diffs.
    ReadRevisions,
    SaveRevision,
    ReadApprovals,
    Approve,
    /// Requests (a contributor sees only those addressed to its organisation).
    ReadRequests,
    /// Create requests and apply answers as a new revision.
    ManageRequests,
    /// Answer a request and attach evidence.
    AnswerRequest,
    ReadAudit,
}

use Role::*;

/// Who may do what. Instance admins act as owners of every project.
pub const MATRIX: &[(Action, &[Role])] = &[
    (
        Action::ViewProject,
        &[Owner, Editor, Reviewer, Contributor, Viewer],
    ),
    (Action::ListMembers, &[Owner, Editor, Reviewer, Viewer]),
    (Action::ManageMembers, &[Owner]),
    (Action::ManageOrganisations, &[Owner, Editor]),
    (Action::AdministerOrganisations, &[Owner]),
    (Action::ReadRevisions, &[Owner, Editor, Reviewer, Viewer]),
    (Action::SaveRevision, &[Owner, Editor]),
    (Action::ReadApprovals, &[Owner, Editor, Reviewer, Viewer]),
    (Action::Approve, &[Owner, Reviewer]),
    (
        Action::ReadRequests,
        &[Owner, Editor, Reviewer, Contributor, Viewer],
    ),
    (Action::ManageRequests, &[Owner, Editor]),
    (Action::AnswerRequest, &[Owner, Editor, Contributor]),
    (Action::ReadAudit, &[Owner, Editor, Reviewer, Viewer]),
];

impl Action {
    /// How docs/workbench.md names the action.
    pub fn label(self) -> &'static str {
        match self {
            Action::ViewProject => "view the project, its organisations",
            Action::ListMembers => "list members",
            Action::ManageMembers => "add members, change roles",
            Action::ManageOrganisations => "add organisations",
            Action::AdministerOrganisations => {
                "rename organisations, see who belongs to which (the organisations page)"
            }
            Action::ReadRevisions => "read revisions, reports, diffs",
            Action::SaveRevision => "save a revision",
            Action::ReadApprovals => "read approvals",
            Action::Approve => "approve a revision, accept a residual risk",
            Action::ReadRequests => "read requests",
            Action::ManageRequests => "create requests, apply answers as a revision",
            Action::AnswerRequest => "answer a request, attach evidence",
            Action::ReadAudit => "read the audit trail",
        }
    }
}

/// The matrix as the Markdown table in docs/workbench.md (a contributor's request rights are
/// limited to its own organisation's requests).
pub fn matrix_markdown() -> String {
    let mut out = String::from("| action | owner | editor | reviewer | contributor | viewer |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for (action, _) in MATRIX {
        out.push_str(&format!("| {} |", action.label()));
        for role in ROLES {
            let cell = match (role.may(*action), role, action) {
                (true, Contributor, Action::ReadRequests | Action::AnswerRequest) => {
                    "own organisation's"
                }
                (true, _, _) => "✓",
                (false, _, _) => "–",
            };
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_matrix_is_this_one() {
        let docs = include_str!("../../../docs/workbench.md");
        assert!(
            docs.contains(&matrix_markdown()),
            "docs/workbench.md must contain:\n{}",
            matrix_markdown()
        );
    }

    #[test]
    fn every_role_parses_back() {
        for r in ROLES {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn contributor_reads_no_revisions_and_viewer_writes_nothing() {
        assert!(!Contributor.may(Action::ReadRevisions));
        assert!(Contributor.may(Action::AnswerRequest));
        for a in [
            Action::ManageMembers,
            Action::SaveRevision,
            Action::Approve,
            Action::ManageRequests,
            Action::AnswerRequest,
            Action::ManageOrganisations,
            Action::AdministerOrganisations,
        ] {
            assert!(!Viewer.may(a), "{a:?}");
        }
    }
}
