//! Revisions: save, optimistic concurrency, invalid models, reports, diffs, the audit chain.

mod common;

use axum::http::{Method, StatusCode};
use common::{Auth, MODEL, model_v2};
use cpsrisk_server::audit::{self, Verdict};
use serde_json::json;

#[tokio::test]
async fn save_assess_and_read_back_revisions() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("owner@example.com", false).await);
        let p = app.project(&owner, "Smart lock").await;

        let r = app.save(p, &owner, None, MODEL).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let body = r.json();
        assert_eq!(body["revision"], 1);
        assert_eq!(r.headers["etag"], "\"1\"");
        // The same assessment the CLI computes.
        assert_eq!(body["report"]["iot_ssf"]["target"]["axis1"], "limited");
        assert!(
            body["report"]["iot_ssf"]["stakeholders"]
                .as_array()
                .unwrap()
                .len()
                >= 2
        );

        // A second save without If-Match is refused: 428, nothing saved.
        let r = app.save(p, &owner, None, &model_v2()).await;
        assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
        let r = app.save(p, &owner, Some(1), &model_v2()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["report"]["iot_ssf"]["target"]["axis1"], "serious");
        // A stale parent: 412 naming the head.
        let r = app.save(p, &owner, Some(1), MODEL).await;
        assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
        assert_eq!(r.json()["head"], 2);

        let list = app
            .get(&format!("/api/v1/projects/{p}/revisions"), &owner)
            .await
            .json();
        let revs = list["revisions"].as_array().unwrap();
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0]["revision"], 2, "newest first");
        assert_eq!(revs[0]["parent"], 1);
        assert_eq!(revs[0]["author"], "owner@example.com");
        assert_eq!(revs[0]["cpsrisk_version"], env!("CARGO_PKG_VERSION"));
        assert!(revs[0]["catalog_versions"]["iot-ssf-requirements"].is_string());

        let one = app
            .get(&format!("/api/v1/projects/{p}/revisions/1"), &owner)
            .await
            .json();
        assert_eq!(one["content"], MODEL);
        assert_eq!(
            one["sha256"].as_str().unwrap().len(),
            64,
            "the content's SHA-256"
        );

        // Reports of a revision in every format this build has.
        let html = app
            .get(
                &format!("/api/v1/projects/{p}/revisions/1/report?format=html&lang=ja"),
                &owner,
            )
            .await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(
            html.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(html.text().contains("<html"));
        let md = app
            .get(
                &format!("/api/v1/projects/{p}/revisions/2/report?format=md"),
                &owner,
            )
            .await;
        assert!(md.text().contains('#'), "{}", md.text());
        let json_report = app
            .get(&format!("/api/v1/projects/{p}/revisions/2/report"), &owner)
            .await
            .json();
        assert_eq!(json_report["iot_ssf"]["target"]["axis1"], "serious");
        let r = app
            .get(&format!("/api/v1/projects/{p}/revisions/9/report"), &owner)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .get(
                &format!("/api/v1/projects/{p}/revisions/1/report?format=pdf"),
                &owner,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The interchange formats, stamped with the revision's time: the same every time.
        let sarif_path = format!("/api/v1/projects/{p}/revisions/2/report?format=sarif");
        let sarif = app.get(&sarif_path, &owner).await;
        assert_eq!(sarif.status, StatusCode::OK, "{}", sarif.text());
        assert_eq!(sarif.headers["content-type"], "application/sarif+json");
        let doc = sarif.json();
        assert_eq!(doc["version"], "2.1.0");
        let rules: Vec<&str> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["ruleId"].as_str())
            .collect();
        assert!(rules.contains(&"SSF-G03"), "{rules:?}");
        let oscal_path = format!("/api/v1/projects/{p}/revisions/2/report?format=oscal");
        let oscal = app.get(&oscal_path, &owner).await;
        assert_eq!(oscal.status, StatusCode::OK);
        assert!(oscal.json()["assessment-results"].is_object());
        assert_eq!(
            app.get(&oscal_path, &owner).await.body,
            oscal.body,
            "deterministic"
        );
        let poam = app
            .get(
                &format!("/api/v1/projects/{p}/revisions/2/report?format=oscal-poam"),
                &owner,
            )
            .await;
        assert!(poam.json()["plan-of-action-and-milestones"].is_object());
        let otm = app
            .get(
                &format!("/api/v1/projects/{p}/revisions/2/report?format=otm"),
                &owner,
            )
            .await;
        assert_eq!(otm.status, StatusCode::OK, "{}", otm.text());
        assert_eq!(otm.json()["otmVersion"], "0.2.0");
        assert!(
            otm.json()["components"]
                .as_array()
                .is_some_and(|c| !c.is_empty())
        );

        // The diff is `cpsrisk diff`'s.
        let d = app
            .get(
                &format!("/api/v1/projects/{p}/diff?from=1&to=2&format=text"),
                &owner,
            )
            .await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.text());
        assert!(d.text().contains("lock/denial-of-service"), "{}", d.text());
        assert!(d.text().contains("SSF-G03"), "{}", d.text());
    });
}

#[tokio::test]
async fn an_invalid_model_gets_the_cli_diagnostics_and_nothing_is_saved() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("owner@example.com", false).await);
        let p = app.project(&owner, "Smart lock").await;
        let broken = MODEL.replace("threat: spoofing,", "threat: spoofin,");
        let r = app.save(p, &owner, None, &broken).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let d = &r.json()["diagnostics"][0];
        let line = MODEL
            .lines()
            .position(|l| l.contains("threat: spoofing,"))
            .unwrap()
            + 1;
        assert_eq!(d["line"], line);
        assert!(d["column"].as_u64().unwrap() > 1);
        assert!(d["message"].as_str().unwrap().contains("spoofin"));
        assert!(d["help"].as_str().unwrap().contains("spoofing"), "{d}");
        assert!(d["message_ja"].is_string());
        // YAML that does not parse at all also has a place.
        let r = app.save(p, &owner, None, "system: [unclosed").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["diagnostics"][0]["line"].as_u64().is_some());
        let list = app
            .get(&format!("/api/v1/projects/{p}/revisions"), &owner)
            .await
            .json();
        assert!(list["revisions"].as_array().unwrap().is_empty());
        let project = app
            .get(&format!("/api/v1/projects/{p}"), &owner)
            .await
            .json();
        assert_eq!(project["head"], 0);
        // Unsupported media type and oversized bodies.
        let r = app
            .send(
                Method::POST,
                &format!("/api/v1/projects/{p}/revisions"),
                &owner,
                &[],
                Some(("text/plain", MODEL.as_bytes().to_vec())),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let huge = format!("{MODEL}\n# {}\n", "x".repeat(17 * 1024 * 1024));
        let r = app.save(p, &owner, None, &huge).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    });
}

#[tokio::test]
async fn the_audit_chain_records_changes_and_detects_tampering() {
    on_every_backend!(|app| {
        let owner = Auth::Token(app.user("owner@example.com", false).await);
        let p = app.project(&owner, "Smart lock").await;
        app.save(p, &owner, None, MODEL).await;
        app.save(p, &owner, Some(1), &model_v2()).await;
        let _ = app.sign_in("owner@example.com", "wrong password!!").await;

        let trail = app
            .get(&format!("/api/v1/projects/{p}/audit"), &owner)
            .await
            .json();
        let entries = trail["entries"].as_array().unwrap();
        let actions: Vec<&str> = entries
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            ["project.create", "revision.save", "revision.save"]
        );
        assert_eq!(entries[2]["actor"], "owner@example.com");
        assert_eq!(entries[2]["object"], "revision:2");
        assert_eq!(entries[2]["before_hash"], entries[1]["after_hash"]);
        assert!(entries[0]["at"].as_str().unwrap().ends_with('Z'));

        let jsonl = app
            .get(&format!("/api/v1/projects/{p}/audit?format=jsonl"), &owner)
            .await;
        assert_eq!(jsonl.text().lines().count(), 3);
        let csv = app
            .get(&format!("/api/v1/projects/{p}/audit?format=csv"), &owner)
            .await;
        assert!(csv.text().starts_with("seq,at,actor,action"));
        assert_eq!(csv.text().lines().count(), 4);

        match audit::verify(&app.db).await.unwrap() {
            Verdict::Intact { entries } => {
                assert!(entries >= 6, "users, tokens, project, saves, sign-in")
            }
            broken => panic!("{broken:?}"),
        }
        // The application cannot edit the trail …
        let refused = sqlx::query("UPDATE audit SET actor = 'mallory' WHERE seq = 3")
            .execute(&app.db.pool)
            .await;
        assert!(refused.is_err(), "the trigger refuses edits");
        // … and someone who bypasses the trigger with raw database access is caught.
        let (drop, recreate) = if app.backend() == "postgres" {
            (
                "ALTER TABLE audit DISABLE TRIGGER audit_no_change",
                "ALTER TABLE audit ENABLE TRIGGER audit_no_change",
            )
        } else {
            ("DROP TRIGGER audit_no_update", "SELECT 1")
        };
        sqlx::query(drop).execute(&app.db.pool).await.unwrap();
        sqlx::query("UPDATE audit SET actor = 'mallory' WHERE seq = 3")
            .execute(&app.db.pool)
            .await
            .unwrap();
        sqlx::query(recreate).execute(&app.db.pool).await.unwrap();
        assert_eq!(
            audit::verify(&app.db).await.unwrap(),
            Verdict::Broken {
                seq: 3,
                why: audit::Break::Changed
            }
        );
    });
}

#[tokio::test]
async fn openapi_and_health() {
    on_every_backend!(|app| {
        let r = app.get("/healthz", &Auth::None).await;
        assert_eq!(r.status, StatusCode::OK);
        let doc = app.get("/api/v1/openapi.json", &Auth::None).await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert!(doc["paths"]["/api/v1/projects/{id}/revisions"]["post"].is_object());
        assert!(doc["paths"]["/api/v1/projects/{id}/audit"]["get"].is_object());
        let _ = json!({});
    });
}
