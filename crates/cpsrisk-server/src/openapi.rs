//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use utoipa::OpenApi;

use crate::{
    accounts, approvals, audit, evidence, members, organisations, projects, requests, revisions,
    roles, sessions,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cpsrisk workbench",
        description = "A shared, versioned, signed-off record of cyber-physical security assessments."
    ),
    paths(
        crate::healthz,
        sessions::sign_in,
        sessions::sign_out,
        sessions::change_password,
        accounts::get_account,
        accounts::post_token,
        accounts::post_user,
        projects::create,
        projects::list,
        projects::get,
        members::put,
        members::list,
        organisations::create,
        organisations::list,
        organisations::rename,
        revisions::create,
        revisions::list,
        revisions::get,
        revisions::report,
        revisions::diff,
        approvals::create,
        approvals::list,
        approvals::changes,
        requests::create,
        requests::from_assessment,
        requests::list,
        requests::get,
        requests::answer,
        requests::get_proposal,
        requests::apply,
        evidence::upload,
        evidence::download,
        audit::project_audit,
        audit::instance_audit,
    ),
    components(schemas(roles::Role, accounts::Scope))
)]
pub struct ApiDoc;

pub async fn document() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
