//! The browser pages without a browser: security headers, the CSRF field of forms, the
//! language choice, role-dependent controls, and saving through the editor form — on SQLite
//! and, with `PG_URL`, PostgreSQL. The real-browser test is cpsrisk-cli/tests/browser.rs.

mod common;

use axum::http::{Method, StatusCode};
use common::Auth;
use common::pages::{cookie, form, post_form, session_member};

#[tokio::test]
async fn pages_are_safe_bilingual_and_follow_roles() {
    on_every_backend!(|app| {
        app.user("owner@example.com", false).await;
        app.user("viewer@example.com", false).await;
        let owner = app
            .sign_in("owner@example.com", "correct horse battery")
            .await
            .unwrap();
        let (owner_cookie, owner_csrf) = cookie(&owner);
        let browser = |c: &str| Auth::CookieOnly(c.to_string());
        let same_origin = [("sec-fetch-site", "same-origin")];

        // Signed out: sent to the sign-in page, which has the pages' headers.
        let r = app.get("/projects", &Auth::None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.headers["location"], "/signin");
        let r = app.get("/signin", &Auth::None).await;
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["referrer-policy"], "no-referrer");
        let html = r.text();
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=").count()
        );

        // Language: Accept-Language first, the cookie overrides it.
        let ja = app
            .send(
                Method::GET,
                "/signin",
                &Auth::None,
                &[("accept-language", "ja-JP,ja;q=0.9")],
                None,
            )
            .await;
        assert!(ja.text().contains("<html lang=\"ja\">") && ja.text().contains("サインイン"));
        let en = app
            .send(
                Method::GET,
                "/signin",
                &Auth::None,
                &[("accept-language", "ja"), ("cookie", "cpsrisk_lang=en")],
                None,
            )
            .await;
        assert!(en.text().contains("<html lang=\"en\">") && en.text().contains("Sign in"));
        // Every page has the progress notice (shown by progress.js and a CSS delay after a
        // second), labelled in the page language.
        for (page, label) in [(&ja, "処理中…"), (&en, "Working…")] {
            assert!(
                page.text().contains(&format!(
                    "<div id=\"busy\" class=\"busy\" role=\"status\" aria-live=\"polite\" data-label=\"{label}\"></div>"
                )),
                "{}",
                page.text()
            );
            assert!(
                page.text()
                    .contains("<script src=\"/assets/progress.js\" defer>")
            );
        }
        let script = app.get("/assets/progress.js", &Auth::None).await;
        assert_eq!(script.status, StatusCode::OK);
        assert!(
            script.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript")
        );
        let css = app.get("/assets/app.css", &Auth::None).await.text();
        assert!(css.contains(".busy.active { animation: appear 0s linear 1s forwards; }"));
        let switch = app.get("/lang/ja?back=//evil.example/", &Auth::None).await;
        assert_eq!(switch.headers["location"], "/", "only local paths");

        // A form without the CSRF field is refused; with it the project is created.
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &same_origin,
                form(&[("name", "P")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &same_origin,
                form(&[("csrf", &owner_csrf), ("name", "Door lock")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let edit = r.headers["location"].to_str().unwrap().to_string();
        let id: i64 = edit.split('/').nth(2).unwrap().parse().unwrap();
        // The right token from another site is still refused.
        let r = app
            .send(
                Method::POST,
                "/projects",
                &browser(&owner_cookie),
                &[("sec-fetch-site", "cross-site")],
                form(&[("csrf", &owner_csrf), ("name", "X")]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The editor form: a typo is diagnosed at its line, a valid model is saved.
        let typo = common::MODEL.replacen("applying_entity: maker", "applying_entity: makr", 1);
        let line = typo.lines().position(|l| l.contains("makr")).unwrap() + 1;
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/validate"),
                &browser(&owner_cookie),
                &same_origin,
                form(&[("csrf", &owner_csrf), ("content", &typo)]),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains(&format!("data-line=\"{line}\"")),
            "{}",
            r.text()
        );
        assert!(
            r.text().contains("data-replacement=\"maker\""),
            "{}",
            r.text()
        );
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/save"),
                &browser(&owner_cookie),
                &same_origin,
                form(&[
                    ("csrf", &owner_csrf),
                    ("parent", "0"),
                    ("message", "first"),
                    ("content", common::MODEL),
                ]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let dash = app.get(&format!("/projects/{id}"), &owner).await;
        assert!(
            dash.text().contains("<svg"),
            "the dashboard shows the risk map"
        );
        assert!(
            !dash.text().contains(" style="),
            "no inline style: the CSP would refuse it"
        );

        // A viewer reads without edit controls and cannot save, even with its own token.
        app.put_json(
            &format!("/api/v1/projects/{id}/members"),
            &owner,
            serde_json::json!({"email": "viewer@example.com", "role": "viewer"}),
        )
        .await;
        let viewer = app
            .sign_in("viewer@example.com", "correct horse battery")
            .await
            .unwrap();
        let (viewer_cookie, viewer_csrf) = cookie(&viewer);
        let page = app
            .get(&format!("/projects/{id}/edit"), &viewer)
            .await
            .text();
        assert!(page.contains("readonly") && !page.contains("id=\"save\""));
        let r = app
            .send(
                Method::POST,
                &format!("/projects/{id}/save"),
                &browser(&viewer_cookie),
                &same_origin,
                form(&[
                    ("csrf", &viewer_csrf),
                    ("parent", "1"),
                    ("content", common::MODEL),
                ]),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    });
}

#[tokio::test]
async fn audit_page_filters_by_who_what_and_when() {
    on_every_backend!(|app| {
        let (owner, id) = app.owner_and_project("Door lock").await;
        let r = app.save(id, &owner, None, common::MODEL).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let base = format!("/projects/{id}/audit");

        let page = app.get(&base, &owner).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(
            html.contains(&format!("href=\"{base}\" aria-current=\"page\"")),
            "a project tab"
        );
        assert!(
            html.contains("<td>project.create</td>") && html.contains("<td>revision.save</td>")
        );
        assert!(html.contains(&format!("/api/v1/projects/{id}/audit?format=csv")));
        assert!(html.contains(&format!("/api/v1/projects/{id}/audit?format=jsonl")));
        assert!(html.contains("id=\"audit-count\">2 / 2<"), "{html}");

        // What: one action; who: nobody matches; when: today only, then a day long past.
        // What, who (part of the e-mail, any case) and when (UTC days, inclusive).
        let today = time::OffsetDateTime::now_utc().date().to_string();
        for (query, shown) in [
            ("action=revision.save".to_string(), 1),
            ("who=someone-else".to_string(), 0),
            ("who=OWNER%40".to_string(), 2),
            (format!("since={today}&until={today}"), 2),
            ("until=2000-01-01".to_string(), 0),
        ] {
            let html = app.get(&format!("{base}?{query}"), &owner).await.text();
            let count = format!("id=\"audit-count\">{shown} / 2<");
            assert!(html.contains(&count), "{query}: {html}");
            assert_eq!(html.matches("<tr><td>").count(), shown, "{query}");
        }
        let html = app
            .get(&format!("{base}?since=yesterday"), &owner)
            .await
            .text();
        assert!(
            html.contains("role=\"alert\"") && html.contains("yesterday"),
            "{html}"
        );

        // The export links work with the browser's cookie alone.
        let Auth::Session { cookie, .. } = &owner else {
            unreachable!()
        };
        let csv = app
            .get(
                &format!("/api/v1/projects/{id}/audit?format=csv"),
                &Auth::CookieOnly(cookie.clone()),
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.text().starts_with("seq,at,actor,action"));

        // Someone outside the project cannot read it.
        app.user("stranger@example.com", false).await;
        let stranger = app
            .sign_in("stranger@example.com", "correct horse battery")
            .await
            .unwrap();
        assert_ne!(app.get(&base, &stranger).await.status, StatusCode::OK);
    });
}

#[tokio::test]
async fn review_approves_and_accepts_and_the_dashboard_shows_changed_since() {
    on_every_backend!(|app| {
        let (owner, id) = app.owner_and_project("Smart lock").await;
        let reviewer = session_member(&app, &owner, id, "rev@example.com", "reviewer", None).await;
        let viewer = session_member(&app, &owner, id, "view@example.com", "viewer", None).await;
        assert_eq!(
            app.save(id, &owner, None, common::MODEL).await.status,
            StatusCode::CREATED
        );
        let review = format!("/projects/{id}/revisions/1/review");

        // The report page links the review and the interchange downloads, which work.
        let report = app
            .get(&format!("/projects/{id}/revisions/1"), &owner)
            .await
            .text();
        assert!(report.contains(&format!("href=\"{review}\"")));
        for format in ["sarif", "oscal", "oscal-poam", "otm"] {
            let link = format!("/api/v1/projects/{id}/revisions/1/report?format={format}");
            assert!(report.contains(&link), "{format}");
            let (cookie, _) = cookie(&owner);
            let r = app.get(&link, &Auth::CookieOnly(cookie)).await;
            assert_eq!(r.status, StatusCode::OK, "{format}: {}", r.text());
            assert!(r.json().is_object(), "{format}");
        }

        // A viewer sees no approval controls and cannot approve by posting anyway.
        let page = app.get(&review, &viewer).await.text();
        assert!(!page.contains("id=\"approve-plan\""));
        let r = post_form(&app, &review, &viewer, &[("kind", "treatment-plan")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The reviewer: the residual risks of this revision to choose from.
        let page = app.get(&review, &reviewer).await.text();
        assert!(
            page.contains("id=\"approve-plan\"")
                && page.contains("<option value=\"lock/tampering\">")
        );
        let r = post_form(&app, &review, &reviewer, &[("kind", "treatment-plan")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let accept = [
            ("kind", "risk-acceptance"),
            ("subject", "lock/tampering"),
            ("reason", "short range only"),
        ];
        let mut past = accept.to_vec();
        past.push(("expires_on", "2001-01-01"));
        let r = post_form(&app, &review, &reviewer, &past).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.text().contains("role=\"alert\"") && r.text().contains("expires_on"),
            "{}",
            r.text()
        );
        let mut future = accept.to_vec();
        future.push(("expires_on", "2999-01-01"));
        let r = post_form(&app, &review, &reviewer, &future).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());

        let dash = app.get(&format!("/projects/{id}"), &viewer).await.text();
        assert_eq!(dash.matches(">approved at 1</a>").count(), 2, "{dash}");
        assert!(dash.contains("short range only") && dash.contains("2999-01-01"));
        assert_eq!(
            app.save(id, &owner, Some(1), &common::model_v2())
                .await
                .status,
            StatusCode::CREATED
        );
        let dash = app
            .send(
                Method::GET,
                &format!("/projects/{id}"),
                &viewer,
                &[("cookie", "cpsrisk_lang=ja")],
                None,
            )
            .await
            .text();
        assert_eq!(
            dash.matches("リビジョン 1 で承認、その後変更あり").count(),
            2,
            "{dash}"
        );
    });
}
