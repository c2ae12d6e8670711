//! What the model crate's integration tests share.

use std::path::{Path, PathBuf};

/// The example models under `examples/`, one per case, in a stable order.
pub fn example_models() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut models = Vec::new();
    for engine in std::fs::read_dir(&root).expect("examples/") {
        for case in std::fs::read_dir(engine.unwrap().path()).unwrap() {
            let model = case.unwrap().path().join("model.yaml");
            if model.exists() {
                models.push(model);
            }
        }
    }
    models.sort();
    assert!(models.len() >= 10, "found {} example models", models.len());
    models
}
