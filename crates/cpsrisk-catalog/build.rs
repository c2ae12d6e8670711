//! Compiles the catalogs for the binary. People edit and review them as YAML under `catalogs/`;
//! the binary embeds each as JSON, which every run reads about ten times faster (a run that
//! needs the IoT-SSF catalogs spent 15 ms of a 18 ms start reading their YAML).

use std::path::Path;
use std::{env, fs};

fn main() {
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalogs");
    println!("cargo::rerun-if-changed={}", catalogs.display());
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogs");
    for framework in ["iot-ssf", "dmf", "conformance"] {
        fs::create_dir_all(out.join(framework)).expect("OUT_DIR is writable");
        let dir = catalogs.join(framework);
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Key order is kept (serde_json's `preserve_order`), so the JSON is the YAML's data
            // in the YAML's order; a type a value cannot have fails the crate's tests at load.
            let data: serde_json::Value =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // `requirements.yaml` → `requirements.yaml.json`: the source's name stays visible.
            let mut name = path.file_name().expect("a file name").to_owned();
            name.push(".json");
            let target = out.join(framework).join(name);
            fs::write(
                &target,
                serde_json::to_string(&data).expect("JSON serialises"),
            )
            .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}
