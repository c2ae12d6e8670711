//! `cpsrisk-synth [--dmf | --conformance] [--json] N`: prints a synthetic model to standard
//! output, for whole-command timings such as
//! `cpsrisk-synth 100000 > /tmp/m.yaml; cpsrisk assess /tmp/m.yaml --format json`.
//!
//! N counts devices (IoT-SSF, the default), events (`--dmf`) or evidence entries
//! (`--conformance`). `--json` writes the same model as JSON.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: cpsrisk-synth [--dmf | --conformance] [--json] SIZE   (devices, events or evidence entries, e.g. 100000)";

fn main() -> ExitCode {
    let mut engine = "iot-ssf";
    let mut json = false;
    let mut size = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--dmf" => engine = "dmf",
            "--conformance" => engine = "conformance",
            "--json" => json = true,
            n => size = n.replace('_', "").parse::<usize>().ok().filter(|&n| n > 0),
        }
    }
    let Some(size) = size else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let yaml = match engine {
        "dmf" => cpsrisk_bench::dmf::synthetic_dmf_yaml(size),
        "conformance" => cpsrisk_bench::conformance::synthetic_conformance_yaml(size),
        _ => cpsrisk_bench::synthetic_model_yaml(size),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if json {
        match serde_saphyr::from_str_with_options::<serde_json::Value>(
            &yaml,
            serde_saphyr::options! { budget: None },
        ) {
            Ok(value) => serde_json::to_writer_pretty(&mut out, &value)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n")),
            Err(e) => {
                eprintln!("cpsrisk-synth: the generated YAML does not parse: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        out.write_all(yaml.as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cpsrisk-synth: cannot write the model: {e}");
            ExitCode::FAILURE
        }
    }
}
