//! Every role (and a non-member, an instance admin, an anonymous caller) against every
//! project endpoint; the expected status comes from the documented matrix in `roles.rs`.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, MODEL, model_v2};
use cpsrisk_server::roles::{Action, Role};
use serde_json::{Value, json};

/// What the endpoints of one run need to name.
struct Ctx {
    project: i64,
    head: i64,
    organisation: i64,
    request: i64,
    evidence: i64,
    approval: i64,
    n: usize,
}

/// A request body: content type and bytes.
type Body = Option<(&'static str, Vec<u8>)>;

struct Endpoint {
    method: Method,
    path: fn(&Ctx) -> String,
    action: Action,
    body: fn(&Ctx) -> Body,
    /// Sends `If-Match` with the newest revision.
    if_match: bool,
    ok: StatusCode,
}

fn json_body(v: Value) -> Body {
    Some(("application/json", v.to_string().into_bytes()))
}

fn none(_: &Ctx) -> Body {
    None
}

const OK: StatusCode = StatusCode::OK;
const CREATED: StatusCode = StatusCode::CREATED;

fn ep(method: Method, path: fn(&Ctx) -> String, action: Action, ok: StatusCode) -> Endpoint {
    Endpoint {
        method,
        path,
        action,
        body: none,
        if_match: false,
        ok,
    }
}

fn with_body(mut e: Endpoint, body: fn(&Ctx) -> Body) -> Endpoint {
    e.body = body;
    e
}

fn with_if_match(mut e: Endpoint) -> Endpoint {
    e.if_match = true;
    e
}

/// Every project endpoint, in an order in which each finds what it needs.
fn endpoints() -> Vec<Endpoint> {
    use Action::*;
    use Method as M;
    vec![
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}", c.project),
            ViewProject,
            OK,
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/members", c.project),
            ListMembers,
            OK,
        ),
        with_body(
            ep(
                M::PUT,
                |c| format!("/api/v1/projects/{}/members", c.project),
                ManageMembers,
                OK,
            ),
            |_| json_body(json!({"email": "extra@example.com", "role": "viewer"})),
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/organisations", c.project),
            ViewProject,
            OK,
        ),
        with_body(
            ep(
                M::POST,
                |c| format!("/api/v1/projects/{}/organisations", c.project),
                ManageOrganisations,
                CREATED,
            ),
            |c| json_body(json!({"name": format!("Supplier {}", c.n), "kind": "supplier"})),
        ),
        with_body(
            ep(
                M::PATCH,
                |c| {
                    format!(
                        "/api/v1/projects/{}/organisations/{}",
                        c.project, c.organisation
                    )
                },
                AdministerOrganisations,
                OK,
            ),
            |c| json_body(json!({"name": format!("Residents {}", c.n)})),
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/revisions", c.project),
            ReadRevisions,
            OK,
        ),
        with_if_match(with_body(
            ep(
                M::POST,
                |c| format!("/api/v1/projects/{}/revisions", c.project),
                SaveRevision,
                CREATED,
            ),
            |c| {
                Some((
                    "application/yaml",
                    if c.head % 2 == 1 {
                        model_v2()
                    } else {
                        MODEL.to_string()
                    }
                    .into_bytes(),
                ))
            },
        )),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/revisions/1", c.project),
            ReadRevisions,
            OK,
        ),
        ep(
            M::GET,
            |c| {
                format!(
                    "/api/v1/projects/{}/revisions/1/report?format=md",
                    c.project
                )
            },
            ReadRevisions,
            OK,
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/diff?from=1&to={}", c.project, c.head),
            ReadRevisions,
            OK,
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/approvals", c.project),
            ReadApprovals,
            OK,
        ),
        with_body(
            ep(
                M::POST,
                |c| format!("/api/v1/projects/{}/revisions/1/approvals", c.project),
                Approve,
                CREATED,
            ),
            |_| json_body(json!({"kind": "treatment-plan"})),
        ),
        ep(
            M::GET,
            |c| {
                format!(
                    "/api/v1/projects/{}/approvals/{}/changes",
                    c.project, c.approval
                )
            },
            ReadApprovals,
            OK,
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/requests", c.project),
            ReadRequests,
            OK,
        ),
        with_body(
            ep(
                M::POST,
                |c| format!("/api/v1/projects/{}/requests", c.project),
                ManageRequests,
                CREATED,
            ),
            |c| {
                json_body(
                    json!({"organisation": c.organisation, "subject": "Pen test", "text": "Send the report"}),
                )
            },
        ),
        with_body(
            ep(
                M::POST,
                |c| format!("/api/v1/projects/{}/requests/from-assessment", c.project),
                ManageRequests,
                CREATED,
            ),
            |_| json_body(json!({})),
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/requests/{}", c.project, c.request),
            ReadRequests,
            OK,
        ),
        with_body(
            ep(
                M::POST,
                |c| {
                    format!(
                        "/api/v1/projects/{}/requests/{}/answers",
                        c.project, c.request
                    )
                },
                AnswerRequest,
                CREATED,
            ),
            |_| json_body(json!({"status": "in-place", "statement": "Done"})),
        ),
        with_body(
            ep(
                M::POST,
                |c| {
                    format!(
                        "/api/v1/projects/{}/requests/{}/evidence?file_name=r.pdf&effective_date=2026-11-30",
                        c.project, c.request
                    )
                },
                AnswerRequest,
                CREATED,
            ),
            |_| Some(("application/pdf", b"%PDF".to_vec())),
        ),
        ep(
            M::GET,
            |c| {
                format!(
                    "/api/v1/projects/{}/requests/{}/evidence/{}",
                    c.project, c.request, c.evidence
                )
            },
            ReadRequests,
            OK,
        ),
        ep(
            M::GET,
            |c| {
                format!(
                    "/api/v1/projects/{}/requests/{}/proposal",
                    c.project, c.request
                )
            },
            ManageRequests,
            OK,
        ),
        with_if_match(ep(
            M::POST,
            |c| {
                format!(
                    "/api/v1/projects/{}/requests/{}/apply",
                    c.project, c.request
                )
            },
            ManageRequests,
            CREATED,
        )),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/audit", c.project),
            ReadAudit,
            OK,
        ),
        ep(
            M::GET,
            |c| format!("/api/v1/projects/{}/audit?format=csv", c.project),
            ReadAudit,
            OK,
        ),
    ]
}

#[derive(Clone, Copy, Debug)]
enum Who {
    Member(Role),
    NonMember,
    Admin,
    Anonymous,
}

fn expected(who: Who, e: &Endpoint) -> StatusCode {
    match who {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        Who::NonMember => StatusCode::NOT_FOUND,
        Who::Admin => e.ok,
        Who::Member(role) if role.may(e.action) => e.ok,
        Who::Member(_) => StatusCode::FORBIDDEN,
    }
}

async fn post_id(app: &App, auth: &Auth, path: &str, body: Value) -> i64 {
    let r = app.post_json(path, auth, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// A project with a revision, the organisation of the resident (to which the contributor
/// belongs), an answered request addressed to it with evidence, and an approval.
async fn setup(app: &App, owner: &Auth, i: usize) -> Ctx {
    let project = app.project(owner, &format!("Project {i}")).await;
    let base = format!("/api/v1/projects/{project}");
    let organisation = post_id(
        app,
        owner,
        &format!("{base}/organisations"),
        json!({"name": "Residents", "kind": "operator", "stakeholder": "resident"}),
    )
    .await;
    assert_eq!(app.save(project, owner, None, MODEL).await.status, CREATED);
    let r = app
        .post_json(
            &format!("{base}/requests/from-assessment"),
            owner,
            json!({}),
        )
        .await;
    let request = r.json()["created"][0].as_i64().unwrap();
    post_id(
        app,
        owner,
        &format!("{base}/requests/{request}/answers"),
        json!({"status": "in-place", "statement": "Done"}),
    )
    .await;
    let r = app
        .send(
            Method::POST,
            &format!(
                "{base}/requests/{request}/evidence?file_name=a.pdf&effective_date=2026-11-30"
            ),
            owner,
            &[],
            Some(("application/pdf", b"%PDF".to_vec())),
        )
        .await;
    let evidence = r.json()["id"].as_i64().unwrap();
    let approval = post_id(
        app,
        owner,
        &format!("{base}/revisions/1/approvals"),
        json!({"kind": "treatment-plan"}),
    )
    .await;
    Ctx {
        project,
        head: 1,
        organisation,
        request,
        evidence,
        approval,
        n: 0,
    }
}

#[tokio::test]
async fn every_role_against_every_project_endpoint() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("setup@example.com", false).await);
        app.user("extra@example.com", false).await;
        let whos = [
            Who::Member(Role::Owner),
            Who::Member(Role::Editor),
            Who::Member(Role::Reviewer),
            Who::Member(Role::Contributor),
            Who::Member(Role::Viewer),
            Who::NonMember,
            Who::Admin,
            Who::Anonymous,
        ];
        let mut checked = 0;
        for (i, who) in whos.into_iter().enumerate() {
            let email = format!("caller{i}@example.com");
            let auth = match who {
                Who::Anonymous => Auth::None,
                Who::Admin => Auth::Token(app.user(&email, true).await),
                _ => Auth::Token(app.user(&email, false).await),
            };
            let mut ctx = setup(&app, &owner, i).await;
            if let Who::Member(role) = who {
                let r = app
                    .put_json(
                        &format!("/api/v1/projects/{}/members", ctx.project),
                        &owner,
                        json!({"email": email, "role": role.as_str(),
                               "organisation": (role == Role::Contributor).then_some(ctx.organisation)}),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            }
            for (n, e) in endpoints().iter().enumerate() {
                ctx.n = n;
                ctx.head = app
                    .get(&format!("/api/v1/projects/{}", ctx.project), &owner)
                    .await
                    .json()["head"]
                    .as_i64()
                    .unwrap();
                let path = (e.path)(&ctx);
                let if_match = format!("\"{}\"", ctx.head);
                let headers: Vec<(&str, &str)> = if e.if_match {
                    vec![("if-match", if_match.as_str())]
                } else {
                    vec![]
                };
                let r = app
                    .send(e.method.clone(), &path, &auth, &headers, (e.body)(&ctx))
                    .await;
                assert_eq!(
                    r.status,
                    expected(who, e),
                    "{who:?} {} {path} ({}): {}",
                    e.method,
                    app.backend(),
                    r.text()
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 8 * endpoints().len());
    });
}
