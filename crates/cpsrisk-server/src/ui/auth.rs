//! Sign-in, sign-out and password change pages, around the session functions of the API.

use askama::Template;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cpsrisk_catalog::Lang;
use serde::Deserialize;

use super::i18n::Msg;
use super::page::{Page, Signed, UiLang, error, render};
use crate::AppState;
use crate::body::StrictJson;
use crate::sessions::{self, PasswordChange, SignIn};

/// Passes the session cookie the API set (or cleared) on to the page's response.
fn keep_cookie(api: &Response, response: &mut Response) {
    if let Some(cookie) = api.headers().get(header::SET_COOKIE) {
        response
            .headers_mut()
            .insert(header::SET_COOKIE, cookie.clone());
    }
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    page: Page,
    email: String,
    problem: Option<String>,
    notice: Option<String>,
}

fn anonymous(lang: Lang, title: Msg) -> Page {
    Page {
        lang,
        email: None,
        csrf: String::new(),
        path: "/signin".to_string(),
        title: title.text(lang).to_string(),
    }
}

pub async fn sign_in_page(UiLang(lang): UiLang) -> Response {
    render(&SignInPage {
        page: anonymous(lang, Msg::SignIn),
        email: String::new(),
        problem: None,
        notice: None,
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
}

/// Signs in with the API's own function and hands its session cookie to the browser.
pub async fn sign_in(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Response {
    let email = f.email.clone();
    let body = SignIn {
        email: f.email,
        password: f.password,
    };
    match sessions::sign_in(State(state), headers, StrictJson(body)).await {
        Ok(api) => {
            let mut response = Redirect::to("/projects").into_response();
            keep_cookie(&api, &mut response);
            response
        }
        Err(e) => (
            e.status,
            render(&SignInPage {
                page: anonymous(lang, Msg::SignIn),
                email,
                problem: Some(e.message(lang).to_string()),
                notice: None,
            }),
        )
            .into_response(),
    }
}

pub async fn sign_out(State(state): State<AppState>, signed: Signed) -> Response {
    let lang = signed.page.lang;
    match sessions::sign_out(State(state), signed.caller).await {
        Ok(api) => {
            let mut response = Redirect::to("/signin").into_response();
            keep_cookie(&api, &mut response);
            response
        }
        Err(e) => error(e, lang),
    }
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    page: Page,
    problem: Option<String>,
}

pub async fn password_page(signed: Signed) -> Response {
    let lang = signed.page.lang;
    render(&PasswordPage {
        page: signed.titled(Msg::ChangePassword.text(lang)).page,
        problem: None,
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// Changes the password with the API's function; every session ends, so the user signs in
/// again.
pub async fn change_password(
    State(state): State<AppState>,
    signed: Signed,
    Form(f): Form<PasswordForm>,
) -> Response {
    let lang = signed.page.lang;
    let body = PasswordChange {
        current_password: f.current_password,
        new_password: f.new_password,
    };
    match sessions::change_password(State(state), signed.caller, StrictJson(body)).await {
        Ok(api) => {
            let mut response = render(&SignInPage {
                page: anonymous(lang, Msg::SignIn),
                email: String::new(),
                problem: None,
                notice: Some(Msg::PasswordChanged.text(lang).to_string()),
            });
            keep_cookie(&api, &mut response);
            response
        }
        Err(e) if e.status != StatusCode::FORBIDDEN => {
            let problem = Some(e.message(lang).to_string());
            let page = Page {
                title: Msg::ChangePassword.text(lang).to_string(),
                ..signed.page
            };
            (e.status, render(&PasswordPage { page, problem })).into_response()
        }
        Err(e) => error(e, lang),
    }
}
