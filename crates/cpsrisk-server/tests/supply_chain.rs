//! Approvals bound to revisions; requests to other organisations, answers, evidence, and
//! answers applied as new revisions.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Auth, CONFORMANCE_MODEL, MODEL, model_v2};
use serde_json::{Value, json};

async fn member(
    app: &App,
    owner: &Auth,
    project: i64,
    email: &str,
    role: &str,
    org: Option<i64>,
) -> Auth {
    let token = app.user(email, false).await;
    let r = app
        .put_json(
            &format!("/api/v1/projects/{project}/members"),
            owner,
            json!({"email": email, "role": role, "organisation": org}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    Auth::Token(token)
}

async fn organisation(app: &App, owner: &Auth, project: i64, body: Value) -> i64 {
    let r = app
        .post_json(
            &format!("/api/v1/projects/{project}/organisations"),
            owner,
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// Percent-encodes every byte but letters and digits, so the server sees the name as given.
fn query_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn approvals_stay_on_their_revision_and_show_what_changed_since() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("owner@example.com", false).await);
        let p = app.project(&owner, "Smart lock").await;
        let reviewer = member(&app, &owner, p, "rev@example.com", "reviewer", None).await;
        let editor = member(&app, &owner, p, "ed@example.com", "editor", None).await;
        app.save(p, &owner, None, MODEL).await;
        let approve = |auth: Auth, body: Value| {
            let app = &app;
            async move {
                app.post_json(
                    &format!("/api/v1/projects/{p}/revisions/1/approvals"),
                    &auth,
                    body,
                )
                .await
            }
        };
        let r = approve(reviewer.clone(), json!({"kind": "treatment-plan"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = approve(editor.clone(), json!({"kind": "treatment-plan"})).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "an editor does not approve"
        );
        // A residual risk acceptance needs a known risk, a reason and a future expiry.
        let r = approve(reviewer.clone(), json!({"kind": "risk-acceptance", "subject": "lock/tampering", "expires_on": "2999-01-01"})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = approve(reviewer.clone(), json!({"kind": "risk-acceptance", "subject": "lock/tampering", "reason": "short range only", "expires_on": "2001-01-01"})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = approve(reviewer.clone(), json!({"kind": "risk-acceptance", "subject": "lock/tamperin", "reason": "short range only", "expires_on": "2999-01-01"})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("lock/tampering"),
            "near miss"
        );
        let r = approve(reviewer.clone(), json!({"kind": "risk-acceptance", "subject": "lock/tampering", "reason": "short range only", "expires_on": "2999-01-01"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/revisions/7/approvals"),
                &reviewer,
                json!({"kind": "treatment-plan"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        let list = app
            .get(&format!("/api/v1/projects/{p}/approvals"), &editor)
            .await
            .json();
        assert_eq!(list["approvals"][0]["status"], "approved at 1");
        assert_eq!(list["approvals"][0]["changed_since"], false);
        assert_eq!(list["approvals"][1]["subject"], "lock/tampering");

        assert_eq!(
            app.save(p, &editor, Some(1), &model_v2()).await.status,
            StatusCode::CREATED
        );
        let list = app
            .get(&format!("/api/v1/projects/{p}/approvals"), &editor)
            .await
            .json();
        let first = &list["approvals"][0];
        assert_eq!(first["revision"], 1, "an approval never moves");
        assert_eq!(first["status"], "approved at 1, changed since");
        assert_eq!(first["changed_since"], true);
        let id = first["id"].as_i64().unwrap();
        let changes = app
            .get(
                &format!("/api/v1/projects/{p}/approvals/{id}/changes?format=text"),
                &editor,
            )
            .await;
        assert_eq!(changes.status, StatusCode::OK);
        assert!(
            changes.text().contains("lock/denial-of-service"),
            "{}",
            changes.text()
        );
        let trail = app
            .get(&format!("/api/v1/projects/{p}/audit"), &owner)
            .await
            .json();
        let approvals = trail["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "approval.create")
            .count();
        assert_eq!(approvals, 2);
    });
}

#[tokio::test]
async fn requests_answers_evidence_and_applying_an_answer() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("owner@example.com", false).await);
        let p = app.project(&owner, "Smart lock").await;
        let residents = organisation(&app, &owner, p, json!({"name": "Residents' association", "kind": "operator", "stakeholder": "resident"})).await;
        let supplier = organisation(
            &app,
            &owner,
            p,
            json!({"name": "Chip supplier", "kind": "supplier"}),
        )
        .await;
        let contributor = member(
            &app,
            &owner,
            p,
            "res@example.com",
            "contributor",
            Some(residents),
        )
        .await;
        let outsider = member(
            &app,
            &owner,
            p,
            "sup@example.com",
            "contributor",
            Some(supplier),
        )
        .await;
        let viewer = member(&app, &owner, p, "view@example.com", "viewer", None).await;
        app.save(p, &owner, None, MODEL).await;

        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/from-assessment"),
                &owner,
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let created = r.json()["created"].as_array().unwrap().len();
        assert_eq!(
            created, 2,
            "the resident's table: SSF-R31 and the joint SSF-R29"
        );
        // Asking again creates nothing new.
        let again = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/from-assessment"),
                &owner,
                json!({}),
            )
            .await
            .json();
        assert_eq!(again["already_open"], 2);
        assert!(again["created"].as_array().unwrap().is_empty());

        let mine = app
            .get(&format!("/api/v1/projects/{p}/requests"), &contributor)
            .await
            .json();
        let r31 = mine["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["subject"] == "SSF-R31")
            .unwrap();
        assert_eq!(r31["implementer"], "resident");
        let rq = r31["id"].as_i64().unwrap();
        let theirs = app
            .get(&format!("/api/v1/projects/{p}/requests"), &outsider)
            .await
            .json();
        assert!(
            theirs["requests"].as_array().unwrap().is_empty(),
            "another organisation's request is invisible"
        );
        assert_eq!(
            app.get(&format!("/api/v1/projects/{p}/requests/{rq}"), &outsider)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/{rq}/answers"),
                &outsider,
                json!({"status": "in-place", "statement": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/{rq}/answers"),
                &viewer,
                json!({"status": "in-place", "statement": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/{rq}/answers"),
                &contributor,
                json!({"status": "done", "statement": "x"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a decision status is asked for"
        );
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/{rq}/answers"),
                &contributor,
                json!({"status": "in-place", "statement": "Every household updated the app; accounts are not shared."}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

        // Evidence: path tricks are refused and nothing is stored.
        let upload = |auth: Auth, name: &str, date: &str, bytes: &[u8]| {
            let app = &app;
            let path = format!(
                "/api/v1/projects/{p}/requests/{rq}/evidence?file_name={}&effective_date={date}",
                query_encode(name)
            );
            let bytes = bytes.to_vec();
            async move {
                app.send(
                    Method::POST,
                    &path,
                    &auth,
                    &[],
                    Some(("application/pdf", bytes)),
                )
                .await
            }
        };
        for trick in [
            "../../etc/passwd",
            "..\\boot.ini",
            "/etc/passwd",
            "C:evil.pdf",
            ".htaccess",
            "a%2e%2e%2fb",
            "report\u{0}.pdf",
            "NUL.txt",
            "",
        ] {
            let r = upload(contributor.clone(), trick, "2026-11-30", b"%PDF-1.7").await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{trick:?}: {}",
                r.text()
            );
        }
        let r = upload(contributor.clone(), "survey.pdf", "30-11-2026", b"%PDF-1.7").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "bad date");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM evidence")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
        assert_eq!(stored, 0, "nothing stored");
        let content = b"%PDF-1.7 household survey";
        let r = upload(
            contributor.clone(),
            "survey 2026.pdf",
            "2026-11-30",
            content,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let ev = r.json();
        use sha2::Digest;
        let expected: String = sha2::Sha256::digest(content)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(ev["sha256"], expected);
        let one = app
            .get(&format!("/api/v1/projects/{p}/requests/{rq}"), &owner)
            .await
            .json();
        assert_eq!(one["status"], "answered");
        assert_eq!(one["evidence"][0]["effective_date"], "2026-11-30");
        assert_eq!(one["evidence"][0]["uploaded_by"], "res@example.com");
        assert_ne!(
            one["evidence"][0]["uploaded_at"].as_str().unwrap()[..10].to_string(),
            "2026-11-30".to_string()
        );
        let download = app
            .get(
                &format!("/api/v1/projects/{p}/requests/{rq}/evidence/{}", ev["id"]),
                &viewer,
            )
            .await;
        assert_eq!(download.body, content);
        assert!(
            download.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(download.headers["content-type"], "application/octet-stream");

        // The answer is a proposal; only an editor applies it, on the newest revision.
        let r = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/requests/{rq}/apply"),
                &contributor,
                &[("if-match", "\"1\"")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let proposal = app
            .get(
                &format!("/api/v1/projects/{p}/requests/{rq}/proposal"),
                &owner,
            )
            .await;
        assert_eq!(proposal.status, StatusCode::OK, "{}", proposal.text());
        let proposal = proposal.json();
        assert_eq!(proposal["base"], 1);
        let proposed = proposal["content"].as_str().unwrap();
        assert!(
            proposed.contains("# 2-2-3 ③ who does what"),
            "comments are kept"
        );
        assert_eq!(proposed.lines().count(), MODEL.lines().count());
        let revisions = app
            .get(&format!("/api/v1/projects/{p}/revisions"), &owner)
            .await
            .json();
        assert_eq!(
            revisions["revisions"].as_array().unwrap().len(),
            1,
            "nothing changed behind the editors' backs"
        );
        let r = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/requests/{rq}/apply"),
                &owner,
                &[("if-match", "\"1\"")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["revision"], 2);
        let rev2 = app
            .get(&format!("/api/v1/projects/{p}/revisions/2"), &owner)
            .await
            .json();
        let content2 = rev2["content"].as_str().unwrap();
        let r31 = content2.split("requirement: SSF-R31").nth(1).unwrap();
        assert!(
            r31.lines().take(3).any(|l| l.trim() == "status: in-place"),
            "{r31}"
        );
        assert!(rev2["message"].as_str().unwrap().contains("request"));
        let one = app
            .get(&format!("/api/v1/projects/{p}/requests/{rq}"), &owner)
            .await
            .json();
        assert_eq!(one["status"], "applied");
        let actions: Vec<String> = app
            .get(&format!("/api/v1/projects/{p}/audit"), &owner)
            .await
            .json()["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_string())
            .collect();
        for a in [
            "request.create",
            "answer.create",
            "evidence.upload",
            "revision.save",
            "request.apply",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
    });
}

#[tokio::test]
async fn a_lab_answers_test_cases_of_the_conformance_plan() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("maker@example.com", false).await);
        let p = app.project(&owner, "Smart plug").await;
        let lab = organisation(&app, &owner, p, json!({"name": "Test lab", "kind": "lab"})).await;
        let tester = member(&app, &owner, p, "lab@example.com", "contributor", Some(lab)).await;
        assert_eq!(
            app.save(p, &owner, None, CONFORMANCE_MODEL).await.status,
            StatusCode::CREATED
        );
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/from-assessment"),
                &owner,
                json!({"revision": 1}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let created = r.json()["created"].as_array().unwrap().len();
        assert!(created > 1, "one request per test case without a verdict");
        let list = app
            .get(&format!("/api/v1/projects/{p}/requests"), &tester)
            .await
            .json();
        let first = &list["requests"][0];
        assert_eq!(first["source"], "conformance-test");
        let case = first["subject"].as_str().unwrap().to_string();
        let rq = first["id"].as_i64().unwrap();
        let r = app
            .post_json(
                &format!("/api/v1/projects/{p}/requests/{rq}/answers"),
                &tester,
                json!({"status": "pass", "statement": "Passed on 2026-11-28"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let r = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/requests/{rq}/apply"),
                &owner,
                &[],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
        let r = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/requests/{rq}/apply"),
                &owner,
                &[("if-match", "\"1\"")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let plan = r.json()["report"]["conformance"]["test_plan"].clone();
        let verdict = plan
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == case.as_str())
            .unwrap()["verdict"]
            .clone();
        assert_eq!(verdict, "pass");
        let again = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/requests/{rq}/apply"),
                &owner,
                &[("if-match", "\"2\"")],
                None,
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "applied once");
    });
}
