//! Static files, compiled into the binary: no CDN, nothing fetched at run time.
//! htmx 2.0.11 is the minified file of the npm package `htmx.org@2.0.11` (0BSD, licence in
//! assets/htmx-LICENSE), SHA-256 d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "htmx-2.0.11.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/htmx-2.0.11.min.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/app.css"),
    ),
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/editor.js"),
    ),
    (
        "progress.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/progress.js"),
    ),
];

pub async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, media, bytes)) => (
            [
                (header::CONTENT_TYPE, *media),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
