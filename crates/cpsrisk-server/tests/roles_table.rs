//! Every role (and a non-member, an instance admin, an anonymous caller) against every
//! project endpoint; the expected status comes from the documented matrix in `roles.rs`.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, MODEL, model_v2};
use cpsrisk_server::roles::{Action, Role};
use serde_json::json;

/// What the endpoints of one run need to name.
struct Ctx {
    project: i64,
    head: i64,
    organisation: i64,
    n: usize,
}

/// A request body: content type and bytes.
type Body = Option<(&'static str, Vec<u8>)>;

struct Endpoint {
    method: Method,
    path: fn(&Ctx) -> String,
    action: Action,
    /// Content type and body.
    body: fn(&Ctx) -> Body,
    if_match: bool,
    ok: StatusCode,
}

fn json_body(v: serde_json::Value) -> Body {
    Some(("application/json", v.to_string().into_bytes()))
}

fn endpoints() -> Vec<Endpoint> {
    use Action::*;
    let none = |_: &Ctx| None;
    vec![
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}", c.project),
            action: ViewProject,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/members", c.project),
            action: ListMembers,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::PUT,
            path: |c| format!("/api/v1/projects/{}/members", c.project),
            action: ManageMembers,
            body: |_| json_body(json!({"email": "extra@example.com", "role": "viewer"})),
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/organisations", c.project),
            action: ViewProject,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::POST,
            path: |c| format!("/api/v1/projects/{}/organisations", c.project),
            action: ManageOrganisations,
            body: |c| json_body(json!({"name": format!("Supplier {}", c.n), "kind": "supplier"})),
            if_match: false,
            ok: StatusCode::CREATED,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/revisions", c.project),
            action: ReadRevisions,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::POST,
            path: |c| format!("/api/v1/projects/{}/revisions", c.project),
            action: SaveRevision,
            body: |c| {
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
            if_match: true,
            ok: StatusCode::CREATED,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/revisions/1", c.project),
            action: ReadRevisions,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| {
                format!(
                    "/api/v1/projects/{}/revisions/1/report?format=md",
                    c.project
                )
            },
            action: ReadRevisions,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/diff?from=1&to={}", c.project, c.head),
            action: ReadRevisions,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/audit", c.project),
            action: ReadAudit,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
        Endpoint {
            method: Method::GET,
            path: |c| format!("/api/v1/projects/{}/audit?format=csv", c.project),
            action: ReadAudit,
            body: none,
            if_match: false,
            ok: StatusCode::OK,
        },
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

async fn head(app: &App, owner: &Auth, project: i64) -> i64 {
    app.get(&format!("/api/v1/projects/{project}"), owner)
        .await
        .json()["head"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn every_role_against_every_project_endpoint() {
    on_every_backend!(|app| {
        let setup = Auth::Token(app.user("setup@example.com", false).await);
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
            let project = app.project(&setup, &format!("Project {i}")).await;
            let org = app
                .post_json(
                    &format!("/api/v1/projects/{project}/organisations"),
                    &setup,
                    json!({"name": "Lab", "kind": "lab"}),
                )
                .await
                .json()["id"]
                .as_i64()
                .unwrap();
            assert_eq!(
                app.save(project, &setup, None, MODEL).await.status,
                StatusCode::CREATED
            );
            if let Who::Member(role) = who {
                let r = app
                    .put_json(
                        &format!("/api/v1/projects/{project}/members"),
                        &setup,
                        json!({"email": email, "role": role.as_str(),
                               "organisation": (role == Role::Contributor).then_some(org)}),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            }
            for (n, e) in endpoints().iter().enumerate() {
                let ctx = Ctx {
                    project,
                    head: head(&app, &setup, project).await,
                    organisation: org,
                    n,
                };
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
                let _ = ctx.organisation;
                checked += 1;
            }
        }
        assert_eq!(checked, 8 * endpoints().len());
    });
}
