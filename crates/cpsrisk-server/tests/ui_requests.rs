//! The supply-chain pages without a browser, on SQLite and, with `PG_URL`, PostgreSQL:
//! requests from the responsibility tables and by hand, answers with evidence files from the
//! multipart form, and the organisations page. The real-browser scenario is in
//! e2e/workbench.mjs.

mod common;

use axum::http::{Method, StatusCode};
use common::Auth;
use common::pages::{cookie, post_form, post_multipart, session_member};
use sha2::Digest;

#[tokio::test]
async fn requests_from_the_tables_answered_by_the_organisation_and_applied_by_the_editor() {
    on_every_backend!(|app| {
        let (owner, id) = app.owner_and_project("Smart lock").await;
        let organisation = |body: serde_json::Value| {
            let (app, owner) = (&app, &owner);
            async move {
                let r = app
                    .post_json(&format!("/api/v1/projects/{id}/organisations"), owner, body)
                    .await;
                assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
                r.json()["id"].as_i64().unwrap()
            }
        };
        let residents = organisation(
            serde_json::json!({"name": "Residents", "kind": "operator", "stakeholder": "resident"}),
        )
        .await;
        let supplier = organisation(serde_json::json!({"name": "Chips", "kind": "supplier"})).await;
        let resident = session_member(
            &app,
            &owner,
            id,
            "res@example.com",
            "contributor",
            Some(residents),
        )
        .await;
        let outsider = session_member(
            &app,
            &owner,
            id,
            "sup@example.com",
            "contributor",
            Some(supplier),
        )
        .await;
        assert_eq!(
            app.save(id, &owner, None, common::MODEL).await.status,
            StatusCode::CREATED
        );
        let page = format!("/projects/{id}/requests");

        // Only an editor or owner creates requests.
        let r = post_form(&app, &format!("{page}/from-assessment"), &resident, &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = post_form(&app, &format!("{page}/from-assessment"), &owner, &[]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains("Requests created: 2 · already open: 0"),
            "{}",
            r.text()
        );
        let r = post_form(&app, &format!("{page}/from-assessment"), &owner, &[]).await;
        assert!(r.text().contains("Requests created: 0 · already open: 2"));

        // The contributor's inbox holds its organisation's requests only, with answer forms.
        let inbox = app.get(&page, &resident).await.text();
        assert!(
            inbox.contains("SSF-R31") && inbox.contains("class=\"answer-form\""),
            "{inbox}"
        );
        assert!(
            !inbox.contains("id=\"requests-from-assessment\"")
                && !inbox.contains("class=\"apply-form\"")
        );
        assert!(
            inbox.contains(&format!("href=\"{page}\" aria-current=\"page\"")),
            "a project tab"
        );
        let other = app.get(&page, &outsider).await.text();
        assert!(
            !other.contains("SSF-R31") && !other.contains("class=\"answer-form\""),
            "{other}"
        );
        let list = app
            .get(&format!("/api/v1/projects/{id}/requests"), &resident)
            .await
            .json();
        let rq = list["requests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["subject"] == "SSF-R31")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let answer = format!("{page}/{rq}/answer");
        let r = post_multipart(
            &app,
            &answer,
            &outsider,
            true,
            &[("status", "in-place"), ("statement", "x")],
            &[],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "another organisation's request"
        );
        let r = post_multipart(
            &app,
            &answer,
            &resident,
            true,
            &[("status", "done"), ("statement", "x")],
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains("role=\"alert\"") && r.text().contains("in-place"),
            "{}",
            r.text()
        );
        let statement = "Every household updated the app";
        let fields = [
            ("status", "in-place"),
            ("statement", statement),
            ("effective_date", "2026-11-30"),
        ];
        let report: &[u8] = b"%PDF-1.7 update report\n";
        let file = [("file", "update report.pdf", "application/pdf", report)];
        // The form without its CSRF field is refused, and so is a file name with a path; in
        // neither case is anything stored, not even the answer.
        let r = post_multipart(&app, &answer, &resident, false, &fields, &file).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        let bad = [("file", "../../etc/passwd", "text/plain", report)];
        let r = post_multipart(&app, &answer, &resident, true, &fields, &bad).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains("role=\"alert\"") && r.text().contains("nothing was stored"),
            "{}",
            r.text()
        );
        let undated = [("status", "in-place"), ("statement", statement)];
        let r = post_multipart(&app, &answer, &resident, true, &undated, &file).await;
        assert!(r.text().contains("effective_date"), "{}", r.text());
        let stored = app
            .get(&format!("/api/v1/projects/{id}/requests/{rq}"), &resident)
            .await
            .json();
        assert_eq!(stored["answers"].as_array().unwrap().len(), 0, "{stored}");
        assert_eq!(stored["evidence"].as_array().unwrap().len(), 0, "{stored}");
        // An empty file input (no file chosen) sends a part without a name: just the answer.
        let r = post_multipart(
            &app,
            &answer,
            &resident,
            true,
            &[("status", "planned"), ("statement", "soon")],
            &[("file", "", "application/octet-stream", b"")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = post_multipart(&app, &answer, &resident, true, &fields, &file).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let stored = app
            .get(&format!("/api/v1/projects/{id}/requests/{rq}"), &resident)
            .await
            .json();
        let evidence = &stored["evidence"][0];
        assert_eq!(stored["evidence"].as_array().unwrap().len(), 1, "{stored}");
        assert_eq!(evidence["file_name"], "update report.pdf");
        assert_eq!(evidence["effective_date"], "2026-11-30");
        assert_eq!(evidence["uploaded_by"], "res@example.com");
        assert_eq!(evidence["size"], report.len());
        let sha = evidence["sha256"].as_str().unwrap().to_string();
        let digest: String = sha2::Sha256::digest(report)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sha, digest);
        // The page shows the file with its hash, date and uploader; the download link is the
        // API's, checked per object: the resident gets the bytes, the other organisation 404.
        let inbox = app.get(&page, &resident).await.text();
        let link = format!(
            "/api/v1/projects/{id}/requests/{rq}/evidence/{}",
            evidence["id"]
        );
        for shown in [
            &link,
            &sha,
            "2026-11-30",
            "res@example.com",
            "update report.pdf",
        ] {
            assert!(inbox.contains(shown), "{shown}: {inbox}");
        }
        let (resident_cookie, _) = cookie(&resident);
        let r = app.get(&link, &Auth::CookieOnly(resident_cookie)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body, report);
        assert_eq!(r.headers["x-content-sha256"], sha.as_str());
        let (outsider_cookie, _) = cookie(&outsider);
        let r = app.get(&link, &Auth::CookieOnly(outsider_cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let uploads = audited(&app, &owner, id, "evidence.upload").await;
        assert_eq!(uploads.len(), 1, "{uploads:?}");
        assert_eq!(uploads[0]["actor"], "res@example.com");

        // The editor sees the answer and applies it as a new revision.
        let mine = app.get(&page, &owner).await.text();
        assert!(mine.contains(statement) && mine.contains("class=\"apply-form\""));
        let dash = app.get(&format!("/projects/{id}"), &owner).await.text();
        assert!(
            dash.contains(&format!("id=\"open-requests\"><a href=\"{page}\">2</a>")),
            "{dash}"
        );
        assert!(dash.contains("id=\"awaiting-approval\""));
        let apply = format!("{page}/{rq}/apply");
        let r = post_form(&app, &apply, &owner, &[("parent", "0")]).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "a stale revision is refused on the page"
        );
        assert!(r.text().contains("role=\"alert\""), "{}", r.text());
        let r = post_form(&app, &apply, &owner, &[("parent", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let history = app
            .get(&format!("/projects/{id}/history"), &owner)
            .await
            .text();
        assert!(
            history.contains(&format!("request {rq}: in-place")),
            "{history}"
        );
        let dash = app.get(&format!("/projects/{id}"), &owner).await.text();
        assert!(
            dash.contains(&format!("id=\"open-requests\"><a href=\"{page}\">1</a>")),
            "{dash}"
        );
    });
}

/// The owner signed in, a project of theirs and its test lab.
async fn owner_project_and_lab(app: &common::App, name: &str) -> (Auth, i64, i64) {
    let (owner, id) = app.owner_and_project(name).await;
    let r = app
        .post_json(
            &format!("/api/v1/projects/{id}/organisations"),
            &owner,
            serde_json::json!({"name": "Test lab", "kind": "lab"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    (owner, id, r.json()["id"].as_i64().unwrap())
}

/// The project's audit entries of one action.
async fn audited(app: &common::App, owner: &Auth, id: i64, action: &str) -> Vec<serde_json::Value> {
    let audit = app
        .get(&format!("/api/v1/projects/{id}/audit"), owner)
        .await
        .json();
    audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

/// A form post in a chosen language (`Accept-Language`), as a browser set to it sends it.
async fn post_form_in(
    app: &common::App,
    lang: &str,
    path: &str,
    auth: &Auth,
    fields: &[(&str, &str)],
) -> common::Response {
    let (cookie, csrf) = cookie(auth);
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    app.send(
        Method::POST,
        path,
        &Auth::CookieOnly(cookie),
        &[("sec-fetch-site", "same-origin"), ("accept-language", lang)],
        common::pages::form(&all),
    )
    .await
}

async fn get_in(app: &common::App, lang: &str, path: &str, auth: &Auth) -> String {
    app.send(Method::GET, path, auth, &[("accept-language", lang)], None)
        .await
        .text()
}

#[tokio::test]
async fn hand_written_requests_are_checked_in_both_languages_and_statuses_are_translated() {
    on_every_backend!(|app| {
        let (owner, id, lab) = owner_project_and_lab(&app, "Camera").await;
        let tester = session_member(
            &app,
            &owner,
            id,
            "lab@example.com",
            "contributor",
            Some(lab),
        )
        .await;
        assert_eq!(
            app.save(id, &owner, None, common::MODEL).await.status,
            StatusCode::CREATED
        );
        let page = format!("/projects/{id}/requests");
        let lab_id = lab.to_string();
        let good = [
            ("organisation", lab_id.as_str()),
            ("subject", "Penetration test"),
            ("text", "Send the report of the penetration test"),
            ("due_on", "2999-03-31"),
        ];
        let with = |field: &str, value: &'static str| {
            good.iter()
                .map(|&(k, v)| if k == field { (k, value) } else { (k, v) })
                .collect::<Vec<_>>()
        };
        // Each refusal names its field (aria-invalid, the message tied to the input) and keeps
        // what was typed; in English and in Japanese.
        let cases = [
            (
                "organisation",
                "",
                "Choose an organisation.",
                "組織を選んでください。",
            ),
            (
                "subject",
                "   ",
                "a request needs a subject",
                "依頼には件名が必要です",
            ),
            (
                "text",
                " ",
                "a request needs a text",
                "依頼には依頼内容が必要です",
            ),
            ("due_on", "2001-01-01", "is in the past", "は過去の日付です"),
            (
                "due_on",
                "31/03/2999",
                "is a date YYYY-MM-DD",
                "は日付(YYYY-MM-DD)にしてください",
            ),
        ];
        for (field, value, en, ja) in cases {
            let fields = with(field, value);
            let r = post_form_in(&app, "en", &page, &owner, &fields).await;
            assert_eq!(r.status, StatusCode::OK, "{field}");
            let html = r.text();
            assert!(html.contains(en), "{field}: {html}");
            let input = match field {
                "due_on" => "due",
                f => f,
            };
            assert!(
                html.contains(&format!(
                    "aria-invalid=\"true\" aria-describedby=\"new-request-{input}-error\""
                )),
                "{field}: {html}"
            );
            if field != "text" {
                assert!(
                    html.contains("Send the report of the penetration test"),
                    "kept"
                );
            }
            let html = post_form_in(&app, "ja", &page, &owner, &fields)
                .await
                .text();
            assert!(html.contains(ja), "{field}: {html}");
        }
        let requests = app
            .get(&format!("/api/v1/projects/{id}/requests"), &owner)
            .await
            .json();
        assert_eq!(requests["requests"].as_array().unwrap().len(), 0);

        // Only owners and editors send requests, and only with the session's CSRF token.
        let r = post_form(&app, &page, &tester, &good).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let (owner_cookie, _) = cookie(&owner);
        let r = app
            .send(
                Method::POST,
                &page,
                &Auth::CookieOnly(owner_cookie),
                &[("sec-fetch-site", "same-origin")],
                common::pages::form(&good),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = post_form(&app, &page, &owner, &good).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

        // The lab's contributor sees it with its due date; statuses in the page language.
        let en = get_in(&app, "en", &page, &tester).await;
        assert!(
            en.contains("Penetration test") && en.contains("2999-03-31"),
            "{en}"
        );
        assert!(en.contains("data-status=\"open\">open</strong>"), "{en}");
        assert!(en.contains("<option value=\"partly-done\">partly done</option>"));
        let ja = get_in(&app, "ja", &page, &tester).await;
        assert!(ja.contains("data-status=\"open\">未回答</strong>"), "{ja}");
        assert!(
            ja.contains("<option value=\"partly-done\">一部対応済み</option>"),
            "{ja}"
        );
        assert!(
            ja.contains("<option value=\"not-applicable\">適用外</option>"),
            "{ja}"
        );
        let rq = app
            .get(&format!("/api/v1/projects/{id}/requests"), &owner)
            .await
            .json()["requests"][0]["id"]
            .as_i64()
            .unwrap();
        let r = post_multipart(
            &app,
            &format!("{page}/{rq}/answer"),
            &tester,
            true,
            &[
                ("status", "partly-done"),
                ("statement", "Half of the tests run"),
            ],
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let ja = get_in(&app, "ja", &page, &owner).await;
        assert!(
            ja.contains("data-status=\"answered\">回答済み</strong>"),
            "{ja}"
        );
        assert!(
            ja.contains("<td data-status=\"partly-done\">一部対応済み</td>"),
            "{ja}"
        );
        // A request written by hand names no place in the model: nothing to apply.
        assert!(!ja.contains("class=\"apply-form\""), "{ja}");
    });
}

#[tokio::test]
async fn the_organisations_page_is_for_owners_and_lists_who_belongs_where() {
    on_every_backend!(|app| {
        let (owner, id) = app.owner_and_project("Water heater").await;
        let other = app.project(&owner, "Other").await;
        let page = format!("/projects/{id}/organisations");
        let r = post_form(
            &app,
            &page,
            &owner,
            &[
                ("name", "Residents"),
                ("kind", "operator"),
                ("stakeholder", "resident"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let orgs = app
            .get(&format!("/api/v1/projects/{id}/organisations"), &owner)
            .await
            .json();
        let residents = &orgs["organisations"][0];
        assert_eq!(residents["stakeholder"], "resident");
        assert_eq!(residents["kind"], "operator");
        let org = residents["id"].as_i64().unwrap();
        let resident = session_member(
            &app,
            &owner,
            id,
            "res@example.com",
            "contributor",
            Some(org),
        )
        .await;
        let editor = session_member(&app, &owner, id, "ed@example.com", "editor", None).await;
        let reviewer = session_member(&app, &owner, id, "rev@example.com", "reviewer", None).await;
        app.user("admin@example.com", true).await;
        let admin = app
            .sign_in("admin@example.com", "correct horse battery")
            .await
            .unwrap();
        app.user("stranger@example.com", false).await;
        let stranger = app
            .sign_in("stranger@example.com", "correct horse battery")
            .await
            .unwrap();

        // Owners and instance admins only; a non-member learns nothing (404).
        for (who, auth, status) in [
            ("owner", &owner, StatusCode::OK),
            ("admin", &admin, StatusCode::OK),
            ("editor", &editor, StatusCode::FORBIDDEN),
            ("reviewer", &reviewer, StatusCode::FORBIDDEN),
            ("contributor", &resident, StatusCode::FORBIDDEN),
            ("non-member", &stranger, StatusCode::NOT_FOUND),
        ] {
            assert_eq!(app.get(&page, auth).await.status, status, "{who}");
            let tab = app.get(&format!("/projects/{id}"), auth).await.text();
            assert_eq!(
                tab.contains(&format!("href=\"{page}\"")),
                status == StatusCode::OK,
                "{who}: the tab"
            );
        }
        let r = post_form(&app, &page, &editor, &[("name", "X"), ("kind", "lab")]).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "editors add through the API, not here"
        );

        // The list: kind, stakeholder, who belongs; in Japanese too.
        let html = app.get(&page, &owner).await.text();
        assert!(html.contains("res@example.com (contributor)"), "{html}");
        assert!(html.contains("<code>resident</code>") && html.contains(">operator<"));
        let ja = get_in(&app, "ja", &page, &owner).await;
        assert!(ja.contains("res@example.com (コントリビューター)") && ja.contains(">運用者<"));

        // A name taken is refused beside the form, keeping the input; so is a blank one.
        let r = post_form(
            &app,
            &page,
            &owner,
            &[("name", "Residents"), ("kind", "maker")],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains("exists in this project")
                && r.text()
                    .contains("aria-describedby=\"organisation-form-error\""),
            "{}",
            r.text()
        );
        let r = post_form_in(
            &app,
            "ja",
            &page,
            &owner,
            &[("name", " "), ("kind", "maker")],
        )
        .await;
        assert!(
            r.text().contains("組織名は 1〜200 文字にしてください"),
            "{}",
            r.text()
        );
        let r = post_form(
            &app,
            &page,
            &owner,
            &[("name", "Makers"), ("kind", "maker")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);

        // Rename: audited; a taken name is refused at that row; another project's is 404.
        let rename = format!("{page}/{org}/rename");
        let r = post_form(&app, &rename, &owner, &[("name", "Households")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = post_form(&app, &rename, &owner, &[("name", "Makers")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text()
                .contains(&format!("aria-describedby=\"rename-{org}-error\"")),
            "{}",
            r.text()
        );
        let r = post_form(&app, &rename, &editor, &[("name", "Mine")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let foreign = format!("/projects/{other}/organisations/{org}/rename");
        let r = post_form(&app, &foreign, &owner, &[("name", "Stolen")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let (owner_cookie, _) = cookie(&owner);
        let r = app
            .send(
                Method::POST,
                &rename,
                &Auth::CookieOnly(owner_cookie),
                &[("sec-fetch-site", "same-origin")],
                common::pages::form(&[("name", "No token")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let html = app.get(&page, &owner).await.text();
        assert!(html.contains("value=\"Households\"") && !html.contains("Stolen"));
        let members = app
            .get(&format!("/projects/{id}/members"), &owner)
            .await
            .text();
        assert!(members.contains("<td>Households</td>"), "{members}");
        let renames = audited(&app, &owner, id, "organisation.rename").await;
        assert_eq!(renames.len(), 1, "{renames:?}");
        assert_eq!(renames[0]["detail"]["from"], "Residents");
        assert_eq!(renames[0]["detail"]["to"], "Households");
    });
}

#[tokio::test]
async fn an_evidence_file_over_the_size_limit_is_refused_and_nothing_is_stored() {
    for url in common::database_urls().await {
        let config = cpsrisk_server::Config {
            max_body_bytes: 64 * 1024,
            ..cpsrisk_server::Config::default()
        };
        let app = common::App::with_config(&url, config).await;
        let (owner, id, lab) = owner_project_and_lab(&app, "Big files").await;
        app.save(id, &owner, None, common::MODEL).await;
        let r = app
            .post_json(
                &format!("/api/v1/projects/{id}/requests"),
                &owner,
                serde_json::json!({"organisation": lab, "subject": "Report", "text": "Send it"}),
            )
            .await;
        let rq = r.json()["id"].as_i64().unwrap();
        let big = vec![b'x'; 100 * 1024];
        let r = post_multipart(
            &app,
            &format!("/projects/{id}/requests/{rq}/answer"),
            &owner,
            true,
            &[
                ("status", "done"),
                ("statement", "attached"),
                ("effective_date", "2026-11-30"),
            ],
            &[("file", "big.bin", "application/octet-stream", &big)],
        )
        .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", app.backend());
        assert!(
            r.text().contains("larger than this server accepts"),
            "{}",
            r.text()
        );
        let stored = app
            .get(&format!("/api/v1/projects/{id}/requests/{rq}"), &owner)
            .await
            .json();
        assert_eq!(stored["answers"].as_array().unwrap().len(), 0);
        assert_eq!(stored["evidence"].as_array().unwrap().len(), 0);
    }
}
